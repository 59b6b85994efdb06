"""Periods: the one type for a month, a quarter, 6 or 9 months, a year and a report window.

Deadlines (`plans.deadlines`), the plan importer's report schedule (`importer.schedule`), the
occurrences of a task (`tracking.schedule`) and the indicators all speak of the same windows;
they are built here, once:

- `month`, `quarter`, `first_months` (6 or 9 months from January), `half` (either half of the
  year) and `whole_year` are calendar periods; `window` is any span of days and
  `report_window` a plan's report window (`plans.ReportingPeriod`: e.g. 15/12 → 14/3, due
  on a day of its own).
- A period is written in URLs and on the command line as a short key: `2024`, `2024-q1`,
  `2024-6m`, `2024-9m`, `2024-03`, `r12` (report window 12) or `2024-01-15_2024-03-14`;
  `parse` reads it back.
- `REPORT_KINDS` are the reports a plan's schedule names (Quý I … Năm): their Vietnamese
  names as plans write them and the calendar period each one closes.

Pure functions over dates, no models: the module sits under every app that needs it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from cchc import formats

Span = tuple[dt.date, dt.date]

# The years figures may be asked for; outside them a window is refused before any work (a
# window from year 1 read for 22 s; one reaching 9999-12-31 overflowed the date type).
FIRST_YEAR, LAST_YEAR = 1990, 2100


class WindowError(ValueError):
    """A window the pages and the API do not compute; the argument is the Vietnamese reason."""


def max_window_years() -> int:
    return int(getattr(settings, "MAX_WINDOW_YEARS", 5))


def check_years(start: dt.date, end: dt.date) -> None:
    """WindowError unless both dates are within FIRST_YEAR–LAST_YEAR."""
    if not (FIRST_YEAR <= start.year <= LAST_YEAR and FIRST_YEAR <= end.year <= LAST_YEAR):
        raise WindowError(
            _("Dates must be from year %(first)s to year %(last)s")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


def check_window(start: dt.date, end: dt.date) -> None:
    """WindowError unless the window is ordered, within the years, and at most
    `max_window_years()` calendar years long."""
    if end < start:
        raise WindowError(_("The window ends before it starts"))
    check_years(start, end)
    limit, years = max_window_years(), end.year - start.year + 1
    if years > limit:
        raise WindowError(
            _("A window spans at most %(limit)s calendar years; this one spans %(years)s")
            % {"limit": limit, "years": years}
        )


def month_end(year: int, number: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, number, calendar.monthrange(year, number)[1])


def safe_date(year: int, number: int, day: int) -> dt.date | None:
    """A date from figures read in a text, or None when they cannot be one; a day past the
    month's end is its last day (31/2 → 28 or 29/2)."""
    if not (1 <= number <= 12 and 1 <= day <= 31 and 1900 < year < 2200):
        return None
    return dt.date(year, number, min(day, calendar.monthrange(year, number)[1]))


@dataclass(frozen=True)
class Period:
    """A window of days with its key, its label as people read it and, for a report window,
    the day its report is due."""

    key: str
    start: dt.date
    end: dt.date
    label: str
    kind: str = "custom"
    due: dt.date | None = None

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def span(self) -> Span:
        return self.start, self.end

    def months(self) -> list[tuple[str, dt.date, dt.date]]:
        """Each calendar month touching the window, clipped to it: (YYYY-MM, start, end)."""
        result = []
        cursor = self.start.replace(day=1)
        while cursor <= self.end:
            last = month_end(cursor.year, cursor.month)
            result.append((f"{cursor:%Y-%m}", max(cursor, self.start), min(last, self.end)))
            cursor = last + dt.timedelta(days=1)
        return result

    def under_way(self, day: dt.date | None) -> str | None:
        """The key (YYYY-MM) of the month of `day` when the window holds `day`: that month's
        figures count the days so far, not a month, and a page says so. `None` for a window
        over, not begun, or no day (a unit dissolved: its months are all over)."""
        if day is None or not self.start <= day <= self.end:
            return None
        return f"{day:%Y-%m}"


def month(year: int, number: int) -> Period:
    return Period(
        f"{year}-{number:02d}",
        dt.date(year, number, 1),
        month_end(year, number),
        _("month %(m)s/%(y)s") % {"m": number, "y": year},
        "month",
    )


def quarter(year: int, number: int) -> Period:
    return Period(
        f"{year}-q{number}",
        dt.date(year, 3 * number - 2, 1),
        month_end(year, 3 * number),
        _("quarter %(q)s/%(y)s") % {"q": number, "y": year},
        "quarter",
    )


