"""A copy of every table's rows, taken in a test and put back in a later test of the same
process: what a loaded demo leaves in the database, restored in a fraction of a second instead
of loaded again (cchc/testing/demo.py, decision 0165). SQLite's rows are kept as Python tuples,
PostgreSQL's as the bytes of a binary COPY; nothing of the schema is copied (the test database
is the same one, migrated once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

from cchc.audit import guard

KEPT = {"django_migrations"}  # what migrate wrote, the same before and after


@dataclass
class Rows:
    """Every table's rows as they were at `take()`."""

    tables: dict[str, Any] = field(default_factory=dict)


def _tables() -> list[str]:
    names = connection.introspection.table_names(include_views=False)
    return sorted(name for name in names if name not in KEPT)


def counts() -> tuple[tuple[str, int], ...]:
    """How many rows each table holds: what tells one starting state from another (a database
    just migrated keeps what the data migrations wrote; one a committing test flushed does not)."""
    found = []
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            found.append((table, cursor.fetchone()[0]))
    return tuple(found)


def take() -> Rows:
    rows = Rows()
    with connection.cursor() as cursor:
        for table in _tables():
            if connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f'COPY "{table}" TO STDOUT (FORMAT BINARY)') as copy:
                    rows.tables[table] = b"".join(bytes(block) for block in copy)
            else:
                cursor.execute(f'SELECT * FROM "{table}"')
                rows.tables[table] = cursor.fetchall()
    return rows


def put_back(rows: Rows) -> None:
    """Empty every table and write the rows taken, in one transaction (the foreign keys,
    deferred, are checked at its end); the audit table's guard is lifted for it, as `flush`
    does (cchc/audit/guard.py). PostgreSQL's sequences continue after the highest id."""
    with transaction.atomic(), guard.lifted(connection), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the checks the transaction deferred are made now: TRUNCATE refuses to run with
            # some pending (a test's own rows written before), then deferred again
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            listed = ", ".join(f'"{table}"' for table in rows.tables)
            cursor.execute(f"TRUNCATE {listed}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            raw = cursor.cursor
            for table, data in rows.tables.items():
                if data:
                    with raw.copy(f'COPY "{table}" FROM STDIN (FORMAT BINARY)') as copy:
                        copy.write(data)
            models = apps.get_models(include_auto_created=True)
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        else:
            for table in rows.tables:
                cursor.execute(f'DELETE FROM "{table}"')
            for table, data in rows.tables.items():
                if data:
                    marks = ", ".join("?" * len(data[0]))
                    sql = f'INSERT INTO "{table}" VALUES ({marks})'
                    connection.connection.executemany(sql, data)
    ContentType.objects.clear_cache()  # the ids it remembers may be gone
