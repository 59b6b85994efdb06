"""A plan's life (docs/decisions/0050): submit, return to draft, issue, close, reopen.

Each step is one transaction with one audit event and a notification to the next person.
The helpers at the top are shared with the amendments and the appraisal, the other decisions
taken on a plan by the people who sign it off.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.evidence.actions import attach, keeping_files
from cchc.evidence.files import check_upload
from cchc.formats.inputs import after_today_error
from cchc.notifications.actions import clear, notify
from cchc.org.access import Action, access_for
from cchc.org.choices import Role
from cchc.org.models import Membership

from .choices import PartyRole, PlanStatus
from .models import Plan, TaskParty
from .signals import announce_tasks_changed


def refuse(message: str):
    raise PermissionDenied(message)


def may(by, unit, *actions_: str) -> bool:
    """Whether `by` holds one of `actions_` on `unit`; `None` is the system (demo, commands)."""
    if by is None:
        return True
    access = access_for(by)
    return any(access.can(a, unit) for a in actions_)


def acting(by):
    """The user to store as the author of a row (None for the system)."""
    return by if getattr(by, "is_authenticated", False) else None


def members(unit, *roles: str) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            unit=unit, role__in=roles, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ]


def task_holders(plan: Plan) -> list:
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


def plan_label(plan: Plan) -> str:
    return f"{plan.title} ({plan.unit.name})"


def locked_plan(plan: Plan) -> Plan:
    return Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)


def required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def check_issue_fields(number: str, issued_on, signer: str) -> tuple[str, str]:
    errors = {}
    number, signer = (number or "").strip(), (signer or "").strip()
    if not number:
        errors["number"] = _("Enter the number of the signed document (for example 26/KH-UBND).")
    if issued_on is None:
        errors["issued_on"] = _("Enter the date the document was signed.")
    elif issued_on > timezone.localdate():  # the year typed ahead around the new year (0177)
        errors["issued_on"] = after_today_error(_("Signed on"))
    if not signer:
        errors["signer"] = _("Enter who signed the document.")
    if errors:
        raise ValidationError(errors)
    return number, signer


def notify_unit(kind: str, plan: Plan, recipients: list, *, key: str, title: str, body=""):
    """Tell `recipients` about something that happened to `plan`; the notice opens the plan."""
    notify(
        kind,
        recipients,
        key=key,
        title=title,
        body=body,
        url=plan.get_absolute_url(),
        about=plan,
        unit=plan.unit,
    )


def in_force_readers(plan: Plan) -> list:
    """Who is told when the plan (or an amendment of it) comes into force: the focal points
    and the people leading its tasks."""
    return [*members(plan.unit, Role.FOCAL_POINT), *task_holders(plan)]


def attach_signed(obj, plan: Plan, *, by, signed: dict, title: str, upload) -> None:
    """Keep the signed scan of `obj` (a plan or an amendment) as its evidence; `upload` is the
    (file, checked, stored) triple of `signed_upload`, nothing when no file was given."""
    file, checked, stored = upload
    if file is None:
        return
    attach(
        obj,
        unit=plan.unit,
        by=by,
        file=file,
        checked=checked,
        title=title,
        number=signed["number"],
        issued_on=signed["issued_on"],
        issuer=signed["signer"],
        stored=stored,
    )


@contextmanager
def issuing(number: str, issued_on, signer: str, file):
    """Check what signing asks for, then open the transaction that issues: yields the signed
    fields and the upload to hand to `attach_signed`. The file is checked by content before any
    row is locked; a file stored by a transaction that fails leaves the disk again."""
    number, signer = check_issue_fields(number, issued_on, signer)
    checked = check_upload(file) if file is not None else None
    signed = {"number": number, "issued_on": issued_on, "signer": signer}
    with keeping_files() as stored, transaction.atomic():
        yield signed, (file, checked, stored)


# Who takes a plan's steps other than submitting and issuing (return to draft, close, reopen,
# answer the appraisal, discard an amendment): the unit's leader or its focal point.
LEADER_OR_FOCAL_POINT = (Action.APPROVE, Action.EDIT_PLAN)


def guarded(plan: Plan, by, actions_: tuple[str, ...], who: str, status: str, when: str) -> Plan:
    """The plan locked for a step: refused (PermissionDenied, with `who`) unless `by` holds one
    of `actions_` on its unit, and (with `when`) unless it has `status`."""
    plan = locked_plan(plan)
    if not may(by, plan.unit, *actions_):
        refuse(who)
    if plan.status != status:
        refuse(when)
    return plan


def record_step(action: str, obj, plan: Plan, *, by, was: str, after: dict, reason: str = ""):
    """The audit event of a step of the plan's (or an amendment's) life: the status it had,
    what it has now."""
    return record(
        action, by=by, obj=obj, unit=plan.unit, before={"status": was}, after=after, reason=reason
    )


@transaction.atomic
def submit_plan(plan: Plan, *, by) -> Plan:
    """The focal point submits the draft for approval; the unit's leaders are notified."""
    plan = guarded(
        plan,
        by,
        (Action.EDIT_PLAN,),
        _("Only the unit's CCHC focal point may submit its plan for approval."),
        PlanStatus.DRAFT,
        _("Only a draft plan can be submitted for approval."),
    )
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_by = acting(by)
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    event = record_step(
        "plan.submit", plan, plan, by=by, was=PlanStatus.DRAFT, after={"status": plan.status}
    )
    notify_unit(
        "plan_submitted",
        plan,
        members(plan.unit, Role.LEADER),
        key=f"plan-submitted-{event.pk}",
        title=_("A plan awaits your approval: %(plan)s") % {"plan": plan_label(plan)},
    )
    return plan


