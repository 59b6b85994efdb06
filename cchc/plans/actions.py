"""Writes to plans, tasks and targets. Each is one transaction with one audit event.

Views, commands, the importer, the API and the admin call these functions; none of them
saves a plan, task or target another way.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cchc.audit.log import record, snapshot
from cchc.formats import day
from cchc.formats.inputs import refuse_after_today
from cchc.org.matching import match_post

from . import measures
from .amendments import discard_amendment, issue_amendment, note_change, open_amendment
from .appraisal import answer_comment, appraise_plan
from .choices import PartyRole, TaskState
from .copying import copy_plan
from .lifecycle import close_plan, issue_plan, reopen_plan, return_plan, submit_plan
from .models import LegalBasis, Plan, Target, Task, TaskParty
from .rules import ensure_changeable, ensure_in_force, ensure_open
from .signals import announce_tasks_changed

# The plan's life, its amendments, appraisal and copying live in their own modules; callers
# reach every write to a plan through this one.
__all__ = [
    "answer_comment",
    "appraise_plan",
    "cancel_task",
    "check_deletable",
    "close_plan",
    "copy_plan",
    "delete_plan",
    "delete_target",
    "delete_task",
    "discard_amendment",
    "issue_amendment",
    "issue_plan",
    "open_amendment",
    "plan_parts",
    "record_parts_change",
    "reopen_plan",
    "restore_task",
    "return_plan",
    "save_plan",
    "save_target",
    "save_task",
    "submit_plan",
    "task_parts",
    "task_snapshot",
]


def _party_snapshot(task: Task) -> dict:
    return {
        "lead": [p.text for p in task.parties.all() if p.role == PartyRole.LEAD],
        "coordinators": [p.text for p in task.parties.all() if p.role == PartyRole.COORDINATOR],
    }


def task_snapshot(task: Task) -> dict:
    data = snapshot(task, fields=None)
    data.pop("source_text", None)
    if task.pk:
        data.update(_party_snapshot(task))
    return data


@transaction.atomic
def save_plan(plan: Plan, *, by, legal_bases: Sequence[dict] | None = None) -> Plan:
    """Create or update a plan (and replace its legal bases when given)."""
    creating = plan.pk is None
    if creating:
        ensure_in_force(plan.unit, plan.year)
    before: dict | None = None if creating else snapshot(Plan.objects.get(pk=plan.pk))
    if plan.issued_on and (before or {}).get("issued_on") != plan.issued_on.isoformat():
        # The date the plan was signed, typed or changed: never a day still to come.
        label = capfirst(Plan._meta.get_field("issued_on").verbose_name)  # as the form says it
        refuse_after_today(plan.issued_on, field="issued_on", label=label)
    if creating and plan.created_by_id is None and getattr(by, "is_authenticated", False):
        plan.created_by = by
    plan.full_clean()
    plan.save()
    if legal_bases is not None:
        if before is not None:
            before["legal_bases"] = [lb.text for lb in plan.legal_bases.all()]
        plan.legal_bases.all().delete()
        LegalBasis.objects.bulk_create(
            LegalBasis(
                plan=plan,
                order=i,
                number=lb.get("number") or "",
                issued_on=lb.get("issued_on"),
                text=lb["text"],
            )
            for i, lb in enumerate(legal_bases)
        )
    after = snapshot(plan)
    if legal_bases is not None:
        after["legal_bases"] = [lb["text"] for lb in legal_bases]
    if before is not None and before.get("year") != after.get("year"):
        announce_tasks_changed(plan_ids=[plan.pk])
    record(
        "plan.create" if creating else "plan.update",
        by=by,
        obj=plan,
        unit=plan.unit,
        before=before,
        after=after,
    )
    return plan


@transaction.atomic
def delete_plan(plan: Plan, *, by, reason: str = "") -> None:
    """Delete a plan with its tasks and targets; the audit keeps what it held. A plan whose
    tasks were reported on is refused (`check_deletable`), whatever the caller."""
    plan = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
    check_deletable(plan)
    before = snapshot(plan)
    before["tasks"] = plan.tasks.count()
    before["targets"] = plan.targets.count()
    record("plan.delete", by=by, obj=plan, unit=plan.unit, before=before, reason=reason)
    plan.delete()


def next_order(queryset) -> int:
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


def _set_parties(task: Task, leads: Sequence[str], coordinators: Sequence[str]) -> None:
    task.parties.all().delete()
    unit = task.plan.unit
    rows = []
    for role, names in ((PartyRole.LEAD, leads), (PartyRole.COORDINATOR, coordinators)):
        for i, name in enumerate(n.strip() for n in names):
            if name:
                rows.append(
                    TaskParty(task=task, role=role, order=i, text=name, post=match_post(unit, name))
                )
    TaskParty.objects.bulk_create(rows)


@transaction.atomic
def save_task(
    task: Task,
    *,
    by,
    leads: Sequence[str] | None = None,
    coordinators: Sequence[str] | None = None,
    reading_only: bool = False,
) -> Task:
    """Create or update a task; leads and coordinators are matched to the unit's posts.

    A draft's tasks are written freely; an issued plan's only while an amendment is being
    prepared, which then lists the change (rules.ensure_changeable). `reading_only` is the
    system's reading of what the plan wrote (a due date for a task whose deadline named
    none): it changes nothing the plan says, so it needs no amendment, only an open plan."""
    if reading_only:
        ensure_open(task.plan)
        amendment = None
    else:
        amendment = ensure_changeable(task.plan)
    creating = task.pk is None
    before = None if creating else task_snapshot(Task.objects.get(pk=task.pk))
    if creating and not task.order:
        task.order = next_order(Task.objects.filter(plan=task.plan))
    task.full_clean()
    task.save()
    if leads is not None or coordinators is not None:
        current = _party_snapshot(task) if not creating else {"lead": [], "coordinators": []}
        _set_parties(
            task,
            leads if leads is not None else current["lead"],
            coordinators if coordinators is not None else current["coordinators"],
        )
    announce_tasks_changed(task_ids=[task.pk])
    _record_edit("task", task, creating, before, task_snapshot(task), by=by, amendment=amendment)
    return task


def _record_edit(kind: str, obj, creating: bool, before, after, *, by, amendment) -> None:
    """A task's or a target's edit: noted in the open amendment, and audited."""
    note_change(amendment, kind, obj, before, after)
    record(
        f"{kind}.create" if creating else f"{kind}.update",
        by=by,
        obj=obj,
        unit=obj.plan.unit,
        before=before,
        after=after,
    )


def _delete_part(kind: str, obj, before, *, by, amendment, reason: str) -> None:
    """A task or a target deleted: noted in the open amendment, audited, then deleted."""
    note_change(amendment, kind, obj, before, None)
    record(f"{kind}.delete", by=by, obj=obj, unit=obj.plan.unit, before=before, reason=reason)
    obj.delete()


def check_deletable(obj: Plan | Task) -> None:
    """A task with progress reports or evidence is the record of work done: it can only be
    cancelled, and a plan holding such a task can only be closed. Raises the refusal people
    read; nothing when `obj` may be deleted."""
    if not obj.has_reports():
        return
    if isinstance(obj, Plan):
        message = _(
            "Progress was reported on tasks of this plan: it cannot be deleted. Close it "
            "instead (“Close plan” on its page): it is kept with its reports and history."
        )
    else:
        message = _(
            "Progress was reported on this task: it cannot be deleted, it can only be "
            "cancelled (it is kept with its reports and history)."
        )
    raise ValidationError(message, code="has_reports")


@transaction.atomic
def delete_task(task: Task, *, by, reason: str = "") -> None:
    """Delete a task nobody reported on; refused otherwise, whatever the caller."""
    amendment = ensure_changeable(task.plan)
    check_deletable(task)
    _delete_part("task", task, task_snapshot(task), by=by, amendment=amendment, reason=reason)


@transaction.atomic
def cancel_task(task: Task, *, by, reason: str) -> Task:
    """Cancel a task: it stays in the plan with its reports, evidence and history, marked as
    cancelled, and is no longer due (no reminders, not counted in figures)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Enter the reason for cancelling the task.")})
    ensure_open(task.plan)
    task = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.state == TaskState.CANCELLED:
        return task
    _set_state("task.cancel", task, TaskState.CANCELLED, reason, by=by)
    return task


