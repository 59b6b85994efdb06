"""When cached figures are stale: every save or delete of data they are computed from moves a
freshness counter on, in the same transaction, so the next visit recomputes. One counter per
topic of `cchc.core.freshness`: `ALL` for the public page, `DOSSIER_FIGURES` for the
indicators the internal pages show.

Writes that bypass the model signals (queryset updates) are caught by the cache's lifetime,
`PUBLIC_CACHE_SECONDS`; the figures also depend on the day, which is part of the cache key.
"""

from __future__ import annotations

from functools import partial

from django.apps import apps
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from cchc.core import freshness

from .models import Freshness

# app_label.Model of everything the public page and the open data are computed from
WATCHED = (
    "tracking.Occurrence",
    "plans.Plan",
    "plans.Task",
    "plans.Section",
    "dossiers.Procedure",
    "dossiers.ImportBatch",
    "indicators.IndicatorDefinition",
    "org.Unit",
    "org.UnitSuccession",
    "feedback.Feedback",
    "index766.Publication",
)
# …and of those, what the indicators are computed from (an import publishes its dossiers, its
# facts and the monthly roll-up in the transaction that saves its batch)
DOSSIER_FIGURES = (
    "dossiers.Procedure",
    "dossiers.ImportBatch",
    "indicators.IndicatorDefinition",
    "org.Unit",
    "org.UnitSuccession",
)
# the row of `Freshness` holding each topic's counter
ROWS = {freshness.ALL: 1, freshness.DOSSIER_FIGURES: 2}


def generation(topic: str = freshness.ALL) -> int:
    """The topic's current counter (0 before the first change)."""
    row = Freshness.objects.filter(pk=ROWS[topic]).values_list("generation", flat=True).first()
    return row or 0


def bump(*topics: str, **_kwargs) -> None:
    """Move the counters of `topics` on (every topic when none is named)."""
    for topic in topics or tuple(ROWS):
        pk = ROWS[topic]
        if not Freshness.objects.filter(pk=pk).update(generation=F("generation") + 1):
            Freshness.objects.get_or_create(pk=pk, defaults={"generation": 1})


def connect() -> None:
    freshness.register(generation)
    for label in WATCHED:
        model = apps.get_model(label)
        topics = (freshness.ALL, *([freshness.DOSSIER_FIGURES] * (label in DOSSIER_FIGURES)))
        receiver = partial(bump, *topics)
        uid = f"cchc.public.refresh:{label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + ":delete", weak=False)
