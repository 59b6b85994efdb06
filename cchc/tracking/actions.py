"""Writes of the execution follow-up. Each is one transaction with one audit event.

Views, commands, jobs and the demo call these; none of them writes a progress update, an
evidence file, an assignment or a reminder setting another way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import record, snapshot
from cchc.evidence.actions import attach, keeping_files
from cchc.evidence.files import check_upload
from cchc.formats.inputs import refuse_after_today
from cchc.notifications.actions import clear, notify
from cchc.org.access import Action, access_for
from cchc.plans.actions import save_task
from cchc.plans.choices import TaskState
from cchc.plans.models import Task
from cchc.plans.rules import ensure_open

from .choices import NotificationKind, UpdateState
from .models import (
    Assignment,
    Occurrence,
    ProgressUpdate,
    ReminderPolicy,
)
from .schedule import sync_tasks


@dataclass
class EvidenceInput:
    """A document proving the work, as the form received it."""

    file: object  # an UploadedFile
    title: str
    number: str = ""
    issued_on: object = None
    issuer: str = ""


def check_state_and_percent(state: str, percent: int) -> None:
    """The state and the percent must say the same thing: "completed" is 100% and 100% is
    "completed". A contradiction is refused with a message, never corrected silently."""
    if percent is None or not 0 <= percent <= 100:
        raise ValidationError(
            {"percent": _("The percentage done must be between 0 and 100.")}, code="percent"
        )
    if state not in UpdateState.values:
        raise ValidationError({"state": _("Choose the state of the work.")})
    if state == UpdateState.DONE and percent < 100:
        raise ValidationError(
            {
                "percent": _(
                    "The state says “completed” but the percentage done is %(percent)s%%: "
                    "a completed task is 100%%. Correct the percentage or the state."
                )
                % {"percent": percent}
            },
            code="contradiction",
        )
    if percent == 100 and state != UpdateState.DONE:
        raise ValidationError(
            {
                "state": _(
                    "The percentage done is 100%% but the state says “%(state)s”: choose "
                    "“completed”, or enter the percentage actually done."
                )
                % {"state": UpdateState(state).label}
            },
            code="contradiction",
        )


def product_document_needed(occurrence: Occurrence) -> bool:
    """Whether "completed" on this occurrence must carry the product document: its task lists
    products and its plan requires the document (the focal point's plan rule)."""
    return bool(occurrence.task.products) and occurrence.plan.product_document_required


def _check_product_document(occurrence: Occurrence, state: str, evidence) -> None:
    if state != UpdateState.DONE or not product_document_needed(occurrence):
        return
    complete = [e for e in evidence if e.file and (e.number or "").strip() and e.issued_on]
    if complete:
        return
    on_file = (
        occurrence.evidence().exclude(file="").exclude(number="").filter(issued_on__isnull=False)
    )
    if on_file.exists():
        return
    raise ValidationError(
        {
            "evidence_file": _(
                "This task lists its products (%(products)s): to report it completed, attach "
                "the product document with its number, date and file."
            )
            % {"products": "; ".join(occurrence.task.products)[:300]}
        },
        code="product_document",
    )


def report_progress(
    occurrence: Occurrence,
    *,
    by,
    state: str,
    percent: int,
    note: str = "",
    evidence: Sequence[EvidenceInput] = (),
    at=None,
) -> ProgressUpdate:
    """Record a progress report (with its evidence files) and the occurrence's new summary.

    "Completed" and 100% are the same thing: a report where they disagree is refused. When the
    task lists products and its plan requires it, "completed" carries the product document
    (number, date, file). The occurrence is done from the day of the first
    report of the latest run of "completed" reports; a later report below 100% reopens it.
    Nothing is saved — no row, no file — when anything is invalid.
    """
    ensure_open(occurrence.plan)
    check_state_and_percent(state, percent)
    _check_product_document(occurrence, state, evidence)
    checked = [(item, check_upload(item.file)) for item in evidence]
    for item, _checked in checked:
        if not (item.title or "").strip():
            raise ValidationError({"evidence_title": _("Enter what the document is.")})
        refuse_after_today(item.issued_on, field="evidence_issued_on", label=_("Document date"))
    with keeping_files() as stored, transaction.atomic():
        update = _save_update(occurrence, by, state, percent, note, at)
        files = [
            attach(
                update,
                unit=occurrence.plan.unit,
                by=by,
                file=item.file,
                checked=info,
                title=item.title,
                number=item.number,
                issued_on=item.issued_on,
                issuer=item.issuer,
                stored=stored,
            )
            for item, info in checked
        ]
        record(
            "progress.report",
            by=by,
            obj=update,
            unit=occurrence.plan.unit,
            subject=occurrence.task,
            after={
                "task": occurrence.task_id,
                "occurrence": occurrence.pk,
                "period": occurrence.label,
                "state": state,
                "percent": percent,
                "note": note,
                "evidence": [str(e) for e in files],
            },
        )
    return update


def _save_update(occurrence, by, state, percent, note, at) -> ProgressUpdate:
    occurrence = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
    if Task.objects.filter(pk=occurrence.task_id).exclude(state=TaskState.ACTIVE).exists():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "This task was cancelled: no progress is reported on it "
                    "(restore it on the plan page first)."
                )
            }
        )
    update = ProgressUpdate.objects.create(
        occurrence=occurrence,
        by=by if getattr(by, "is_authenticated", False) else None,
        at=at or timezone.now(),
        state=state,
        percent=percent,
        note=note.strip(),
    )
    _summarise(occurrence)
    if occurrence.is_done:  # its reminders are answered: off everyone's unread list
        clear(occurrence)
    return update


