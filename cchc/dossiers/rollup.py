"""The monthly roll-up: what a province's pages read instead of every fact of its dossiers.

The facts (`facts.py`) barely compress the dossiers — their key unit × month × procedure ×
`on_time_until` gave 624,439 facts for a million dossiers — so a province's window read
nearly a row per dossier. The roll-up (`MonthRollup`, `MonthProcedures`) drops the procedure
from the key, applying its flags when the row is made, and keeps of `on_time_until` only the
month end it reaches: a window of whole months reads units × months × a few buckets, however
many dossiers there are (decision 0093). `MonthFinished` keeps, per unit and month received,
the month each dossier's handling ended in, so that the dossiers carried over into a window of
whole months are summed from it too instead of scanning the dossiers (`carried`, decision 0099).

Kept equal to the facts: `refresh()` rebuilds the rows of the (unit, month) pairs an import
touched, in the transaction that publishes it (`outcome.close_batch` calls `after_batch`), and
everything when the catalogue's flags change. Windows that cut a month in two are read from
the facts and dossiers as before (`window_sums`).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from django.db import connection, transaction

from . import facts, procedure_sets, staging
from .classify import LOCAL
from .models import (
    ALWAYS,
    NEVER,
    Dossier,
    DossierFact,
    ImportBatch,
    MonthFinished,
    MonthProcedures,
    MonthRollup,
    Procedure,
)

# roll-up column -> SQL over one fact row `f` joined to its procedure `p`
ROLLUP_SQL: dict[str, str] = {
    "received": "f.received",
    "apology": "f.apology",
    "online": "f.online",
    "postal": "f.postal",
    "full_online_eligible": "CASE WHEN p.full_online_eligible THEN f.received ELSE 0 END",
    "full_online": "CASE WHEN p.full_online_eligible THEN f.full_online ELSE 0 END",
    "fee_dossiers": "f.fee",
    "fee_paid_online": "f.fee_paid_online",
    "paid_online": "f.paid_online",
    "document_dossiers": "CASE WHEN p.returns_document THEN f.received ELSE 0 END",
    "e_result": "CASE WHEN p.returns_document THEN f.e_result ELSE 0 END",
    "digitised": "CASE WHEN p.returns_document THEN f.digitised_e_result ELSE f.digitised END",
    "reused": "f.reused",
}
# facts.MEASURE_SQL's measures, read from roll-up rows `r`; `%(end)s` is the window's last day
MEASURE_SQL: dict[str, str] = {
    **{name: f"SUM(r.{name})" for name in ROLLUP_SQL if name not in ("received", "apology")},
    "received": "SUM(r.received)",
    "on_time": "SUM(CASE WHEN r.bucket >= %(end)s THEN r.received ELSE 0 END)",
    "late": "SUM(CASE WHEN r.bucket < %(end)s THEN r.received ELSE 0 END)",
    "late_apology": "SUM(CASE WHEN r.bucket < %(end)s THEN r.apology ELSE 0 END)",
}


def _q(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def bucket_sql(column: str) -> tuple[str, list[dt.date]]:
    """SQL for the last month end on or before the date `column` (the sentinels stay), and
    its parameters."""
    if connection.vendor == "postgresql":
        inner = f"CAST(date_trunc('month', {column} + 1) - interval '1 day' AS date)"
    else:
        inner = f"date({column}, '+1 day', 'start of month', '-1 day')"
    return f"CASE WHEN {column} >= %s OR {column} <= %s THEN {column} ELSE {inner} END", [
        ALWAYS,
        NEVER,
    ]


def _insert_rollup(cursor, where: str, params: list) -> None:
    bucket, bucket_params = bucket_sql("f.on_time_until")
    columns = ", ".join(ROLLUP_SQL)
    sums = ", ".join(f"SUM({expr})" for expr in ROLLUP_SQL.values())
    cursor.execute(
        f"INSERT INTO {_q(MonthRollup)} (unit_id, month, bucket, {columns}) "
        f"SELECT f.unit_id, f.month, {bucket}, {sums} "
        f"FROM {_q(DossierFact)} f JOIN {_q(Procedure)} p ON p.id = f.procedure_id "
        f"WHERE {where} GROUP BY f.unit_id, f.month, {bucket}",
        [*bucket_params, *params, *bucket_params],
    )


def _insert_procedures(cursor, where: str, params: list) -> None:
    cursor.execute(
        f"SELECT f.unit_id, f.month, f.procedure_id, SUM(f.paid_online) "
        f"FROM {_q(DossierFact)} f JOIN {_q(Procedure)} p ON p.id = f.procedure_id "
        f"WHERE p.has_fee AND f.received > 0 AND {where} "
        "GROUP BY f.unit_id, f.month, f.procedure_id",
        params,
    )
    used: dict[tuple[int, dt.date], int] = defaultdict(int)
    paid: dict[tuple[int, dt.date], int] = defaultdict(int)
    for unit_id, month, procedure_id, paid_online in cursor.fetchall():
        key = (unit_id, _as_date(month))
        used[key] |= 1 << procedure_id
        if paid_online:
            paid[key] |= 1 << procedure_id
    MonthProcedures.objects.bulk_create(
        [
            MonthProcedures(
                unit_id=unit_id, month=month, used=_pack(bits), paid=_pack(paid.get(key, 0))
            )
            for key, bits in used.items()
            for unit_id, month in [key]
        ],
        batch_size=2000,
    )


def local_month_sql(column: str) -> str:
    """SQL for the first day of the local month of the moment `column`."""
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column} AT TIME ZONE '{LOCAL.key}') AS date)"
    # SQLite holds UTC text; Vietnam's offset is fixed (+07:00, no summer time since 1975)
    offset = LOCAL.utcoffset(dt.datetime(2000, 1, 1))
    assert offset is not None
    return f"date({column}, '{int(offset.total_seconds() // 60):+d} minutes', 'start of month')"


def _insert_finished(cursor, where: str, params: list) -> None:
    """`MonthFinished` rows of the dossiers `d` matching `where`: the rule of `facts.carried`
    (refused at intake not counted, finished without a known moment never carried). A dossier
    finished in the month it was received is never carried into a window of whole months
    (it would start after the month and on or before the end): it has no row."""
    bucket, bucket_params = bucket_sql("d.on_time_until")
    finished, ended = facts.FINISHED_SQL, facts.ENDED_SQL
    cursor.execute(
        f"INSERT INTO {_q(MonthFinished)} (unit_id, month, ended, bucket, dossiers) "
        "SELECT x.unit_id, x.month, x.ended, x.bucket, COUNT(*) FROM ("
        f"SELECT d.unit_id, d.month, CASE WHEN {finished} THEN {local_month_sql(ended)} "
        f"END AS ended, {bucket} AS bucket FROM {staging.visible_dossiers()} d "
        f"WHERE d.counted AND (NOT {finished} OR {local_month_sql(ended)} > d.month) "
        f"AND {where}"
        ") x GROUP BY x.unit_id, x.month, x.ended, x.bucket",
        [*bucket_params, *params],
    )


def _as_date(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _pack(bits: int) -> bytes:
    return bits.to_bytes((bits.bit_length() + 7) // 8, "little")


def unpack(data) -> int:
    return int.from_bytes(data, "little") if data else 0


def union(bitmaps: Iterable[int]) -> int:
    """The union of procedure sets kept as bitmaps (bit i set: procedure id i)."""
    found = 0
    for bits in bitmaps:
        found |= bits
    return found


def refresh(keys: Iterable[tuple[int, dt.date]]) -> None:
    """Rebuild the roll-up of each (unit id, month) from its facts (run after `facts.rebuild`)
    and dossiers: a few statements per month touched, for all its units at once."""
    units_by_month: dict[dt.date, set[int]] = defaultdict(set)
    for unit_id, month in keys:
        units_by_month[month].add(unit_id)
    with transaction.atomic(), connection.cursor() as cursor:
        for month, units in sorted(units_by_month.items()):
            ordered = sorted(units)
            marks = ", ".join(["%s"] * len(ordered))
            for model in (MonthRollup, MonthProcedures, MonthFinished):
                cursor.execute(
                    f"DELETE FROM {_q(model)} WHERE month = %s AND unit_id IN ({marks})",
                    [month, *ordered],
                )
            where = f"f.month = %s AND f.unit_id IN ({marks})"
            _insert_rollup(cursor, where, [month, *ordered])
            _insert_procedures(cursor, where, [month, *ordered])
            mine = f"d.month = %s AND d.unit_id IN ({marks})"
            _insert_finished(cursor, mine, [month, *ordered])


def refresh_all() -> None:
    """Rebuild the whole roll-up from the facts and dossiers, in set-based statements."""
    with transaction.atomic():
        rebuild_from_facts()
        rebuild_finished()


def rebuild_from_facts() -> None:
    """Rebuild `MonthRollup` and `MonthProcedures` from the facts (migration 0005)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (MonthRollup, MonthProcedures):
            cursor.execute(f"DELETE FROM {_q(model)}")
        _insert_rollup(cursor, "1 = 1", [])
        _insert_procedures(cursor, "1 = 1", [])


