"""A unit's PAR scores read as one table: every node of the tree with its self, appraised and
final points, the totals, the rank and group. The page, the Excel export and `cchc par-score`
all read it, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from . import rules
from .choices import AreaRole, Stage
from .models import Assessment, CriteriaSet, Score
from .ranking import rank_under

STAGES = ("self", "appraised", "final")


@dataclass
class Node:
    criterion: object
    depth: int
    is_leaf: bool
    score: Score | None
    points: dict[str, Decimal | None] = field(default_factory=dict)


@dataclass
class Board:
    criteria_set: CriteriaSet | None
    assessment: Assessment | None
    nodes: list[Node]
    totals: dict[str, rules.Totals]
    rank: int | None = None
    group: str | None = None
    units_ranked: int = 0

    @property
    def survey(self) -> Decimal | None:
        return self.assessment.survey_points if self.assessment else None

    @property
    def total(self) -> Decimal | None:
        """The most advanced total there is: final, else appraised, else the self-score."""
        for stage in reversed(STAGES):
            if self.totals.get(stage) and self.totals[stage].total is not None:
                return self.totals[stage].total
        return None


def load(unit, year: int) -> Board:
    assessment = (
        Assessment.objects.filter(unit=unit, year=year)
        .select_related("criteria_set", "unit")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.all()))
        .first()
    )
    criteria_set = assessment.criteria_set if assessment else CriteriaSet.current(year)
    if criteria_set is None:
        return Board(None, None, [], {})
    criteria = list(criteria_set.criteria.all())
    scores = {s.criterion_id: s for s in assessment.scores.all()} if assessment else {}
    depth = {"area": 0, "criterion": 1, "sub": 2}
    parents = {c.parent_id for c in criteria}
    points_by_stage: dict[str, dict[int, Decimal | None]] = {}
    totals: dict[str, rules.Totals] = {}
    for stage in STAGES:
        leaf = {cid: getattr(s, f"{stage}_points") for cid, s in scores.items()}
        points_by_stage[stage] = rules.node_points(criteria, leaf)
        survey = assessment.survey_points if assessment and stage == "final" else None
        totals[stage] = rules.totals(criteria, leaf, survey)
    nodes = [
        Node(
            criterion=c,
            depth=depth[c.kind],
            is_leaf=c.id not in parents,
            score=scores.get(c.id),
            points={stage: points_by_stage[stage].get(c.id) for stage in STAGES},
        )
        for c in criteria
    ]
    for node in nodes:  # the survey area shows the survey's points once final
        if (
            node.criterion.parent_id is None
            and node.criterion.area_role == AreaRole.SURVEY
            and assessment
        ):
            node.points["final"] = assessment.survey_points
    board = Board(criteria_set, assessment, nodes, totals)
    if assessment and assessment.stage == Stage.FINAL and unit.parent_id:
        ranked = rank_under(unit.parent, year)
        board.units_ranked = len(ranked)
        for row in ranked:
            if row.unit.pk == unit.pk:
                board.rank, board.group = row.rank, row.group
    return board


def as_json(unit, year: int) -> dict:
    board = load(unit, year)

    def number(value):
        return None if value is None else float(value)

    return {
        "unit": unit.code,
        "year": year,
        "criteria_set": str(board.criteria_set) if board.criteria_set else None,
        "stage": board.assessment.stage if board.assessment else None,
        "tree": [
            {
                "code": n.criterion.stt,
                "name": n.criterion.name,
                "kind": n.criterion.kind,
                "max": number(n.criterion.max_points),
                "self": number(n.points["self"]),
                "appraised": number(n.points["appraised"]),
                "final": number(n.points["final"]),
            }
            for n in board.nodes
        ],
        "total": number(board.total),
        "survey": number(board.survey),
        "rank": board.rank,
        "group": board.group,
    }
