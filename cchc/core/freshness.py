"""Figures and pages served from the cache while the data behind them has not changed — the
one scheme of decision 0085 (the public page), open to every app (decision 0101).

A key holds what was computed, the unit, a **freshness generation** and the day, so a change
of data or of day is a new key and the old entry simply expires. The generations are counters
in the database (`cchc.public.refresh` keeps them and registers its reader here at start), one
per topic, each moved on in the writer's transaction by the saves and deletes of the models it
watches:

- `ALL`: everything the public page shows (plans, tasks, occurrences, dossier imports, …);
- `DOSSIER_FIGURES`: what the indicators are computed from (dossier imports, the procedure
  catalogue, indicator definitions, units and successions) — not moved by progress reports,
  which change many times a minute and do not touch an indicator;
- `unit_topic(pk)`: one unit's own plans, sections, tasks, parties and occurrences — what its
  dashboard is computed from (decision 0102); a progress report moves its unit's only.

Access is not part of the key: a view checks the viewer's access to the unit first
(`unit_for`), then reads the unit's entry, so a key is only reached through that check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

ALL = "all"
DOSSIER_FIGURES = "dossier_figures"
UNIT_PREFIX = "unit:"
T = TypeVar("T")


def unit_topic(unit_id: int) -> str:
    """The topic of one unit's own counter: moved by saves and deletes of that unit's plans,
    sections, tasks, their parties and occurrences — a progress report moves only its unit's
    (decision 0102)."""
    return f"{UNIT_PREFIX}{unit_id}"


_reader: Callable[[str], int] | None = None
_units_mover: Callable[[object], None] | None = None


def register(reader: Callable[[str], int]) -> None:
    """The function reading a topic's generation (the public app's, at start)."""
    global _reader
    _reader = reader


def units_changed(unit_ids) -> None:
    """Move these units' own counters on: for a writer that bypasses the model signals (bulk
    creates and updates), in its transaction."""
    if _units_mover is not None:
        _units_mover(unit_ids)


def register_units_mover(mover: Callable[[object], None]) -> None:
    """The function moving units' own counters on (the public app's, at start)."""
    global _units_mover
    _units_mover = mover


def generation(topic: str = ALL) -> int | None:
    """The topic's current generation; None when no reader is registered (nothing is then
    cached: a counter nobody moves would serve stale figures)."""
    return None if _reader is None else _reader(topic)


def key(kind: str, unit_id: int, today: dt.date, *parts: object, topic: str = ALL) -> str | None:
    """`kind`, the unit, the topic's generation, the day and a digest of `parts` (what else
    the entry depends on: a window, a sort order, a language — any text, kept short and
    plain for any cache backend)."""
    found = generation(topic)
    if found is None:
        return None
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest() if parts else ""
    return ":".join([kind, str(unit_id), str(found), today.isoformat(), digest])


def remembered(cache_key: str | None, compute: Callable[[], T]) -> T:
    """The cached value under `cache_key`, computed and kept when missing (for
    `PUBLIC_CACHE_SECONDS`, which also bounds how long a write that bypasses the model
    signals — a queryset update — goes unseen)."""
    if cache_key is None:
        return compute()
    found = cache.get(cache_key)
    if found is None:
        found = compute()
        cache.set(cache_key, found, settings.PUBLIC_CACHE_SECONDS)
    return found
