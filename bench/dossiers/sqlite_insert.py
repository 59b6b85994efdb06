"""How an import's rows are written into SQLite: one-row INSERTs by `executemany`, against
multi-row INSERTs (`bulk.insert_rows`, decision 0135), through Django's cursor as the import
does it.

    .venv/bin/python bench/dossiers/sqlite_insert.py DB.sqlite3 [ROUNDS]

DB: a database `importing.py` filled (its stored dossiers, in the order they were written,
are the rows written again). Each run copies it to a scratch file, empties its dossier table
(VACUUM, untimed), then writes the rows 33,000 a transaction (the import's block), in slices
as `bulk._insert` makes them: into the table as a large import finds it (its secondary
indexes set aside, decision 0113) and as a small one does (every index kept). Prints wall and
CPU time (`time.process_time`: SQLite works in this process) and the load average.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time

BLOCK = 33000
TARGET = "/tmp/cchc-sqlite-insert.sqlite3"


def _prepare(source: str, aside: bool) -> None:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(TARGET + suffix):
            os.remove(TARGET + suffix)
    shutil.copy(source, TARGET)
    db = sqlite3.connect(TARGET, isolation_level=None)
    if aside:
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = "
            "'dossiers_dossier' AND sql IS NOT NULL"
        ).fetchall():
            db.execute(f'DROP INDEX "{name}"')
    db.execute("DELETE FROM dossiers_dossier")
    db.execute("VACUUM")
    db.close()


def main(source: str, rounds: int) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{TARGET}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from cchc.dossiers import bulk

    read = sqlite3.connect(source)
    columns = [row[1] for row in read.execute("PRAGMA table_info(dossiers_dossier)")][1:]
    rows = read.execute(f"SELECT {', '.join(columns)} FROM dossiers_dossier ORDER BY id").fetchall()
    read.close()
    head = f"INSERT INTO dossiers_dossier ({', '.join(columns)})"
    one_row = f"{head} VALUES ({', '.join(['%s'] * len(columns))})"
    slice_rows = bulk.rows_per_statement(len(columns)) * bulk.INSERT_STATEMENTS
    print(f"{len(rows):,} rows of {len(columns)} columns; slices of {slice_rows} rows")

    def one_row_inserts(cursor, part):
        cursor.executemany(one_row, part)

    def multi_row_inserts(cursor, part):
        bulk.insert_rows(cursor, head, part)

    ways = (("one-row INSERTs", one_row_inserts), ("multi-row INSERTs", multi_row_inserts))
    for _round in range(rounds):
        for aside in (True, False):
            for label, write in ways:
                connection.close()
                _prepare(source, aside)
                wall, cpu = time.perf_counter(), time.process_time()
                for start in range(0, len(rows), BLOCK):
                    block = rows[start : start + BLOCK]
                    with transaction.atomic(), connection.cursor() as cursor:
                        for at in range(0, len(block), slice_rows):
                            write(cursor, block[at : at + slice_rows])
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                table = "indexes aside" if aside else "every index"
                print(
                    f"{table:<14} {label:<18} wall {wall:6.2f} s  CPU {cpu:6.2f} s "
                    f"({len(rows) / cpu:,.0f} rows/s)  load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2)
