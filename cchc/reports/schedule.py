"""Which reports a unit owes, over which window of data, and by when.

Rule: each kind of report (Q1, 6 months, 9 months, year) has the national window — from
15/12 of the year before to the 14th of the period's last month — and is due on the 20th of
that month. A unit's plan for the year overrides both with its imported report schedule
(`plans.ReportingPeriod` of the same kind): its own window when the plan gives one (seed 000:
15/12/2023 → 29/02/2024, due 11/03/2024), its own due date when it gives one. When the plan
gives a due date but no window (seed 002: "before 28/02/2023"), the window ends the day
before the due date if the national one would end later, so data are never counted after
the report is due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext as _

from cchc import periods
from cchc.periods import Period, WindowError

# kind → (name as plans write it, title for a year, period key for a year, last month)
KINDS: dict[str, tuple[str, Callable[[int], str], Callable[[int], str], int]] = {
    "q1": (
        "Quý I",
        lambda y: f"Báo cáo công tác cải cách hành chính quý I năm {y}",
        lambda y: f"{y}-Q1",
        3,
    ),
    "h1": (
        "6 tháng",
        lambda y: f"Báo cáo công tác cải cách hành chính 6 tháng đầu năm {y}",
        lambda y: f"{y}-H1",
        6,
    ),
    "m9": (
        "9 tháng",
        lambda y: f"Báo cáo công tác cải cách hành chính 9 tháng năm {y}",
        lambda y: f"{y}-9M",
        9,
    ),
    "year": (
        "Năm",
        lambda y: f"Báo cáo công tác cải cách hành chính năm {y}",
        lambda y: f"{y}",
        12,
    ),
}

NATIONAL_DUE_DAY = 20


def parse_key(key: str) -> tuple[str, int]:
    """ "2024-Q1" → ("q1", 2024); also YYYY-H1, YYYY-9M and YYYY. ValueError otherwise."""
    text = key.strip().upper()
    year_text, _sep, suffix = text.partition("-")
    kind = {"Q1": "q1", "H1": "h1", "9M": "m9", "": "year"}.get(suffix)
    if kind is None or not year_text.isdigit() or len(year_text) != 4:
        raise ValueError(key)
    year = int(year_text)
    if not periods.FIRST_YEAR <= year <= periods.LAST_YEAR:
        raise ValueError(key)
    return kind, year


def national(kind: str, year: int) -> Period:
    last = KINDS[kind][3]
    return Period(
        KINDS[kind][2](year),
        dt.date(year - 1, 12, 15),
        dt.date(year, last, 14),
        f"{KINDS[kind][0]}/{year}" if kind != "year" else f"Năm {year}",
        "report",
        dt.date(year, last, NATIONAL_DUE_DAY),
    )


def last_due(today: dt.date) -> tuple[str, int]:
    """(kind, year) of the report whose national due date passed last: what the upper level
    looks for first (who sent it, who is late)."""
    passed = [
        (dt.date(year, last, NATIONAL_DUE_DAY), kind, year)
        for year in (today.year - 1, today.year)
        for kind, (_name, _title, _key, last) in KINDS.items()
        if dt.date(year, last, NATIONAL_DUE_DAY) < today
    ]
    _due, kind, year = max(passed)
    return kind, year


def plan_period(unit, kind: str, year: int):
    """The report schedule row of the unit's plan for the year, if a plan (not a draft) has one."""
    from cchc.plans.models import ReportingPeriod

    return (
        ReportingPeriod.objects.filter(plan__unit=unit, plan__year=year, kind=kind)
        .exclude(plan__status="draft")
        .order_by("plan__kind", "plan_id", "pk")
        .first()
    )


def plan_periods(unit, years) -> dict[tuple[str, int], object]:
    """`plan_period` of every kind and of each of `years`, in one query: {(kind, year): row}."""
    from cchc.plans.models import ReportingPeriod

    found: dict[tuple[str, int], object] = {}
    rows = (
        ReportingPeriod.objects.filter(plan__unit=unit, plan__year__in=list(years))
        .exclude(plan__status="draft")
        .select_related("plan")
        .order_by("plan__kind", "plan_id", "pk")
    )
    for row in rows:
        found.setdefault((row.kind, row.plan.year), row)
    return found


_UNREAD = object()


def window_for(unit, kind: str, year: int, row=_UNREAD) -> Period:
    """The report's window and due date: the plan's where it sets them, else the national.
    `row`: the plan's schedule row (or None) when the caller read it (`plan_periods`)."""
    default = national(kind, year)
    if row is _UNREAD:
        row = plan_period(unit, kind, year)
    if row is None:
        return default
    start, end, due = default.start, default.end, row.due or default.due
    if row.start and row.end:
        start, end = row.start, row.end
    elif row.due and row.due <= end:
        end = row.due - dt.timedelta(days=1)
    return Period(default.key, start, end, default.label, "report", due)


def check(start: dt.date | None, end: dt.date | None, due: dt.date | None) -> dict[str, str]:
    """Field → Vietnamese reason for a window and due date a person typed; empty when fine."""
    errors: dict[str, str] = {}
    if start is None or end is None or due is None:
        for name, value in (("start", start), ("end", end), ("due", due)):
            if value is None:
                errors[name] = _("This date is required.")
        return errors
    try:
        periods.check_window(start, end)
    except WindowError as exc:
        errors["end"] = str(exc)
        return errors
    if due < end:
        errors["due"] = _("The due date is before the window ends.")
    return errors
