"""Plan pages. Each view fetches through the access helper first, then acts, then responds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cchc.core.forms import PasswordConfirmForm
from cchc.org.access import Action, access_for
from cchc.org.models import Unit

from . import actions, cascade, measures
from .choices import PlanStatus
from .exports import plan_workbook
from .forms import (
    AppraisalForm,
    IssueForm,
    PlanForm,
    ReasonForm,
    TargetForm,
    TaskCancelForm,
    TaskFilterForm,
    TaskForm,
)
from .history import amendment_rows, plan_history
from .layout import targets_by_area, task_rows
from .models import AppraisalComment, Plan, Target, Task
from .rules import ensure_open


def _plan_for(request, pk: int, action: str = Action.VIEW) -> Plan:
    """The plan if the user may see it (else 404) and do `action` on it (else 403)."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    access_for(request.user).require(action, plan.unit)
    return plan


@login_required
@require_safe
def plan_list(request):
    access = access_for(request.user)
    plans = Plan.objects.visible_to(request.user).select_related("unit")
    units = access.units().order_by("path")
    unit_code, year = request.GET.get("unit", ""), request.GET.get("year", "")
    if unit_code:
        unit = get_object_or_404(units, code=unit_code)
        plans = plans.filter(unit__in=Unit.objects.subtree(unit))
    if year.isdigit():
        plans = plans.filter(year=int(year))
    context = {
        "plans": plans.order_by("-year", "unit__path", "title"),
        "units": units,
        "years": Plan.objects.visible_to(request.user)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct(),
        "selected_unit": unit_code,
        "selected_year": year,
        "can_create": access.units(Action.EDIT_PLAN).exists(),
    }
    return render(request, "plans/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    if not access_for(request.user).units(Action.EDIT_PLAN).exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        plan = actions.save_plan(
            form.save(commit=False), by=request.user, legal_bases=form.legal_bases()
        )
        messages.success(request, _("The plan was created. Now add its tasks and targets."))
        return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
@require_safe
def plan_detail(request, pk: int):
    plan = _plan_for(request, pk)
    if request.htmx and request.htmx.target == "history-box":
        context = {"plan": plan, "history": plan_history(plan)}
        return render(request, "plans/plan_detail.html#history-box", context)
    tasks = plan.tasks.select_related("section").prefetch_related("parties")
    filters = TaskFilterForm(request.GET or None, plan=plan)
    tasks = filters.apply(tasks)
    sections = list(plan.sections.all())
    access = access_for(request.user)
    can_edit = access.can(Action.EDIT_PLAN, plan.unit)
    targets = list(plan.targets.select_related("indicator"))
    all_amendments = list(plan.amendments.all())
    amendment = next(
        (a for a in all_amendments if a.status == "draft" and plan.status == PlanStatus.ISSUED),
        None,
    )
    can_change = can_edit and (plan.status == PlanStatus.DRAFT or amendment is not None)
    if not (request.htmx and request.htmx.target == "task-table"):
        progress = measures.progress_of_plan(plan, timezone.localdate(), targets)
        for target in targets:
            target.progress = progress.get(target.pk)
    context = {
        "plan": plan,
        "rows": task_rows(tasks, sections),
        "task_count": plan.tasks.count(),
        "shown_count": len(tasks),
        "filters": filters,
        "target_groups": targets_by_area(targets),
        "legal_bases": plan.legal_bases.all(),
        "reporting_periods": plan.reporting_periods.all(),
        "can_edit": can_edit,
        "can_change": can_change,
        "query": request.GET.urlencode(),
        "from_above": cascade.tasks_from_above(plan) if can_change else [],
        **_life_context(request.user, plan, amendment, all_amendments),
        "adoptions": cascade.adoption_counts(plan),
        # The change history is loaded on demand (htmx), or inline with ?history=1 (no JS).
        "history": plan_history(plan) if request.GET.get("history") == "1" else None,
    }
    template = "plans/plan_detail.html"
    if request.htmx and request.htmx.target == "task-table":
        template += "#task-table"
    return render(request, template, context)


def _life_context(user, plan: Plan, amendment, all_amendments: list) -> dict:
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
        "can_close": (edit or approve) and status == PlanStatus.ISSUED and amendment is None,
        "can_reopen": (edit or approve) and status == PlanStatus.CLOSED,
        "evidence": list(plan.evidence.all()) if not plan.is_draft else [],
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    plan = _plan_for(request, pk, Action.EDIT_PLAN)
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.save_plan(form.save(commit=False), by=request.user, legal_bases=form.legal_bases())
        messages.success(request, _("The plan was saved."))
        return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request, pk: int):
    plan = _plan_for(request, pk, Action.EDIT_PLAN)
    form = PasswordConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.delete_plan(plan, by=request.user, reason=form.cleaned_data.get("reason", ""))
        messages.success(request, _("The plan was deleted."))
        return redirect("plans:list")
    context = {
        "plan": plan,
        "form": form,
        "task_count": plan.tasks.count(),
        "target_count": plan.targets.count(),
    }
    return render(request, "plans/plan_confirm_delete.html", context)