def first_months(year: int, count: int) -> Period:
    """The first 6 or 9 months of a year (the 6-month and 9-month reports)."""
    label = {6: _("6 months %(y)s"), 9: _("9 months %(y)s")}[count] % {"y": year}
    return Period(
        f"{year}-{count}m", dt.date(year, 1, 1), month_end(year, count), label, f"{count}m"
    )


def half(year: int, second: bool = False) -> Period:
    """Either half of a year: "6 tháng đầu năm" is `first_months(year, 6)`, the second half
    runs July to December."""
    if not second:
        return first_months(year, 6)
    return window(dt.date(year, 7, 1), dt.date(year, 12, 31))


def whole_year(year: int) -> Period:
    return Period(
        str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), _("year %(y)s") % {"y": year}, "year"
    )


def window(start: dt.date, end: dt.date, label: str = "") -> Period:
    return Period(
        f"{start:%Y-%m-%d}_{end:%Y-%m-%d}",
        start,
        end,
        label or formats.window(start, end),
        "custom",
    )


def checked_window(start: dt.date, end: dt.date, label: str = "") -> Period:
    """A window asked for on a page or through the API; WindowError unless `check_window`
    accepts it."""
    check_window(start, end)
    return window(start, end, label)


def report_window(report) -> Period | None:
    """A plan's report window (anything with pk, name, start, end, due — a
    `plans.ReportingPeriod`) as a Period, when it has dates."""
    if not report.start or not report.end:
        return None
    return Period(
        f"r{report.pk}",
        report.start,
        report.end,
        f"{report.name} ({formats.window(report.start, report.end)})",
        "report",
        getattr(report, "due", None),
    )


def calendar_periods(year: int) -> list[Period]:
    """What a period picker offers for a year, longest first."""
    return [
        whole_year(year),
        first_months(year, 9),
        first_months(year, 6),
        *(quarter(year, q) for q in range(1, 5)),
        *(month(year, m) for m in range(1, 13)),
    ]


# The reports a plan's schedule names: (name as plans write it, the calendar period it closes).
# "q2" is the second quarter's report when a plan reports every quarter; "h1" the 6-month one.
REPORT_KINDS: dict[str, tuple[str, Callable[[int], Period]]] = {
    "q1": ("Quý I", lambda y: quarter(y, 1)),
    "q2": ("Quý II", lambda y: quarter(y, 2)),
    "h1": ("6 tháng", lambda y: first_months(y, 6)),
    "q3": ("Quý III", lambda y: quarter(y, 3)),
    "9m": ("9 tháng", lambda y: first_months(y, 9)),
    "q4": ("Quý IV", lambda y: quarter(y, 4)),
    "year": ("Năm", whole_year),
}


def report_name(kind: str, year: int) -> str:
    """ "Quý I/2024", "6 tháng/2024", "Năm 2024": a report's name as plans write it."""
    label = REPORT_KINDS[kind][0]
    return f"Năm {year}" if kind == "year" else f"{label}/{year}"


def report_last_month(kind: str) -> int:
    """The month a report's period ends in (the 6-month report's is June)."""
    return REPORT_KINDS[kind][1](2000).end.month


_KEY = re.compile(
    r"^(?:(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|q(?P<quarter>[1-4])|(?P<first>[69])m))?"
    r"|r(?P<report>\d+)"
    r"|(?P<start>\d{4}-\d{2}-\d{2})_(?P<end>\d{4}-\d{2}-\d{2}))$"
)


def parse(key: str, find_report: Callable[[int], object | None] | None = None) -> Period:
    """A period from its key; ValueError when the key is not one. A report window's key
    (`r12`) is looked up with `find_report(pk)`, which returns the window's row or None."""
    match = _KEY.match(key.strip().lower())
    if not match:
        raise ValueError(key)
    parts = match.groupdict()
    if parts["report"]:
        found = find_report(int(parts["report"])) if find_report else None
        result = report_window(found) if found else None
        if result is None:
            raise ValueError(key)
        check_window(result.start, result.end)  # a plan's dates are typed by people too
        return result
    if parts["start"]:
        start = dt.date.fromisoformat(parts["start"])
        end = dt.date.fromisoformat(parts["end"])
        return checked_window(start, end)
    year = int(parts["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(key)
    if parts["month"]:
        number = int(parts["month"])
        if not 1 <= number <= 12:
            raise ValueError(key)
        return month(year, number)
    if parts["quarter"]:
        return quarter(year, int(parts["quarter"]))
    if parts["first"]:
        return first_months(year, int(parts["first"]))
    return whole_year(year)
