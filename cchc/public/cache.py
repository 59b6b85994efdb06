"""The public figures and pages, served from the cache while the data has not changed.

A cache key holds the unit, the freshness generation (`refresh.py`) and the day, so a change
of data or of day is a new key and the old entry simply expires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from cchc.org.models import Unit

from . import figures, refresh


def key(kind: str, unit: Unit, today: dt.date) -> str:
    return f"public:{kind}:{unit.pk}:{refresh.generation()}:{today.isoformat()}"


def remembered(cache_key: str, compute: Callable[[], object]):
    found = cache.get(cache_key)
    if found is None:
        found = compute()
        cache.set(cache_key, found, settings.PUBLIC_CACHE_SECONDS)
    return found


def unit_figures(unit: Unit, today: dt.date) -> dict:
    return remembered(key("figures", unit, today), lambda: figures.unit_figures(unit, today))
