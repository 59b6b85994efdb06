"""Other things a person owes that "My tasks" lists beside their tasks (a periodic report,
for instance). Apps above tracking register a provider at start-up (AppConfig.ready):

    from cchc.tracking.due_items import DueItem, register
    register(lambda user, today: [DueItem(...), ...])

Tracking knows none of them; a provider returns the items due for one person.

Likewise what waits for a leader or an upper level on a unit's dashboard and on the comparison
of its units (a plan to sign, reports to review, units that did not report, decision 0161):
`register_awaiting(lambda user, unit, today: [Awaiting(...), ...])`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DueItem:
    title: str
    url: str
    due: dt.date
    unit_name: str
    state: str = ""  # a short word shown beside it (Nháp, Bị trả lại…)


Provider = Callable[[object, dt.date], list[DueItem]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def items_for(user, today: dt.date) -> list[DueItem]:
    items = [item for provider in _PROVIDERS for item in provider(user, today)]
    return sorted(items, key=lambda item: item.due)


@dataclass(frozen=True)
class Awaiting:
    """Something waiting for a leader or an upper level on a unit's dashboard or comparison:
    a plan to sign, reports to review, units that did not report. `text` says it in one line
    with its count; `url` opens the list (filtered) or the one item where it is acted on."""

    text: str
    url: str
    tone: str = "warning"  # the badge colour of the line: danger (late), warning (to act on)


# (viewer, unit shown, today) → what waits for this viewer there; empty when nothing or not theirs
AwaitingProvider = Callable[[object, object, dt.date], list[Awaiting]]
_AWAITING: list[AwaitingProvider] = []


def register_awaiting(provider: AwaitingProvider) -> None:
    if provider not in _AWAITING:
        _AWAITING.append(provider)


def awaiting(user, unit, today: dt.date) -> list[Awaiting]:
    """What waits for `user` on `unit`'s pages, from every registered app, late first."""
    items = [item for provider in _AWAITING for item in provider(user, unit, today)]
    return sorted(items, key=lambda item: item.tone != "danger")
