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
from django.db.models import F, Subquery
from django.db.models.signals import post_delete, post_save

from cchc.core import freshness

from .models import Freshness, UnitFreshness

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
# …and what one unit's dashboard is computed from, with the field leading from a saved row to
# its plan (the unit is the plan's; "unit" for the plan itself, "task" and "target" through
# those): each moves that unit's own counter (`UnitFreshness`)
UNIT_WATCHED = {
    "plans.Plan": "unit",
    "plans.Section": "plan",
    "plans.Task": "plan",
    "plans.TaskParty": "task",
    "plans.Target": "plan",
    "indicators.TargetFigure": "target",
    "tracking.Occurrence": "plan",
}
# the row of `Freshness` holding each topic's counter
ROWS = {freshness.ALL: 1, freshness.DOSSIER_FIGURES: 2}


def generation(topic: str = freshness.ALL) -> int:
    """The topic's current counter (0 before the first change); a unit's own counter for
    `freshness.unit_topic(pk)`."""
    if topic.startswith(freshness.UNIT_PREFIX):
        unit_id = int(topic.removeprefix(freshness.UNIT_PREFIX))
        found = UnitFreshness.objects.filter(unit_id=unit_id).values_list("generation", flat=True)
        return found.first() or 0
    row = Freshness.objects.filter(pk=ROWS[topic]).values_list("generation", flat=True).first()
    return row or 0


def bump(*topics: str, **_kwargs) -> None:
    """Move the counters of `topics` on (every topic when none is named)."""
    for topic in topics or tuple(ROWS):
        pk = ROWS[topic]
        if not Freshness.objects.filter(pk=pk).update(generation=F("generation") + 1):
            Freshness.objects.get_or_create(pk=pk, defaults={"generation": 1})


def bump_units(unit_ids) -> None:
    """Move the counters of these units on (their dashboards are recomputed at next visit)."""
    for unit_id in set(unit_ids):
        rows = UnitFreshness.objects.filter(unit_id=unit_id)
        if not rows.update(generation=F("generation") + 1):
            UnitFreshness.objects.get_or_create(unit_id=unit_id, defaults={"generation": 1})


def _owner(path: str, instance):
    """The unit id of `instance`'s plan, or a query for it: from the plan already loaded when
    there is one, else a subquery the update below runs in the same statement."""
    from cchc.plans.models import Plan

    if path == "unit":
        return instance.unit_id
    if path == "plan":
        plan = instance._state.fields_cache.get("plan")
        if plan is not None:
            return plan.unit_id
        return Plan.objects.filter(pk=instance.plan_id).order_by().values_list("unit_id", flat=True)
    related = instance._meta.get_field(path).related_model
    found = related.objects.filter(pk=getattr(instance, f"{path}_id"))
    return found.order_by().values_list("plan__unit_id", flat=True)


def bump_unit_of(path: str, instance=None, **_kwargs) -> None:
    """Move on the counter of the unit whose plan `instance` belongs to (one UPDATE; the row
    is made the first time)."""
    owner = _owner(path, instance)
    unit_id = owner if isinstance(owner, int) or owner is None else Subquery(owner[:1])
    if UnitFreshness.objects.filter(unit_id=unit_id).update(generation=F("generation") + 1):
        return
    if isinstance(unit_id, Subquery):  # no row yet: find the unit to make it
        unit_id = owner.first()  # None when deleted with its plan: nothing left to show
    if unit_id is not None:
        UnitFreshness.objects.get_or_create(unit_id=unit_id, defaults={"generation": 1})


def connect() -> None:
    freshness.register(generation)
    freshness.register_units_mover(bump_units)
    for label in WATCHED:
        model = apps.get_model(label)
        topics = (freshness.ALL, *([freshness.DOSSIER_FIGURES] * (label in DOSSIER_FIGURES)))
        receiver = partial(bump, *topics)
        uid = f"cchc.public.refresh:{label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + ":delete", weak=False)
    for label, path in UNIT_WATCHED.items():
        model = apps.get_model(label)
        receiver = partial(bump_unit_of, path)
        uid = f"cchc.public.refresh:unit:{label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + ":delete", weak=False)
