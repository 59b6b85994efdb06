"""A unit's service index over a window: the points of each criterion, group and the total.

The rules (specs/dossiers-and-indicators.md, version 2; domain/README.md §5): a criterion's
points = max × min(rate ÷ target, 1), rounded half up to two decimals, the rate being the
published one (two decimals) and the target 100 % where none is set. A criterion without data
has no rate and no points and is left out of the total and of the maximum, so "total / max" is
always honest; one that scores full points when there is nothing to handle (feedback answered
on time) scores its maximum when its denominator is zero.

Those full points measure nothing, though, and a few measured criteria say little of the whole:
a unit none of whose criteria was measured (no dossier, no feedback, no figure entered) would
read "6 / 6", 100 %. So (decision 0163) every total carries its coverage, the criteria measured
(a rate, a denominator other than zero) and their maxima; a total with none measured is no
score ("no data yet"); and the total is a percentage (`share`: ranked, charted, published)
only when the criteria measured weigh at least half of the index's points.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise

from cchc.formats.rounding import half_up_ratio, percent
from cchc.indicators import engine
from cchc.org.models import Unit

from . import sources
from .models import IndexCriterion, IndexGroup, IndexVersion

HUNDRED = Decimal(100)


@dataclass
class CriterionScore:
    criterion: IndexCriterion
    numerator: int | None = None
    denominator: int | None = None
    rate: float | None = None
    points: Decimal | None = None
    origin: str | Promise | None = (
        None  # where its figures come from (`sources.origin`); None: no source
    )

    @property
    def has_data(self) -> bool:
        return self.points is not None

    @property
    def measured(self) -> bool:
        """A rate was measured (a denominator other than zero): full points for nothing to
        handle are points, not a measure."""
        return self.rate is not None

    @property
    def target(self) -> Decimal:
        return self.criterion.target if self.criterion.target is not None else HUNDRED

    def as_dict(self) -> dict[str, object]:
        c = self.criterion
        return {
            "code": c.code,
            "name": c.name,
            "max": float(c.max_points),
            "target": float(self.target),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": self.rate,
            "points": None if self.points is None else float(self.points),
            "source": None if self.origin is None else str(self.origin),
            "entered": self.origin is sources.ENTERED,
        }


@dataclass
class GroupScore:
    """A group's criteria, scored, and their sums: a page reads them many times (a province
    ranks hundreds of units), so they are added up once, when it is made with all its
    criteria. The points are those of the criteria that have data, None when none has (no
    data is not zero); the maximum, the maxima of the criteria that have data."""

    group: IndexGroup
    criteria: list[CriterionScore] = field(default_factory=list)
    points: Decimal | None = field(init=False)
    max: Decimal = field(init=False)

    def __post_init__(self) -> None:
        points = maximum = Decimal(0)
        scored = False
        for c in self.criteria:
            if c.points is not None:
                points += c.points
                maximum += c.criterion.max_points
                scored = True
        self.points = points if scored else None
        self.max = maximum

    def as_dict(self) -> dict[str, object]:
        points = self.points
        return {
            "code": self.group.code,
            "name": self.group.name,
            "max": float(self.max),
            "full_max": float(self.group.max_points),
            "points": None if points is None else float(points),
            "criteria": [c.as_dict() for c in self.criteria],
        }


@dataclass
class IndexScore:
    """A unit's scored groups over a window and their sums, added up when it is made, like
    the groups'."""

    unit: Unit
    start: dt.date
    end: dt.date
    version: IndexVersion
    groups: list[GroupScore]

    total: Decimal | None = field(init=False)
    max: Decimal = field(init=False)
    measured: int = field(init=False)  # the criteria whose rate was measured
    criteria_count: int = field(init=False)
    measured_max: Decimal = field(init=False)  # their maxima
    full_max: Decimal = field(init=False)  # the index's, every group's in full
    # the total as a percentage of the maximum, to rank and chart: None unless the criteria
    # measured weigh half of the index (`enough`, decision 0163)
    share: float | None = field(init=False)

    def __post_init__(self) -> None:
        total = maximum = Decimal(0)
        scored = False
        for group in self.groups:
            if group.points is not None:
                total += group.points
                scored = True
            maximum += group.max
        self.total = total if scored else None
        self.max = maximum
        criteria = [c for group in self.groups for c in group.criteria]
        measured = [c.criterion.max_points for c in criteria if c.measured]
        self.measured, self.criteria_count = len(measured), len(criteria)
        self.measured_max = sum(measured, Decimal(0))
        self.full_max = sum((g.group.max_points for g in self.groups), Decimal(0))
        enough = maximum and is_enough(self.measured_max, self.full_max)
        self.share = percent(int(total * 100), int(maximum * 100)) if enough else None

    def as_dict(self) -> dict[str, object]:
        total = self.total
        return {
            "unit": self.unit.code,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "version": self.version.number,
            "total": None if total is None else float(total),
            "max": float(self.max),
            "groups": [g.as_dict() for g in self.groups],
            # added by decision 0163: the coverage, and the share read as a score
            "measured_criteria": self.measured,
            "criteria_count": self.criteria_count,
            "measured_max": float(self.measured_max),
            "full_max": float(self.full_max),
            "share": self.share,
        }


