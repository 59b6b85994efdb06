"""The pages of a plan's life (decision 0050): submit, return, issue, close, reopen, amend,
appraise. Each fetches the plan in scope, then calls one action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cchc.org.access import Action, access_for

from . import actions
from .choices import PlanStatus
from .forms import AppraisalForm, IssueForm, ReasonForm
from .history import amendment_rows
from .models import AppraisalComment, Plan


def plan_for(request, pk: int, action: str = Action.VIEW) -> Plan:
    """The plan if the user may see it (else 404) and do `action` on it (else 403)."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    access_for(request.user).require(action, plan.unit)
    return plan


def life_context(user, plan: Plan, amendment, all_amendments: list) -> dict:
    """What the plan page shows of the plan's life, and the buttons this viewer may press."""
    access = access_for(user)
    edit = access.can(Action.EDIT_PLAN, plan.unit)
    approve = access.can(Action.APPROVE, plan.unit)
    appraise = access.can(Action.APPRAISE, plan.unit) and plan.unit_id not in access.home_units()
    status = plan.status
    appraisals = list(
        plan.appraisals.select_related("by", "reviewer_unit").prefetch_related("comments")
    )
    comments_by_task: dict[int, list] = {}
    comments_by_target: dict[int, list] = {}
    for appraisal in appraisals:
        for comment in appraisal.comments.all():
            comment.appraisal = appraisal
            if comment.task_id:
                comments_by_task.setdefault(comment.task_id, []).append(comment)
            if comment.target_id:
                comments_by_target.setdefault(comment.target_id, []).append(comment)
    own_submission = plan.submitted_by_id == user.pk and not user.is_superuser
    amendments = [a for a in all_amendments if a.status == "issued"]
    for a in [*amendments, *([amendment] if amendment else [])]:
        a.rows = amendment_rows(a)
    return {
        "amendment": amendment,
        "amendments": amendments,
        "appraisals": appraisals,
        "comments_by_task": comments_by_task,
        "comments_by_target": comments_by_target,
        "can_answer": edit or approve,
        "can_submit": edit and status == PlanStatus.DRAFT,
        "can_return": (edit or approve) and status == PlanStatus.SUBMITTED,
        "can_issue": approve and status == PlanStatus.SUBMITTED and not own_submission,
        "own_submission": approve and status == PlanStatus.SUBMITTED and own_submission,
        "can_appraise": appraise and status == PlanStatus.SUBMITTED,
        "can_amend": edit and status == PlanStatus.ISSUED and amendment is None,
        "can_issue_amendment": approve and amendment is not None,
        "can_discard_amendment": (edit or approve) and amendment is not None,
        "can_close": (edit or approve) and status == PlanStatus.ISSUED and amendment is None,
        "can_reopen": (edit or approve) and status == PlanStatus.CLOSED,
        "evidence": list(plan.evidence.all()) if not plan.is_draft else [],
    }


# --- the plan's life (decision 0050): each page fetches the plan in scope, then one action --