@login_required
@require_safe
def plan_export(request, pk: int):
    plan = _plan_for(request, pk)
    tasks = TaskFilterForm(request.GET or None, plan=plan).apply(
        plan.tasks.select_related("section").prefetch_related("parties")
    )
    content = plan_workbook(plan, tasks, list(plan.sections.all()), plan.targets.all())
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = slugify(f"ke-hoach-{plan.unit.code}-{plan.year}-{plan.pk}") or f"plan-{plan.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _task_for(request, pk: int, action: str = Action.EDIT_PLAN) -> Task:
    task = get_object_or_404(
        Task.objects.visible_to(request.user).select_related("plan__unit"), pk=pk
    )
    access_for(request.user).require(action, task.plan.unit)
    if action == Action.EDIT_PLAN:
        ensure_open(task.plan)
    return task


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request, plan_pk: int):
    plan = _plan_for(request, plan_pk, Action.EDIT_PLAN)
    ensure_open(plan)
    return _task_form(request, plan, Task(plan=plan))


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk: int):
    task = _task_for(request, pk)
    return _task_form(request, task.plan, task)


def _task_form(request, plan: Plan, task: Task):
    form = TaskForm(request.POST or None, instance=task, plan=plan)
    if request.method == "POST" and form.is_valid():
        actions.save_task(
            form.save(commit=False),
            by=request.user,
            leads=form.cleaned_data["leads"],
            coordinators=form.cleaned_data["coordinators"],
        )
        messages.success(request, _("The task was saved."))
        return redirect(f"{plan.get_absolute_url()}#task-{form.instance.pk}")
    return render(request, "plans/task_form.html", {"form": form, "plan": plan, "task": task})


