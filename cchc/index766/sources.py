"""Where the figures of the criteria that are not dossier indicators come from.

The apps that hold those figures sit below this one (feedback, dossiers' procedure
publication), so they cannot name it: `register_builtin` (called from this app's `ready`)
registers their functions, one callable per criterion code. Another app may add its own:

    from cchc.index766 import sources
    sources.register("feedback_on_time", lambda unit, start, end: (answered_on_time, received))

The callable returns (numerator, denominator) over the unit's scope for [start, end], or None
when it has no data for that unit. A criterion whose code has no registered source has no
data: it is shown as such and left out of the maximum. This app imports none of them.

Each registration says where its figures come from (`origin`, a short lazy translation the
index page shows under the criterion). The criteria whose figures no app holds are entered by
hand as figures (`entered.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.org.models import Unit

Source = Callable[[Unit, dt.date, dt.date], "tuple[int, int] | None"]
_SOURCES: dict[str, Source] = {}


Window = tuple[dt.date, dt.date]
Figures = dict[str, "tuple[int, int] | None"]
Windows = Mapping[int, Sequence[Window]]  # unit id -> the windows wanted of that unit
Many = Callable[[list[Unit], Windows], "dict[tuple[int, Window], Figures]"]
_MANY: dict[tuple[str, ...], Many] = {}
_ORIGINS: dict[str, str | Promise] = {}

# Where a criterion measured by an indicator takes its figures from.
DOSSIERS = _("dossier data")
ENTERED = _("entered by hand on the figures page, with evidence")


def register_builtin() -> None:
    """The sources this project has: citizens' feedback (PAKN) and procedure publication,
    each read for any number of units and windows in a few queries; and the criteria no
    app holds, entered by hand as figures."""
    from . import entered

    register_many(
        ("feedback_on_time", "feedback_satisfaction"), _feedback, _("citizens' feedback data")
    )
    register_many(
        ("procedures_published_on_time", "procedures_updated_on_time", "procedures_complete"),
        _publication,
        _("procedure publication data"),
    )
    register_many(tuple(entered.FIGURES), entered.figures_of, ENTERED)


def _bounds(windows: Windows) -> Window:
    """The first day and the last day of all the windows."""
    every = [w for unit_windows in windows.values() for w in unit_windows]
    return min(w[0] for w in every), max(w[1] for w in every)


def _feedback(units: list[Unit], windows: Windows):
    from cchc.feedback import rates

    received = rates.received_by_unit(units, *_bounds(windows))
    found = {}
    for pk, items in received.items():
        for start, end in windows[pk]:
            inside = [i for i in items if start <= i.received <= end]
            found[pk, (start, end)] = {
                # no feedback received is "nothing to handle" (full points), not "no data"
                "feedback_on_time": rates.on_time_of(inside, end) or (0, 0),
                "feedback_satisfaction": rates.satisfaction_of(inside, end),
            }
    return found


def _publication(units: list[Unit], windows: Windows):
    from cchc.dossiers import publication as p

    def figures(procedures, start: dt.date, end: dt.date) -> Figures:
        return {
            "procedures_published_on_time": p.published_on_time_of(procedures, start, end),
            "procedures_updated_on_time": p.national_db_on_time_of(procedures, start, end),
            "procedures_complete": p.seven_parts_of(procedures, start, end),
        }

    counted: dict[tuple[int, Window], Figures] = {}  # the communes of a province share
    found = {}  # their procedures (one list): each list is counted once a window, not a unit
    for pk, procedures in p.competence_shared(units, decided=True).items():
        for window in windows[pk]:
            key = (id(procedures), window)
            if key not in counted:
                counted[key] = figures(procedures, *window)
            found[pk, window] = counted[key]
    return found


def register_many(codes: tuple[str, ...], many: Many, origin: str | Promise = "") -> None:
    """Make `many(units, windows)` the figures of the criteria `codes`: one call gives, per
    (unit id, window) — `windows` maps each unit's id to the windows wanted of it — each
    code's (numerator, denominator) or None."""
    for code in codes:
        unregister(code)
        _ORIGINS[code] = origin
    _MANY[tuple(codes)] = many


def register(code: str, source: Source, origin: str | Promise = "") -> None:
    """Make `source` the figures of criterion `code` (a later registration replaces it)."""
    unregister(code)
    _SOURCES[code] = source
    _ORIGINS[code] = origin


def origin(code: str) -> str | Promise | None:
    """Where the figures of criterion `code` come from, as registered; None: no source.
    (`_ORIGINS` holds exactly the registered codes: `register`, `register_many` and
    `unregister` keep it so; a page asks this of every criterion of hundreds of units.)"""
    return _ORIGINS.get(code)


def unregister(code: str) -> None:
    _SOURCES.pop(code, None)
    _ORIGINS.pop(code, None)
    for known in [k for k in _MANY if code in k]:
        many = _MANY.pop(known)
        rest = tuple(c for c in known if c != code)
        if rest:
            _MANY[rest] = many


def registered() -> frozenset[str]:
    return frozenset(_SOURCES) | frozenset(c for codes in _MANY for c in codes)


def read_all(
    units: list[Unit], windows: list[Window], codes: set[str]
) -> dict[tuple[int, Window], dict[str, tuple[int, int] | None]]:
    """Every criterion in `codes` that has a source, for every unit and window: per (unit id,
    window), per code, (numerator, denominator) or None. A source of many is called once."""
    return read_each([(unit, windows) for unit in units], codes)


def read_each(
    wanted: Sequence[tuple[Unit, Sequence[Window]]], codes: set[str]
) -> dict[tuple[int, Window], dict[str, tuple[int, int] | None]]:
    """`read_all` where each unit has windows of its own (a province over the period and
    each of its months, the units below it over the period): one read for all of them."""
    found: dict[tuple[int, Window], dict[str, tuple[int, int] | None]] = {
        (unit.pk, w): {} for unit, unit_windows in wanted for w in unit_windows
    }
    units = [unit for unit, unit_windows in wanted if unit_windows]
    if not units:
        return found
    windows = {unit.pk: unit_windows for unit, unit_windows in wanted if unit_windows}
    for known, many in _MANY.items():
        selected = [c for c in known if c in codes]
        if selected:
            for key, values in many(units, windows).items():
                found[key].update({code: _clean(values.get(code)) for code in selected})
    for code, source in _SOURCES.items():
        if code in codes:
            for unit in units:
                for w in windows[unit.pk]:
                    found[unit.pk, w][code] = _clean(source(unit, *w))
    return found


def read(code: str, unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    return read_all([unit], [(start, end)], {code})[unit.pk, (start, end)].get(code)


def _clean(found) -> tuple[int, int] | None:
    if found is None:
        return None
    numerator, denominator = found
    return int(numerator), int(denominator)
