"""Monthly facts: the sums every indicator is computed from, and the one query that reads them.

`SOURCE_COLUMNS` says once how a dossier row becomes counters; it is used both to build the
facts (`rebuild`) and to read the days of a window that cut a month in two (`window_sums`),
so facts and the dossiers they summarise can never disagree on what a counter means.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from cchc.org.models import Unit

from . import competence, staging
from .classify import LOCAL
from .models import Dossier, DossierFact, Procedure

# counter -> SQL over one dossier row (1 or 0). The keys are DossierFact's counter columns.
SOURCE_COLUMNS: dict[str, str] = {
    "received": "1",
    "apology": "CASE WHEN d.apology THEN 1 ELSE 0 END",
    "online": "CASE WHEN d.channel = 2 THEN 1 ELSE 0 END",
    "postal": "CASE WHEN d.channel = 3 THEN 1 ELSE 0 END",
    "full_online": "CASE WHEN d.full_online THEN 1 ELSE 0 END",
    "fee": "CASE WHEN d.has_fee THEN 1 ELSE 0 END",
    "fee_paid_online": "CASE WHEN d.has_fee AND d.paid_online IN (1, 2) THEN 1 ELSE 0 END",
    "paid_online": "CASE WHEN d.paid_online IN (1, 2) THEN 1 ELSE 0 END",
    "e_result": "CASE WHEN d.e_result THEN 1 ELSE 0 END",
    "digitised": "CASE WHEN d.digitised THEN 1 ELSE 0 END",
    "digitised_e_result": "CASE WHEN d.digitised AND d.e_result THEN 1 ELSE 0 END",
    "reused": "CASE WHEN d.reused THEN 1 ELSE 0 END",
}
COUNTERS = tuple(SOURCE_COLUMNS)
KEY = ("unit_id", "month", "procedure_id", "on_time_until")

# Measures: what indicator formulas are written in. Each is a sum over the window's dossiers,
# `%(end)s` being the window's last day (see classify.on_time_until).
MEASURE_SQL: dict[str, str] = {
    "received": "SUM(s.received)",
    "on_time": "SUM(CASE WHEN s.on_time_until >= %(end)s THEN s.received ELSE 0 END)",
    "late": "SUM(CASE WHEN s.on_time_until < %(end)s THEN s.received ELSE 0 END)",
    "late_apology": "SUM(CASE WHEN s.on_time_until < %(end)s THEN s.apology ELSE 0 END)",
    "online": "SUM(s.online)",
    "postal": "SUM(s.postal)",
    "full_online_eligible": ("SUM(CASE WHEN p.full_online_eligible THEN s.received ELSE 0 END)"),
    "full_online": "SUM(CASE WHEN p.full_online_eligible THEN s.full_online ELSE 0 END)",
    "fee_dossiers": "SUM(s.fee)",
    "fee_paid_online": "SUM(s.fee_paid_online)",
    "paid_online": "SUM(s.paid_online)",
    "document_dossiers": "SUM(CASE WHEN p.returns_document THEN s.received ELSE 0 END)",
    "e_result": "SUM(CASE WHEN p.returns_document THEN s.e_result ELSE 0 END)",
    "digitised": "SUM(CASE WHEN p.returns_document THEN s.digitised_e_result ELSE s.digitised END)",
    "reused": "SUM(s.reused)",
}
# Counts of procedures rather than of dossiers: not sums, so they are computed per scope.
PROCEDURE_MEASURES = (
    "fee_procedures",
    "payment_integrated_procedures",
    "fee_procedures_used",
    "fee_procedures_paid_online",
)
# Dossiers received before the window and still being handled in it (version 2 of the contract:
# the service index's progress criterion counts them), and those of them on time at its end.
CARRIED_MEASURES = ("carried", "carried_on_time")
MEASURES = (*MEASURE_SQL, "in_person", *PROCEDURE_MEASURES, *CARRIED_MEASURES)
# whether the dossier row `d` is finished, and the moment its handling ended (if known)
FINISHED_SQL = "(COALESCE(d.status, 0) IN (7, 8, 9, 10) OR d.processing_ended IS NOT NULL)"
ENDED_SQL = "COALESCE(d.processing_ended, d.returned)"


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month (December 9999 included: no date after it is made)."""
    if day.month == 12:
        return day.replace(day=31)
    return day.replace(month=day.month + 1, day=1) - dt.timedelta(days=1)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def rebuild(keys: Iterable[tuple[int, dt.date]]) -> int:
    """Recompute the facts of each (unit id, month) from its dossiers; returns facts written."""
    months_by_unit: dict[int, set[dt.date]] = defaultdict(set)
    for unit_id, month in keys:
        months_by_unit[unit_id].add(month)
    if not months_by_unit:
        return 0
    fact_table, dossier_table = _table(DossierFact), staging.visible_dossiers()
    columns = ", ".join((*KEY, *COUNTERS))
    sums = ", ".join(f"SUM({expr})" for expr in SOURCE_COLUMNS.values())
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for unit_id, months in sorted(months_by_unit.items()):
            ordered = sorted(months)
            marks = ", ".join(["%s"] * len(ordered))
            cursor.execute(
                f"DELETE FROM {fact_table} WHERE unit_id = %s AND month IN ({marks})",
                [unit_id, *ordered],
            )
            cursor.execute(
                f"INSERT INTO {fact_table} ({columns}) "
                f"SELECT d.unit_id, d.month, d.procedure_id, d.on_time_until, {sums} "
                f"FROM {dossier_table} d WHERE d.counted AND d.unit_id = %s "
                f"AND d.month IN ({marks}) "
                "GROUP BY d.unit_id, d.month, d.procedure_id, d.on_time_until",
                [unit_id, *ordered],
            )
            written += max(cursor.rowcount, 0)
    return written


