"""The service index page of a unit, its published months, and publishing a month."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cchc.formats import month_year
from cchc.indicators.tables import period_picker
from cchc.org.access import Action, access_for, links_read_once, unit_for
from cchc.org.in_force import as_of

from . import actions
from .board import build
from .chart import chart_label, monthly_svg
from .forms import PublishForm
from .publication import published
from .scoring import read


@login_required
@require_safe
@links_read_once()
def unit_index(request, code: str):
    return _unit_page(request, code)


def _unit_page(request, code: str, typed=None, status: int = 200):
    """The unit's index page; after a refused publication, with the month and reason typed in
    its form, the form open (decision 0142)."""
    unit = unit_for(request.user, code)
    today = timezone.localdate()
    picker = period_picker(request.GET, unit, today)
    period = picker["period"]
    board = build(unit, period, until=today)
    bars = [
        (key, score.share if score.version.pk == board.score.version.pk else None)
        for key, score in board.months
    ]
    months = published(unit)
    # the last month ended (for a dissolved unit: its last month in force, decision 0148)
    last_month = (as_of(unit, today).replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    # the month under way: its bar and column say it is not over (a dissolved unit has none)
    unfinished = period.under_way(today if as_of(unit, today) == today else None)
    context = {
        "unit": unit,
        **picker,
        "board": board,
        "index": board.score.as_dict(),
        "chart": monthly_svg(bars, chart_label(), unfinished),
        "unfinished": unfinished,
        # said under the chart only when that month has figures to be misread
        "unfinished_measured": any(k == unfinished and s.measured for k, s in board.months),
        "today": today,
        "publications": months[:12],
        "can_publish": access_for(request.user).can(Action.ENTER_DATA, unit),
        "last_month": f"{last_month:%Y-%m}",
        "typed": typed,
        "nav": "index766",
    }
    return render(request, "index766/unit.html", context, status=status)


@login_required
@require_safe
def published_month(request, code: str, month: str):
    unit = unit_for(request.user, code)
    found = next((m for m in published(unit) if m.key == month), None)
    if found is None:
        raise Http404
    # each revision's figures with their coverage and share (`scoring.read`, decision 0163)
    versions = [(p, read(p.snapshot)) for p in found.versions]
    context = {"unit": unit, "month": found, "versions": versions, "nav": "index766"}
    return render(request, "index766/published.html", context)


@login_required
@require_POST
def publish_month(request, code: str):
    unit = unit_for(request.user, code, Action.ENTER_DATA)
    form = PublishForm(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[name].label}: {error}")
        return _unit_page(request, code, typed=request.POST, status=400)
    month = form.cleaned_data["month"]
    try:
        publication = actions.publish(
            unit,
            month,
            timezone.localdate(),
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _unit_page(request, code, typed=request.POST, status=400)
    messages.success(
        request,
        _("The index of %(month)s is published (version %(revision)s).")
        % {"month": month_year(month), "revision": publication.revision},
    )
    return redirect(reverse("index766:published", args=[unit.code, f"{month:%Y-%m}"]))
