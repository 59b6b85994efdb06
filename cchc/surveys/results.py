"""Satisfaction indices, the one home of how they are computed (decision 0062).

Rule in prose: a valid answer to an item is a value on the five-point scale ("no opinion" is
not valid); an item's index is the share of its valid answers that are "satisfied" (4) or
"very satisfied" (5); an element's index is the mean of its items' indices (items without a
valid answer left out); the overall index is, by the campaign's aggregation, the mean of the
elements (default), the mean of all items, or the pooled share of all valid answers.
Expectation items are reported per item but never enter an element or the overall figure.
Items are matched across versions of a questionnaire by their element and item codes, so a
reworded question keeps its history.

The sample warning: for N dossiers received by the unit in the window, the answers needed are
n = N / (1 + N·e²) (e = 5% by default), rounded up.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from cchc.dossiers.models import Dossier
from cchc.org.access import links_read_once, within

from .choices import SATISFIED_FROM, Aggregation, ItemKind
from .models import Item, Questionnaire, Rating, Response

DEFAULT_QUESTIONNAIRE = "sipas-5"


@dataclass
class Figure:
    code: str
    title: str
    numerator: int = 0
    denominator: int = 0
    value: float | None = None
    element: str = ""
    kind: str = ItemKind.SATISFACTION

    @property
    def kind_label(self) -> str:
        return str(ItemKind(self.kind).label)

    def as_json(self) -> dict:
        data = {
            "title": self.title,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": None if self.value is None else round(self.value, 2),
        }
        if self.element:
            data["element"] = self.element
            data["kind"] = self.kind
        return data


@dataclass
class Results:
    unit: object
    start: dt.date
    end: dt.date
    questionnaire: Questionnaire | None
    aggregation: str
    items: list[Figure] = field(default_factory=list)
    elements: list[Figure] = field(default_factory=list)
    overall: Figure = field(default_factory=lambda: Figure("overall", "Chỉ số chung"))
    verified: int = 0
    unverified: int = 0
    dossiers: int = 0
    margin: float = 0.05

    @property
    def answers(self) -> int:
        return self.verified + self.unverified

    @property
    def required(self) -> int:
        return required_sample(self.dossiers, self.margin)

    @property
    def sample_too_small(self) -> bool:
        return self.dossiers > 0 and self.answers < self.required

    def as_json(self) -> dict:
        return {
            "unit": self.unit.code,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "questionnaire": self.questionnaire.code if self.questionnaire else None,
            "aggregation": self.aggregation,
            "items": {f.code: f.as_json() for f in self.items},
            "elements": {f.code: f.as_json() for f in self.elements},
            "overall": self.overall.as_json(),
            "answers": {
                "verified": self.verified,
                "unverified": self.unverified,
                "total": self.answers,
            },
            "sample": {
                "dossiers": self.dossiers,
                "margin": self.margin,
                "required": self.required,
                "enough": not self.sample_too_small,
            },
        }


def required_sample(population: int, margin: float = 0.05) -> int:
    """n = N / (1 + N·e²), rounded up (Yamane)."""
    if population <= 0:
        return 0
    return math.ceil(population / (1 + population * margin * margin))


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def answers_of(unit, start: dt.date, end: dt.date, questionnaire: Questionnaire):
    """The answers given to the unit, the units below it and the units it succeeded."""
    return Response.objects.filter(
        within(unit),
        answered_on__gte=start,
        answered_on__lte=end,
        version__questionnaire=questionnaire,
    )


def _layout(questionnaire: Questionnaire) -> tuple[dict[tuple[str, str], Figure], dict]:
    """The items to report, keyed by (element code, item code): the newest version's wording
    and order, older codes appended; and each element's title."""
    layout: dict[tuple[str, str], Figure] = {}
    element_titles: dict[str, str] = {}
    for item in (
        Item.objects.filter(element__version__questionnaire=questionnaire)
        .select_related("element", "element__version")
        .order_by("-element__version__number", "element__order", "order")
    ):
        key = (item.element.code, item.code)
        element_titles.setdefault(item.element.code, item.element.title)
        layout.setdefault(
            key, Figure(item.code, item.text, element=item.element.code, kind=item.kind)
        )
    return layout, element_titles


