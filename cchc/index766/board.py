"""What the index page shows: a unit's index over a period, month by month, and the units
directly below it side by side, worst first — from one breakdown and one monthly pass over the
dossier facts, whatever the number of units below."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc import periods
from cchc.indicators import engine
from cchc.org.access import links_read_once
from cchc.org.models import Unit

from . import sources
from .models import IndexGroup, IndexVersion
from .scoring import GroupScore, IndexScore, groups_of, indicator_codes, score, sourced_codes


@dataclass
class Board:
    unit: Unit
    period: periods.Period
    score: IndexScore
    months: list[tuple[str, IndexScore]]
    below: list[IndexScore]

    @property
    def comparable_months(self) -> list[tuple[str, IndexScore]]:
        """The months scored with the period's version: only those are set side by side."""
        return [(k, s) for k, s in self.months if s.version.pk == self.score.version.pk]

    @property
    def month_rows(self) -> list[tuple[str, list[GroupScore]]]:
        """Each group of the period's version with its score in each comparable month."""
        months = self.comparable_months
        return [
            (group.group.name, [score.groups[index] for _key, score in months])
            for index, group in enumerate(self.score.groups)
        ]

    @property
    def other_version_months(self) -> list[str]:
        return [k for k, s in self.months if s.version.pk != self.score.version.pk]


def _pick(versions: list[IndexVersion], day: dt.date) -> IndexVersion:
    begun = [v for v in versions if v.valid_from <= day]
    if begun:
        return max(begun, key=lambda v: (v.valid_from, v.number))
    return min(versions, key=lambda v: (v.valid_from, v.number))


def worst_first(scores: list[IndexScore]) -> list[IndexScore]:
    """Lowest share of the maximum first; units without any data last, by name."""
    known = sorted((s for s in scores if s.share is not None), key=lambda s: (s.share, s.unit.name))
    unknown = sorted((s for s in scores if s.share is None), key=lambda s: s.unit.name)
    return known + unknown


def _sourced(unit: Unit, below: list[Unit], period: periods.Period, groups: dict, month_keys):
    """The figures of the criteria fed by other apps, in one read (a few queries for any
    number of units): for the unit over the period and each of its months, for the units
    below over the period."""
    codes = set().union(*(sourced_codes(g) for g in groups.values()))
    whole = (period.start, period.end)
    months = [(low, high) for _key, low, high in month_keys]
    return sources.read_each([(unit, [whole, *months]), *((u, [whole]) for u in below)], codes)


def build(unit: Unit, period: periods.Period, until: dt.date | None = None) -> Board:
    """The unit's board over the period; the succession links, which its breakdown, months
    and criteria sources all need, read once for all of them. With `until` (the page: today),
    the months not yet begun are left out: they have no dossiers, and the rules that give
    points for no feedback would score them as if they had happened."""
    with links_read_once():
        return _build(unit, period, until)


def _build(unit: Unit, period: periods.Period, until: dt.date | None) -> Board:
    versions = list(IndexVersion.objects.all())
    if not versions:
        raise LookupError("no version of the service index is defined")
    month_keys = [m for m in period.months() if until is None or m[1] <= until]
    chosen = {key: _pick(versions, low) for key, low, _high in month_keys}
    version = _pick(versions, period.start)
    groups: dict[int, list[IndexGroup]] = {}
    for used in {version, *chosen.values()}:
        groups[used.pk] = groups_of(used)
    codes = set().union(*(indicator_codes(g) for g in groups.values()))
    definitions = engine.definitions(codes)
    (rows, _own, total), by_month = engine.overview(unit, period.start, period.end, definitions)
    sourced = _sourced(unit, [child for child, _values in rows], period, groups, month_keys)
    alike: dict = {}  # scores shared by units with the same figures (`scoring.score`)

    def scored(who, values, low=period.start, high=period.end, used=version):
        """A unit's score over [low, high] by the index version `used`."""
        return score(
            who,
            low,
            high,
            version=used,
            groups=groups[used.pk],
            values=values,
            sourced=sourced[who.pk, (low, high)],
            alike=alike,
        )

    below = [scored(child, values) for child, values in rows]
    main = scored(unit, total)
    months = [
        (key, scored(unit, by_month[key], low, high, chosen[key])) for key, low, high in month_keys
    ]
    return Board(unit, period, main, months, worst_first(below))
