"""What a request wrote: every INSERT, UPDATE and DELETE seen on the connection while it ran
(`statements`), and the row counts of only the tables it wrote to (`row_counts`). Cheaper and
stricter than counting every table before and after (an UPDATE in place is seen too): used by
the scope sweep (decision 0176) and the bad-input table (decisions 0175, 0179)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection

WRITE = re.compile(r'\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)


@contextmanager
def statements(ignored: tuple[str, ...] = ()) -> Iterator[list[tuple[str, str, int]]]:
    """(verb, table, rows) of each INSERT, UPDATE and DELETE run inside the block, but for the
    tables whose names start with one of `ignored`."""
    seen: list[tuple[str, str, int]] = []

    def spy(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        found = WRITE.match(sql)
        if found and not (ignored and found[2].startswith(ignored)):
            seen.append((found[1].split()[0].upper(), found[2], context["cursor"].rowcount))
        return result

    with connection.execute_wrapper(spy):
        yield seen


def row_counts(tables: Iterable[str]) -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts
