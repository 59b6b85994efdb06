"""How a plan's targets are measured: answered above plans, by the app that holds indicators.

A target belongs to its plan, but its indicator and its progress are computed from dossier
figures, two layers up. That app hands its two answers here when it starts
(`register`, called from its AppConfig.ready), so plans asks without importing upward. Without
it a target has no suggested indicator and no progress, and the plan pages still work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

# (target text, target unit) → the indicator that measures it, or None
_suggest: Callable[[str, str], Any] | None = None
# (plan, today, targets) → {target id: progress}
_progress: Callable[[Any, dt.date, Sequence], dict[int, Any]] | None = None
# more measuring apps (figures entered by hand): their answers override for the targets they
# measure
_more: list[Callable[[Any, dt.date, Sequence], dict[int, Any]]] = []
# pages where a person chooses another measure for a target: (label, URL name taking `pk`)
_pages: list[tuple[Any, str]] = []


def register(*, suggest: Callable[[str, str], Any], progress: Callable[..., dict]) -> None:
    global _suggest, _progress
    _suggest, _progress = suggest, progress


def register_more(*, progress: Callable[..., dict]) -> None:
    """Another app measuring some targets (figures): called after the indicators' answer."""
    if progress not in _more:
        _more.append(progress)


def register_page(label, url_name: str) -> None:
    """A page of a measuring app where a person chooses what measures a target (its URL
    takes the target's `pk`); the target's page links to it."""
    if (label, url_name) not in _pages:
        _pages.append((label, url_name))


def pages() -> list[tuple[Any, str]]:
    """(label, URL name) of the pages registered with `register_page`."""
    return list(_pages)


def suggest_indicator(text: str, unit: str):
    """The indicator the target's words point to, if the measuring app can tell."""
    return _suggest(text, unit) if _suggest is not None else None


def progress_of_plan(plan, today: dt.date, targets: Sequence) -> dict[int, Any]:
    """Each target's progress by id (targets without one are left out)."""
    result = _progress(plan, today, targets) if _progress is not None else {}
    for more in _more:
        result.update(more(plan, today, targets))
    return result