@login_required
@require_http_methods(["GET", "POST"])
def task_delete(request, pk: int):
    task = _task_for(request, pk)
    plan = task.plan
    try:
        actions.check_deletable(task)
        if request.method == "POST":
            actions.delete_task(task, by=request.user)
            messages.success(request, _("The task was deleted."))
            return redirect("plans:detail", pk=plan.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:task_cancel", pk=task.pk)
    return render(request, "plans/confirm_delete.html", {"object": task, "plan": plan})


@login_required
@require_http_methods(["GET", "POST"])
def task_cancel(request, pk: int):
    task = _task_for(request, pk)
    form = TaskCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.cancel_task(task, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The task was cancelled; its reports and history are kept."))
        return redirect(f"{task.plan.get_absolute_url()}#task-{task.pk}")
    context = {"task": task, "plan": task.plan, "form": form}
    return render(request, "plans/task_cancel.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def task_restore(request, pk: int):
    task = _task_for(request, pk)
    actions.restore_task(task, by=request.user)
    messages.success(request, _("The task was restored: it is due again."))
    return redirect(f"{task.plan.get_absolute_url()}#task-{task.pk}")


def _target_for(request, pk: int) -> Target:
    target = get_object_or_404(
        Target.objects.filter(access_for(request.user).unit_q("plan__unit")).select_related(
            "plan__unit"
        ),
        pk=pk,
    )
    access_for(request.user).require(Action.EDIT_PLAN, target.plan.unit)
    ensure_open(target.plan)
    return target


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request, plan_pk: int):
    plan = _plan_for(request, plan_pk, Action.EDIT_PLAN)
    ensure_open(plan)
    return _target_form(request, plan, Target(plan=plan))


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk: int):
    target = _target_for(request, pk)
    return _target_form(request, target.plan, target)


def _target_form(request, plan: Plan, target: Target):
    form = TargetForm(request.POST or None, instance=target, plan=plan)
    if request.method == "POST" and form.is_valid():
        actions.save_target(form.save(commit=False), by=request.user)
        messages.success(request, _("The target was saved."))
        return redirect(f"{plan.get_absolute_url()}#targets")
    return render(request, "plans/target_form.html", {"form": form, "plan": plan, "target": target})


@login_required
@require_http_methods(["GET", "POST"])
def target_delete(request, pk: int):
    target = _target_for(request, pk)
    plan = target.plan
    if request.method == "POST":
        actions.delete_target(target, by=request.user)
        messages.success(request, _("The target was deleted."))
        return redirect(f"{plan.get_absolute_url()}#targets")
    return render(request, "plans/confirm_delete.html", {"object": target, "plan": plan})


@login_required
@require_POST
def task_adopt(request, pk: int, task_pk: int):
    """Take an upper level's task assigned to the communes into this plan."""
    plan = _plan_for(request, pk, Action.EDIT_PLAN)
    ensure_open(plan)
    upper = next((t for t in cascade.tasks_from_above(plan) if t.pk == task_pk), None)
    if upper is None:
        raise Http404
    task = cascade.adopt_task(upper, plan, by=request.user)
    messages.success(request, _("The task was added to the plan."))
    return redirect(f"{plan.get_absolute_url()}#task-{task.pk}")


# --- the plan's life (decision 0050): each page fetches the plan in scope, then one action --


def _refusal(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _reason(request) -> str:
    form = ReasonForm(request.POST)
    form.is_valid()
    return form.cleaned_data.get("text", "")


@login_required
@require_POST
def plan_submit(request, pk: int):
    plan = _plan_for(request, pk, Action.EDIT_PLAN)
    actions.submit_plan(plan, by=request.user)
    messages.success(request, _("The plan was submitted for approval; the leaders are notified."))
    return redirect(plan)


def _step(request, pk: int, action, done: str):
    """A step that asks for a reason or note: the plan in scope, the action, its message."""
    plan = _plan_for(request, pk)
    try:
        action(plan, request.user, _reason(request))
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, done)
    return redirect(plan)


@login_required
@require_POST
def plan_return(request, pk: int):
    return _step(
        request,
        pk,
        lambda plan, by, text: actions.return_plan(plan, by=by, reason=text),
        _("The plan was returned to draft."),
    )


@login_required
@require_POST
def plan_close(request, pk: int):
    return _step(
        request,
        pk,
        lambda plan, by, text: actions.close_plan(plan, by=by, note=text),
        _("The plan was closed."),
    )


@login_required
@require_POST
def plan_reopen(request, pk: int):
    return _step(
        request,
        pk,
        lambda plan, by, text: actions.reopen_plan(plan, by=by, reason=text),
        _("The plan was reopened: it is in force again."),
    )


@login_required
@require_POST
def amendment_open(request, pk: int):
    return _step(
        request,
        pk,
        lambda plan, by, text: actions.open_amendment(plan, by=by, reason=text),
        _("The amendment was opened: the tasks and targets you change now are listed in it."),
    )


def _issue_page(request, plan: Plan, issue, template_context: dict):
    form = IssueForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue(form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            return None
    context = {"plan": plan, "form": form, **template_context}
    return render(request, "plans/plan_issue.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_issue(request, pk: int):
    plan = _plan_for(request, pk, Action.APPROVE)

    def issue(data):
        actions.issue_plan(
            plan,
            by=request.user,
            number=data["number"],
            issued_on=data["issued_on"],
            signer=data["signer"],
            file=data["file"],
        )

    response = _issue_page(request, plan, issue, {"amendment": None})
    if response is not None:
        return response
    messages.success(request, _("The plan was issued: its tasks are now work to follow up."))
    return redirect(plan)


@login_required
@require_http_methods(["GET", "POST"])
def amendment_issue(request, pk: int):
    plan = _plan_for(request, pk, Action.APPROVE)
    amendment = plan.open_amendment()
    if amendment is None:
        raise Http404
    amendment.rows = amendment_rows(amendment)

    def issue(data):
        actions.issue_amendment(
            amendment,
            by=request.user,
            number=data["number"],
            issued_on=data["issued_on"],
            signer=data["signer"],
            file=data["file"],
        )

    response = _issue_page(request, plan, issue, {"amendment": amendment})
    if response is not None:
        return response
    messages.success(request, _("The amendment was issued."))
    return redirect(plan)


@login_required
@require_http_methods(["GET", "POST"])
def plan_appraise(request, pk: int):
    plan = _plan_for(request, pk, Action.APPRAISE)
    form = AppraisalForm(request.POST or None, tasks=plan.tasks.all(), targets=plan.targets.all())
    if request.method == "POST" and form.is_valid():
        try:
            actions.appraise_plan(
                plan,
                by=request.user,
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
                task_comments=form.comments("task_"),
                target_comments=form.comments("target_"),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The appraisal was sent to the unit."))
            return redirect(plan)
    context = {"plan": plan, "form": form}
    return render(request, "plans/plan_appraise.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def appraisal_answer(request, pk: int):
    comment = get_object_or_404(
        AppraisalComment.objects.filter(
            access_for(request.user).unit_q("appraisal__plan__unit")
        ).select_related("appraisal__plan__unit"),
        pk=pk,
    )
    plan = comment.appraisal.plan
    try:
        actions.answer_comment(comment, by=request.user, answer=_reason(request))
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Your answer was saved."))
    return redirect(f"{plan.get_absolute_url()}#appraisal")
