"""The roll-up's sets of fee-charging procedures (`MonthProcedures`), read: each unit's and
month's procedures used and paid online, as bitmaps (bit i set: procedure id i). A province's
page unites them by unit (the units below it over the period, `rollup.window_sums`) and by
month (its months, `rollup.month_sums`) from one reading (`engine.overview`, decision 0125)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection

from . import facts
from .models import MonthProcedures

# (unit id, month as the database gives it, procedures used, procedures paid online)
Row = tuple[int, Any, int, int]
UNIT, MONTH = 0, 1  # what `united` unites by: a row's unit id or its month


def read(units: list[int], first: dt.date, last: dt.date) -> list[Row]:
    """The rows of `units` in the months from `first` to `last` (their 1sts)."""
    if not units:
        return []
    among, ids = facts.units_in("unit_id", units)
    table = connection.ops.quote_name(MonthProcedures._meta.db_table)
    # SQLite's driver makes a date of each value of a `date` column (Django's converter, a
    # third of the time of reading a province's rows): the month is read as the text it is
    # stored as, which the callers unite by and make a date once a month
    month = "CAST(month AS TEXT)" if connection.vendor == "sqlite" else "month"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT unit_id, {month}, used, paid FROM {table} "
            f"WHERE {among} AND month >= %s AND month <= %s",
            [*ids, first, last],
        )
        return [  # never null: an empty set is stored as no bytes
            (unit_id, month, int.from_bytes(used, "little"), int.from_bytes(paid, "little"))
            for unit_id, month, used, paid in cursor.fetchall()
        ]


def united(rows: list[Row], by: int) -> tuple[dict[Any, int], dict[Any, int]]:
    """The procedures used and those paid online, united per unit id (`by` UNIT) or per
    month (MONTH) of the rows; a key is there when it has a row, even of empty sets."""
    used: dict[Any, int] = defaultdict(int)
    paid: dict[Any, int] = defaultdict(int)
    for row in rows:
        key = row[by]
        used[key] |= row[2]
        paid[key] |= row[3]
    return used, paid