def rebuild_all() -> int:
    """Recompute every fact (after a change of the classification rules, say)."""
    keys = Dossier.objects.values_list("unit_id", "month").distinct()
    DossierFact.objects.all().delete()
    return rebuild(keys)


@dataclass
class WindowSums:
    """Measures of one window: the total over the scope, and per unit when asked."""

    total: dict[str, int] = field(default_factory=dict)
    by_unit: dict[int, dict[str, int]] = field(default_factory=dict)
    # procedure sets per unit, to count procedures (not additive across units): bitmaps (bit
    # i set: procedure id i), as the roll-up stores them; a union is `|`, a size `bit_count`
    fee_used: dict[int, int] = field(default_factory=dict)
    fee_paid: dict[int, int] = field(default_factory=dict)


def unit_ids(paths: Iterable[str]) -> list[int]:
    """Ids of the units in the subtrees of `paths` (a scope, see engine.scope_paths)."""
    return list(Unit.objects.under(paths).values_list("pk", flat=True))


def units_in(column: str, units: list[int]) -> tuple[str, list[Any]]:
    """SQL for "`column` is one of `units`" and its parameters: on PostgreSQL one array
    (`= ANY`), which the driver does not re-parse for each of a province's hundreds of ids
    on every query, with the same plan (PostgreSQL reads an IN list as `= ANY` of an
    array); elsewhere an IN list."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])", [list(units)]
    return f"{column} IN ({', '.join(['%s'] * len(units))})", list(units)


def _sources(start: dt.date, end: dt.date, units: list[int]) -> tuple[str, list[Any]]:
    """SQL of the rows to sum for [start, end] for the given units: facts for whole months,
    dossiers for the days of a month cut in two. Filtering on unit ids lets the (unit, month)
    and (unit, received_on) indexes find the rows; a join on paths read every unit's facts."""
    first_full = start if start.day == 1 else month_end(start) + dt.timedelta(days=1)
    last_full = end if end == month_end(end) else month_start(end) - dt.timedelta(days=1)
    counters = ", ".join(COUNTERS)
    marks = ", ".join(["%s"] * len(units))
    parts: list[str] = []
    params: list[Any] = []
    if first_full <= last_full:
        parts.append(
            f"SELECT unit_id, procedure_id, on_time_until, {counters} FROM {_table(DossierFact)} "
            f"WHERE unit_id IN ({marks}) AND month >= %s AND month <= %s"
        )
        params += [*units, first_full, month_start(last_full)]
        edges = []
        if start < first_full:
            edges.append((start, first_full - dt.timedelta(days=1)))
        if last_full < end:
            edges.append((last_full + dt.timedelta(days=1), end))
    else:
        edges = [(start, end)]
    row_counters = ", ".join(f"{expr} AS {name}" for name, expr in SOURCE_COLUMNS.items())
    dossiers = staging.visible_dossiers() if edges else ""
    for low, high in edges:
        parts.append(
            f"SELECT d.unit_id, d.procedure_id, d.on_time_until, {row_counters} "
            f"FROM {dossiers} d WHERE d.counted AND d.unit_id IN ({marks}) "
            "AND d.received_on >= %s AND d.received_on <= %s"
        )
        params += [*units, low, high]
    return " UNION ALL ".join(parts), params


def window_sums(
    paths: Iterable[str],
    start: dt.date,
    end: dt.date,
    *,
    per_unit: bool = False,
    units: list[int] | None = None,
    with_carried: bool = True,
) -> WindowSums:
    """Sum the measures of the dossiers received in [start, end] by units under `paths`, and
    (unless `with_carried` is false: the caller reads them with `carried()`) those carried
    over into it. `units`, the ids `unit_ids(paths)` returns, may be given by a caller summing
    several windows of the same scope."""
    result = WindowSums()
    if end < start:
        return result
    units = unit_ids(paths) if units is None else units
    if not units:
        return result
    source, source_params = _sources(start, end, units)
    names = list(MEASURE_SQL)
    selects = ", ".join(f"{MEASURE_SQL[name] % {'end': '%s'}}" for name in names)
    end_params = [end] * sum(MEASURE_SQL[name].count("%(end)s") for name in names)
    procedure_table = _table(Procedure)
    sql = (
        f"SELECT s.unit_id, {selects} FROM ({source}) s "
        f"JOIN {procedure_table} p ON p.id = s.procedure_id GROUP BY s.unit_id"
    )
    total = dict.fromkeys(names, 0)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*end_params, *source_params])
        for unit_id, *values in cursor.fetchall():
            sums = {name: int(value or 0) for name, value in zip(names, values, strict=True)}
            for name, value in sums.items():
                total[name] += value
            if per_unit:
                result.by_unit[unit_id] = sums
        cursor.execute(
            f"SELECT s.unit_id, s.procedure_id, SUM(s.received), SUM(s.paid_online) "
            f"FROM ({source}) s JOIN {procedure_table} p ON p.id = s.procedure_id "
            "WHERE p.has_fee GROUP BY s.unit_id, s.procedure_id",
            source_params,
        )
        for unit_id, procedure_id, received, paid in cursor.fetchall():
            if received:
                result.fee_used[unit_id] = result.fee_used.get(unit_id, 0) | 1 << procedure_id
            if paid:
                result.fee_paid[unit_id] = result.fee_paid.get(unit_id, 0) | 1 << procedure_id
    result.total = total
    if with_carried:
        add_carried(result, units, start, end, per_unit=per_unit)
    return result


