"""What the indicator page and its Excel file show: one table built once, read by both.

For a unit and a period: every current indicator over the whole period, the same for each
month of it, and the units directly below side by side (each rolled up over its own units),
sortable by any indicator. Missing data stays `None` all the way to the page, where it reads
"không có dữ liệu" — never 0% or 100%.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from cchc import periods
from cchc.formats.inputs import typed_day
from cchc.org.in_force import last_day
from cchc.org.models import Unit

from . import engine
from .models import IndicatorDefinition


@dataclass
class Row:
    definition: IndicatorDefinition
    total: engine.Value
    months: list[engine.Value] = field(default_factory=list)

    @staticmethod
    def shown_for(definition: IndicatorDefinition, value: engine.Value) -> float | None:
        """The figure a person reads: the rate, or for a count the count; None without data."""
        if not value.has_data:
            return None
        return value.value if definition.is_rate else float(value.numerator)

    def shown(self, value: engine.Value) -> float | None:
        return self.shown_for(self.definition, value)


@dataclass
class BelowRow:
    unit: Unit
    values: dict[str, engine.Value]
    has_children: bool


@dataclass
class IndicatorTables:
    unit: Unit
    period: periods.Period
    definitions: list[IndicatorDefinition]
    rows: list[Row]
    month_keys: list[str]
    below: list[BelowRow]
    own: dict[str, engine.Value] | None
    sort: str
    order: str

    @property
    def has_data(self) -> bool:
        return any(row.total.has_data for row in self.rows)

    def shown(self, code: str, value: engine.Value) -> float | None:
        definition = next(d for d in self.definitions if d.code == code)
        return Row.shown_for(definition, value)


def build_tables(
    unit: Unit, period: periods.Period, *, sort: str = "", order: str = ""
) -> IndicatorTables:
    indicators = engine.definitions()
    # the breakdown's total is the unit's value over the period: the period is read once
    found, by_month = engine.overview(unit, period.start, period.end, indicators)
    below_values, own, total = found
    rows = [Row(d, total[d.code], [by_month[key][d.code] for key in by_month]) for d in indicators]
    with_children = set(
        Unit.objects.filter(parent__in=[u for u, _v in below_values]).values_list(
            "parent_id", flat=True
        )
    )
    below = [BelowRow(u, v, u.pk in with_children) for u, v in below_values]
    codes = {d.code: d for d in indicators}
    if sort not in codes:
        sort = ""
    if order not in ("asc", "desc"):
        # worst first: the lowest of a higher-is-better indicator, the highest of the others
        order = (
            "desc"
            if sort and codes[sort].direction == IndicatorDefinition.Direction.LOWER
            else "asc"
        )
    below = _sorted(below, codes.get(sort), order)
    return IndicatorTables(unit, period, indicators, rows, list(by_month), below, own, sort, order)


def month_axis(keys: list[str], unfinished: str | None, today: dt.date) -> dict:
    """A monthly chart's axis: "03/2024" per month, the month under way (`unfinished`,
    `periods.Period.under_way`) labelled with the day its figures reach, its index for the
    script to draw it dashed, and the words its tooltip adds."""
    to_day = _("to %(day)s") % {"day": f"{today:%d/%m}"}
    return {
        "labels": [
            [f"{key[5:]}/{key[:4]}", to_day] if key == unfinished else f"{key[5:]}/{key[:4]}"
            for key in keys
        ],
        "unfinished": keys.index(unfinished) if unfinished in keys else None,
        "unfinished_label": _("(month not over yet)"),
    }


def _sorted(rows: list[BelowRow], definition, order: str) -> list[BelowRow]:
    if definition is None:
        return sorted(rows, key=lambda r: r.unit.name, reverse=order == "desc")

    def figure(row: BelowRow) -> float | None:
        return Row.shown_for(definition, row.values[definition.code])

    known = [r for r in rows if figure(r) is not None]
    unknown = [r for r in rows if figure(r) is None]
    known.sort(key=lambda r: (figure(r), r.unit.name), reverse=order == "desc")
    # units without data go last whichever way the column is sorted
    return known + sorted(unknown, key=lambda r: r.unit.name)


def _plan_units(unit: Unit) -> Q:
    """Plans whose report windows apply to the unit: its own and its upper levels'."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return Q(plan__unit_id__in=ids or [unit.pk])