def done_on_form(form, action, *args, **kwargs) -> bool:
    """Run the action; a refusal is shown on the form, on the field it names."""
    try:
        action(*args, **kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return False
    return True


@login_required
@require_POST
def plan_submit(request, pk: int):
    plan = plan_for(request, pk, Action.EDIT_PLAN)
    actions.submit_plan(plan, by=request.user)
    messages.success(request, _("The plan was submitted for approval; the leaders are notified."))
    return redirect(plan)


def _open_amendment(plan: Plan):
    amendment = plan.open_amendment()
    if amendment is None:
        raise Http404
    return amendment


def _text_step(action, field: str, done, step: str, of=lambda plan: plan):
    """A POST-only step asking for a text (a reason or a note): the plan in scope, then
    `action` on it (or on what `of` finds of it) with the text as `field`; a refusal of the
    rules (PermissionDenied) is a 403. A refused text (missing, too long, or the step refused
    meanwhile) shows the plan's page again, status 400, the step's form (`step`) open with
    what was typed and the reason under it (decisions 0150, 0175)."""

    @login_required
    @require_POST
    def view(request, pk: int):
        plan = plan_for(request, pk)
        form = ReasonForm(request.POST)
        if form.is_valid() and done_on_form(
            form, action, of(plan), by=request.user, **{field: form.cleaned_data["text"]}
        ):
            messages.success(request, done)
            return redirect(plan)
        from .views import plan_page  # the plan's page, whose module imports this one

        return plan_page(request, plan, refused={"step": step, "form": form}, status=400)

    return view


plan_return = _text_step(
    actions.return_plan, "reason", gettext_lazy("The plan was returned to draft."), "return"
)
plan_close = _text_step(actions.close_plan, "note", gettext_lazy("The plan was closed."), "close")
plan_reopen = _text_step(
    actions.reopen_plan,
    "reason",
    gettext_lazy("The plan was reopened: it is in force again."),
    "reopen",
)
amendment_open = _text_step(
    actions.open_amendment,
    "reason",
    gettext_lazy(
        "The amendment was opened: the tasks and targets you change now are listed in it."
    ),
    "amend",
)
amendment_discard = _text_step(
    actions.discard_amendment,
    "reason",
    gettext_lazy("The amendment was discarded: the plan stays as issued."),
    "discard",
    of=_open_amendment,
)


def _issue_page(request, plan: Plan, action, obj, *, amendment, done):
    """The signing form of the plan or of its amendment: number, date, signer and scan go to
    `action(obj, …)`; back to the plan with `done` once issued. A plan's form starts from what
    its document said (read by the importer, or typed when it was made): the leader checks it."""
    known = {"number": plan.number, "issued_on": plan.issued_on, "signer": plan.signer}
    form = IssueForm(
        request.POST or None, request.FILES or None, initial=known if obj is plan else None
    )
    if request.method == "POST" and form.is_valid():
        signed = {k: form.cleaned_data[k] for k in ("number", "issued_on", "signer", "file")}
        if done_on_form(form, action, obj, by=request.user, **signed):
            messages.success(request, done)
            return redirect(plan)
    context = {"plan": plan, "form": form, "amendment": amendment}
    return render(request, "plans/plan_issue.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_issue(request, pk: int):
    plan = plan_for(request, pk, Action.APPROVE)
    done = _("The plan was issued: its tasks are now work to follow up.")
    return _issue_page(request, plan, actions.issue_plan, plan, amendment=None, done=done)


@login_required
@require_http_methods(["GET", "POST"])
def amendment_issue(request, pk: int):
    plan = plan_for(request, pk, Action.APPROVE)
    amendment = _open_amendment(plan)
    amendment.rows = amendment_rows(amendment)
    done = _("The amendment was issued.")
    return _issue_page(
        request, plan, actions.issue_amendment, amendment, amendment=amendment, done=done
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_appraise(request, pk: int):
    plan = plan_for(request, pk, Action.APPRAISE)
    form = AppraisalForm(request.POST or None, tasks=plan.tasks.all(), targets=plan.targets.all())
    if request.method == "POST" and form.is_valid():
        appraised = done_on_form(
            form,
            actions.appraise_plan,
            plan,
            by=request.user,
            verdict=form.cleaned_data["verdict"],
            note=form.cleaned_data["note"],
            task_comments=form.comments("task_"),
            target_comments=form.comments("target_"),
        )
        if appraised:
            messages.success(request, _("The appraisal was sent to the unit."))
            return redirect(plan)
    context = {"plan": plan, "form": form}
    return render(request, "plans/plan_appraise.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def appraisal_answer(request, pk: int):
    """The unit's answer beside an appraisal's comment. A refused answer (blank, too long)
    shows the plan's page again, 400, the answer typed in its box and the reason under it
    (decision 0179); it redirected, the answer lost."""
    comment = get_object_or_404(
        AppraisalComment.objects.visible_to(request.user).select_related("appraisal__plan__unit"),
        pk=pk,
    )
    plan = comment.appraisal.plan
    form = ReasonForm(request.POST)
    if form.is_valid() and done_on_form(
        form, actions.answer_comment, comment, by=request.user, answer=form.cleaned_data["text"]
    ):
        messages.success(request, _("Your answer was saved."))
        return redirect(f"{plan.get_absolute_url()}#appraisal")
    from .views import plan_page  # the plan's page, whose module imports this one

    refused = {"step": "answer", "comment": comment.pk, "form": form}
    return plan_page(request, plan, refused=refused, status=400)
