"""`cchc index766 --unit CODE --from YYYY-MM-DD --to YYYY-MM-DD [--by month] --format json`."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cchc import periods
from cchc.index766.board import build
from cchc.indicators.management.commands.indicators import _date
from cchc.org.models import Unit


class Command(BaseCommand):
    help = "Print a unit's service index (766) over a window: groups, criteria, points."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="unit code")
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        parser.add_argument("--by", choices=["month"], help="also give each month")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, **options) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError(_("--to is before --from."))
        try:
            period = periods.checked_window(start, end)
        except periods.WindowError as exc:
            raise CommandError(f"{exc}.") from None
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("No unit has the code '%(code)s'.") % {"code": options["unit"]})
        board = build(unit, period)
        result = board.score.as_dict()
        if options["by"] == "month":
            result["months"] = {key: s.as_dict() for key, s in board.months}
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self._table(result)

    def _table(self, result: dict) -> None:
        no_data = _("no data")
        total = result["total"]
        self.stdout.write(
            f"{result['unit']} {result['from']} – {result['to']} (v{result['version']}): "
            f"{no_data if total is None else f'{total:.2f}'} / {result['max']:.2f}"
        )
        for group in result["groups"]:
            points = group["points"]
            shown = no_data if points is None else f"{points:.2f}"
            self.stdout.write(f"  {group['name']}: {shown} / {group['max']:.2f}")
            for item in group["criteria"]:
                rate = no_data if item["points"] is None else f"{item['points']:.2f}"
                self.stdout.write(f"    {item['name']:<60} {rate:>14} / {item['max']:.2f}")
