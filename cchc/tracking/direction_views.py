"""Directions, nudges and the plan's progress rule: the pages through which leaders and the
upper level act on the follow-up. Each view fetches through the access helper, then calls one
action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.org.access import Action, access_for, unit_for
from cchc.plans.choices import PartyRole, PlanStatus
from cchc.plans.models import Plan, Task

from . import actions, directions
from .forms import AnswerForm, DirectionForm, PlanRuleForm
from .models import Direction
from .views import render_task


def _errors(request, exc: ValidationError) -> None:
    for error in exc.messages:
        messages.error(request, error)


def _refused(form, exc: ValidationError) -> None:
    """An action's refusal put on the form: beside its field, or above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_POST
def give_direction(request, pk: int):
    """A leader's direction on a task. Refused, the task's page again (400) with the direction
    typed and the reason beside it: a redirect lost what was typed (decision 0150)."""
    task = get_object_or_404(
        Task.objects.visible_to(request.user).select_related("plan__unit", "section"), pk=pk
    )
    access_for(request.user).require(Action.APPROVE, task.plan.unit)
    form = DirectionForm(request.POST, task=task)
    if form.is_valid():
        try:
            directions.give_direction(
                task,
                by=request.user,
                text=form.cleaned_data["text"],
                occurrence=form.cleaned_data["occurrence"],
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Your direction was sent to the people carrying the task."))
            return redirect(f"{actions.task_url(task)}#directions")
    open_plan = task.plan.status != PlanStatus.CLOSED  # a closed plan's page has no form
    _errors_above(request, form, shown={"text"} if open_plan else set())
    selected = form.data.get("occurrence")
    return render_task(request, task, selected, refused={"direction_form": form}, status=400)


@login_required
@require_POST
def answer_direction(request, pk: int):
    """The answer to a leader's direction. Refused, the task's page again (400) with the
    answer typed and the reason beside it."""
    direction = get_object_or_404(
        Direction.objects.visible_to(request.user).select_related("task__plan__unit"), pk=pk
    )
    task = direction.task
    leads = [p.post_id for p in task.parties.all() if p.role == PartyRole.LEAD]
    assigned = task.assignments.filter(user=request.user).exists()
    access_for(request.user).require_report(task.plan.unit, leads, assigned=assigned)
    form = AnswerForm(request.POST, direction=direction)
    if form.is_valid():
        try:
            directions.answer_direction(
                direction, by=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Your answer was sent to the leader."))
            return redirect(f"{actions.task_url(task)}#directions")
    direction.refresh_from_db()
    _errors_above(request, form, shown=set() if direction.answered_at else {"answer"})
    return render_task(request, task, refused={"answer_form": form}, status=400)


def _errors_above(request, form, shown: set[str]) -> None:
    """A refusal not about a field the page shows beside its error (the plan was closed, the
    direction was already answered, the period is gone) is said at the top of the page."""
    for name, errors in form.errors.items():
        if name not in shown:
            for error in errors:
                messages.error(request, error)


@login_required
@require_POST
def nudge(request, code: str):
    unit = unit_for(request.user, code, Action.APPRAISE)
    try:
        sent = directions.send_nudge(
            unit, by=request.user, note=request.POST.get("note", "")[:2000]
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("%(unit)s was nudged about %(n)s overdue items.")
            % {"unit": unit.name, "n": sent.occurrences.count()},
        )
    back = unit.parent.code if unit.parent_id else unit.code
    year = request.POST.get("year", "")
    url = redirect("tracking:compare", code=back).url
    return redirect(f"{url}?year={year}" if year.isdigit() else url)


@login_required
@require_POST
def plan_rule(request, pk: int):
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    access_for(request.user).require(Action.EDIT_PLAN, plan.unit)
    form = PlanRuleForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    actions.set_product_rule(
        plan, required=form.cleaned_data["product_document_required"], by=request.user
    )
    messages.success(request, _("The progress rule of the plan was saved."))
    return redirect(plan.get_absolute_url())