def is_enough(measured_max: Decimal, full_max: Decimal) -> bool:
    """The criteria measured weigh at least half of the index's points: the dossier criteria
    alone weigh more (decision 0163). Below, the total is shown with its coverage, but not
    as a percentage, ranked or charted: 9.69 / 11 points is not 88 % of an index of 100."""
    return measured_max > 0 and measured_max * 2 >= full_max


def read(snapshot: Mapping) -> dict:
    """An index written as `IndexScore.as_dict` — a publication's snapshot — with its coverage
    and share, as `IndexScore` reads them: counted again from its criteria, so a snapshot
    frozen before they were written in it reads the same (decision 0163)."""
    groups = snapshot.get("groups", [])
    criteria = [c for g in groups for c in g.get("criteria", [])]
    measured = [_exact(c["max"]) for c in criteria if c.get("rate") is not None]
    measured_max = sum(measured, Decimal(0))
    full_max = sum((_exact(g["full_max"]) for g in groups), Decimal(0))
    total, maximum = snapshot.get("total"), snapshot.get("max")
    share = None
    if total is not None and maximum and is_enough(measured_max, full_max):
        share = percent(int(_exact(total) * 100), int(_exact(maximum) * 100))
    return {
        **snapshot,
        "measured_criteria": len(measured),
        "criteria_count": len(criteria),
        "measured_max": float(measured_max),
        "full_max": float(full_max),
        "share": share,
    }


def _exact(value: float) -> Decimal:
    """A number of a snapshot (JSON: a float of two decimals) as the decimal it was."""
    return Decimal(str(value))


def points_for(criterion: IndexCriterion, rate: float) -> Decimal:
    """max × min(rate ÷ target, 1), rounded half up, in exact integers (the rate as
    published: the decimals it is written with)."""
    target = criterion.target if criterion.target is not None else HUNDRED
    return _rate_points(rate, target, criterion.max_points)


@functools.lru_cache(maxsize=4096)
def _rate_points(rate: float, target: Decimal, max_points: Decimal) -> Decimal:
    """`_points` of the rate as published, remembered by the float: its decimals are made
    once per distinct rate, not once per unit."""
    return _points(Decimal(str(rate)), target, max_points)


