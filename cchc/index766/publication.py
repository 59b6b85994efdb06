"""Reading the published index: what the unit page and the public page show.

`published(unit)` is the interface other apps (the public page) read: every month published
for the unit, newest first, each with its current figures and the earlier versions a
correction replaced — all of them stay visible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

from cchc.org.models import Unit

from .models import Publication
from .scoring import read


@dataclass
class PublishedMonth:
    month: dt.date  # the month's first day
    current: Publication  # the latest revision
    earlier: list[Publication] = field(default_factory=list)  # newest first

    @property
    def key(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def versions(self) -> list[Publication]:
        return [self.current, *self.earlier]

    @property
    def reading(self) -> dict:
        """The current figures with their coverage and share (`scoring.read`): a month none
        of whose criteria was measured has no share and reads "no data yet" (decision 0163)."""
        return read(self.current.snapshot)


def published(unit: Unit) -> list[PublishedMonth]:
    """Every month published for `unit`, newest first, with every revision (one query)."""
    rows = Publication.objects.filter(unit=unit).select_related("version", "published_by")
    months: dict[dt.date, PublishedMonth] = {}
    for row in rows.order_by("-month", "-revision"):
        if row.month in months:
            months[row.month].earlier.append(row)
        else:
            months[row.month] = PublishedMonth(row.month, row)
    return list(months.values())


def publish_day() -> int:
    return int(getattr(settings, "INDEX766_PUBLISH_DAY", 5))


def previous_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def month_due(today: dt.date) -> dt.date | None:
    """The month whose index is published on or after this month's publication day."""
    return previous_month(today) if today.day >= publish_day() else None