def rebuild_finished() -> None:
    """Rebuild `MonthFinished` from the dossiers (migration 0007)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_q(MonthFinished)}")
        _insert_finished(cursor, "1 = 1", [])


def after_batch(batch: ImportBatch) -> None:
    """Bring the roll-up up to date with what a published import changed, in its transaction.

    A dossier import changed the months its new and changed dossiers are in and the months
    the versions they replaced were in (still staged as `old` until the import is discarded).
    A catalogue import that changed procedures changes the flags applied to every month.
    """
    if batch.kind == ImportBatch.Kind.PROCEDURES:
        if batch.updated:  # new procedures have no dossiers yet; flags do not end any
            rebuild_from_facts()
        return
    if not (batch.created or batch.updated):
        return
    entered = Dossier.objects.filter(batch=batch).values_list("unit_id", "month").distinct()
    refresh({*entered, *staging.left_months(batch.pk)})


def after_procedure_change(procedure_id: int) -> None:
    """A procedure's flags were edited: rebuild the months that have its dossiers."""
    keys = DossierFact.objects.filter(procedure_id=procedure_id).values_list("unit_id", "month")
    refresh(set(keys))


def whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and end == facts.month_end(end)


def measure_names(measures: Collection[str] | None) -> list[str]:
    """The measures asked for (all by default), and `received`: it tells an empty window."""
    return [n for n in MEASURE_SQL if measures is None or n in measures or n == "received"]


