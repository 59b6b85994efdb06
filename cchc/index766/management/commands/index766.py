"""`cchc index766 --unit CODE --from YYYY-MM-DD --to YYYY-MM-DD [--by month] --format json`."""

from __future__ import annotations

import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cchc import periods
from cchc.console import BaseCommand
from cchc.core.arguments import add_window_arguments, window_of
from cchc.index766.board import build


class Command(BaseCommand):
    help = (
        "In Bộ chỉ số phục vụ người dân, doanh nghiệp (766) của đơn vị trong khoảng thời "
        "gian: nhóm, tiêu chí, điểm."
    )

    def add_arguments(self, parser) -> None:
        add_window_arguments(parser)

    def handle(self, *args, **options) -> None:
        unit, start, end = window_of(options)
        try:
            period = periods.checked_window(start, end)
        except periods.WindowError as exc:
            raise CommandError(f"{exc}.") from None
        board = build(unit, period)
        result = board.score.as_dict()
        result["unit"] = options["unit"]  # as named: its code or its e-ID code (contract v2)
        if options["by"] == "month":
            result["months"] = {key: s.as_dict() for key, s in board.months}
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self._table(result)

    def _table(self, result: dict) -> None:
        no_data = _("no data yet")
        total = result["total"]
        # no criterion measured: no score, whatever the points for nothing to handle (0163)
        measured = result["measured_criteria"]
        shown = f"{total:.2f} / {result['max']:.2f}" if measured else no_data
        coverage = _(
            "%(measured)s of %(count)s criteria measured (%(points)s of %(full)s points)"
        ) % {
            "measured": measured,
            "count": result["criteria_count"],
            "points": f"{result['measured_max']:.2f}",
            "full": f"{result['full_max']:.2f}",
        }
        self.stdout.write(
            f"{result['unit']} {result['from']} – {result['to']} (v{result['version']}): "
            f"{shown} — {coverage}"
        )
        for group in result["groups"]:
            points = group["points"]
            shown = no_data if points is None else f"{points:.2f}"
            self.stdout.write(f"  {group['name']}: {shown} / {group['max']:.2f}")
            for item in group["criteria"]:
                missing = (
                    _("not entered")
                    if item.get("entered") and item["denominator"] is None
                    else no_data
                )
                rate = missing if item["points"] is None else f"{item['points']:.2f}"
                self.stdout.write(f"    {item['name']:<60} {rate:>14} / {item['max']:.2f}")
