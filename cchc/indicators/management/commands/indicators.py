"""`cchc indicators --unit CODE --from YYYY-MM-DD --to YYYY-MM-DD [--by month] --format json`."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cchc import periods
from cchc.formats import window
from cchc.indicators import engine
from cchc.org.models import Unit


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(_("'%(value)s' is not a date YYYY-MM-DD.") % {"value": text}) from exc


def add_window_arguments(parser) -> None:
    """--unit, --from, --to, --by month, --format: the arguments of the commands that print a
    unit's figures over a window (`cchc indicators`, `cchc index766`)."""
    parser.add_argument("--unit", required=True, help="unit code")
    parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    parser.add_argument("--by", choices=["month"], help="also give each month")
    parser.add_argument("--format", choices=["json", "table"], default="table")


def window_of(options) -> tuple[Unit, dt.date, dt.date]:
    """The unit and window the arguments name; CommandError (in Vietnamese) otherwise."""
    start, end = _date(options["start"]), _date(options["end"])
    if end < start:
        raise CommandError(_("--to is before --from."))
    try:
        periods.check_years(start, end)
    except periods.WindowError as exc:
        raise CommandError(f"{exc}.") from None
    unit = Unit.objects.filter(code=options["unit"]).first()
    if unit is None:
        raise CommandError(_("No unit has the code '%(code)s'.") % {"code": options["unit"]})
    return unit, start, end


class Command(BaseCommand):
    help = "Print a unit's indicators over a window (its units below included)."

    def add_arguments(self, parser) -> None:
        add_window_arguments(parser)

    def handle(self, *args, **options) -> None:
        unit, start, end = window_of(options)
        result = engine.contract_json(unit, start, end, by_month=options["by"] == "month")
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
