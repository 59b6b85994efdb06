"""When the public figures are stale: every save or delete of data a public page shows moves
the freshness counter on, in the same transaction, so the next visit recomputes.

Writes that bypass the model signals (queryset updates) are caught by the cache's lifetime,
`PUBLIC_CACHE_SECONDS`; the figures also depend on the day, which is part of the cache key.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import F
from django.db.models.signals import post_delete, post_save

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


def generation() -> int:
    """The current counter (0 before the first change)."""
    row = Freshness.objects.filter(pk=1).values_list("generation", flat=True).first()
    return row or 0


def bump(**_kwargs) -> None:
    if not Freshness.objects.filter(pk=1).update(generation=F("generation") + 1):
        Freshness.objects.get_or_create(pk=1, defaults={"generation": 1})


def connect() -> None:
    for label in WATCHED:
        model = apps.get_model(label)
        uid = f"cchc.public.refresh:{label}"
        post_save.connect(bump, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(bump, sender=model, dispatch_uid=uid + ":delete", weak=False)
