"""The Vietnamese working-day calendar: the one place where working days are counted.

A day is a working day unless it is a Saturday or Sunday, or a public holiday (Labour Code
2019, art. 112: New Year, five days of Tết and the Hùng Kings' day by the lunar calendar,
30/4, 1/5, 2/9 and the day next to it, with the days the government swaps each year). The
holidays come from the `holidays` package; an administrator adds what it does not know yet
(a compensatory day off, a Saturday worked in exchange, a provincial holiday) as
`CalendarOverride` rows, for the whole country or for one unit and everything below it.

Counting convention, shared by tasks and dossiers:
- `add_working_days(start, n)` is the n-th working day after `start` (start itself is not
  counted; n = 0 returns start, a negative n counts backwards);
- `working_days_between(start, end)` counts the working days d with start < d ≤ end, negative
  when end is before start; so `add_working_days(s, working_days_between(s, e)) == e` for any
  working day e.

The national holidays of a year are computed once per process; the overrides of a year are
read once and kept for `CACHE_SECONDS` (saving or deleting an override clears the cache of the
process that did it; other processes see it after at most that long).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field

import holidays as holidays_package
from django.utils.translation import gettext as _

CACHE_SECONDS = 300
COUNTRY = "VN"


@dataclass(frozen=True)
class _Year:
    holidays: dict[dt.date, str]
    swapped_workdays: frozenset[dt.date]
    # day → [(unit path or "" for the whole country, kind, name)]
    overrides: dict[dt.date, list[tuple[str, str, str]]] = field(default_factory=dict)
    # (override paths that apply) → running count of working days, one entry per day
    running: dict[frozenset, list[int]] = field(default_factory=dict)


_national: dict[int, tuple[dict[dt.date, str], frozenset[dt.date]]] = {}
_years: dict[int, tuple[float, _Year]] = {}
_lock = threading.Lock()


def clear_cache() -> None:
    """Forget the overrides read so far (called when an administrator changes one)."""
    with _lock:
        _years.clear()


def _national_year(year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    found = _national.get(year)
    if found is None:
        calendar = holidays_package.country_holidays(COUNTRY, years=year, language="vi")
        days = {day: name for day, name in calendar.items() if day.year == year}
        swapped = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
        found = _national[year] = (days, swapped)
    return found


def _year(year: int) -> _Year:
    now = time.monotonic()
    cached = _years.get(year)
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    from .models import CalendarOverride

    days, swapped = _national_year(year)
    overrides: dict[dt.date, list[tuple[str, str, str]]] = {}
    rows = CalendarOverride.objects.filter(day__year=year).values_list(
        "day", "unit__path", "kind", "name"
    )
    for day, path, kind, name in rows:
        overrides.setdefault(day, []).append((path or "", kind, name))
    data = _Year(holidays=days, swapped_workdays=swapped, overrides=overrides)
    with _lock:
        _years[year] = (now, data)
    return data


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _path(unit) -> str:
    return getattr(unit, "path", "") or ""


def day_info(day: dt.date, unit=None) -> tuple[bool, str]:
    """(is it a working day, why not / why so) for `day` as seen by `unit`."""
    from .models import DayKind

    day = _as_date(day)
    data = _year(day.year)
    path = _path(unit)
    best: tuple[str, str, str] | None = None
    for o_path, kind, name in data.overrides.get(day, ()):
        if o_path and not path.startswith(o_path):
            continue
        if best is None or len(o_path) > len(best[0]):
            best = (o_path, kind, name)
    if best is not None:
        return best[1] == DayKind.WORKING_DAY, best[2]
    if day in data.holidays:
        return False, data.holidays[day]
    if day in data.swapped_workdays:
        return True, _("Weekend day worked in exchange")
    if day.weekday() == 5:
        return False, _("Saturday")
    if day.weekday() == 6:
        return False, _("Sunday")
    return True, ""


def is_working_day(day: dt.date, unit=None) -> bool:
    return day_info(day, unit)[0]


def add_working_days(start: dt.date, n: int, unit=None) -> dt.date:
    """The n-th working day after `start` (before it when n is negative); `start` when n = 0."""
    day = _as_date(start)
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day, unit):
            remaining -= 1
    return day


def _running(year: int, unit) -> list[int]:
    """running[i] = working days from 1 January up to and including day i of the year.

    Units differ only by the overrides that apply to them, so units without overrides of their
    own (nearly all) share one list per year.
    """
    data = _year(year)
    path = _path(unit)
    applicable = frozenset(
        o_path
        for entries in data.overrides.values()
        for o_path, _kind, _name in entries
        if o_path and path.startswith(o_path)
    )
    found = data.running.get(applicable)
    if found is None:
        found, count = [], 0
        day = dt.date(year, 1, 1)
        while day.year == year:
            count += is_working_day(day, unit)
            found.append(count)
            day += dt.timedelta(days=1)
        data.running[applicable] = found
    return found


def _index(day: dt.date) -> int:
    return day.timetuple().tm_yday - 1


def working_days_between(start: dt.date, end: dt.date, unit=None) -> int:
    """Working days d with start < d ≤ end; negative when `end` is before `start`."""
    start, end = _as_date(start), _as_date(end)
    if end < start:
        return -working_days_between(end, start, unit)
    first = _running(start.year, unit)
    if start.year == end.year:
        return first[_index(end)] - first[_index(start)]
    count = first[-1] - first[_index(start)]
    for year in range(start.year + 1, end.year):
        count += _running(year, unit)[-1]
    return count + _running(end.year, unit)[_index(end)]


def previous_working_day(day: dt.date, unit=None, *, inclusive: bool = True) -> dt.date:
    """The last working day on or before `day` (strictly before it when not inclusive)."""
    day = _as_date(day)
    if not inclusive:
        day -= dt.timedelta(days=1)
    while not is_working_day(day, unit):
        day -= dt.timedelta(days=1)
    return day


def next_working_day(day: dt.date, unit=None, *, inclusive: bool = True) -> dt.date:
    """The first working day on or after `day` (strictly after it when not inclusive)."""
    day = _as_date(day)
    if not inclusive:
        day += dt.timedelta(days=1)
    while not is_working_day(day, unit):
        day += dt.timedelta(days=1)
    return day


def lunar_new_year(year: int) -> dt.date | None:
    """The first day of Tết Nguyên đán that falls in `year` (17/02/2026), from the same
    holidays package as the days off; None where the package does not know the year."""
    days, _swapped = _national_year(year)
    return next((day for day, name in days.items() if name == "Tết Nguyên Đán"), None)


def days_off(year: int, unit=None) -> list[tuple[dt.date, str]]:
    """Every weekday off and every weekend day worked in a year, for the calendar page."""
    result = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        working, reason = day_info(day, unit)
        weekend = day.weekday() >= 5
        if working == weekend:
            result.append((day, reason))
        day += dt.timedelta(days=1)
    return result
