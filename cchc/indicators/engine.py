"""Indicator values for a unit and a window, read from the dossier facts.

A unit's figures include every unit below it and every unit it succeeded (a merged commune
carries the dossiers of the communes it replaced). Rates are always summed as numerators and
denominators and divided at the end; a zero denominator is "no data" (`value is None`), never
0% or 100%.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.functional import cached_property

from cchc import periods
from cchc.dossiers import competence, facts, procedure_sets, rollup, rollup_sums
from cchc.formats.rounding import percent
from cchc.org.access import succession_links, with_predecessors
from cchc.org.models import Unit

from .models import IndicatorDefinition, parse_formula


@dataclass(frozen=True)
class Value:
    numerator: int
    denominator: int

    # computed once (Django's cached_property: functools' takes a lock on every first read,
    # and a province's page reads tens of thousands)
    @cached_property
    def value(self) -> float | None:
        """100 × numerator ÷ denominator rounded half up to two decimals; None without data."""
        return percent(self.numerator, self.denominator)

    @property
    def has_data(self) -> bool:
        return bool(self.denominator)

    def as_dict(self) -> dict[str, object]:
        return {"numerator": self.numerator, "denominator": self.denominator, "value": self.value}


def scope_paths(unit: Unit, links: list[tuple[str, str]] | None = None) -> list[str]:
    """The unit's subtree plus the subtrees of the units it succeeded."""
    return with_predecessors([unit.path], links)


def definitions(codes: Iterable[str] | None = None) -> list[IndicatorDefinition]:
    current = IndicatorDefinition.objects.current()
    if codes is not None:
        current = current.filter(code__in=list(codes))
    return list(current)


def add_counts(total: dict[str, int], counts: Iterable[dict[str, int] | None]) -> None:
    """Add to `total`, measure by measure, each of `counts` (what `rollup.carried` found for
    a unit: the dossiers carried over into the window; None for a unit without any)."""
    for found in counts:
        for name, value in (found or {}).items():
            total[name] = total.get(name, 0) + value


def _finish(
    sums: dict[str, int], fee_used: int, fee_paid: int, catalogue: dict[str, int]
) -> dict[str, int]:
    """Every measure from the summed ones, the procedure sets (bitmaps, as the roll-up keeps
    them: their sizes are bit counts) and the catalogue's counts."""
    measures = dict(sums)
    measures["in_person"] = (
        measures.get("received", 0) - measures.get("online", 0) - measures.get("postal", 0)
    )
    measures["fee_procedures_used"] = fee_used.bit_count()
    measures["fee_procedures_paid_online"] = (fee_paid & fee_used).bit_count()
    measures.update(catalogue)
    return measures


@functools.lru_cache(maxsize=512)
def _terms(formula: str) -> tuple[tuple[int, str], ...]:
    """`parse_formula`, remembered: a province's page evaluates the same dozen formulas for
    every unit and month."""
    return tuple(parse_formula(formula))


def evaluate(definition: IndicatorDefinition, measures: dict[str, int]) -> Value:
    return evaluator([definition])(measures)[definition.code]


def _summer(formula: str) -> Callable[[Callable[[str, int], int]], int]:
    """The formula as a function of a measure getter: a lone measure is read, not summed."""
    terms = _terms(formula)
    if len(terms) == 1 and terms[0][0] == 1:
        name = terms[0][1]
        return lambda get: get(name, 0)
    return lambda get: sum(sign * get(name, 0) for sign, name in terms)


def evaluator(
    indicators: Iterable[IndicatorDefinition],
) -> Callable[[dict[str, int]], dict[str, Value]]:
    """`{code: evaluate(definition, measures)}` for every indicator, as one function of the
    measures with the formulas prepared once: a province's page evaluates them for each of
    hundreds of units and every month."""
    prepared = [(d.code, _summer(d.numerator), _summer(d.denominator)) for d in indicators]

    def evaluate_all(measures: dict[str, int]) -> dict[str, Value]:
        get = measures.get
        return {
            code: Value(numerator(get), denominator(get))
            for code, numerator, denominator in prepared
        }

    return evaluate_all