@functools.lru_cache(maxsize=4096)
def _points(rate: Decimal, target: Decimal, max_points: Decimal) -> Decimal:
    """`points_for` of exact values, remembered: a province scores 300 units on the same
    criteria, and many of their rates are alike (100 %, the shared procedure lists')."""
    rate_n, rate_d = rate.as_integer_ratio()
    target_n, target_d = Decimal(target).as_integer_ratio()
    numerator, denominator = rate_n * target_d, rate_d * target_n  # rate ÷ target
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    if numerator >= denominator:  # at or past the target: full points
        numerator = denominator = 1
    max_n, max_d = Decimal(max_points).as_integer_ratio()
    return half_up_ratio(max_n * numerator, max_d * denominator)


def criterion_score(criterion: IndexCriterion, found: tuple[int, int] | None) -> CriterionScore:
    if found is None:
        return CriterionScore(criterion)
    numerator, denominator = found
    if not denominator:
        if criterion.full_when_empty:
            return CriterionScore(criterion, numerator, denominator, None, criterion.max_points)
        return CriterionScore(criterion, numerator, denominator)
    rate = percent(numerator, denominator)
    assert rate is not None
    return CriterionScore(criterion, numerator, denominator, rate, points_for(criterion, rate))


def version_for(day: dt.date) -> IndexVersion:
    version = IndexVersion.objects.for_day(day)
    if version is None:
        raise LookupError("no version of the service index is defined")
    return version


def groups_of(version: IndexVersion) -> list[IndexGroup]:
    """The version's groups with their criteria (two queries)."""
    return list(version.groups.prefetch_related("criteria").order_by("order", "code"))


def indicator_codes(groups: Iterable[IndexGroup]) -> set[str]:
    return {c.indicator for g in groups for c in g.listed_criteria if c.indicator}


def sourced_codes(groups: Iterable[IndexGroup]) -> set[str]:
    """The criteria not measured by a dossier indicator (their figures come from `sources`)."""
    return {c.code for g in groups for c in g.listed_criteria if not c.indicator}


def score(
    unit: Unit,
    start: dt.date,
    end: dt.date,
    *,
    version: IndexVersion | None = None,
    groups: Sequence[IndexGroup] | None = None,
    values: dict[str, engine.Value] | None = None,
    sourced: dict[str, tuple[int, int] | None] | None = None,
    alike: dict | None = None,
) -> IndexScore:
    """The unit's index over [start, end]. `version`, `groups`, the indicator `values` and
    the other criteria's figures (`sourced`, from `sources.read_all`) may be given by a
    caller scoring several units or months; and `alike`, a dict the caller keeps while
    scoring them on the same groups, through which units with the same figures share their
    criteria's scores and, when all of a group's are shared, the group's (to read, not to
    change: the communes of a province share their procedure lists and entered figures)."""
    version = version or version_for(start)
    groups = groups_of(version) if groups is None else groups
    if values is None:
        values = engine.values(unit, start, end, engine.definitions(indicator_codes(groups)))
    if sourced is None:
        window = (start, end)
        sourced = sources.read_all([unit], [window], sourced_codes(groups))[unit.pk, window]
    shared = {} if alike is None else alike
    scored = []
    for group in groups:
        criteria = []
        for criterion in group.listed_criteria:
            if criterion.indicator:
                value = values.get(criterion.indicator)
                found = None if value is None else (value.numerator, value.denominator)
            else:
                found = sourced.get(criterion.code)
            key = (id(criterion), found)
            scored_criterion = shared.get(key)
            if scored_criterion is None:
                scored_criterion = shared[key] = _scored(criterion, found)
            criteria.append(scored_criterion)
        same = (id(group), *map(id, criteria))
        group_score = shared.get(same)
        if group_score is None:
            group_score = shared[same] = GroupScore(group, criteria)
        scored.append(group_score)
    return IndexScore(unit, start, end, version, scored)


def _scored(criterion: IndexCriterion, found: tuple[int, int] | None) -> CriterionScore:
    """`criterion_score` with where its figures come from."""
    scored = criterion_score(criterion, found)
    scored.origin = sources.DOSSIERS if criterion.indicator else sources.origin(criterion.code)
    return scored