@transaction.atomic
def restore_task(task: Task, *, by) -> Task:
    """Undo a cancellation: the task is due again, with the reports it had."""
    ensure_open(task.plan)
    task = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.state == TaskState.ACTIVE:
        return task
    _set_state("task.restore", task, TaskState.ACTIVE, "", by=by)
    return task


def _set_state(action: str, task: Task, state: str, reason: str, *, by) -> None:
    """A task cancelled (with its reason) or restored: saved, noted in the open amendment, and
    audited with the state it had."""
    before_task = task_snapshot(task)
    before = {key: before_task[key] for key in ("plan", "state", "cancel_reason")}
    task.state, task.cancel_reason = state, reason
    task.save(update_fields=["state", "cancel_reason"])
    note_change(task.plan.open_amendment(), "task", task, before_task, task_snapshot(task))
    after = {"plan": task.plan_id, "state": state, "cancel_reason": reason}
    record(action, by=by, obj=task, unit=task.plan.unit, before=before, after=after, reason=reason)


@transaction.atomic
def save_target(target: Target, *, by) -> Target:
    amendment = ensure_changeable(target.plan)
    creating = target.pk is None
    before = None if creating else snapshot(Target.objects.get(pk=target.pk))
    if creating and not target.order:
        target.order = next_order(Target.objects.filter(plan=target.plan))
    reworded = before is None or (before["text"], before["unit"]) != (target.text, target.unit)
    if target.is_qualitative:
        target.indicator, target.indicator_confirmed = None, False  # stated in words: no figure
    elif reworded and not target.indicator_confirmed:
        # an unconfirmed link is only the system's suggestion: it follows the text
        target.indicator = measures.suggest_indicator(target.text, target.unit)
    target.full_clean()
    target.save()
    _record_edit("target", target, creating, before, snapshot(target), by=by, amendment=amendment)
    return target