def _summarise(occurrence: Occurrence) -> None:
    """Percent, state, done day and last update from the occurrence's reports.

    Reads the newest report and, only when it says done, where the latest run of "done"
    reports began: not every report, which grow with every report sent."""
    newest_first = occurrence.updates.order_by("-at", "-pk")
    latest = newest_first.first()
    done_on = None
    if latest is not None and latest.says_done:
        run = occurrence.updates.all()
        before = newest_first.exclude(
            ProgressUpdate.says_done_q()
        ).first()  # the last report below "done"
        if before is not None:
            run = run.filter(Q(at__gt=before.at) | Q(at=before.at, pk__gt=before.pk))
        first = run.order_by("at", "pk").first() or latest  # the latest is in the run
        done_on = timezone.localdate(first.at)
    occurrence.percent = latest.percent if latest else 0
    occurrence.state = latest.state if latest else ""
    occurrence.last_update_at = latest.at if latest else None
    occurrence.done_on = done_on
    occurrence.save(update_fields=["percent", "state", "last_update_at", "done_on"])


@transaction.atomic
def set_due(task: Task, due, *, by) -> Task:
    """Give a task that named no date a due date (the "tasks without a date" list)."""
    task.due = due
    save_task(task, by=by, reading_only=True)
    sync_tasks([Task.objects.select_related("plan__unit").get(pk=task.pk)])
    return task


@transaction.atomic
def assign(task: Task, user, *, by) -> Assignment:
    """Ask `user` to carry `task`: they find it in "My tasks" and may report on it."""
    ensure_open(task.plan)
    assignment, created = Assignment.objects.get_or_create(
        task=task, user=user, defaults={"assigned_by": by}
    )
    if created:
        record(
            "task.assign",
            by=by,
            obj=task,
            unit=task.plan.unit,
            after={"task": task.pk, "assigned_to": user.username, "name": str(user)},
        )
        notify(
            NotificationKind.ASSIGNED,
            [user],
            key=f"assigned:{task.pk}:{assignment.pk}",
            title=_("You were asked to carry a task: %(task)s") % {"task": task.title[:200]},
            body=_("Assigned by %(who)s.") % {"who": str(by)},
            url=task_url(task),
            about=task,
            unit=task.plan.unit,
            email=False,
        )
    return assignment


@transaction.atomic
def unassign(assignment: Assignment, *, by) -> None:
    task = assignment.task
    ensure_open(task.plan)
    record(
        "task.unassign",
        by=by,
        obj=task,
        unit=task.plan.unit,
        before={"task": task.pk, "assigned_to": assignment.user.username},
    )
    assignment.delete()


@transaction.atomic
def save_policy(policy: ReminderPolicy, *, by) -> ReminderPolicy:
    """Save a unit's reminder settings."""
    creating = policy.pk is None
    before = (
        None
        if creating
        else snapshot(ReminderPolicy.objects.get(pk=policy.pk), ReminderPolicy.SETTINGS)
    )
    policy.updated_by = by if getattr(by, "is_authenticated", False) else None
    policy.full_clean()
    policy.save()
    record(
        "reminders.settings",
        by=by,
        obj=policy,
        unit=policy.unit,
        before=before,
        after=snapshot(policy, ReminderPolicy.SETTINGS),
    )
    return policy


def task_url(task: Task) -> str:
    return reverse("tracking:task", args=[task.pk])


@transaction.atomic
def set_product_rule(plan, *, required: bool, by):
    """The focal point decides whether "completed" must carry the product document on this
    plan's tasks that list products (else the form only invites it)."""
    ensure_open(plan)
    if not access_for(by).can(Action.EDIT_PLAN, plan.unit):
        raise PermissionDenied(_("Only the focal point sets the plan's progress rules."))
    before = plan.product_document_required
    if before == required:
        return plan
    plan.product_document_required = required
    plan.save(update_fields=["product_document_required", "updated_at"])
    record(
        "plan.product_rule",
        by=by,
        obj=plan,
        unit=plan.unit,
        before={"product_document_required": before},
        after={"product_document_required": required},
    )
    return plan
