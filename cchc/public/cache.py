"""The public figures and pages, served from the cache while the data has not changed
(`cchc.core.freshness`, the counter of everything the page shows, and the day)."""

from __future__ import annotations

import datetime as dt

from cchc.core import freshness
from cchc.org.models import Unit

from . import figures

remembered = freshness.remembered


def key(kind: str, unit: Unit, today: dt.date) -> str | None:
    return freshness.key(f"public:{kind}", unit.pk, today)


def unit_figures(unit: Unit, today: dt.date) -> dict:
    return remembered(key("figures", unit, today), lambda: figures.unit_figures(unit, today))
