"""A target's page: what measures it, its value and projection, and the figures entered for it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cchc import periods
from cchc.org.access import Action, access_for
from cchc.org.in_force import as_of
from cchc.plans import measures
from cchc.plans.choices import PlanStatus
from cchc.plans.history import target_history
from cchc.plans.models import Plan, Target
from cchc.plans.rules import ensure_open

from . import actions
from .forms import FigureForm, LinkForm
from .tables import month_axis
from .targets import progress_of


def _target_for(request, pk: int) -> Target:
    return get_object_or_404(
        Target.objects.filter(plan__in=Plan.objects.visible_to(request.user)).select_related(
            "plan__unit", "indicator", "owner_post"
        ),
        pk=pk,
    )


def _may_enter(access, target: Target) -> bool:
    return target.indicator_id is None and access.can_report(
        target.plan.unit, [target.owner_post_id]
    )


def _progress(target: Target):
    """Where the target stands, by whatever measures it: its indicator, a measure another app
    registered (a figure entered per period), else the latest value entered for it."""
    today = timezone.localdate()
    found = measures.progress_of_plan(target.plan, today, [target]).get(target.pk)
    return found or progress_of(target, today)


def _page(request, target: Target, *, link_form=None, figure_form=None, status: int = 200):
    access = access_for(request.user)
    unit = target.plan.unit
    progress = _progress(target)
    closed = target.plan.status == PlanStatus.CLOSED
    months = progress.months or []
    # the month under way counts the days so far (decision 0163): marked on the table and chart
    today = timezone.localdate()
    in_force = today if as_of(unit, today) == today else None
    unfinished = periods.whole_year(target.plan.year).under_way(in_force)
    context = {
        "target": target,
        "plan": target.plan,
        "progress": progress,
        "months": months,
        "unfinished": unfinished,
        "today": today,
        "chart": {
            **month_axis([key for key, _v in months], unfinished, today),
            "values": [v.value for _k, v in months],
            "goal": None if target.value is None else float(target.value),
            "percent": bool(target.indicator_id and target.indicator.is_rate),
        },
        "can_link": access.can(Action.EDIT_PLAN, unit) and not closed,
        "can_enter": _may_enter(access, target) and not closed and not progress.measured_by,
        "other_measures": [
            (label, reverse(name, kwargs={"pk": target.pk})) for label, name in measures.pages()
        ],
        "closed": closed,
        "link_form": link_form
        or LinkForm(
            target=target,
            initial={"indicator": target.indicator_id, "owner_post": target.owner_post_id},
        ),
        "figure_form": figure_form or FigureForm(target=target),
        "figures": target.figures.select_related("entered_by").prefetch_related("evidence"),
        "history": target_history(target),
        "nav": "plans",
    }
    return render(request, "plans/target_detail.html", context, status=status)


@login_required
@require_safe
def target_detail(request, pk: int):
    return _page(request, _target_for(request, pk))


@login_required
@require_POST
def target_link(request, pk: int):
    target = _target_for(request, pk)
    access_for(request.user).require(Action.EDIT_PLAN, target.plan.unit)
    ensure_open(target.plan)
    form = LinkForm(request.POST, target=target)
    if not form.is_valid():
        return _page(request, target, link_form=form, status=400)
    actions.link_target(
        target,
        indicator=form.cleaned_data["indicator"],
        owner_post=form.cleaned_data["owner_post"],
        by=request.user,
    )
    messages.success(request, _("What measures the target was saved."))
    return redirect("plans:target", pk=target.pk)


@login_required
@require_POST
def target_figure(request, pk: int):
    target = _target_for(request, pk)
    access = access_for(request.user)
    access.require_report(target.plan.unit, [target.owner_post_id])
    ensure_open(target.plan)
    form = FigureForm(request.POST, request.FILES, target=target)
    if target.indicator_id is not None:
        form.add_error(
            None, _("This target is measured from the dossier data; its figures are not entered.")
        )
    elif _progress(target).measured_by:
        form.add_error(
            None, _("This target is measured by a figure entered per period; enter it there.")
        )
    if form.is_valid():
        try:
            actions.add_figure(
                target,
                as_of=form.cleaned_data["as_of"],
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                document=form.cleaned_data["document"],
                file=form.cleaned_data.get("evidence"),
                by=request.user,
            )
        except ValidationError as exc:
            # a field's problem (the value), or the evidence file's content
            form.add_error(None if hasattr(exc, "error_dict") else "evidence", exc)
        else:
            messages.success(request, _("The figure was recorded."))
            return redirect("plans:target", pk=target.pk)
    return _page(request, target, figure_form=form, status=400)