def add_carried(
    result: WindowSums,
    units: list[int],
    start: dt.date,
    end: dt.date,
    *,
    per_unit: bool,
    found: dict[int, dict[str, int]] | None = None,
) -> None:
    """Add to `result` the dossiers of `units` carried over into [start, end]: `found`, what
    `rollup.carried` read for the window, or else this module's scan (`carried`)."""
    result.total.update(dict.fromkeys(CARRIED_MEASURES, 0))
    if found is None:
        found = carried(units, [(start, end)])[0]
    for unit_id, counts in found.items():
        for name, value in counts.items():
            result.total[name] += value
        if per_unit:
            result.by_unit.setdefault(unit_id, dict.fromkeys(MEASURE_SQL, 0)).update(counts)


def carried(
    units: list[int], windows: list[tuple[dt.date, dt.date]]
) -> list[dict[int, dict[str, int]]]:
    """Per window, per unit id: the dossiers carried over into [start, end] — received before
    `start` (refused at intake excluded), unfinished or finished at a known moment on or after
    `start` 00:00 — and how many of them are on time at the window's end (the rule of
    `on_time`).

    One pass over the dossiers for every window: with the windows ordered by start, those a
    dossier is carried into run from the first that starts after its reception to the last
    that starts on or before its end (the last of all when unfinished), so each dossier is
    grouped by those two window numbers and by `on_time_until`, then spread over the windows
    here."""
    found: list[dict[int, dict[str, int]]] = [{} for _window in windows]
    if not units or not windows:
        return found
    order = sorted(range(len(windows)), key=lambda i: windows[i][0])
    starts = [windows[i][0] for i in order]
    openings = [
        connection.ops.adapt_datetimefield_value(dt.datetime.combine(day, dt.time(0), LOCAL))
        for day in starts
    ]
    ended = ENDED_SQL
    first = " ".join(f"WHEN d.received_on < %s THEN {n}" for n in range(len(starts)))
    last = " ".join(f"WHEN {ended} >= %s THEN {n}" for n in reversed(range(len(starts))))
    marks = ", ".join(["%s"] * len(units))
    sql = (
        f"SELECT d.unit_id, CASE {first} ELSE {len(starts)} END AS first_window, "
        f"CASE WHEN NOT {FINISHED_SQL} THEN {len(starts) - 1} {last} ELSE -1 END AS last_window, "
        f"d.on_time_until, COUNT(*) FROM {staging.visible_dossiers()} d "
        f"WHERE d.counted AND d.unit_id IN ({marks}) AND d.received_on < %s "
        f"AND (NOT {FINISHED_SQL} OR {ended} >= %s) "
        "GROUP BY d.unit_id, first_window, last_window, d.on_time_until"
    )
    params = [*starts, *reversed(openings), *units, starts[-1], openings[0]]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for unit_id, low, high, on_time_until, count in rows:
        if isinstance(on_time_until, str):  # SQLite returns a raw date from a grouped column
            on_time_until = dt.date.fromisoformat(on_time_until)
        for position in range(int(low), int(high) + 1):
            index = order[position]
            counts = found[index].setdefault(unit_id, {"carried": 0, "carried_on_time": 0})
            counts["carried"] += count
            if on_time_until >= windows[index][1]:
                counts["carried_on_time"] += count
    return found


def fee_catalogue() -> list[tuple[str, bool]]:
    """(level, payment integrated) of every fee-charging procedure of the catalogue."""
    return list(Procedure.objects.filter(has_fee=True).values_list("level", "payment_integrated"))


def catalogue_counts(
    levels: frozenset[str], catalogue: list[tuple[str, bool]] | None = None
) -> dict[str, int]:
    """The fee-charging procedures within the competence of a unit whose levels (its own and
    those below it, `competence.unit_levels`) are `levels`, and how many are integrated for
    online payment. `catalogue` (`fee_catalogue()`) may be given when several units are
    counted."""
    catalogue = fee_catalogue() if catalogue is None else catalogue
    mine = [integrated for level, integrated in catalogue if competence.within(level, levels)]
    return {"fee_procedures": len(mine), "payment_integrated_procedures": sum(mine)}
