"""Other things a person owes that "My tasks" lists beside their tasks (a periodic report,
for instance). Apps above tracking register a provider at start-up (AppConfig.ready):

    from cchc.tracking.due_items import DueItem, register
    register(lambda user, today: [DueItem(...), ...])

Tracking knows none of them; a provider returns the items due for one person.
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