def as_sums(names: list[str], values) -> dict[str, int]:
    """A row of SUMs as measures (a SUM over no row is NULL: 0)."""
    return {name: int(value or 0) for name, value in zip(names, values, strict=True)}


def _measure_sums(cursor, result, among: str, window: list, end: dt.date, *, per_unit, measures):
    """The measures' totals over the window's months (and each unit's, into `result`)."""
    names = measure_names(measures)
    selects = ", ".join(MEASURE_SQL[name] % {"end": "%s"} for name in names)
    end_params = [end] * sum(MEASURE_SQL[name].count("%(end)s") for name in names)
    total = dict.fromkeys(names, 0)
    # one row per unit when they are asked for, else one row (the unit is then 0)
    unit, grouped = ("r.unit_id", " GROUP BY r.unit_id") if per_unit else ("0", "")
    cursor.execute(
        f"SELECT {unit}, {selects} FROM {_q(MonthRollup)} r "
        f"WHERE {among} AND r.month >= %s AND r.month <= %s{grouped}",
        [*end_params, *window],
    )
    for unit_id, *values in cursor.fetchall():
        if values[0] is None:  # no row in the window (one all-NULL row without GROUP BY)
            continue
        sums = as_sums(names, values)
        for name, value in sums.items():
            total[name] += value
        if per_unit:
            result.by_unit[unit_id] = sums
    return total


def month_end_bound(month: str) -> str:
    """SQL judging roll-up rows at the end of the month whose first day is the column `month`
    (`MEASURE_SQL`'s `%(end)s`): that column. A bucket is a month end or a sentinel
    (`bucket_sql`), none lies inside a month: `bucket >= month end` iff `bucket >= month`
    — two columns compared, not a date computed three times a row (decision 0124)."""
    return month


def month_sums(
    units: list[int],
    first: dt.date,
    last: dt.date,
    measures: Collection[str] | None = None,
    procedures: procedure_sets.Sets | None = None,
    by_month: dict[dt.date, dict[str, int]] | None = None,
) -> dict[dt.date, tuple[dict[str, int], int, int]]:
    """For each month from `first` to `last` (their 1sts) with dossiers of `units`: the
    measures summed over them, on time judged at the month's last day, and the bitmaps of
    the fee-charging procedures used and paid online — every month in two queries, what
    `window_sums` gives one month at a time (`measures`: only those, and `received`;
    `procedures`: `procedure_sets.read` of the same units and months, and `by_month`, the
    months' measures, `rollup_sums.read`'s, when already read)."""
    found: dict[dt.date, tuple[dict[str, int], int, int]] = {}
    if not units:
        return found
    sums = by_month if by_month is not None else _month_measures(units, first, last, measures)
    if procedures is None:
        procedures = procedure_sets.read(units, first, last)
    used = {_as_date(month): bits for month, bits in procedures.used_by_month.items()}
    paid = {_as_date(month): bits for month, bits in procedures.paid_by_month.items()}
    for month, measures in sums.items():
        found[month] = (measures, used.get(month, 0), paid.get(month, 0))
    return found


