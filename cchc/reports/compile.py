"""The upper level's report for a period, compiled from its units' reports.

Rule: for each unit directly below, its figures are those of its own report — frozen once
submitted, computed over its own window otherwise (a unit that has not reported is still
counted, and listed as late once its due date has passed). The compiled figures are the
sums: task counts added, each indicator's numerators and denominators added and divided at
the end (never an average of rates). Tasks the upper plan assigns to "UBND các xã, phường"
are listed with how many units below adopted them and how many have done theirs by the end
of the upper unit's window.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone

from cchc.figures import rollup
from cchc.indicators import engine
from cchc.org.models import Unit
from cchc.plans.cascade import assigned_down
from cchc.plans.models import Task, TaskParty
from cchc.tracking.cascade import done_below

from . import content, schedule
from .models import Report


def _figures_of(report: Report | None, unit: Unit, kind: str, year: int, definitions: tuple):
    """The unit's figures, window and due date; `definitions` are (indicators, figures)."""
    if report is not None and report.is_frozen and report.frozen is not None:
        frozen = report.frozen
        return (
            {
                "tasks": frozen["tasks"],
                "indicators": frozen["indicators"],
                "figures": frozen.get("figures", {}),
            },
            dt.date.fromisoformat(frozen["window"]["from"]),
            dt.date.fromisoformat(frozen["window"]["to"]),
            report.due,
        )
    if report is not None:
        start, end, due = report.start, report.end, report.due
    else:
        period = schedule.window_for(unit, kind, year)
        start, end, due = period.start, period.end, period.due
    return content.unit_figures(unit, start, end, *definitions), start, end, due


def add(total: dict, figures: dict) -> None:
    """Add one unit's figures into `total` (numerators and denominators summed)."""
    for key, value in figures["tasks"].items():
        total["tasks"][key] = total["tasks"].get(key, 0) + value
    for group in ("indicators", "figures"):
        for code, item in figures.get(group, {}).items():
            into = total[group].setdefault(code, {"numerator": 0, "denominator": 0})
            into["numerator"] += item["numerator"]
            into["denominator"] += item["denominator"]


def finish(total: dict) -> None:
    for group in ("indicators", "figures"):
        for item in total[group].values():
            item["value"] = engine.Value(item["numerator"], item["denominator"]).value


def cascade(unit: Unit, year: int, end: dt.date) -> list[dict]:
    """Tasks of the unit's plans of the year assigned to the units below, with how many of
    them adopted each one and how many reported theirs done by `end`."""
    tasks = (
        Task.objects.active()
        .filter(plan__unit=unit, plan__year=year)
        .exclude(plan__status="draft")
        .prefetch_related(Prefetch("parties", queryset=TaskParty.objects.all()))
        .order_by("plan_id", "order")
    )
    down = assigned_down(tasks)
    if not down:
        return []
    progress = done_below([t.pk for t in down], until=end)
    below = units_below(unit, end).count()
    return [
        {
            "ref": t.ref,
            "title": t.title,
            "units": below,
            "adopted": len(progress[t.pk][0]),
            "done": len(progress[t.pk][1]),
        }
        for t in down
    ]


def units_below(unit: Unit, end: dt.date):
    """The units directly below `unit` that report for a window ending on `end`: those in
    force then. A unit dissolved before it has no report of its own: its successor's figures
    hold its dossiers and work (decisions 0140, 0147), so it is neither counted twice nor
    listed as late."""
    return Unit.objects.filter(parent=unit).current(end).order_by("name")


def compiled(unit: Unit, kind: str, year: int, today: dt.date | None = None) -> dict:
    """The compiled figures of the units below `unit` for the period (rule above)."""
    today = today or timezone.localdate()
    definitions = engine.definitions()
    figure_definitions = rollup.current_definitions()
    own = schedule.window_for(unit, kind, year)
    children = list(units_below(unit, own.end))
    reports = {r.unit_id: r for r in Report.objects.filter(unit__in=children, kind=kind, year=year)}
    total: dict = {"tasks": {}, "indicators": {}, "figures": {}}
    rows = []
    for child in children:
        report = reports.get(child.pk)
        figures, start, end, due = _figures_of(
            report, child, kind, year, (definitions, figure_definitions)
        )
        late = report.is_late(today) if report is not None else today > due
        add(total, figures)
        rows.append(
            {
                "unit": child,
                "report": report,
                "status": report.status if report else None,
                "window": (start, end),
                "due": due,
                "late": late,
                "figures": figures,
            }
        )
    finish(total)
    return {
        "unit": unit,
        "kind": kind,
        "year": year,
        "title": schedule.KINDS[kind][1](year),
        "period": schedule.KINDS[kind][2](year),
        "window": own,
        "rows": rows,
        "total": total,
        "late_units": [row["unit"].name for row in rows if row["late"]],
        "names": {d.code: d.name for d in definitions},
        "figure_descriptions": content.figure_descriptions(figure_definitions),
        "cascade": cascade(unit, year, own.end),
    }
