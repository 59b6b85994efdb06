"""Sections of the public page that other apps provide.

`published_index(unit)` is where the unit's published monthly service index is shown: the
index766 app's `publication.published(unit)` answers it once it registers itself with
`register_published_index` (at merge). Until something is registered the answer is None and
the page renders no such section at all.
"""

from __future__ import annotations

from collections.abc import Callable

from cchc.org.models import Unit

_providers: list[Callable[[Unit], object]] = []


def register_published_index(provider: Callable[[Unit], object]) -> None:
    """Called once at start (AppConfig.ready) by the app that publishes the index."""
    if provider not in _providers:
        _providers.append(provider)


def published_index(unit: Unit) -> object | None:
    """The unit's published monthly index, or None when no app publishes one."""
    for provider in _providers:
        return provider(unit)
    return None
