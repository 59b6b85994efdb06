"""The roll-up's measures (`MonthRollup`) of a scope's units over whole months, summed per
unit over the window (on time judged at the window's end: `rollup.window_sums`) and per month
(each judged at its own end: `rollup.month_sums`) in one scan: a province's indicator and
service-index pages want both (`engine.overview`), and the two sums read the same rows.

PostgreSQL groups one scan two ways (`GROUPING SETS`); SQLite cannot, and there `read` gives
None: the two sums are read apart, as every other caller reads them (decision 0146)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import NamedTuple

from django.db import connection

from . import facts
from .models import MonthRollup
from .rollup import MEASURE_SQL, as_sums, measure_names, month_end_bound


class Sums(NamedTuple):
    """Per unit id, its measures over the window; per month (its 1st), the units' measures."""

    by_unit: dict[int, dict[str, int]]
    by_month: dict[dt.date, dict[str, int]]


def read(
    units: list[int],
    first: dt.date,
    last: dt.date,
    end: dt.date,
    measures: Collection[str] | None = None,
) -> Sums | None:
    """The measures (only those, and `received`) of `units` in the months from `first` to
    `last` (their 1sts), per unit judged at `end` and per month at its end; None where the
    database cannot group one scan two ways."""
    if connection.vendor != "postgresql" or not units:
        return None
    names = measure_names(measures)
    judged = [name for name in names if "%(end)s" in MEASURE_SQL[name]]
    columns = [MEASURE_SQL[name] % {"end": "%s"} for name in names]
    columns += [MEASURE_SQL[name] % {"end": month_end_bound("r.month")} for name in judged]
    end_params = [end] * sum(MEASURE_SQL[name].count("%(end)s") for name in names)
    among, ids = facts.units_in("r.unit_id", units)
    table = connection.ops.quote_name(MonthRollup._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT GROUPING(r.unit_id), r.unit_id, r.month, {', '.join(columns)} "
            f"FROM {table} r WHERE {among} AND r.month >= %s AND r.month <= %s "
            "GROUP BY GROUPING SETS ((r.unit_id), (r.month))",
            [*end_params, *ids, first, last],
        )
        rows = cursor.fetchall()
    found = Sums({}, {})
    width = len(names)
    for by_month, unit_id, month, *values in rows:
        if by_month:  # the unit is grouped away: a month's row, judged at the month's end
            at_month = dict(zip(judged, values[width:], strict=True))
            own = [at_month.get(n, v) for n, v in zip(names, values[:width], strict=True)]
            found.by_month[month] = as_sums(names, own)
        else:
            found.by_unit[unit_id] = as_sums(names, values[:width])
    return found