def measure(
    unit: Unit,
    start: dt.date,
    end: dt.date,
    *,
    paths: list[str] | None = None,
    units: list[int] | None = None,
    catalogue: dict[str, int] | None = None,
    carried: dict[int, dict[str, int]] | None = None,
) -> dict[str, int]:
    """Every measure of the unit's scope over [start, end]. `paths`, `units` (their unit ids),
    `catalogue` and `carried` (what `rollup.carried` found for this window) may be given when
    the caller computes several windows of the same unit."""
    sums = rollup.window_sums(
        paths or scope_paths(unit), start, end, units=units, with_carried=carried is None
    )
    fee_used = rollup.union(sums.fee_used.values())
    fee_paid = rollup.union(sums.fee_paid.values())
    if catalogue is None:
        catalogue = facts.catalogue_counts(competence.unit_levels(unit))
    total = dict(sums.total or {})
    add_counts(total, (carried or {}).values())
    return _finish(total, fee_used, fee_paid, catalogue)


def measures_of(indicators: Iterable[IndicatorDefinition]) -> set[str]:
    """The measures the indicators' formulas read (with those `in_person` is made of): a
    page summing only them reads fewer columns of the roll-up."""
    names = {
        name for d in indicators for formula in (d.numerator, d.denominator)
        for _sign, name in _terms(formula)
    }  # fmt: skip
    if "in_person" in names:
        names |= {"received", "online", "postal"}
    return names


def uses_carried(indicators: Iterable[IndicatorDefinition]) -> bool:
    """Whether any of the indicators counts dossiers carried over into the window: reading
    them costs a query (a scan of the dossiers received before a window that cuts a month),
    so it is done only when needed."""
    return any(
        name in facts.CARRIED_MEASURES
        for d in indicators
        for formula in (d.numerator, d.denominator)
        for _sign, name in _terms(formula)
    )


def values(
    unit: Unit,
    start: dt.date,
    end: dt.date,
    indicators: Sequence[IndicatorDefinition] | None = None,
    **shared,
) -> dict[str, Value]:
    indicators = definitions() if indicators is None else indicators
    if "carried" not in shared and not uses_carried(indicators):
        shared["carried"] = {}
    measures = measure(unit, start, end, **shared)
    return evaluator(indicators)(measures)


@dataclass
class Scope:
    """What a unit's breakdown and its months both read of its scope, read once for a page
    showing both (`overview`): the succession links, the scope's paths and unit ids, the
    fee-charging catalogue, the procedure sets of the window's months (`procedures`), the
    measures of a window of whole months per unit and per month (`sums`, in one scan where the
    database can: `rollup_sums`) and, once the breakdown has them, the unit's levels."""

    links: list[tuple[str, str]]
    paths: list[str]
    units: list[int]
    fee_catalogue: list[tuple[str, bool]]
    months: tuple[dt.date, dt.date]  # the first and the last month of the window (1sts)
    levels: frozenset[str] | None = None
    sums: rollup_sums.Sums | None = None

    @classmethod
    def of(cls, unit: Unit, start: dt.date, end: dt.date) -> Scope:
        links = succession_links()
        paths = scope_paths(unit, links)
        months = (facts.month_start(start), facts.month_start(end))
        return cls(links, paths, facts.unit_ids(paths), facts.fee_catalogue(), months)

    @cached_property
    def procedures(self) -> procedure_sets.Sets:
        """The procedure sets of the scope's units in the window's months, read when first
        wanted (a window cutting months is summed from the facts, not the roll-up)."""
        return procedure_sets.read(self.units, *self.months)


def overview(
    unit: Unit,
    start: dt.date,
    end: dt.date,
    indicators: Sequence[IndicatorDefinition] | None = None,
) -> tuple[Breakdown, dict[str, dict[str, Value]]]:
    """`breakdown` and `monthly` of the unit over the window, from one reading of what both
    read (`Scope`): the indicator and service-index pages show both (decision 0125)."""
    indicators = definitions() if indicators is None else indicators
    scope = Scope.of(unit, start, end)
    if rollup.whole_months(start, end):
        scope.sums = rollup_sums.read(scope.units, *scope.months, end, measures_of(indicators))
    found = breakdown(unit, start, end, indicators, scope=scope)
    return found, monthly(unit, start, end, indicators, scope=scope)