@transaction.atomic
def return_plan(plan: Plan, *, by, reason: str) -> Plan:
    """A leader returns a submitted plan to draft (or the focal point withdraws it), with the
    reason; the focal point is notified."""
    reason = required_text(reason, "reason", _("Enter why the plan is returned to draft."))
    plan = guarded(
        plan,
        by,
        LEADER_OR_FOCAL_POINT,
        _("Only the unit's leader or focal point may return the plan to draft."),
        PlanStatus.SUBMITTED,
        _("Only a plan awaiting approval can be returned to draft."),
    )
    back_to_draft(plan, by=by, reason=reason)
    return plan


def back_to_draft(plan: Plan, *, by, reason: str, action: str = "plan.return") -> None:
    plan.status = PlanStatus.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    clear(plan)
    event = record_step(
        action,
        plan,
        plan,
        by=by,
        was=PlanStatus.SUBMITTED,
        after={"status": plan.status},
        reason=reason,
    )
    recipients = members(plan.unit, Role.FOCAL_POINT)
    if plan.submitted_by is not None:
        recipients.append(plan.submitted_by)
    notify_unit(
        "plan_returned",
        plan,
        recipients,
        key=f"plan-returned-{event.pk}",
        title=_("The plan was returned to draft: %(plan)s") % {"plan": plan_label(plan)},
        body=reason,
    )


def _to_issue(plan: Plan, by) -> Plan:
    plan = guarded(
        plan,
        by,
        (Action.APPROVE,),
        _("Only the unit's leader may approve and issue its plan."),
        PlanStatus.SUBMITTED,
        _("Only a plan submitted for approval can be issued: submit it first."),
    )
    own = by is not None and not by.is_superuser and plan.submitted_by_id == by.pk
    if own and plan.submitted_by_id is not None:
        refuse(
            _(
                "You submitted this plan: another leader must approve and issue it "
                "(nobody approves their own submission)."
            )
        )
    return plan


def issue_plan(plan: Plan, *, by, number: str, issued_on, signer: str, file=None) -> Plan:
    """The leader approves and issues a submitted plan: its number, date and signer, and the
    signed scan as evidence. From then on its tasks are work: due lists, reminders, figures.
    The person who submitted it may not issue it (another leader signs it off)."""
    with issuing(number, issued_on, signer, file) as (signed, upload):
        plan = _to_issue(plan, by)
        before = {"status": plan.status, "number": plan.number, "signer": plan.signer}
        plan.status = PlanStatus.ISSUED
        plan.number, plan.issued_on, plan.signer = signed["number"], issued_on, signed["signer"]
        plan.save(update_fields=["status", "number", "issued_on", "signer", "updated_at"])
        attach_signed(plan, plan, by=by, signed=signed, title=_("Signed plan"), upload=upload)
        clear(plan)
        announce_tasks_changed(plan_ids=[plan.pk])
        event = record(
            "plan.issue",
            by=by,
            obj=plan,
            unit=plan.unit,
            before=before,
            after={"status": plan.status, "number": plan.number, "signer": plan.signer},
        )
        notify_unit(
            "plan_issued",
            plan,
            in_force_readers(plan),
            key=f"plan-issued-{event.pk}",
            title=_("The plan was issued: %(plan)s") % {"plan": plan_label(plan)},
            body=_("Its tasks are now in “My tasks” of the people who lead them."),
        )
    return plan


@transaction.atomic
def close_plan(plan: Plan, *, by, note: str) -> Plan:
    """Close an issued plan at the year's end, with the closing note."""
    note = required_text(note, "note", _("Write the closing note."))
    plan = guarded(
        plan,
        by,
        LEADER_OR_FOCAL_POINT,
        _("Only the unit's leader or focal point may close its plan."),
        PlanStatus.ISSUED,
        _("Only an issued plan can be closed."),
    )
    if plan.open_amendment() is not None:
        refuse(_("An amendment of this plan is being prepared: issue it before closing."))
    plan.status, plan.closing_note = PlanStatus.CLOSED, note
    plan.save(update_fields=["status", "closing_note", "updated_at"])
    after = {"status": plan.status, "closing_note": note}
    record_step("plan.close", plan, plan, by=by, was=PlanStatus.ISSUED, after=after)
    return plan


@transaction.atomic
def reopen_plan(plan: Plan, *, by, reason: str) -> Plan:
    """Reopen a closed plan (it is in force again), only with a reason."""
    reason = required_text(reason, "reason", _("Enter why the plan is reopened."))
    plan = guarded(
        plan,
        by,
        LEADER_OR_FOCAL_POINT,
        _("Only the unit's leader or focal point may reopen its plan."),
        PlanStatus.CLOSED,
        _("Only a closed plan can be reopened."),
    )
    plan.status = PlanStatus.ISSUED
    plan.save(update_fields=["status", "updated_at"])
    after = {"status": plan.status}
    record_step("plan.reopen", plan, plan, by=by, was=PlanStatus.CLOSED, after=after, reason=reason)
    return plan
