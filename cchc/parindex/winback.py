"""Points to win back: a unit's criteria sorted by the points they lost, with what would have
earned them (the rule and the evidence the criterion asks for, when none was given), and the
one action that turns such a criterion into a task of next year's plan."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.plans.actions import save_task
from cchc.plans.choices import AREA_ORDER, Area, PlanKind
from cchc.plans.models import Plan, Task

from .choices import AreaRole


@dataclass
class Loss:
    score: object
    criterion: object
    points: Decimal
    lost: Decimal
    missing_evidence: str
    in_next_plan: bool = False


def marker(criterion, year: int) -> str:
    """How a task added from a lost criterion is recognised (it is added once)."""
    return f"PAR {year} {criterion.stt}"


def losses(assessment) -> list[Loss]:
    scores = assessment.scores.select_related("criterion").prefetch_related("evidence")
    rows: list[Loss] = []
    for score in scores:
        criterion = score.criterion
        if criterion.area_role != AreaRole.SCORED or criterion.max_points is None:
            continue
        for points in (score.final_points, score.appraised_points, score.self_points):
            if points is not None:
                break
        else:
            points = Decimal(0)
        lost = criterion.max_points - points
        if lost <= 0:
            continue
        has_evidence = bool(list(score.evidence.all()))
        rows.append(
            Loss(
                score, criterion, points, lost, "" if has_evidence else criterion.evidence_required
            )
        )
    nxt = next_plan(assessment.unit, assessment.year)
    if nxt is not None:
        added = set(
            Task.objects.filter(
                plan=nxt, source_text__startswith=f"PAR {assessment.year} "
            ).values_list("source_text", flat=True)
        )
        for row in rows:
            row.in_next_plan = marker(row.criterion, assessment.year) in added
    rows.sort(key=lambda r: (-r.lost, r.criterion.order))
    return rows


def next_plan(unit, year: int) -> Plan | None:
    return (
        Plan.objects.filter(unit=unit, year=year + 1, kind=PlanKind.ANNUAL).order_by("pk").first()
    )


def _area(criterion) -> str:
    top = criterion.stt.split(".")[0]
    index = int(top) - 1
    return AREA_ORDER[index] if 0 <= index < len(AREA_ORDER) - 1 else Area.OTHER


@transaction.atomic
def add_to_next_plan(score, *, by) -> Task:
    """Add the lost criterion as a task of the unit's plan for the year after."""
    assessment = score.assessment
    plan = next_plan(assessment.unit, assessment.year)
    if plan is None:
        raise ValidationError(
            _("There is no %(year)s annual plan of this unit to add the task to.")
            % {"year": assessment.year + 1}
        )
    criterion = score.criterion
    mark = marker(criterion, assessment.year)
    if Task.objects.filter(plan=plan, source_text=mark).exists():
        raise ValidationError(
            _("Criterion %(stt)s is already a task of the %(year)s plan.")
            % {"stt": criterion.stt, "year": plan.year}
        )
    note = "\n".join(
        p
        for p in (
            criterion.guidance,
            _("Evidence required: %(e)s") % {"e": criterion.evidence_required}
            if criterion.evidence_required
            else "",
        )
        if p
    )
    task = Task(
        plan=plan,
        area=_area(criterion),
        title=_("Win back the points of PAR criterion %(stt)s: %(name)s")
        % {"stt": criterion.stt, "name": criterion.name},
        note=note,
        source_text=mark,
    )
    return save_task(task, by=by)