def monthly(
    unit: Unit,
    start: dt.date,
    end: dt.date,
    indicators: Sequence[IndicatorDefinition] | None = None,
    *,
    scope: Scope | None = None,
) -> dict[str, dict[str, Value]]:
    """Values per calendar month of the window ('YYYY-MM'), each month clipped to the window
    (`scope`: what `overview` read of the unit's scope)."""
    indicators = definitions() if indicators is None else indicators
    scope = Scope.of(unit, start, end) if scope is None else scope
    paths, units = scope.paths, scope.units
    catalogue = _catalogue(competence.unit_levels(unit, scope.levels), scope.fee_catalogue)
    months = list(periods.window(start, end).months())
    windows = [(low, high) for _key, low, high in months]
    if uses_carried(indicators):  # summed over the scope: its units are not told apart
        carried = rollup.carried(units, windows, per_unit=False)
    else:
        carried = [{} for _window in windows]
    # the whole months in two queries; a month the window cuts is read by itself
    whole = rollup.month_sums(
        units,
        facts.month_start(start),
        facts.month_start(end),
        measures_of(indicators),
        scope.procedures,
        by_month=None if scope.sums is None else scope.sums.by_month,
    )
    found: dict[str, dict[str, Value]] = {}
    evaluate_all = evaluator(indicators)
    for index, (key, low, high) in enumerate(months):
        if not rollup.whole_months(low, high):
            found[key] = values(
                unit,
                low,
                high,
                indicators,
                paths=paths,
                units=units,
                catalogue=catalogue,
                carried=carried[index],
            )
            continue
        sums, used, paid = whole.get(low, ({}, 0, 0))
        total = dict(sums)
        add_counts(total, carried[index].values())
        found[key] = evaluate_all(_finish(total, used, paid, catalogue))
    return found


def children(
    unit: Unit,
    start: dt.date,
    end: dt.date,
    indicators: Sequence[IndicatorDefinition] | None = None,
) -> list[tuple[Unit, dict[str, Value]]]:
    """The units directly below `unit`, each with its own rolled-up values, in one query."""
    return breakdown(unit, start, end, indicators).rows


class Breakdown(NamedTuple):
    """A unit's values over a window and how they divide among the units below it."""

    rows: list[tuple[Unit, dict[str, Value]]]  # each unit directly below, rolled up
    own: dict[str, Value] | None  # the dossiers the unit received itself; None when none
    total: dict[str, Value]  # the unit's figure: the sum of the rows and `own`


def breakdown(
    unit: Unit,
    start: dt.date,
    end: dt.date,
    indicators: Sequence[IndicatorDefinition] | None = None,
    *,
    scope: Scope | None = None,
) -> Breakdown:
    """The units directly below `unit` with their rolled-up values, the values of the
    dossiers the unit received itself, and the unit's total, from one pass over the facts
    (`scope`: what `overview` read of the unit's scope; it keeps the unit's levels)."""
    indicators = definitions() if indicators is None else indicators
    below = list(Unit.objects.filter(parent=unit).order_by("name"))
    scope = Scope.of(unit, start, end) if scope is None else scope
    sums = rollup.window_sums(
        scope.paths,
        start,
        end,
        per_unit=True,
        units=scope.units,
        with_carried=uses_carried(indicators),
        measures=measures_of(indicators),
        procedures=scope.procedures if rollup.whole_months(start, end) else None,
        by_unit=None if scope.sums is None else scope.sums.by_unit,
    )
    paths = {u.pk: u.path for u in (unit, *below)}  # the others' read: those below them
    others = [pk for pk in sums.by_unit if pk not in paths]
    if others:
        paths.update(Unit.objects.filter(pk__in=others).values_list("pk", "path"))
    ids = [child.pk for child in below]  # read once: a model's pk is a property
    in_force = {pk: child.is_current(end) for pk, child in zip(ids, below, strict=True)}
    scopes = {pk: scope_paths(child, scope.links) for pk, child in zip(ids, below, strict=True)}
    levels = competence.levels_of([unit, *below])
    scope.levels = levels[unit.pk]
    catalogues = {pk: _catalogue(levels[pk], scope.fee_catalogue) for pk in ids}
    own = 0  # the key of the unit's own dossiers (no child has pk 0)
    # a unit in force at the window's end holds the dossiers of those it succeeded before a
    # dissolved one does; a dissolved unit left with none has no row (decision 0147)
    ranked = sorted(ids, key=lambda pk: not in_force[pk])  # stable: by name within each
    grouped, used, paid = _divided(sums, ranked, own, paths, scopes)
    catalogues[own] = _catalogue(levels[unit.pk], scope.fee_catalogue)
    evaluate_all = evaluator(indicators)

    def evaluated(key: int, measured: dict[str, int], fee_used: int, fee_paid: int):
        return evaluate_all(_finish(measured, fee_used, fee_paid, catalogues[key]))

    rows = [
        (child, evaluated(pk, grouped[pk], used[pk], paid[pk]))
        for pk, child in zip(ids, below, strict=True)
        if in_force[pk] or grouped[pk]
    ]
    all_used = rollup.union(used.values())
    all_paid = rollup.union(paid.values())
    has_own = grouped[own].get("received") or grouped[own].get("carried")
    return Breakdown(
        rows,
        evaluated(own, grouped[own], used[own], paid[own]) if has_own else None,
        evaluated(own, sums.total, all_used, all_paid),
    )


