"""The roll-up's sets of fee-charging procedures (`MonthProcedures`), read: each unit's and
month's procedures used and paid online, as bitmaps (bit i set: procedure id i), united per
unit (a window's units, `rollup.window_sums`) and per month (a scope's months,
`rollup.month_sums`) in one pass over the rows: a province's pages want both, from one
reading (`engine.overview`, decision 0125)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, NamedTuple

from django.db import connection

from . import facts
from .models import MonthProcedures


class Sets(NamedTuple):
    """The procedures used and those paid online, united per unit id and per month (the
    month as the database gives it); a key is there when it has a row, even of empty sets."""

    used_by_unit: dict[int, int]
    paid_by_unit: dict[int, int]
    used_by_month: dict[Any, int]
    paid_by_month: dict[Any, int]


def read(units: list[int], first: dt.date, last: dt.date) -> Sets:
    """The sets of `units` in the months from `first` to `last` (their 1sts)."""
    found = Sets(defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int))
    if not units:
        return found
    used_by_unit, paid_by_unit, used_by_month, paid_by_month = found
    among, ids = facts.units_in("unit_id", units)
    table = connection.ops.quote_name(MonthProcedures._meta.db_table)
    # SQLite's driver makes a date of each value of a `date` column (Django's converter, a
    # third of the time of reading a province's rows): the month is read as the text it is
    # stored as, which is only a key here
    month_read = "CAST(month AS TEXT)" if connection.vendor == "sqlite" else "month"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT unit_id, {month_read}, used, paid FROM {table} "
            f"WHERE {among} AND month >= %s AND month <= %s",
            [*ids, first, last],
        )
        # fetched at once: iterating the cursor went through two wrappers per row (Django's
        # and the driver's); a province's 3,720 rows read in 4.5 ms of CPU, not 6 (PostgreSQL)
        rows = cursor.fetchall()
        for unit_id, month, used_bytes, paid_bytes in rows:  # never null: empty is b""
            used = int.from_bytes(used_bytes, "little")
            paid = int.from_bytes(paid_bytes, "little")
            used_by_unit[unit_id] |= used
            paid_by_unit[unit_id] |= paid
            used_by_month[month] |= used
            paid_by_month[month] |= paid
    return found
