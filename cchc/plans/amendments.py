"""Amendments (điều chỉnh kế hoạch) of an issued plan: opened with a reason, listing every task
or target written while open (`note_change`, called by the task and target actions), then
issued by the leader with a number, date, signer and scan — or discarded before that."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.org.access import Action

from .choices import AmendmentStatus, PlanStatus
from .lifecycle import (
    LEADER_OR_FOCAL_POINT,
    acting,
    attach_signed,
    in_force_readers,
    issuing,
    locked_plan,
    may,
    notify_unit,
    plan_label,
    record_step,
    refuse,
    required_text,
)
from .models import Amendment, Plan

# What an amendment lists of a changed row: the fields people read, not the bookkeeping.
NOTED_FIELDS = {
    "task": ("ref", "title", "lead", "coordinators", "products", "deadline_text", "due", "state"),
    "target": ("text", "comparator", "value", "unit", "by_date"),
}


def _pick(fields, data):
    return {f: data.get(f) for f in fields if f in data} if data else None


def _merge(earlier: dict | None, before, after):
    """What the amendment lists for a row written again: (before, after) from the first state
    it had in the amendment to the latest; (None, None) when nothing is left to list."""
    if earlier is None:
        return before, after
    if earlier["op"] == "add":
        return (None, None) if after is None else (None, after)
    # the earlier entry kept only the fields it changed; the others were as they are now
    return {**(before or {}), **earlier["before"]}, after


def note_change(amendment, kind: str, obj, before: dict | None, after: dict | None) -> None:
    """List a task or target written while `amendment` is being prepared: added, removed or
    changed (with the fields before and after). A row added and removed within the same
    amendment leaves no trace in it; a row changed twice is listed once, first to last."""
    if amendment is None:
        return
    amendment = type(amendment).objects.select_for_update().get(pk=amendment.pk)
    fields = NOTED_FIELDS[kind]
    changes = list(amendment.changes)
    earlier = next(
        (c for c in changes if c["kind"] == kind and c["id"] == obj.pk and c["op"] != "remove"),
        None,
    )
    if earlier is not None:
        changes.remove(earlier)
    new_before, new_after = _merge(earlier, _pick(fields, before), _pick(fields, after))
    op = "add" if new_before is None else "remove" if new_after is None else "change"
    if new_before is not None and new_after is not None:
        diff = [f for f in fields if new_before.get(f) != new_after.get(f)]
        new_before = {f: new_before.get(f) for f in diff}
        new_after = {f: new_after.get(f) for f in diff}
    if (new_before, new_after) != (None, None) and (op != "change" or new_after):
        label = str(obj) if kind == "task" else obj.text[:200]
        changes.append(
            {"kind": kind, "id": obj.pk, "op": op, "label": label}
            | {"before": new_before, "after": new_after}
        )
    amendment.changes = changes
    amendment.save(update_fields=["changes"])


@transaction.atomic
def open_amendment(plan: Plan, *, by, reason: str) -> Amendment:
    """Start an amendment of an issued plan: from now on every task or target written is
    listed in it, until it is issued."""
    reason = required_text(reason, "reason", _("Enter the reason for the amendment."))
    plan = locked_plan(plan)
    if not may(by, plan.unit, Action.EDIT_PLAN):
        refuse(_("Only the unit's CCHC focal point may prepare an amendment."))
    if plan.status == PlanStatus.CLOSED:
        refuse(_("This plan is closed: a closed plan cannot be amended. Reopen it first."))
    if plan.status != PlanStatus.ISSUED:
        refuse(_("Only an issued plan is amended; a draft is edited directly."))
    if plan.open_amendment() is not None:
        refuse(_("An amendment of this plan is already being prepared."))
    amendment = Amendment.objects.create(plan=plan, reason=reason, created_by=acting(by))
    record("amendment.open", by=by, obj=amendment, unit=plan.unit, after={"reason": reason})
    return amendment


def _locked_amendment(amendment: Amendment) -> Amendment:
    return (
        Amendment.objects.select_for_update(of=("self",))
        .select_related("plan__unit")
        .get(pk=amendment.pk)
    )


def issue_amendment(
    amendment: Amendment, *, by, number: str, issued_on, signer: str, file=None
) -> Amendment:
    """The leader issues the amendment being prepared: its number, date, signer and scan."""
    with issuing(number, issued_on, signer, file) as (signed, upload):
        amendment = _locked_amendment(amendment)
        plan = amendment.plan
        if not may(by, plan.unit, Action.APPROVE):
            refuse(_("Only the unit's leader may issue an amendment."))
        if amendment.status != AmendmentStatus.DRAFT:
            refuse(_("This amendment was already issued."))
        if plan.status != PlanStatus.ISSUED:
            refuse(_("Only an amendment of an issued plan can be issued."))
        if not amendment.changes:
            raise ValidationError(
                _("The amendment lists no change yet: add, change or remove tasks or targets.")
            )
        amendment.status = AmendmentStatus.ISSUED
        amendment.number, amendment.signer = signed["number"], signed["signer"]
        amendment.issued_on = issued_on
        amendment.save(update_fields=["status", "number", "issued_on", "signer"])
        attach_signed(
            amendment, plan, by=by, signed=signed, title=_("Signed amendment"), upload=upload
        )
        counts = {
            "added": len(amendment.added),
            "removed": len(amendment.removed),
            "changed": len(amendment.changed),
        }
        event = record(
            "amendment.issue",
            by=by,
            obj=amendment,
            unit=plan.unit,
            after={"number": amendment.number, "signer": amendment.signer, **counts},
        )
        notify_unit(
            "plan_amended",
            plan,
            in_force_readers(plan),
            key=f"plan-amended-{event.pk}",
            title=_("The plan was amended (%(number)s): %(plan)s")
            % {"number": amendment.number, "plan": plan_label(plan)},
            body=amendment.reason,
        )
    return amendment


@transaction.atomic
def discard_amendment(amendment: Amendment, *, by, reason: str) -> Amendment:
    """Give up the amendment being prepared, with the reason: the plan stays as issued and
    no longer accepts changes. An amendment still listing changes is refused: those changes
    were written to the plan, so they are undone first (editing a row back, deleting a row
    it added) or the amendment is issued."""
    reason = required_text(reason, "reason", _("Enter why the amendment is discarded."))
    amendment = _locked_amendment(amendment)
    plan = amendment.plan
    if not may(by, plan.unit, *LEADER_OR_FOCAL_POINT):
        refuse(_("Only the unit's focal point or leader may discard an amendment."))
    if amendment.status != AmendmentStatus.DRAFT:
        refuse(_("Only an amendment being prepared can be discarded."))
    if amendment.changes:
        raise ValidationError(
            _(
                "The amendment still lists %(count)s change(s) already written to the plan: "
                "undo them first (edit the rows back, delete the rows it added), or issue it."
            )
            % {"count": len(amendment.changes)}
        )
    amendment.status = AmendmentStatus.DISCARDED
    amendment.save(update_fields=["status"])
    after = {"status": amendment.status}
    was = AmendmentStatus.DRAFT
    record_step("amendment.discard", amendment, plan, by=by, was=was, after=after, reason=reason)
    return amendment
