"""The database's own guard on the change history: rows of the audit table are only ever
inserted. An UPDATE or DELETE (and, on PostgreSQL, a TRUNCATE) is refused by a trigger, so no
shell, script or bug can rewrite who did what.

The one home of the trigger SQL for both databases; the migration installs it and `flush`
(the test teardown of committing tests and `cchc demo --reset`) lifts it for its own run only,
because emptying the whole database on purpose is not rewriting history.
Decision 0035 says why it is a trigger and how the reset path works.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured

TABLE = "audit_auditevent"
MESSAGE = "audit events are only ever added: UPDATE and DELETE are refused"

_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
_SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]

_POSTGRES_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{MESSAGE} (%)', TG_OP USING ERRCODE = 'restrict_violation';
        END $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()""",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse()""",
]
_POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
]


def _statements(connection, install: bool) -> list[str]:
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    if connection.vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_REMOVE
    # The product runs on SQLite and PostgreSQL only (decision 0001): another database would
    # keep an audit table anyone can rewrite, so it is refused rather than left unguarded.
    raise ImproperlyConfigured(
        f"The audit table cannot be made append-only on {connection.vendor}: use SQLite or "
        "PostgreSQL."
    )


def _run(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection) -> None:
    """Put the triggers in place (idempotent)."""
    _run(connection, _statements(connection, install=True))


def remove(connection) -> None:
    """Take the triggers away (idempotent); the function on PostgreSQL stays."""
    _run(connection, _statements(connection, install=False))


def is_installed(connection) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            return cursor.fetchone()[0] == 2
        cursor.execute(
            "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relname = %s AND NOT t.tgisinternal",
            [TABLE],
        )
        return cursor.fetchone()[0] == 2


@contextmanager
def lifted(connection) -> Iterator[None]:
    """Emptying the whole database on purpose: the guard is off inside, back on after,
    whatever happens inside. Only `flush` uses this."""
    remove(connection)
    try:
        yield
    finally:
        install(connection)