def _month_measures(units: list[int], first: dt.date, last: dt.date, measures):
    names = measure_names(measures)
    selects = ", ".join(MEASURE_SQL[name] % {"end": month_end_bound("r.month")} for name in names)
    among, ids = facts.units_in("unit_id", units)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.month, {selects} FROM {_q(MonthRollup)} r WHERE r.{among} "
            "AND r.month >= %s AND r.month <= %s GROUP BY r.month",
            [*ids, first, last],
        )
        return {_as_date(month): as_sums(names, values) for month, *values in cursor.fetchall()}


def window_sums(
    paths: Iterable[str],
    start: dt.date,
    end: dt.date,
    *,
    per_unit: bool = False,
    units: list[int] | None = None,
    with_carried: bool = True,
    measures: Collection[str] | None = None,
    procedures: procedure_sets.Sets | None = None,
    by_unit: dict[int, dict[str, int]] | None = None,
) -> facts.WindowSums:
    """`facts.window_sums`, read from the roll-up when the window is whole months (with the
    dossiers carried over into it, unless `with_carried` is false: `carried`; `measures`:
    only those, and `received`; `procedures`: `procedure_sets.read` of its units and months, when
    already read; `by_unit`, each unit's measures, `rollup_sums.read`'s, when already read).
    Without `per_unit`, the procedure sets come as one set (their union), under the key 0."""
    if not whole_months(start, end) or end < start:
        return facts.window_sums(
            paths, start, end, per_unit=per_unit, units=units, with_carried=with_carried
        )
    result = facts.WindowSums()
    units = facts.unit_ids(paths) if units is None else units
    if not units:
        return result
    if per_unit and by_unit is not None:  # read with the months' sums (`rollup_sums`)
        result.by_unit = by_unit
        result.total = {n: sum(s[n] for s in by_unit.values()) for n in measure_names(measures)}
    else:
        among, ids = facts.units_in("unit_id", units)
        window: list[Any] = [*ids, start, facts.month_start(end)]
        with connection.cursor() as cursor:
            result.total = _measure_sums(
                cursor, result, f"r.{among}", window, end, per_unit=per_unit, measures=measures
            )
    if procedures is None:
        procedures = procedure_sets.read(units, start, facts.month_start(end))
    used, paid = procedures.used_by_unit, procedures.paid_by_unit
    if not per_unit:  # only their union is wanted: one set, under the key 0 (no unit's id)
        used = {0: union(used.values())} if used else {}
        paid = {0: union(paid.values())} if any(paid.values()) else {}
    result.fee_used = dict(used)
    result.fee_paid = {unit_id: bits for unit_id, bits in paid.items() if bits}
    if with_carried:
        found = carried(units, [(start, end)], per_unit=per_unit)[0]
        facts.add_carried(result, units, start, end, per_unit=per_unit, found=found)
    return result


def carried(
    units: list[int], windows: list[tuple[dt.date, dt.date]], *, per_unit: bool = True
) -> list[dict[int, dict[str, int]]]:
    """`facts.carried`: per window, per unit id, the dossiers carried over into it and those
    of them on time at its end. Windows of whole months are summed from `MonthFinished`;
    the others are scanned from the dossiers as there. Without `per_unit`, each window's
    sums over `units` come under the key 0 (no unit's id), read from far fewer rows."""
    found: list[dict[int, dict[str, int]]] = [{} for _window in windows]
    whole = [i for i, (start, end) in enumerate(windows) if whole_months(start, end)]
    cut = sorted(set(range(len(windows))) - set(whole))
    if whole:
        counted = _carried_whole(units, [windows[i] for i in whole], per_unit=per_unit)
        for index, counts in zip(whole, counted, strict=True):
            found[index] = counts
    if cut:
        counted = facts.carried(units, [windows[i] for i in cut])
        for index, counts in zip(cut, counted, strict=True):
            found[index] = counts if per_unit else _folded(counts)
    return found


def _folded(by_unit: dict[int, dict[str, int]]) -> dict[int, dict[str, int]]:
    if not by_unit:
        return {}
    return {0: {name: sum(c[name] for c in by_unit.values()) for name in facts.CARRIED_MEASURES}}


