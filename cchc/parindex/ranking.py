"""Units of a level ranked by their final PAR score, with the set's groups (A ≥ 90, …).

Ties share a rank (1, 2, 2, 4). Only published (final) assessments are ranked; until they
are, `progress_under` says where each unit below stands, so the upper level can open the
self-assessments it will appraise (decision 0172).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from cchc.org.models import Unit

from .choices import Stage
from .models import Assessment


@dataclass
class RankRow:
    unit: object
    total: Decimal
    rank: int
    group: str | None
    last_total: Decimal | None = None
    last_rank: int | None = None


def _ranked(parent, year: int) -> list[RankRow]:
    finals = (
        Assessment.objects.filter(
            year=year, stage=Stage.FINAL, unit__parent=parent, final_total__isnull=False
        )
        .select_related("unit", "criteria_set")
        .order_by("-final_total", "unit__name")
    )
    rows: list[RankRow] = []
    previous: Decimal | None = None
    rank = 0
    for position, assessment in enumerate(finals, start=1):
        if assessment.final_total != previous:
            rank, previous = position, assessment.final_total
        rows.append(
            RankRow(
                unit=assessment.unit,
                total=assessment.final_total,
                rank=rank,
                group=assessment.criteria_set.group_for(assessment.final_total),
            )
        )
    return rows


def rank_under(parent, year: int, *, compare: bool = False) -> list[RankRow]:
    """The units directly below `parent`, ranked for `year`; with `compare`, each row also
    carries last year's total and rank."""
    rows = _ranked(parent, year)
    if compare:
        last = {row.unit.pk: row for row in _ranked(parent, year - 1)}
        for row in rows:
            before = last.get(row.unit.pk)
            if before is not None:
                row.last_total, row.last_rank = before.total, before.rank
    return rows


@dataclass
class ProgressRow:
    unit: Unit
    assessment: Assessment | None


def progress_under(parent, year: int, today: dt.date) -> list[ProgressRow]:
    """The units directly below `parent` in force at the year's end (or today, when earlier),
    each with its assessment of `year` or None when it has not opened one: two queries."""
    on = min(today, dt.date(year, 12, 31))
    units = list(Unit.objects.filter(parent=parent).current(on).order_by("name"))
    found = Assessment.objects.filter(year=year, unit__in=units)
    by_unit = {assessment.unit_id: assessment for assessment in found}
    return [ProgressRow(unit, by_unit.get(unit.pk)) for unit in units]
