"""The dossier table's secondary indexes and foreign keys, set aside while a large import
writes its new dossiers and made again, once, before it is published (decision 0113).

Writing a row into `dossiers_dossier` keeps four secondary indexes (five on PostgreSQL, with
the code's `varchar_pattern_ops` one; one more each before decision 0135) and, on PostgreSQL,
checks three foreign keys with a query each: measured at 1M rows, three quarters of the
server's work of a COPY (`bench/dossiers/pg_store.py`) and most of SQLite's
(`write_indexes.py`). Building the same
indexes once over the filled table, and checking each foreign key with one query, costs a
small part of that. So an import whose new dossiers outnumber twice what the table held
when it started drops them (`set_aside`) and makes them again (`restore`) before it is
published; the primary key and the unique code stay, so codes are still checked row by
row and found by the public lookup.

What they are is not written here: the statements come from Django's schema editor, from
the model, as the migrations made them. A process killed in between leaves them missing:
`restore` makes whatever is missing, and `staging.recover_abandoned` calls it once no live
import is left.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models, transaction

from .models import Dossier, ImportBatch

MIN_ROWS = 50_000  # below this many new rows an import keeps the indexes as they are


def _statements() -> list[tuple[str, str, str]]:
    """(kind, name, SQL making it) of every secondary index ("index") and, on PostgreSQL,
    foreign key ("fk") of the dossier table, as the model's migrations made them."""
    made: list[tuple[str, str, str]] = []
    # only asked for SQL: not entered, which SQLite refuses inside a transaction
    # (the editor's statement builders, private but what migrations use)
    editor: Any = connection.schema_editor(collect_sql=True)
    for statement in editor._model_indexes_sql(Dossier):
        made.append(("index", str(statement.parts["name"]).strip('"'), str(statement)))
    if connection.vendor == "postgresql":
        for field in Dossier._meta.local_fields:
            if isinstance(field, models.ForeignKey) and getattr(field, "db_constraint", True):
                statement = editor._create_fk_sql(Dossier, field, "_fk_%(to_table)s_%(to_column)s")
                made.append(("fk", str(statement.parts["name"]).strip('"'), str(statement)))
    return made


def _present() -> set[str]:
    """Names of the dossier table's indexes and foreign keys (catalogue queries: Django's
    introspection parses every index's SQL on SQLite, a tenth of a second)."""
    table = Dossier._meta.db_table
    if connection.vendor == "postgresql":
        sql = (
            "SELECT indexname FROM pg_indexes WHERE tablename = %s UNION "
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'"
        )
        params = [table, connection.ops.quote_name(table)]
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
        params = [table]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {name for (name,) in cursor.fetchall()}


def missing() -> list[str]:
    """Names of the secondary indexes and foreign keys the dossier table lacks now."""
    present = _present()
    return [name for _kind, name, _sql in _statements() if name not in present]


def worth_setting_aside(new_rows: int, rows_before: int) -> bool:
    """Whether an import that has written `new_rows` new dossiers into a table that held
    about `rows_before` when it started should write the rest without the indexes."""
    return new_rows >= max(MIN_ROWS, 2 * rows_before)


def rows_before() -> int:
    """About how many dossiers the table holds (its highest id: at least as many; instant)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(Dossier._meta.db_table)}")
        return int(cursor.fetchone()[0] or 0)


class SetAside:
    """One import's use of this: the new rows it wrote, and whether it set them aside."""

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self.rows_before = rows_before()
        self.written = 0
        self.active = False

    def before_writing(self, count: int) -> None:
        """Called before `count` new dossiers are written: once they are many against those
        the table held, the indexes are set aside, unless another import is under way (it
        keeps them: they are made again once, by the last one) or the caller holds a
        transaction around the import (its rows are not committed block by block)."""
        self.written += count
        if self.active or not worth_setting_aside(self.written, self.rows_before):
            return
        if connection.in_atomic_block:
            return
        others = ImportBatch.objects.filter(
            state__in=[ImportBatch.State.STAGING, ImportBatch.State.APPLYING]
        ).exclude(pk=self.batch_id)
        if others.exists():
            return
        set_aside()
        self.active = True

    def end(self) -> None:
        """Published or rolled back: what was set aside made again."""
        if self.active:
            restore()
            self.active = False


def set_aside() -> None:
    """Drop the secondary indexes and foreign keys (those present), in one transaction."""
    table = connection.ops.quote_name(Dossier._meta.db_table)
    present = _present()
    with transaction.atomic(), connection.cursor() as cursor:
        for kind, name, _sql in _statements():
            if name not in present:
                continue
            quoted = connection.ops.quote_name(name)
            if kind == "fk":
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quoted}")
            else:
                cursor.execute(f"DROP INDEX {quoted}")


def restore() -> list[str]:
    """Make the secondary indexes and foreign keys the table lacks; returns their names.
    Each index is built once over the table; each foreign key is checked by one query
    (PostgreSQL's check when a key is added), not a query per row."""
    present = _present()
    made: list[str] = []
    for _kind, name, sql in _statements():
        if name in present:
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
        made.append(name)
    return made