def _item_figures(layout: dict[tuple[str, str], Figure], answers) -> list[Figure]:
    """Each item's satisfied answers over its valid answers, across versions."""
    sums: dict[tuple[str, str], tuple[int, int]] = {}
    for row in (
        Rating.objects.filter(response__in=answers, value__isnull=False)
        .values("item__element__code", "item__code")
        .annotate(n=Count("pk"), sat=Count("pk", filter=Q(value__gte=SATISFIED_FROM)))
    ):
        key = (row["item__element__code"], row["item__code"])
        before = sums.get(key, (0, 0))
        sums[key] = (before[0] + row["sat"], before[1] + row["n"])
    for key, figure in layout.items():
        figure.numerator, figure.denominator = sums.get(key, (0, 0))
        if figure.denominator:
            figure.value = 100 * figure.numerator / figure.denominator
    return list(layout.values())


def _element_figures(counted: list[Figure], element_titles: dict[str, str]) -> list[Figure]:
    """Per element the mean of its items' values (and the sums of their counts)."""
    elements = []
    for code, title in element_titles.items():
        mine = [f for f in counted if f.element == code]
        if not mine:
            continue
        element = Figure(code, title)
        element.numerator = sum(f.numerator for f in mine)
        element.denominator = sum(f.denominator for f in mine)
        element.value = _mean([f.value for f in mine if f.value is not None])
        elements.append(element)
    return elements


def _overall(results: Results, counted: list[Figure], aggregation: str) -> None:
    overall = results.overall
    overall.numerator = sum(f.numerator for f in counted)
    overall.denominator = sum(f.denominator for f in counted)
    if aggregation == Aggregation.ITEMS:
        overall.value = _mean([f.value for f in counted if f.value is not None])
    elif aggregation == Aggregation.POOLED:
        overall.value = (
            100 * overall.numerator / overall.denominator if overall.denominator else None
        )
    else:
        overall.value = _mean([e.value for e in results.elements if e.value is not None])


def compute(
    unit,
    start: dt.date,
    end: dt.date,
    *,
    questionnaire: Questionnaire | str = DEFAULT_QUESTIONNAIRE,
    aggregation: str = Aggregation.ELEMENTS,
    verified: bool | None = None,
    margin: float = 0.05,
) -> Results:
    """The indices of the unit (and its units below, and the units it succeeded: their
    answers and dossiers are its history) over the window; `verified` True/False restricts
    to verified or unverified answers, None takes both. Expectation items are reported but
    left out of the elements and the overall index."""
    if isinstance(questionnaire, str):
        questionnaire = Questionnaire.objects.filter(code=questionnaire).first()
    results = Results(unit, start, end, questionnaire, aggregation, margin=margin)
    with links_read_once():  # the succession links read once for the dossiers and answers
        results.dossiers = (
            Dossier.objects.visible()
            .filter(within(unit), received_on__gte=start, received_on__lte=end)
            .count()
        )
        if questionnaire is None:
            return results
        answers = answers_of(unit, start, end, questionnaire)
    counts = answers.aggregate(
        v=Count("pk", filter=Q(verified=True)), u=Count("pk", filter=Q(verified=False))
    )
    results.verified, results.unverified = counts["v"], counts["u"]
    if verified is not None:
        answers = answers.filter(verified=verified)
    layout, element_titles = _layout(questionnaire)
    results.items = _item_figures(layout, answers)
    counted = [f for f in results.items if f.kind != ItemKind.EXPECTATION]
    results.elements = _element_figures(counted, element_titles)
    _overall(results, counted, aggregation)
    return results


def satisfaction(unit, year: int) -> Decimal | None:
    """The unit's satisfaction index (percent, two decimals) for a calendar year: the SIPAS-style
    questionnaire, all answers (verified or not), the mean of the elements. None without a
    valid answer. This is what the plans' satisfaction targets are measured by, and what the
    PAR Index's survey component may take when its criteria set says so."""
    figure = compute(unit, dt.date(year, 1, 1), dt.date(year, 12, 31)).overall.value
    return None if figure is None else Decimal(str(round(figure, 2)))
