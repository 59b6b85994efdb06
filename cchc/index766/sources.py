"""Where the figures of the criteria that are not dossier indicators come from.

Apps that hold those figures (citizens' feedback, procedure publication …) register, at start
(`AppConfig.ready`), one callable per criterion code:

    from cchc.index766 import sources
    sources.register("feedback_on_time", lambda unit, start, end: (answered_on_time, received))

The callable returns (numerator, denominator) over the unit's scope for [start, end], or None
when it has no data for that unit. A criterion whose code has no registered source has no
data: it is shown as such and left out of the maximum. This app imports none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cchc.org.models import Unit

Source = Callable[[Unit, dt.date, dt.date], "tuple[int, int] | None"]
_SOURCES: dict[str, Source] = {}


def register(code: str, source: Source) -> None:
    """Make `source` the figures of criterion `code` (a later registration replaces it)."""
    _SOURCES[code] = source


def unregister(code: str) -> None:
    _SOURCES.pop(code, None)


def registered() -> frozenset[str]:
    return frozenset(_SOURCES)


def read(code: str, unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    source = _SOURCES.get(code)
    if source is None:
        return None
    found = source(unit, start, end)
    if found is None:
        return None
    numerator, denominator = found
    return int(numerator), int(denominator)
