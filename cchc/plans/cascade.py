"""Plans cascade: a task an upper level assigns to "UBND các xã, phường" reaches every commune.

The district's (or province's) plan names the communes as a whole in the lead or coordinator
cell. Each commune's focal point sees those tasks on their own plan of the same year and adopts
them; an adopted task keeps a link (`Task.origin`) to the upper task, so the upper level can
see which of its units took each one up.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.org.choices import Role
from cchc.org.matching import fold
from cchc.org.models import Membership

from .actions import next_order, task_snapshot
from .amendments import note_change
from .choices import PlanStatus
from .models import Plan, Section, Task, TaskParty
from .rules import ensure_changeable
from .signals import announce_tasks_changed

# Ways plans name all the units below: "UBND các xã, phường", "các xã, phường, thị trấn",
# "UBND cấp xã", "các phường, xã". Folded (no diacritics, lower case).
_BELOW = re.compile(
    r"\b(?:ubnd\s+)?(?:cac\s+)?(?:xa\s+phuong(?:\s+thi\s+tran)?|phuong\s+xa|xa\s+thi\s+tran)\b"
    r"|\bubnd\s+cap\s+xa\b|\bcac\s+xa\b|\bcac\s+phuong\b"
)


def names_units_below(text: str) -> bool:
    """True when a lead/coordinator cell names the communes as a whole."""
    return bool(_BELOW.search(fold(text)))


def assigned_down(tasks) -> list[Task]:
    """The tasks (with parties prefetched) that the upper plan gives to its communes."""
    return [t for t in tasks if any(names_units_below(p.text) for p in t.parties.all())]


def tasks_from_above(plan: Plan) -> list[Task]:
    """Tasks of the upper levels' plans of the same year assigned to this plan's unit, that
    this plan has not adopted yet."""
    ancestors = list(plan.unit.ancestors())
    if not ancestors:
        return []
    upper = (
        Task.objects.active()
        .filter(plan__unit__in=ancestors, plan__year=plan.year)
        .exclude(plan__status__in=[PlanStatus.DRAFT, PlanStatus.SUBMITTED])
        .select_related("plan__unit")
        .prefetch_related("parties")
        .order_by("plan__unit__depth", "plan_id", "order")
    )
    adopted = set(plan.tasks.exclude(origin=None).values_list("origin_id", flat=True))
    return [t for t in assigned_down(upper) if t.pk not in adopted]


@transaction.atomic
def adopt_task(upper: Task, plan: Plan, *, by) -> Task:
    """Copy an upper level's task into a commune's plan, linked to it by `origin`."""
    amendment = ensure_changeable(plan)
    section = (
        Section.objects.filter(plan=plan, area=upper.area, parent=None).order_by("order").first()
    )
    task = Task.objects.create(
        plan=plan,
        section=section,
        order=next_order(Task.objects.filter(plan=plan)),
        ref=upper.ref,
        area=upper.area,
        title=upper.title,
        products=list(upper.products),
        deadline_text=upper.deadline_text,
        due=upper.due,
        recurrence=upper.recurrence,
        origin=upper,
        note=_("Assigned in %(plan)s of %(unit)s")
        % {"plan": upper.plan.number or upper.plan.title, "unit": upper.plan.unit.name},
    )
    # The commune's focal point leads it until someone reassigns it.
    focal = (
        Membership.objects.filter(unit=plan.unit, role=Role.FOCAL_POINT, post__isnull=False)
        .select_related("post")
        .first()
    )
    if focal is not None and focal.post is not None:
        TaskParty.objects.create(
            task=task, role="lead", order=0, text=focal.post.name, post=focal.post
        )
    announce_tasks_changed(task_ids=[task.pk])
    note_change(amendment, "task", task, None, task_snapshot(task))
    record(
        "task.adopt",
        by=by,
        obj=task,
        unit=plan.unit,
        after={"origin": upper.pk, "from_plan": upper.plan_id, "title": task.title},
    )
    return task


def adoption_counts(plan: Plan) -> dict[int, int]:
    """For an upper plan: task id → how many plans below have adopted it."""
    counts: dict[int, int] = {}
    for origin_id in Task.objects.filter(origin__plan=plan).values_list("origin_id", flat=True):
        counts[origin_id] = counts.get(origin_id, 0) + 1
    return counts
