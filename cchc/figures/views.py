"""A unit's figures: the entry page for a period, the table by period over its tree; and the
page choosing the figure that measures a plan's target."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from cchc import periods
from cchc.org.access import Action, access_for, unit_for
from cchc.org.in_force import last_day
from cchc.plans.models import Plan, Target
from cchc.plans.rules import ensure_open

from . import rollup
from .actions import enter_figure, measure_target
from .forms import EntryForm, MeasureForm
from .models import FigureEntry, FigureTargetLink


def _period(request, today) -> periods.Period:
    try:
        chosen = periods.parse(request.GET.get("period", ""))
    except ValueError:
        chosen = None
    if chosen is None or chosen.kind not in ("month", "quarter"):
        chosen = periods.quarter(today.year, (today.month - 1) // 3 + 1)
    return chosen


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def unit_figures(request, code: str):
    unit = unit_for(request.user, code)
    definitions = rollup.current_definitions()
    can_enter = access_for(request.user).can(Action.ENTER_DATA, unit)
    today = timezone.localdate()
    # a dissolved unit opens on its last period in force, not on one it takes nothing for (0148)
    period = _period(request, last_day(unit, today))
    form = EntryForm(definitions=definitions, initial={"period": period.key})
    if request.method == "POST":
        unit = unit_for(request.user, code, Action.ENTER_DATA)
        form = EntryForm(request.POST, request.FILES, definitions=definitions)
        if form.is_valid():
            data = form.cleaned_data
            try:
                enter_figure(
                    data["definition"],
                    unit,
                    data["period"],
                    numerator=data["numerator"],
                    denominator=data["denominator"],
                    by=request.user,
                    note=data["note"],
                    file=data["file"],
                    document=data["document"],
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                return redirect(f"{request.path}?period={data['period'].key}")
        period = form.cleaned_data.get("period") or period
    entries = {
        e.definition_id: e
        for e in FigureEntry.objects.filter(unit=unit, period_key=period.key)
        .select_related("entered_by")
        .prefetch_related("evidence")
    }
    rows = [(d, entries.get(d.pk)) for d in definitions]
    context = {
        "unit": unit,
        "period": period,
        "rows": rows,
        "form": form if can_enter else None,
        "late_without_apology": rollup.late_without_apology(unit, period.start, period.end),
        "periods": _choices(period.year),
        "nav": "indicators",
    }
    return render(request, "figures/unit.html", context, status=400 if form.errors else 200)


def _choices(year: int) -> list[periods.Period]:
    return [periods.quarter(year, q) for q in range(1, 5)] + [
        periods.month(year, m) for m in range(1, 13)
    ]


@login_required
@require_safe
def unit_table(request, code: str):
    unit = unit_for(request.user, code)
    today = timezone.localdate()
    default = last_day(unit, today).year  # a dissolved unit's last year in force
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        year = default
    if not periods.FIRST_YEAR <= year <= periods.LAST_YEAR:
        year = default
    columns = [periods.quarter(year, q) for q in range(1, 5)] + [periods.whole_year(year)]
    definitions = rollup.current_definitions()
    values = [rollup.totals(unit, p.start, p.end, definitions) for p in columns]
    rows = [(d, [v[d.code] for v in values]) for d in definitions]
    context = {
        "unit": unit,
        "year": year,
        "years": range(today.year - 2, today.year + 1),
        "columns": columns,
        "rows": rows,
        "title": _("Figures by period"),
        "nav": "indicators",
    }
    return render(request, "figures/table.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def target_measure(request, pk: int):
    """Choose the figure that measures a target: for those who edit the unit's plans."""
    target = get_object_or_404(
        Target.objects.filter(plan__in=Plan.objects.visible_to(request.user)).select_related(
            "plan__unit", "indicator"
        ),
        pk=pk,
    )
    access_for(request.user).require(Action.EDIT_PLAN, target.plan.unit)
    ensure_open(target.plan)
    definitions = rollup.current_definitions()
    link = FigureTargetLink.objects.filter(target=target).select_related("definition").first()
    if link is not None and link.definition not in definitions:
        definitions = [link.definition, *definitions]  # an older version stays choosable
    form = MeasureForm(
        request.POST or None,
        definitions=definitions,
        initial={"definition": str(link.definition_id) if link else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            measure_target(target, form.cleaned_data["definition"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("What measures the target was saved."))
            return redirect("plans:target", pk=target.pk)
    context = {
        "target": target,
        "plan": target.plan,
        "form": form,
        "definitions": definitions,
        "nav": "plans",
    }
    return render(
        request, "figures/target_measure.html", context, status=400 if form.errors else 200
    )
