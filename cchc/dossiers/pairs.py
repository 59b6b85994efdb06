"""The (unit id, month) pairs an import touched, as a temporary table the facts and the
roll-up are rebuilt through in one statement each (decision 0128), instead of one statement
per unit (facts) or per month (roll-up) with lists of ids."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator

from django.db import connection

TABLE = "cchc_touched_pairs"


@contextlib.contextmanager
def pair_table(cursor, keys: Iterable[tuple[int, dt.date]]) -> Iterator[str]:
    """A temporary table `(unit_id, month)` holding `keys` once each, for the statements
    run inside the block (`join(...)`, `among(...)`); dropped when the block ends."""
    rows = sorted({(unit_id, month) for unit_id, month in keys})
    if connection.vendor == "sqlite":
        rows = [(unit_id, month.isoformat()) for unit_id, month in rows]
    cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {TABLE} "
        "(unit_id bigint NOT NULL, month date NOT NULL, PRIMARY KEY (unit_id, month))"
    )
    try:
        cursor.executemany(f"INSERT INTO {TABLE} (unit_id, month) VALUES (%s, %s)", rows)
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {TABLE}")  # its size, for the plan of the join
        yield TABLE
    finally:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def join(alias: str) -> str:
    """SQL joining the pairs to the rows `alias` (with unit_id and month): only the touched."""
    return f"JOIN {TABLE} k ON k.unit_id = {alias}.unit_id AND k.month = {alias}.month"


def among() -> str:
    """SQL condition on a table's rows (columns unqualified): their pair is one of the
    touched, for a DELETE (which takes no join)."""
    return f"(unit_id, month) IN (SELECT unit_id, month FROM {TABLE})"