def _divided(
    sums: facts.WindowSums,
    keys: list[int],
    own: int,
    paths: dict[int, str],
    scopes: dict[int, list[str]],
):
    """The sums of each unit read, added to those of the first unit of `keys` (ids of the
    units below, in order) whose scope holds it or else to `own`: measures, procedures used
    and procedures paid (bitmaps), by unit id."""
    grouped: dict[int, dict[str, int]] = {key: {} for key in [*keys, own]}
    used: dict[int, int] = dict.fromkeys([*keys, own], 0)
    paid: dict[int, int] = dict.fromkeys([*keys, own], 0)
    owner_of = _owners(keys, scopes, own)
    for unit_id, unit_sums in sums.by_unit.items():
        owner = owner_of(paths.get(unit_id, ""))
        target = grouped[owner]
        for name, value in unit_sums.items():
            target[name] = target.get(name, 0) + value
        used[owner] |= sums.fee_used.get(unit_id, 0)
        paid[owner] |= sums.fee_paid.get(unit_id, 0)
    return grouped, used, paid


@functools.lru_cache(maxsize=64)
def _counted(levels: frozenset[str], catalogue: tuple[tuple[str, bool], ...]) -> dict[str, int]:
    return facts.catalogue_counts(levels, list(catalogue))


def _catalogue(levels: frozenset[str], fee_catalogue: list[tuple[str, bool]]) -> dict[str, int]:
    """`facts.catalogue_counts`, counted once for the units below a unit that share levels
    (the communes of a province: 300 procedures checked once, not once a commune)."""
    return dict(_counted(levels, tuple(fee_catalogue)))


def _owners(keys: list[int], scopes: dict[int, list[str]], own: int):
    """For a unit's path, the first unit of `keys` (ids) whose scope holds it (else `own`):
    the ancestors' paths of a path are its prefixes, looked up instead of comparing every
    scope."""
    rank = {key: index for index, key in enumerate(keys)}
    by_root: dict[str, list[int]] = {}
    for child_id, roots in scopes.items():
        for root in roots:
            by_root.setdefault(root, []).append(child_id)

    def owner_of(path: str) -> int:
        found = [
            child_id
            for end, char in enumerate(path)
            if char == "/"
            for child_id in by_root.get(path[: end + 1], ())
        ]
        return min(found, key=rank.__getitem__) if found else own

    return owner_of


def contract_json(
    unit: Unit, start: dt.date, end: dt.date, *, by_month: bool = False, named: str = ""
) -> dict[str, object]:
    """The object `cchc indicators --format json` prints (specs/dossiers-and-indicators.md);
    `"unit"` is the code the unit was `named` by (its e-ID code is echoed as asked), else its
    code."""
    indicators = definitions()
    result: dict[str, object] = {
        "unit": named or unit.code,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "indicators": {
            code: value.as_dict() for code, value in values(unit, start, end, indicators).items()
        },
    }
    if by_month:
        result["months"] = {
            key: {code: value.as_dict() for code, value in month_values.items()}
            for key, month_values in monthly(unit, start, end, indicators).items()
        }
    return result
