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
from cchc.org.access import Action, access_for, within

from . import actions, cascade, measures
from .choices import PlanStatus
from .exports import plan_workbook
from .forms import (
    PlanForm,
    TargetForm,
    TaskCancelForm,
    TaskFilterForm,
    TaskForm,
)
from .history import plan_history
from .layout import targets_by_area, task_rows
from .life_views import done_on_form, life_context, plan_for
from .models import Plan, Target, Task
from .rules import ensure_open


@login_required
@require_safe
def plan_list(request):
    access = access_for(request.user)
    plans = Plan.objects.visible_to(request.user).select_related("unit")
    units = access.units().order_by("path")
    unit_code, year = request.GET.get("unit", ""), request.GET.get("year", "")
    if unit_code:
        unit = get_object_or_404(units, code=unit_code)
        plans = plans.filter(within(unit))  # its predecessors' plans too (decision 0140)
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
        # an empty installation, or an account with no role yet: say what comes first
        "no_unit": not units.exists(),
    }
    return render(request, "plans/plan_list.html", context)


def _refused(form) -> int:
    """A form refused is its page again with status 400 (decisions 0142, 0175)."""
    return 400 if form.errors else 200


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    if not access_for(request.user).units(Action.EDIT_PLAN).exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and _plan_saved(request, form):
        messages.success(request, _("The plan was created. Now add its tasks and targets."))
        return redirect("plans:detail", pk=form.instance.pk)
    return render(request, "plans/plan_form.html", {"form": form}, status=_refused(form))


def _plan_saved(request, form: PlanForm) -> bool:
    """The plan typed on `form` saved by the action; its refusal (a date of issue still to
    come, decision 0177) shown beside the field, False then."""
    plan, bases = form.save(commit=False), form.legal_bases()
    return done_on_form(form, actions.save_plan, plan, by=request.user, legal_bases=bases)


@login_required
@require_safe
def plan_detail(request, pk: int):
    return plan_page(request, plan_for(request, pk))


def plan_page(request, plan: Plan, *, refused: dict | None = None, status: int = 200):
    """The plan's page; `refused` a step of its life refused (life_views._text_step): its
    form shown open, with what was typed and the reason beside it, status 400."""
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
        # a plan whose tasks were reported on is closed, never deleted: no button to a refusal
        "can_delete": can_edit and not plan.has_reports(),
        "query": request.GET.urlencode(),
        "from_above": cascade.tasks_from_above(plan) if can_change else [],
        **life_context(request.user, plan, amendment, all_amendments),
        "adoptions": cascade.adoption_counts(plan),
        # The change history is loaded on demand (htmx), or inline with ?history=1 (no JS).
        "history": plan_history(plan) if request.GET.get("history") == "1" else None,
        "refused": refused,
    }
    template = "plans/plan_detail.html"
    if request.htmx and request.htmx.target == "task-table":
        template += "#task-table"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    plan = plan_for(request, pk, Action.EDIT_PLAN)
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid() and _plan_saved(request, form):
        messages.success(request, _("The plan was saved."))
        return redirect("plans:detail", pk=plan.pk)
    context = {"form": form, "plan": plan}
    return render(request, "plans/plan_form.html", context, status=_refused(form))


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request, pk: int):
    plan = plan_for(request, pk, Action.EDIT_PLAN)
    try:
        actions.check_deletable(plan)  # a plan whose tasks were reported on is only closed
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(plan)
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
    return render(request, "plans/plan_confirm_delete.html", context, status=_refused(form))


@login_required
@require_safe
def plan_export(request, pk: int):
    plan = plan_for(request, pk)
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


def _part_for(request, model: type[Task] | type[Target], pk: int, action: str = Action.EDIT_PLAN):
    """A task or target the viewer sees (else 404), checked for `action` on its plan's unit
    (else 403); to edit it, its plan must be open."""
    part = get_object_or_404(
        model.objects.visible_to(request.user).select_related("plan__unit"), pk=pk
    )
    access_for(request.user).require(action, part.plan.unit)
    if action == Action.EDIT_PLAN:
        ensure_open(part.plan)
    return part


def _open_plan_for(request, plan_pk: int) -> Plan:
    """The plan a task or target is added to: the editor's, and open."""
    plan = plan_for(request, plan_pk, Action.EDIT_PLAN)
    ensure_open(plan)
    return plan


def _plan_and_part(request, model, plan_pk: int | None, pk: int | None):
    """The plan and the task or target of its add (`plan_pk`) or edit (`pk`) page."""
    if pk is None:
        plan = _open_plan_for(request, plan_pk)
        return plan, model(plan=plan)
    part = _part_for(request, model, pk)
    return part.plan, part


@login_required
@require_http_methods(["GET", "POST"])
def task_form(request, plan_pk: int | None = None, pk: int | None = None):
    """A task added to a plan or edited."""
    plan, task = _plan_and_part(request, Task, plan_pk, pk)
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
    context = {"form": form, "plan": plan, "task": task}
    return render(request, "plans/task_form.html", context, status=_refused(form))


@login_required
@require_http_methods(["GET", "POST"])
def task_delete(request, pk: int):
    task = _part_for(request, Task, pk)
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
    task = _part_for(request, Task, pk)
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
    task = _part_for(request, Task, pk)
    actions.restore_task(task, by=request.user)
    messages.success(request, _("The task was restored: it is due again."))
    return redirect(f"{task.plan.get_absolute_url()}#task-{task.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def target_form(request, plan_pk: int | None = None, pk: int | None = None):
    """A target added to a plan or edited."""
    plan, target = _plan_and_part(request, Target, plan_pk, pk)
    form = TargetForm(request.POST or None, instance=target, plan=plan)
    if request.method == "POST" and form.is_valid():
        actions.save_target(form.save(commit=False), by=request.user)
        messages.success(request, _("The target was saved."))
        return redirect(f"{plan.get_absolute_url()}#targets")
    context = {"form": form, "plan": plan, "target": target}
    return render(request, "plans/target_form.html", context, status=_refused(form))


@login_required
@require_http_methods(["GET", "POST"])
def target_delete(request, pk: int):
    target = _part_for(request, Target, pk)
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
    plan = _open_plan_for(request, pk)
    upper = next((t for t in cascade.tasks_from_above(plan) if t.pk == task_pk), None)
    if upper is None:
        raise Http404
    task = cascade.adopt_task(upper, plan, by=request.user)
    messages.success(request, _("The task was added to the plan."))
    return redirect(f"{plan.get_absolute_url()}#task-{task.pk}")