def report_windows(unit: Unit, year: int) -> list[periods.Period]:
    from cchc.plans.models import ReportingPeriod

    found = ReportingPeriod.objects.filter(
        _plan_units(unit), plan__year=year, start__isnull=False, end__isnull=False
    ).select_related("plan")
    result, seen = [], set()
    for item in found.order_by("end", "pk"):
        window = periods.report_window(item)
        if window and (window.start, window.end) not in seen:
            seen.add((window.start, window.end))
            result.append(window)
    return result


def period_choices(unit: Unit, year: int) -> list[tuple[str, list[periods.Period]]]:
    """The period picker's groups for a year."""
    calendar = periods.calendar_periods(year)
    groups = [
        (_("Year and since January"), [p for p in calendar if p.kind in ("year", "9m", "6m")]),
        (_("Quarters"), [p for p in calendar if p.kind == "quarter"]),
        (_("Months"), [p for p in calendar if p.kind == "month"]),
    ]
    windows = report_windows(unit, year)
    if windows:
        groups.append((_("Report windows of the plans"), windows))
    return groups


def period_asked(query, unit: Unit, today: dt.date) -> tuple[periods.Period, str]:
    """`period_from` of a page's query: its `period`, or its `from` and `to`."""
    return period_from(
        query.get("period", ""), unit, today, start=query.get("from", ""), end=query.get("to", "")
    )


def period_picker(query, unit: Unit, today: dt.date) -> dict:
    """What a page with the period picker (`indicators/_period_picker.html`) shows: the period
    its query asks for (`period_asked`), the message when that is not one, the picker's groups
    and its years (the last five and the period's own)."""
    period, error = period_asked(query, unit, today)
    return {
        "period": period,
        "period_error": error,
        "choices": period_choices(unit, period.year),
        "years": sorted({*range(today.year, today.year - 5, -1), period.year}, reverse=True),
    }


def period_from(key: str, unit: Unit, today: dt.date, start: str = "", end: str = ""):
    """(period, error message) from the page's `period` key, or from a `from`–`to` pair of
    dates; the current year when neither is given or they are not valid (with a message) — a
    dissolved unit's last year in force."""
    default = periods.whole_year(last_day(unit, today).year)
    key = key.strip()
    if not key and (start or end):
        return _window_typed(start, end, default)
    if not key:
        return default, ""
    try:
        period = periods.parse(key, find_report=_report_row)
    except periods.WindowError as exc:
        return default, _("%(reason)s; the current year is shown.") % {"reason": exc}
    except ValueError:
        return default, _("“%(key)s” is not a period; the current year is shown.") % {"key": key}
    if period.kind == "report" and not _applies(period, unit):
        # a report window of another unit's plan is not this unit's to read
        return default, _("That report window is not one of this unit's plans.")
    return period, ""


def _window_typed(start: str, end: str, default: periods.Period) -> tuple[periods.Period, str]:
    """`period_from` of a `from`–`to` pair typed dd/mm/yyyy (ISO still read: old links)."""
    try:
        low, high = typed_day(start, _("From")), typed_day(end, _("To"))
    except ValidationError as exc:
        return default, _("%(error)s The current year is shown.") % {"error": exc.messages[0]}
    if low is None or high is None:
        return default, _("Give both dates of the window; the current year is shown.")
    if high < low:
        return default, _("The window ends before it starts; the current year is shown.")
    try:
        return periods.checked_window(low, high), ""
    except periods.WindowError as exc:
        return default, _("%(reason)s; the current year is shown.") % {"reason": exc}


def _report_row(pk: int):
    from cchc.plans.models import ReportingPeriod

    return ReportingPeriod.objects.filter(pk=pk).first()


def _applies(period: periods.Period, unit: Unit) -> bool:
    from cchc.plans.models import ReportingPeriod

    return ReportingPeriod.objects.filter(_plan_units(unit), pk=int(period.key[1:])).exists()