def _carried_whole(
    units: list[int], windows: list[tuple[dt.date, dt.date]], *, per_unit: bool
) -> list[dict[int, dict[str, int]]]:
    """`facts.carried` over `MonthFinished` rows instead of dossiers: a row is carried into a
    window when its month is before the window's and its `ended` month (null while
    unfinished) is not; it is on time at the window's end (a month end) when its bucket
    reaches that end. A window or two are summed in SQL (one row a unit); more are spread
    here from the rows, which cost less to read than one sum a window over each of them."""
    if not units or not windows:
        return [{} for _window in windows]
    among, ids = facts.units_in("r.unit_id", units)
    where = (
        f"FROM {_q(MonthFinished)} r WHERE {among} AND r.month < %s "
        "AND (r.ended IS NULL OR r.ended >= %s)"
    )
    bounds: list[Any] = [*ids, max(s for s, _end in windows), min(s for s, _end in windows)]
    with connection.cursor() as cursor:
        if len(windows) > 2:
            if per_unit:
                cursor.execute(
                    f"SELECT r.unit_id, r.month, r.ended, r.bucket, r.dossiers {where}", bounds
                )
            else:  # a few hundred rows (months × months × buckets) instead of thousands
                cursor.execute(
                    f"SELECT 0, r.month, r.ended, r.bucket, SUM(r.dossiers) {where} "
                    "GROUP BY r.month, r.ended, r.bucket",
                    bounds,
                )
            return _spread(cursor.fetchall(), windows)
        sums: list[str] = []
        params: list[Any] = []
        for start, end in windows:
            inside = "r.month < %s AND (r.ended IS NULL OR r.ended >= %s)"
            sums.append(f"SUM(CASE WHEN {inside} THEN r.dossiers ELSE 0 END)")
            sums.append(f"SUM(CASE WHEN {inside} AND r.bucket >= %s THEN r.dossiers ELSE 0 END)")
            params += [start, start, start, start, end]
        unit, grouped = ("r.unit_id", " GROUP BY r.unit_id") if per_unit else ("0", "")
        cursor.execute(f"SELECT {unit}, {', '.join(sums)} {where}{grouped}", [*params, *bounds])
        rows = cursor.fetchall()
    found: list[dict[int, dict[str, int]]] = [{} for _window in windows]
    for unit_id, *values in rows:
        for index in range(len(windows)):
            carried, on_time = int(values[2 * index] or 0), int(values[2 * index + 1] or 0)
            if carried:
                found[index][unit_id] = {"carried": carried, "carried_on_time": on_time}
    return found


def _spread(rows, windows: list[tuple[dt.date, dt.date]]) -> list[dict[int, dict[str, int]]]:
    """Per window, per unit, the sums of `MonthFinished` rows (unit, month, ended, bucket,
    dossiers) carried into it. With the windows ordered by start, a row is carried into a run
    of them — from the first starting after its month to the last starting on or before its
    `ended` — and, when their ends rise with their starts (months, quarters), on time in a
    run too: each row adds to the run's two ends, the sums are running totals."""
    count = len(windows)
    order = sorted(range(count), key=lambda i: windows[i][0])
    starts = [windows[i][0] for i in order]
    ends = [windows[i][1] for i in order]
    rising = all(a <= b for a, b in itertools.pairwise(ends))
    # positions looked up once per distinct month or bucket (a few dozen), not once a row
    after = functools.cache(lambda value: bisect_right(starts, _as_date(value)))
    within = functools.cache(lambda value: bisect_right(ends, _as_date(value)) - 1)
    carried: dict[int, list[int]] = defaultdict(lambda: [0] * (count + 1))
    on_time: dict[int, list[int]] = defaultdict(lambda: [0] * (count + 1))
    for unit_id, month, ended, bucket, dossiers in rows:
        low = after(month)
        high = count - 1 if ended is None else after(ended) - 1
        if low > high:
            continue
        steps = carried[unit_id]
        steps[low] += dossiers
        steps[high + 1] -= dossiers
        steps = on_time[unit_id]
        if rising:
            top = min(high, within(bucket))
            if top >= low:
                steps[low] += dossiers
                steps[top + 1] -= dossiers
        else:
            for position in range(low, high + 1):
                if ends[position] <= _as_date(bucket):
                    steps[position] += dossiers
                    steps[position + 1] -= dossiers
    found: list[dict[int, dict[str, int]]] = [{} for _window in windows]
    for unit_id, steps in carried.items():
        running = running_on_time = 0
        for position, (step, step_on_time) in enumerate(zip(steps, on_time[unit_id], strict=True)):
            running += step
            running_on_time += step_on_time
            if running and position < count:
                found[order[position]][unit_id] = {
                    "carried": int(running),
                    "carried_on_time": int(running_on_time),
                }
    return found
