"""Every indicator for every unit and month of a window, in two set-based queries.

`engine.monthly()` computes one unit's months, two queries a month: for 311 units and a year
that is 7,500 small queries. Here the monthly roll-up of every unit is read once, grouped by
unit and month in SQL (the on-time measures judged at each month's last day), and each unit's
figures are the sums over its scope — its subtree and the units it succeeded, as
`engine.scope_paths` says — added up in Python from those few thousand rows. Equal to the
per-unit path (tests/test_batch.py); timed against DuckDB in bench/scale/.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from django.db import connection

from cchc import periods
from cchc.dossiers import competence, facts, rollup
from cchc.dossiers.models import MonthProcedures, MonthRollup
from cchc.org.access import succession_links
from cchc.org.models import Unit

from . import engine
from .models import IndicatorDefinition

Sums = dict[str, int]


def _monthly_sums(start: dt.date, end: dt.date) -> dict[tuple[int, dt.date], Sums]:
    """Every unit's own measures per month of [start, end] (whole months), in one query."""
    names = list(rollup.MEASURE_SQL)
    month_end = rollup.month_end_bound("r.month")
    selects = ", ".join(rollup.MEASURE_SQL[name] % {"end": month_end} for name in names)
    table = connection.ops.quote_name(MonthRollup._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.unit_id, r.month, {selects} FROM {table} r "
            "WHERE r.month >= %s AND r.month <= %s GROUP BY r.unit_id, r.month",
            [start, end],
        )
        return {
            (unit_id, _day(month)): {
                name: int(value or 0) for name, value in zip(names, values, strict=True)
            }
            for unit_id, month, *values in cursor.fetchall()
        }


def _monthly_sets(start: dt.date, end: dt.date) -> dict[tuple[int, dt.date], tuple[int, int]]:
    rows = MonthProcedures.objects.filter(month__gte=start, month__lte=end)
    return {
        (unit_id, month): (rollup.unpack(used), rollup.unpack(paid))
        for unit_id, month, used, paid in rows.values_list("unit_id", "month", "used", "paid")
    }


def _day(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def every_month(
    start: dt.date,
    end: dt.date,
    indicators: Sequence[IndicatorDefinition] | None = None,
    units: Sequence[Unit] | None = None,
) -> dict[int, dict[str, dict[str, engine.Value]]]:
    """{unit id: {'YYYY-MM': {code: Value}}} for every unit (or those given) and every
    calendar month of [start, end] — what `engine.monthly()` gives unit by unit."""
    indicators = engine.definitions() if indicators is None else indicators
    units = list(Unit.objects.all()) if units is None else list(units)
    months = periods.window(start, end).months()
    first = facts.month_start(start)
    sums = _monthly_sums(first, facts.month_start(end))
    sets = _monthly_sets(first, facts.month_start(end))
    links = succession_links()
    ordered = sorted((path, pk) for pk, path in Unit.objects.values_list("pk", "path"))
    paths = [path for path, _pk in ordered]
    fee_catalogue = facts.fee_catalogue()
    levels = competence.levels_of(units)
    carried = _carried(months, indicators)
    evaluate_all = engine.evaluator(indicators)
    result: dict[int, dict[str, dict[str, engine.Value]]] = {}
    for unit in units:
        scope = _scope(engine.scope_paths(unit, links), ordered, paths)
        # the fee-charging procedures within the unit's competence (contract version 2)
        catalogue = facts.catalogue_counts(levels[unit.pk], fee_catalogue)
        result[unit.pk] = {}
        for index, (key, low, high) in enumerate(months):
            month = facts.month_start(low)
            if low != month or high != facts.month_end(high):
                # a month the window cuts in two: the per-unit path reads its days
                values = engine.values(unit, low, high, indicators, catalogue=catalogue)
                result[unit.pk][key] = values
                continue
            inside = [u for u in scope if (u, month) in sums]
            measures = _measures(inside, month, sums, sets, catalogue)
            engine.add_counts(measures, (carried[index].get(u) for u in scope))
            result[unit.pk][key] = evaluate_all(measures)
    return result


def _carried(months, indicators) -> list[dict[int, dict[str, int]]]:
    """Per month, per unit id: the dossiers carried over into it (`rollup.carried`, one pass
    for every month), read only when an indicator counts them."""
    if not engine.uses_carried(indicators):
        return [{} for _month in months]
    every = list(Unit.objects.values_list("pk", flat=True))
    return rollup.carried(every, [(low, high) for _key, low, high in months])


def _scope(roots: list[str], ordered: list[tuple[str, int]], paths: list[str]) -> set[int]:
    """Ids of the units under `roots`: a subtree's paths are one run of the sorted paths."""
    found: set[int] = set()
    for root in roots:
        low, high = bisect_left(paths, root), bisect_left(paths, root + "\uffff")
        found.update(pk for _path, pk in ordered[low:high])
    return found


def _measures(inside, month, sums, sets, catalogue) -> dict[str, int]:
    total: Sums = defaultdict(int)
    used = paid = 0
    for unit_id in inside:
        for name, value in sums[(unit_id, month)].items():
            total[name] += value
        unit_used, unit_paid = sets.get((unit_id, month), (0, 0))
        used |= unit_used
        paid |= unit_paid
    return engine._finish(total, used, paid, catalogue)
