"""The windows indicators are computed over.

Calendar periods (month, quarter, 6 months, 9 months, year — the service index's) and the
report windows a plan sets (`plans.ReportingPeriod`, e.g. 15/12 → 14/3). A period is written
in URLs and on the command line as a short key: `2024`, `2024-q1`, `2024-6m`, `2024-9m`,
`2024-03`, `r12` (reporting period 12) or `2024-01-15_2024-03-14` (any window).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from cchc.dossiers.facts import month_end


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date
    label: str
    kind: str = "custom"

    @property
    def year(self) -> int:
        return self.end.year

    def months(self) -> list[tuple[str, dt.date, dt.date]]:
        """Each calendar month touching the window, clipped to it: (YYYY-MM, start, end)."""
        result = []
        cursor = self.start.replace(day=1)
        while cursor <= self.end:
            last = month_end(cursor)
            result.append((f"{cursor:%Y-%m}", max(cursor, self.start), min(last, self.end)))
            cursor = last + dt.timedelta(days=1)
        return result


def month(year: int, number: int) -> Period:
    start = dt.date(year, number, 1)
    return Period(
        f"{year}-{number:02d}",
        start,
        month_end(start),
        _("month %(m)s/%(y)s") % {"m": number, "y": year},
        "month",
    )


def quarter(year: int, number: int) -> Period:
    start = dt.date(year, 3 * number - 2, 1)
    end = month_end(dt.date(year, 3 * number, 1))
    return Period(
        f"{year}-q{number}",
        start,
        end,
        _("quarter %(q)s/%(y)s") % {"q": number, "y": year},
        "quarter",
    )


def first_months(year: int, count: int) -> Period:
    label = {6: _("6 months %(y)s"), 9: _("9 months %(y)s")}[count] % {"y": year}
    return Period(
        f"{year}-{count}m",
        dt.date(year, 1, 1),
        month_end(dt.date(year, count, 1)),
        label,
        f"{count}m",
    )


def whole_year(year: int) -> Period:
    return Period(
        str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), _("year %(y)s") % {"y": year}, "year"
    )


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


def checked_window(start: dt.date, end: dt.date, label: str = "") -> Period:
    """A window asked for on a page or through the API: ordered, within the years, and at
    most `max_window_years()` calendar years long; WindowError otherwise."""
    check_window(start, end)
    return window(start, end, label)


def check_window(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise WindowError(_("The window ends before it starts"))
    check_years(start, end)
    limit, years = max_window_years(), end.year - start.year + 1
    if years > limit:
        raise WindowError(
            _("A window spans at most %(limit)s calendar years; this one spans %(years)s")
            % {"limit": limit, "years": years}
        )


def window(start: dt.date, end: dt.date, label: str = "") -> Period:
    return Period(
        f"{start:%Y-%m-%d}_{end:%Y-%m-%d}",
        start,
        end,
        label or f"{start:%d/%m/%Y} – {end:%d/%m/%Y}",
        "custom",
    )


def calendar_periods(year: int) -> list[Period]:
    """What the period picker offers for a year, longest first."""
    return [
        whole_year(year),
        first_months(year, 9),
        first_months(year, 6),
        *(quarter(year, q) for q in range(1, 5)),
        *(month(year, m) for m in range(1, 13)),
    ]


def reporting_period(period) -> Period | None:
    """A plan's report window (`plans.ReportingPeriod`) as a Period, when it has dates."""
    if not period.start or not period.end:
        return None
    return Period(
        f"r{period.pk}",
        period.start,
        period.end,
        f"{period.name} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})",
        "report",
    )


_KEY = re.compile(
    r"^(?:(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|q(?P<quarter>[1-4])|(?P<first>[69])m))?"
    r"|r(?P<report>\d+)"
    r"|(?P<start>\d{4}-\d{2}-\d{2})_(?P<end>\d{4}-\d{2}-\d{2}))$"
)


def parse(key: str) -> Period:
    """A period from its key; ValueError when the key is not one."""
    match = _KEY.match(key.strip().lower())
    if not match:
        raise ValueError(key)
    parts = match.groupdict()
    if parts["report"]:
        from cchc.plans.models import ReportingPeriod

        found = ReportingPeriod.objects.filter(pk=int(parts["report"])).first()
        result = reporting_period(found) if found else None
        if result is None:
            raise ValueError(key)
        check_window(result.start, result.end)  # a plan's dates are typed by people too
        return result
    if parts["start"]:
        start = dt.date.fromisoformat(parts["start"])
        end = dt.date.fromisoformat(parts["end"])
        return checked_window(start, end)
    year = int(parts["year"])
    if not 1990 <= year <= 2100:
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
