"""A unit's indicator page: every indicator over a chosen period, month by month, and the
units below it side by side; and the same as an Excel file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cchc.core import freshness
from cchc.org.access import Action, access_for, links_read_once, unit_for
from cchc.org.in_force import as_of

from .models import IndicatorDefinition
from .tables import IndicatorTables, build_tables, month_axis, period_asked, period_picker


@login_required
@require_safe
@links_read_once()
def unit_indicators(request, code: str):
    unit = unit_for(request.user, code)
    today = timezone.localdate()
    picker = period_picker(request.GET, unit, today)
    period = picker["period"]
    sort, order = _sorting(request)
    access = access_for(request.user)
    context = {
        "unit": unit,
        **picker,
        "shown": _shown_tables(unit, period, sort, order, today),
        "can_import": access.can(Action.ENTER_DATA, unit),
        "nav": "indicators",
    }
    return render(request, "indicators/unit.html", context)


def _shown_tables(unit, period, sort: str, order: str, today) -> dict:
    """The page's tables and chart, rendered, from the cache while no dossier figure has
    changed (`cchc.core.freshness`). The same for everyone who may see the unit: the view has
    checked that first; what depends on the viewer (the import link) stays outside."""

    # the month under way counts the days so far: its column and point say so (not for a
    # dissolved unit, whose months are over)
    unfinished = period.under_way(today if as_of(unit, today) == today else None)

    def render_tables() -> dict:
        tables = build_tables(unit, period, sort=sort, order=order)
        context = {
            "unit": unit,
            "period": period,
            "tables": tables,
            "chart": _chart(tables, unfinished, today),
            "unfinished": unfinished,
            "today": today,
        }
        return {
            "html": render_to_string("indicators/partials/tables.html", context),
            "has_data": tables.has_data,
            "months": len(tables.month_keys) > 1,
            "sort": tables.sort,
            "order": tables.order,
        }

    key = freshness.key(
        "indicators:page",
        unit.pk,
        today,
        period.key,
        period.start,
        period.end,
        period.label,
        sort,
        order,
        get_language(),
        topic=freshness.DOSSIER_FIGURES,
    )
    return freshness.remembered(key, render_tables)


@login_required
@require_safe
def unit_indicators_export(request, code: str):
    from .exports import indicators_workbook

    unit = unit_for(request.user, code)
    today = timezone.localdate()
    period, _error = period_asked(request.GET, unit, today)
    tables = build_tables(
        unit, period, sort=request.GET.get("sort", ""), order=request.GET.get("order", "")
    )
    content = indicators_workbook(tables, today if as_of(unit, today) == today else None)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"chi-so-{unit.code}-{period.key}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _sorting(request) -> tuple[str, str]:
    """The asked sort column (an indicator's code) and order, or "" for what is not one: the
    cache keeps one entry per real choice, not one per address someone types."""
    sort, order = request.GET.get("sort", ""), request.GET.get("order", "")
    codes = set(IndicatorDefinition.objects.current().values_list("code", flat=True))
    return (sort if sort in codes else ""), (order if order in ("asc", "desc") else "")


def _chart(tables: IndicatorTables, unfinished: str | None, today) -> dict:
    """The monthly series of every indicator, for the chart's indicator picker; the month
    under way (`unfinished`) is labelled with the day its figures reach and drawn dashed."""
    return {
        **month_axis(tables.month_keys, unfinished, today),
        "series": {
            row.definition.code: {
                "name": row.definition.name,
                "percent": row.definition.is_rate,
                "goal": (
                    float(row.definition.full_points_target)
                    if row.definition.full_points_target is not None
                    else None
                ),
                "values": [row.shown(v) for v in row.months],
            }
            for row in tables.rows
        },
        "goal_label": _("Target for full points"),
    }