@transaction.atomic
def delete_target(target: Target, *, by, reason: str = "") -> None:
    amendment = ensure_changeable(target.plan)
    _delete_part("target", target, snapshot(target), by=by, amendment=amendment, reason=reason)


def plan_parts(plan: Plan) -> dict:
    """A plan's legal bases and report schedule as people read them, for the audit."""

    def shown(value) -> str:
        return day(value) if value else "…"

    return {
        "legal_bases": [lb.text for lb in plan.legal_bases.all()],
        "reporting_periods": [
            f"{p.name}: {shown(p.start)}–{shown(p.end)} → {shown(p.due)}"
            for p in plan.reporting_periods.all()
        ],
    }


def task_parts(task: Task) -> dict:
    """A task's lead and coordinators as written, for the audit."""
    return {"plan": task.plan_id, **_party_snapshot(task)}


@transaction.atomic
def record_parts_change(obj: Plan | Task, *, by, before: dict, after: dict) -> None:
    """Record a change to the rows a plan or task holds (legal bases and report schedule;
    lead and coordinators) made on their own, as the admin's inline tables do. Nothing is
    recorded when nothing changed."""
    changed = [k for k in after if before.get(k) != after.get(k)]
    if not changed:
        return
    is_plan = isinstance(obj, Plan)
    keep = changed if is_plan else ["plan", *changed]
    record(
        "plan.update" if is_plan else "task.update",
        by=by,
        obj=obj,
        unit=obj.unit if isinstance(obj, Plan) else obj.plan.unit,
        before={k: before.get(k) for k in keep},
        after={k: after.get(k) for k in keep},
    )
