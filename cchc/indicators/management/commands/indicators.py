"""`cchc indicators --unit CODE --from YYYY-MM-DD --to YYYY-MM-DD [--by month] --format json`."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from cchc.console import BaseCommand
from cchc.core.arguments import add_window_arguments, window_of
from cchc.formats import window
from cchc.indicators import engine


class Command(BaseCommand):
    help = "In các chỉ số của đơn vị trong khoảng thời gian (gồm các đơn vị trực thuộc)."

    def add_arguments(self, parser) -> None:
        add_window_arguments(parser)

    def handle(self, *args, **options) -> None:
        unit, start, end = window_of(options)
        by_month = options["by"] == "month"
        result = engine.contract_json(unit, start, end, by_month=by_month, named=options["unit"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        known = {d.code: d for d in engine.definitions()}
        self.stdout.write(f"{unit.name} ({unit.code}) {window(start, end)}")
        for code, item in result["indicators"].items():  # type: ignore[union-attr]
            value, definition = item["value"], known.get(code)
            if definition is not None and not definition.is_rate:
                self.stdout.write(f"  {definition.name:<60} {item['numerator']:>12}")
                continue
            shown = _("no data") if value is None else f"{value:.2f}%"
            name = definition.name if definition else code
            self.stdout.write(
                f"  {name:<60} {shown:>12}  ({item['numerator']}/{item['denominator']})"
            )
