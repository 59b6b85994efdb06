"""Writes to plans, tasks and targets. Each is one transaction with one audit event.

Views, commands, the importer, the API and the admin call these functions; none of them
saves a plan, task or target another way.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import record, snapshot
from cchc.evidence.actions import attach, keeping_files
from cchc.evidence.files import check_upload
from cchc.notifications.actions import clear, notify
from cchc.org.access import Action, access_for
from cchc.org.choices import Role
from cchc.org.matching import match_post
from cchc.org.models import Membership, Unit

from . import measures
from .choices import AmendmentStatus, PartyRole, PlanStatus, TaskState, Verdict
from .models import (
    Amendment,
    Appraisal,
    AppraisalComment,
    LegalBasis,
    Plan,
    Section,
    Target,
    Task,
    TaskParty,
)
from .rules import ensure_changeable, ensure_open
from .signals import announce_tasks_changed

# What an amendment lists of a changed row: the fields people read, not the bookkeeping.
_NOTED_FIELDS = {
    "task": ("ref", "title", "lead", "coordinators", "products", "deadline_text", "due", "state"),
    "target": ("text", "comparator", "value", "unit"),
}


def _note_change(amendment, kind: str, obj, before: dict | None, after: dict | None) -> None:
    """List a task or target written while `amendment` is being prepared: added, removed or
    changed (with the fields before and after). A row added and removed within the same
    amendment leaves no trace in it; a row changed twice is listed once, first to last."""
    if amendment is None:
        return
    amendment = type(amendment).objects.select_for_update().get(pk=amendment.pk)
    fields = _NOTED_FIELDS[kind]

    def pick(data):
        return {f: data.get(f) for f in fields if data and f in data} if data else None

    label = str(obj) if kind == "task" else obj.text[:200]
    changes = list(amendment.changes)
    earlier = next(
        (c for c in changes if c["kind"] == kind and c["id"] == obj.pk and c["op"] != "remove"),
        None,
    )
    new_before = pick(before)
    if earlier is not None:
        changes.remove(earlier)
        if earlier["op"] == "add":
            if after is None:  # added then removed: nothing to list
                amendment.changes = changes
                amendment.save(update_fields=["changes"])
                return
            new_before = None
        else:
            new_before = earlier["before"]
    new_after = pick(after)
    if new_before is None:
        op = "add"
    elif new_after is None:
        op = "remove"
    else:
        op = "change"
        diff = [f for f in fields if new_before.get(f) != new_after.get(f)]
        if not diff:
            amendment.changes = changes
            amendment.save(update_fields=["changes"])
            return
        new_before = {f: new_before.get(f) for f in diff}
        new_after = {f: new_after.get(f) for f in diff}
    changes.append(
        {
            "kind": kind,
            "id": obj.pk,
            "op": op,
            "label": label,
            "before": new_before,
            "after": new_after,
        }
    )
    amendment.changes = changes
    amendment.save(update_fields=["changes"])


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
    before: dict | None = None if creating else snapshot(Plan.objects.get(pk=plan.pk))
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
    """Delete a plan with its tasks and targets; the audit keeps what it held."""
    before = snapshot(plan)
    before["tasks"] = plan.tasks.count()
    before["targets"] = plan.targets.count()
    record("plan.delete", by=by, obj=plan, unit=plan.unit, before=before, reason=reason)
    plan.delete()


def _next_order(queryset) -> int:
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
        task.order = _next_order(Task.objects.filter(plan=task.plan))
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
    after = task_snapshot(task)
    _note_change(amendment, "task", task, before, after)
    record(
        "task.create" if creating else "task.update",
        by=by,
        obj=task,
        unit=task.plan.unit,
        before=before,
        after=after,
    )
    return task


def check_deletable(task: Task) -> None:
    """A task with progress reports or evidence is the record of work done: it can only be
    cancelled. Raises the refusal people read; nothing when the task may be deleted."""
    if task.has_reports():
        raise ValidationError(
            _(
                "Progress was reported on this task: it cannot be deleted, it can only be "
                "cancelled (it is kept with its reports and history)."
            ),
            code="has_reports",
        )


@transaction.atomic
def delete_task(task: Task, *, by, reason: str = "") -> None:
    """Delete a task nobody reported on; refused otherwise, whatever the caller."""
    amendment = ensure_changeable(task.plan)
    check_deletable(task)
    before = task_snapshot(task)
    _note_change(amendment, "task", task, before, None)
    record(
        "task.delete",
        by=by,
        obj=task,
        unit=task.plan.unit,
        before=before,
        reason=reason,
    )
    task.delete()


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
    before = task_snapshot(task)
    task.state, task.cancel_reason = TaskState.CANCELLED, reason
    task.save(update_fields=["state", "cancel_reason"])
    _note_change(task.plan.open_amendment(), "task", task, before, task_snapshot(task))
    record(
        "task.cancel",
        by=by,
        obj=task,
        unit=task.plan.unit,
        before={k: before[k] for k in ("plan", "state", "cancel_reason")},
        after={"plan": task.plan_id, "state": task.state, "cancel_reason": reason},
        reason=reason,
    )
    return task


@transaction.atomic
def restore_task(task: Task, *, by) -> Task:
    """Undo a cancellation: the task is due again, with the reports it had."""
    ensure_open(task.plan)
    task = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.state == TaskState.ACTIVE:
        return task
    before = {"plan": task.plan_id, "state": task.state, "cancel_reason": task.cancel_reason}
    before_task = task_snapshot(task)
    task.state, task.cancel_reason = TaskState.ACTIVE, ""
    task.save(update_fields=["state", "cancel_reason"])
    _note_change(task.plan.open_amendment(), "task", task, before_task, task_snapshot(task))
    record(
        "task.restore",
        by=by,
        obj=task,
        unit=task.plan.unit,
        before=before,
        after={"plan": task.plan_id, "state": task.state, "cancel_reason": ""},
    )
    return task


@transaction.atomic
def save_target(target: Target, *, by) -> Target:
    amendment = ensure_changeable(target.plan)
    creating = target.pk is None
    before = None if creating else snapshot(Target.objects.get(pk=target.pk))
    if creating and not target.order:
        target.order = _next_order(Target.objects.filter(plan=target.plan))
    reworded = before is None or (before["text"], before["unit"]) != (target.text, target.unit)
    if reworded and not target.indicator_confirmed:
        # an unconfirmed link is only the system's suggestion: it follows the text
        target.indicator = measures.suggest_indicator(target.text, target.unit)
    target.full_clean()
    target.save()
    after = snapshot(target)
    _note_change(amendment, "target", target, before, after)
    record(
        "target.create" if creating else "target.update",
        by=by,
        obj=target,
        unit=target.plan.unit,
        before=before,
        after=after,
    )
    return target


@transaction.atomic
def delete_target(target: Target, *, by, reason: str = "") -> None:
    amendment = ensure_changeable(target.plan)
    before = snapshot(target)
    _note_change(amendment, "target", target, before, None)
    record(
        "target.delete",
        by=by,
        obj=target,
        unit=target.plan.unit,
        before=before,
        reason=reason,
    )
    target.delete()


def plan_parts(plan: Plan) -> dict:
    """A plan's legal bases and report schedule as people read them, for the audit."""

    def day(value) -> str:
        return value.strftime("%d/%m/%Y") if value else "…"

    return {
        "legal_bases": [lb.text for lb in plan.legal_bases.all()],
        "reporting_periods": [
            f"{p.name}: {day(p.start)}–{day(p.end)} → {day(p.due)}"
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


def _shift_year(date, years: int):
    if date is None:
        return None
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _shift_text(text: str, old_year: int, new_year: int) -> str:
    years = new_year - old_year
    for year in sorted({old_year - 1, old_year, old_year + 1}, reverse=years > 0):
        text = text.replace(str(year), str(year + years))
    return text


@transaction.atomic
def copy_plan(source: Plan, *, year: int, by, unit=None) -> Plan:
    """A new draft plan for `year` with the same sections, tasks and targets, dates moved.

    Units carry most of last year's plan into the next; this is that step, done once.
    """
    years = year - source.year
    plan = Plan.objects.get(pk=source.pk)
    plan.pk = None
    plan.unit = unit or source.unit
    plan.year = year
    plan.number = ""
    plan.issued_on = None
    plan.status = PlanStatus.DRAFT
    plan.signer, plan.submitted_by, plan.submitted_at, plan.closing_note = "", None, None, ""
    plan.title = _shift_text(source.title, source.year, year)
    plan.theme = _shift_text(source.theme, source.year, year)
    plan.source_name = ""
    plan.created_by = by if getattr(by, "is_authenticated", False) else None
    plan.save()
    LegalBasis.objects.bulk_create(
        LegalBasis(
            plan=plan, order=lb.order, number=lb.number, issued_on=lb.issued_on, text=lb.text
        )
        for lb in source.legal_bases.all()
    )
    section_map: dict[int | None, Section] = {}
    for section in source.sections.order_by("parent_id", "order"):
        old_pk, parent_pk = section.pk, section.parent_id
        section.pk, section.plan = None, plan
        section.parent = section_map.get(parent_pk)
        section.save()
        section_map[old_pk] = section
    for task in source.tasks.active().prefetch_related("parties"):  # cancelled work stays behind
        parties = list(task.parties.all())
        task.pk, task.plan = None, plan
        task.section = section_map.get(task.section_id)
        task.deadline_text = _shift_text(task.deadline_text, source.year, year)
        task.title = _shift_text(task.title, source.year, year)
        task.due = _shift_year(task.due, years)
        task.origin = None
        task.save()
        TaskParty.objects.bulk_create(
            TaskParty(task=task, role=p.role, order=p.order, text=p.text, post=p.post)
            for p in parties
        )
    for target in source.targets.all():
        target.pk, target.plan = None, plan
        target.text = _shift_text(target.text, source.year, year)
        target.save()
    for period in source.reporting_periods.all():
        period.pk, period.plan = None, plan
        period.name = _shift_text(period.name, source.year, year)
        period.start = _shift_year(period.start, years)
        period.end = _shift_year(period.end, years)
        period.due = _shift_year(period.due, years)
        period.save()
    announce_tasks_changed(plan_ids=[plan.pk])
    record(
        "plan.copy",
        by=by,
        obj=plan,
        unit=plan.unit,
        after={"from_plan": source.pk, "year": year, "tasks": plan.tasks.count()},
    )
    return plan


# --- the plan's life: submit, return, issue, close, reopen (docs/decisions/0050) ----------


def _refuse(message: str):
    raise PermissionDenied(message)


def _may(by, unit, *actions_: str) -> bool:
    """Whether `by` holds one of `actions_` on `unit`; `None` is the system (demo, commands)."""
    if by is None:
        return True
    access = access_for(by)
    return any(access.can(a, unit) for a in actions_)


def _members(unit, *roles: str) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            unit=unit, role__in=roles, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ]


def _task_holders(plan: Plan) -> list:
    """The people holding a post that leads one of the plan's tasks."""
    posts = TaskParty.objects.filter(
        task__plan=plan, role=PartyRole.LEAD, post__isnull=False
    ).values("post_id")
    return [
        m.user
        for m in Membership.objects.filter(post_id__in=posts, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    ]


def _plan_label(plan: Plan) -> str:
    return f"{plan.title} ({plan.unit.name})"


def _locked_plan(plan: Plan) -> Plan:
    return Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)


def _required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _check_issue_fields(number: str, issued_on, signer: str) -> tuple[str, str]:
    errors = {}
    number, signer = (number or "").strip(), (signer or "").strip()
    if not number:
        errors["number"] = _("Enter the number of the signed document (for example 26/KH-UBND).")
    if issued_on is None:
        errors["issued_on"] = _("Enter the date the document was signed.")
    if not signer:
        errors["signer"] = _("Enter who signed the document.")
    if errors:
        raise ValidationError(errors)
    return number, signer


@transaction.atomic
def submit_plan(plan: Plan, *, by) -> Plan:
    """The focal point submits the draft for approval; the unit's leaders are notified."""
    plan = _locked_plan(plan)
    if not _may(by, plan.unit, Action.EDIT_PLAN):
        _refuse(_("Only the unit's CCHC focal point may submit its plan for approval."))
    if plan.status != PlanStatus.DRAFT:
        _refuse(_("Only a draft plan can be submitted for approval."))
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_by = by if getattr(by, "is_authenticated", False) else None
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    event = record(
        "plan.submit",
        by=by,
        obj=plan,
        unit=plan.unit,
        before={"status": PlanStatus.DRAFT},
        after={"status": plan.status},
    )
    notify(
        "plan_submitted",
        _members(plan.unit, Role.LEADER),
        key=f"plan-submitted-{event.pk}",
        title=_("A plan awaits your approval: %(plan)s") % {"plan": _plan_label(plan)},
        url=plan.get_absolute_url(),
        about=plan,
        unit=plan.unit,
    )
    return plan


@transaction.atomic
def return_plan(plan: Plan, *, by, reason: str) -> Plan:
    """A leader returns a submitted plan to draft (or the focal point withdraws it), with the
    reason; the focal point is notified."""
    reason = _required_text(reason, "reason", _("Enter why the plan is returned to draft."))
    plan = _locked_plan(plan)
    if not _may(by, plan.unit, Action.APPROVE, Action.EDIT_PLAN):
        _refuse(_("Only the unit's leader or focal point may return the plan to draft."))
    if plan.status != PlanStatus.SUBMITTED:
        _refuse(_("Only a plan awaiting approval can be returned to draft."))
    _back_to_draft(plan, by=by, reason=reason)
    return plan


def _back_to_draft(plan: Plan, *, by, reason: str, action: str = "plan.return") -> None:
    plan.status = PlanStatus.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    clear(plan)
    event = record(
        action,
        by=by,
        obj=plan,
        unit=plan.unit,
        before={"status": PlanStatus.SUBMITTED},
        after={"status": plan.status},
        reason=reason,
    )
    recipients = _members(plan.unit, Role.FOCAL_POINT)
    if plan.submitted_by is not None:
        recipients.append(plan.submitted_by)
    notify(
        "plan_returned",
        recipients,
        key=f"plan-returned-{event.pk}",
        title=_("The plan was returned to draft: %(plan)s") % {"plan": _plan_label(plan)},
        body=reason,
        url=plan.get_absolute_url(),
        about=plan,
        unit=plan.unit,
    )


def issue_plan(plan: Plan, *, by, number: str, issued_on, signer: str, file=None) -> Plan:
    """The leader approves and issues a submitted plan: its number, date and signer, and the
    signed scan as evidence. From then on its tasks are work: due lists, reminders, figures.
    The person who submitted it may not issue it (another leader signs it off)."""
    number, signer = _check_issue_fields(number, issued_on, signer)
    checked = check_upload(file) if file is not None else None
    with keeping_files() as stored, transaction.atomic():
        plan = _locked_plan(plan)
        if not _may(by, plan.unit, Action.APPROVE):
            _refuse(_("Only the unit's leader may approve and issue its plan."))
        if plan.status != PlanStatus.SUBMITTED:
            _refuse(_("Only a plan submitted for approval can be issued: submit it first."))
        if (
            by is not None
            and not by.is_superuser
            and plan.submitted_by_id is not None
            and plan.submitted_by_id == by.pk
        ):
            _refuse(
                _(
                    "You submitted this plan: another leader must approve and issue it "
                    "(nobody approves their own submission)."
                )
            )
        before = {"status": plan.status, "number": plan.number, "signer": plan.signer}
        plan.status = PlanStatus.ISSUED
        plan.number, plan.issued_on, plan.signer = number, issued_on, signer
        plan.save(update_fields=["status", "number", "issued_on", "signer", "updated_at"])
        if file is not None:
            attach(
                plan,
                unit=plan.unit,
                by=by,
                file=file,
                checked=checked,
                title=_("Signed plan"),
                number=number,
                issued_on=issued_on,
                issuer=signer,
                stored=stored,
            )
        clear(plan)
        announce_tasks_changed(plan_ids=[plan.pk])
        event = record(
            "plan.issue",
            by=by,
            obj=plan,
            unit=plan.unit,
            before=before,
            after={"status": plan.status, "number": number, "signer": signer},
        )
        notify(
            "plan_issued",
            [*_members(plan.unit, Role.FOCAL_POINT), *_task_holders(plan)],
            key=f"plan-issued-{event.pk}",
            title=_("The plan was issued: %(plan)s") % {"plan": _plan_label(plan)},
            body=_("Its tasks are now in “My tasks” of the people who lead them."),
            url=plan.get_absolute_url(),
            about=plan,
            unit=plan.unit,
        )
    return plan


@transaction.atomic
def close_plan(plan: Plan, *, by, note: str) -> Plan:
    """Close an issued plan at the year's end, with the closing note."""
    note = _required_text(note, "note", _("Write the closing note."))
    plan = _locked_plan(plan)
    if not _may(by, plan.unit, Action.APPROVE, Action.EDIT_PLAN):
        _refuse(_("Only the unit's leader or focal point may close its plan."))
    if plan.status != PlanStatus.ISSUED:
        _refuse(_("Only an issued plan can be closed."))
    if plan.open_amendment() is not None:
        _refuse(_("An amendment of this plan is being prepared: issue it before closing."))
    plan.status, plan.closing_note = PlanStatus.CLOSED, note
    plan.save(update_fields=["status", "closing_note", "updated_at"])
    record(
        "plan.close",
        by=by,
        obj=plan,
        unit=plan.unit,
        before={"status": PlanStatus.ISSUED},
        after={"status": plan.status, "closing_note": note},
    )
    return plan


@transaction.atomic
def reopen_plan(plan: Plan, *, by, reason: str) -> Plan:
    """Reopen a closed plan (it is in force again), only with a reason."""
    reason = _required_text(reason, "reason", _("Enter why the plan is reopened."))
    plan = _locked_plan(plan)
    if not _may(by, plan.unit, Action.APPROVE, Action.EDIT_PLAN):
        _refuse(_("Only the unit's leader or focal point may reopen its plan."))
    if plan.status != PlanStatus.CLOSED:
        _refuse(_("Only a closed plan can be reopened."))
    plan.status = PlanStatus.ISSUED
    plan.save(update_fields=["status", "updated_at"])
    record(
        "plan.reopen",
        by=by,
        obj=plan,
        unit=plan.unit,
        before={"status": PlanStatus.CLOSED},
        after={"status": plan.status},
        reason=reason,
    )
    return plan


# --- amendments ---------------------------------------------------------------------------


@transaction.atomic
def open_amendment(plan: Plan, *, by, reason: str) -> Amendment:
    """Start an amendment of an issued plan: from now on every task or target written is
    listed in it, until it is issued."""
    reason = _required_text(reason, "reason", _("Enter the reason for the amendment."))
    plan = _locked_plan(plan)
    if not _may(by, plan.unit, Action.EDIT_PLAN):
        _refuse(_("Only the unit's CCHC focal point may prepare an amendment."))
    if plan.status == PlanStatus.CLOSED:
        _refuse(_("This plan is closed: a closed plan cannot be amended. Reopen it first."))
    if plan.status != PlanStatus.ISSUED:
        _refuse(_("Only an issued plan is amended; a draft is edited directly."))
    if plan.open_amendment() is not None:
        _refuse(_("An amendment of this plan is already being prepared."))
    amendment = Amendment.objects.create(
        plan=plan, reason=reason, created_by=by if getattr(by, "is_authenticated", False) else None
    )
    record("amendment.open", by=by, obj=amendment, unit=plan.unit, after={"reason": reason})
    return amendment


def issue_amendment(
    amendment: Amendment, *, by, number: str, issued_on, signer: str, file=None
) -> Amendment:
    """The leader issues the amendment being prepared: its number, date, signer and scan."""
    number, signer = _check_issue_fields(number, issued_on, signer)
    checked = check_upload(file) if file is not None else None
    with keeping_files() as stored, transaction.atomic():
        amendment = (
            Amendment.objects.select_for_update(of=("self",))
            .select_related("plan__unit")
            .get(pk=amendment.pk)
        )
        plan = amendment.plan
        if not _may(by, plan.unit, Action.APPROVE):
            _refuse(_("Only the unit's leader may issue an amendment."))
        if amendment.status != AmendmentStatus.DRAFT:
            _refuse(_("This amendment was already issued."))
        if plan.status != PlanStatus.ISSUED:
            _refuse(_("Only an amendment of an issued plan can be issued."))
        if not amendment.changes:
            raise ValidationError(
                _("The amendment lists no change yet: add, change or remove tasks or targets.")
            )
        amendment.status = AmendmentStatus.ISSUED
        amendment.number, amendment.issued_on, amendment.signer = number, issued_on, signer
        amendment.save(update_fields=["status", "number", "issued_on", "signer"])
        if file is not None:
            attach(
                amendment,
                unit=plan.unit,
                by=by,
                file=file,
                checked=checked,
                title=_("Signed amendment"),
                number=number,
                issued_on=issued_on,
                issuer=signer,
                stored=stored,
            )
        event = record(
            "amendment.issue",
            by=by,
            obj=amendment,
            unit=plan.unit,
            after={
                "number": number,
                "signer": signer,
                "added": len(amendment.added),
                "removed": len(amendment.removed),
                "changed": len(amendment.changed),
            },
        )
        notify(
            "plan_amended",
            [*_members(plan.unit, Role.FOCAL_POINT), *_task_holders(plan)],
            key=f"plan-amended-{event.pk}",
            title=_("The plan was amended (%(number)s): %(plan)s")
            % {"number": number, "plan": _plan_label(plan)},
            body=amendment.reason,
            url=plan.get_absolute_url(),
            about=plan,
            unit=plan.unit,
        )
    return amendment


# --- appraisal by the upper level -----------------------------------------------------------


@transaction.atomic
def appraise_plan(
    plan: Plan,
    *,
    by,
    verdict: str,
    note: str = "",
    task_comments: dict[int, str] | None = None,
    target_comments: dict[int, str] | None = None,
) -> Appraisal:
    """The upper level appraises a submitted plan: a verdict and comments on its tasks and
    targets. "Needs revision" returns the plan to draft (the focal point is notified);
    "satisfactory" tells the unit's leaders it may be issued."""
    plan = _locked_plan(plan)
    if by is not None and not access_for(by).can(Action.APPRAISE, plan.unit):
        _refuse(_("You may only appraise the plans of units under your scope."))
    if by is not None and plan.unit_id in access_for(by).home_units():
        _refuse(_("A unit's plan is appraised by the upper level, not by the unit itself."))
    if plan.status != PlanStatus.SUBMITTED:
        _refuse(_("Only a plan submitted for approval can be appraised."))
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Choose the verdict: satisfactory or needs revision.")})
    task_comments = {k: v.strip() for k, v in (task_comments or {}).items() if v and v.strip()}
    target_comments = {k: v.strip() for k, v in (target_comments or {}).items() if v and v.strip()}
    tasks = {t.pk: t for t in plan.tasks.filter(pk__in=task_comments)}
    targets = {t.pk: t for t in plan.targets.filter(pk__in=target_comments)}
    if set(task_comments) - set(tasks) or set(target_comments) - set(targets):
        raise ValidationError(_("A comment names a task or target that is not in this plan."))
    note = (note or "").strip()
    if verdict == Verdict.REVISE and not (note or task_comments or target_comments):
        raise ValidationError(
            {"note": _("Say what needs revising: a general comment or comments on the rows.")}
        )
    reviewer_unit = None
    if by is not None:
        grant = next((g for g in access_for(by).grants if Action.APPRAISE in g.actions), None)
        reviewer_unit = Unit.objects.filter(pk=grant.unit_id).first() if grant else None
    appraisal = Appraisal.objects.create(
        plan=plan,
        verdict=verdict,
        note=note,
        by=by if getattr(by, "is_authenticated", False) else None,
        reviewer_unit=reviewer_unit,
    )
    AppraisalComment.objects.bulk_create(
        [
            AppraisalComment(
                appraisal=appraisal, task=tasks[pk], row_text=str(tasks[pk]), text=text
            )
            for pk, text in task_comments.items()
        ]
        + [
            AppraisalComment(
                appraisal=appraisal, target=targets[pk], row_text=targets[pk].text, text=text
            )
            for pk, text in target_comments.items()
        ]
    )
    event = record(
        "plan.appraise",
        by=by,
        obj=plan,
        unit=plan.unit,
        after={
            "verdict": verdict,
            "note": note,
            "comments": len(task_comments) + len(target_comments),
        },
    )
    if verdict == Verdict.REVISE:
        _back_to_draft(
            plan,
            by=by,
            reason=_("Appraisal: needs revision. %(note)s") % {"note": note},
            action="plan.return",
        )
    else:
        notify(
            "plan_appraised",
            [*_members(plan.unit, Role.LEADER), *_members(plan.unit, Role.FOCAL_POINT)],
            key=f"plan-appraised-{event.pk}",
            title=_("The upper level found the plan satisfactory: %(plan)s")
            % {"plan": _plan_label(plan)},
            body=note,
            url=plan.get_absolute_url(),
            about=plan,
            unit=plan.unit,
        )
    return appraisal


@transaction.atomic
def answer_comment(comment: AppraisalComment, *, by, answer: str) -> AppraisalComment:
    """The unit answers an appraisal comment beside its row."""
    answer = _required_text(answer, "answer", _("Write the answer."))
    comment = (
        AppraisalComment.objects.select_for_update(of=("self",))
        .select_related("appraisal__plan__unit")
        .get(pk=comment.pk)
    )
    plan = comment.appraisal.plan
    if not _may(by, plan.unit, Action.EDIT_PLAN, Action.APPROVE):
        _refuse(_("Only the unit's focal point or leader may answer the appraisal."))
    before = {"answer": comment.answer}
    comment.answer = answer
    comment.answered_by = by if getattr(by, "is_authenticated", False) else None
    comment.answered_at = timezone.now()
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    record(
        "appraisal.answer",
        by=by,
        obj=comment,
        unit=plan.unit,
        before=before,
        after={"answer": answer},
    )
    return comment
