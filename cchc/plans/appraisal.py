"""The upper level's appraisal (thẩm định) of a submitted plan, and the unit's answers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.org.access import Action, access_for
from cchc.org.choices import Role
from cchc.org.models import Unit

from .choices import PlanStatus, Verdict
from .lifecycle import (
    LEADER_OR_FOCAL_POINT,
    acting,
    back_to_draft,
    locked_plan,
    may,
    members,
    notify_unit,
    plan_label,
    refuse,
    required_text,
)
from .models import Appraisal, AppraisalComment, Plan


def _check_may_appraise(plan: Plan, by) -> None:
    if by is not None and not access_for(by).can(Action.APPRAISE, plan.unit):
        refuse(_("You may only appraise the plans of units under your scope."))
    if by is not None and plan.unit_id in access_for(by).home_units():
        refuse(_("A unit's plan is appraised by the upper level, not by the unit itself."))
    if plan.status != PlanStatus.SUBMITTED:
        refuse(_("Only a plan submitted for approval can be appraised."))


def _kept(comments: dict[int, str] | None) -> dict[int, str]:
    return {k: v.strip() for k, v in (comments or {}).items() if v and v.strip()}


def _comment_rows(plan: Plan, task_comments: dict, target_comments: dict) -> list:
    """The comments as unsaved rows, each beside the task or target it is about (of this
    plan only), with the row's text as it was appraised."""
    tasks = {t.pk: t for t in plan.tasks.filter(pk__in=task_comments)}
    targets = {t.pk: t for t in plan.targets.filter(pk__in=target_comments)}
    if set(task_comments) - set(tasks) or set(target_comments) - set(targets):
        raise ValidationError(_("A comment names a task or target that is not in this plan."))
    return [
        AppraisalComment(task=tasks[pk], row_text=str(tasks[pk]), text=text)
        for pk, text in task_comments.items()
    ] + [
        AppraisalComment(target=targets[pk], row_text=targets[pk].text, text=text)
        for pk, text in target_comments.items()
    ]


def _reviewer_unit(by):
    if by is None:
        return None
    grant = next((g for g in access_for(by).grants if Action.APPRAISE in g.actions), None)
    return Unit.objects.filter(pk=grant.unit_id).first() if grant else None


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
    plan = locked_plan(plan)
    _check_may_appraise(plan, by)
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Choose the verdict: satisfactory or needs revision.")})
    rows = _comment_rows(plan, _kept(task_comments), _kept(target_comments))
    note = (note or "").strip()
    if verdict == Verdict.REVISE and not (note or rows):
        raise ValidationError(
            {"note": _("Say what needs revising: a general comment or comments on the rows.")}
        )
    appraisal = Appraisal.objects.create(
        plan=plan, verdict=verdict, note=note, by=acting(by), reviewer_unit=_reviewer_unit(by)
    )
    for row in rows:
        row.appraisal = appraisal
    AppraisalComment.objects.bulk_create(rows)
    event = record(
        "plan.appraise",
        by=by,
        obj=plan,
        unit=plan.unit,
        after={"verdict": verdict, "note": note, "comments": len(rows)},
    )
    if verdict == Verdict.REVISE:
        reason = _("Appraisal: needs revision. %(note)s") % {"note": note}
        back_to_draft(plan, by=by, reason=reason, action="plan.return")
    else:
        notify_unit(
            "plan_appraised",
            plan,
            [*members(plan.unit, Role.LEADER), *members(plan.unit, Role.FOCAL_POINT)],
            key=f"plan-appraised-{event.pk}",
            title=_("The upper level found the plan satisfactory: %(plan)s")
            % {"plan": plan_label(plan)},
            body=note,
        )
    return appraisal


@transaction.atomic
def answer_comment(comment: AppraisalComment, *, by, answer: str) -> AppraisalComment:
    """The unit answers an appraisal comment beside its row."""
    answer = required_text(answer, "answer", _("Write the answer."))
    comment = (
        AppraisalComment.objects.select_for_update(of=("self",))
        .select_related("appraisal__plan__unit")
        .get(pk=comment.pk)
    )
    plan = comment.appraisal.plan
    if not may(by, plan.unit, *LEADER_OR_FOCAL_POINT):
        refuse(_("Only the unit's focal point or leader may answer the appraisal."))
    before = {"answer": comment.answer}
    comment.answer = answer
    comment.answered_by = acting(by)
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
