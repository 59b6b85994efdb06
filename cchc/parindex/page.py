"""The rows of the assessment page, built once in Python: what each criterion shows and which
inputs the viewer gets. The template only prints them, so a 100-criterion page costs a loop
of plain values, not a hundred conditions and lookups per row (bench/parindex)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext as _

from cchc.evidence.models import Evidence
from cchc.plans.models import Task

from .board import Board, Node
from .suggest import Figures, Suggestion, suggest


@dataclass(frozen=True)
class Modes:
    """What the viewer may do on the page as it stands (from the stage and the access gate)."""

    self: bool = False
    appraise: bool = False
    final: bool = False
    explain: bool = False


@dataclass
class Row:
    node: Node
    suggestion: Suggestion | None
    evidence: list = field(default_factory=list)
    offered: list = field(default_factory=list)
    evidence_url: str = ""
    explain_url: str = ""
    self_input: str | None = None  # the input's value when the viewer enters self-scores
    appraise_input: str | None = None
    final_input: str | None = None
    typed_note: str | None = None  # the note or reason typed, when a refused save shows it again
    explain_form: bool = False


def _text(value) -> str:
    return "" if value is None else str(localize(value))


def attached_evidence(assessment) -> dict[int, list]:
    """The files attached to each criterion of the assessment, in one query (not one per
    criterion), keyed by the criterion."""
    attached: dict[int, list] = {}
    found = Evidence.objects.filter(par_score__assessment=assessment).annotate(
        criterion_id=F("par_score__criterion_id")
    )
    for evidence in found:
        attached.setdefault(evidence.criterion_id, []).append(evidence)
    return attached


def offered_evidence(unit, year: int, stts: list[str]) -> dict[str, list]:
    """Evidence already in the system for each criterion: the reports and products of the
    unit's tasks of the year numbered like the criterion (the index-improvement plan's rows)."""
    offered: dict[str, list] = {}
    tasks = Task.objects.filter(plan__unit=unit, plan__year=year, ref__in=stts).only(
        "ref", "products", "title"
    )
    for task in tasks:
        for product in task.products or []:
            offered.setdefault(task.ref, []).append({"title": _("Product: %(p)s") % {"p": product}})
    files = (
        Evidence.objects.filter(
            progress_update__occurrence__task__plan__unit=unit,
            progress_update__occurrence__task__plan__year=year,
            progress_update__occurrence__task__ref__in=stts,
        )
        .annotate(ref=F("progress_update__occurrence__task__ref"))
        .only("pk", "title", "number", "original_name", "file")
    )
    for evidence in files:
        offered.setdefault(evidence.ref, []).append({"title": str(evidence), "evidence": evidence})
    return offered


def _inputs(row: Row, modes: Modes) -> None:
    score = row.node.score
    if score is None:
        return
    if modes.self:
        suggested = row.suggestion.points if row.suggestion else None
        row.self_input = _text(score.self_points if score.self_points is not None else suggested)
    if modes.appraise:
        given = score.appraised_points
        row.appraise_input = _text(given if given is not None else score.self_points)
    elif modes.final:
        given = score.final_points
        row.final_input = _text(given if given is not None else score.appraised_points)
    row.explain_form = modes.explain and score.appraised_points != score.self_points


def rows(unit, year: int, data: Board, modes: Modes, today) -> list[Row]:
    """One row per node of the tree, in tree order, with its suggestion, its evidence and the
    inputs `modes` allow."""
    if data.criteria_set is None:
        return []
    figures = Figures(unit, year, today)
    attached = attached_evidence(data.assessment) if data.assessment is not None else {}
    offered = offered_evidence(unit, year, [n.criterion.stt for n in data.nodes if n.is_leaf])
    # one reverse per page, not two per criterion
    evidence_url = reverse("parindex:evidence", args=[unit.code, year, 0])[:-2]
    explain_url = reverse("parindex:explain", args=[unit.code, year, 0])[:-2]
    built = []
    for node in data.nodes:
        criterion = node.criterion
        pk = node.score.pk if node.score else 0
        row = Row(
            node=node,
            suggestion=suggest(criterion, figures) if node.is_leaf else None,
            evidence=attached.get(criterion.id, []),
            offered=offered.get(criterion.stt, []) if node.is_leaf else [],
            evidence_url=f"{evidence_url}{pk}/",
            explain_url=f"{explain_url}{pk}/",
        )
        _inputs(row, modes)
        built.append(row)
    return built


def keep_typed(rows: list[Row], typed) -> None:
    """A refused save shows the page again with what was typed in the table's inputs (points
    and the note or reason beside them), not the stored values."""
    for row in rows:
        criterion = row.node.criterion
        points = typed.get(f"points_{criterion.id}")
        if points is None:
            continue
        note = typed.get(f"note_{criterion.id}", typed.get(f"reason_{criterion.id}"))
        row.typed_note = note
        if row.self_input is not None:
            row.self_input = points
        elif row.appraise_input is not None:
            row.appraise_input = points
        elif row.final_input is not None:
            row.final_input = points
