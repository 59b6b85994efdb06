"""What the dossier table's indexes cost a write-once import (SQLite).

    .venv/bin/python bench/dossiers/write_indexes.py DB.sqlite3

DB: a database `importing.py` filled (its stored dossiers are the rows written). Each run
writes them by `executemany` into a new copy of the table, 33,000 rows per transaction (a
block), WAL, `synchronous=NORMAL`: with every index, with the unique code alone, without any,
with the code and one more index, with the project's 64 MB cache, with each block sorted by
(unit, day). Prints wall and CPU time (`time.process_time`: SQLite works in this process)
and the load average.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time

BLOCK = 33000
TARGET = "/tmp/cchc-write-indexes.sqlite3"


def main(source_path: str) -> None:
    source = sqlite3.connect(source_path)
    schema = [
        sql
        for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'dossiers_dossier' AND sql IS NOT NULL"
        )
    ]
    table = next(sql for sql in schema if sql.startswith("CREATE TABLE"))
    indexes = [sql for sql in schema if sql.startswith("CREATE INDEX")]
    columns = [row[1] for row in source.execute("PRAGMA table_info(dossiers_dossier)")][1:]
    rows = source.execute(
        f"SELECT {', '.join(columns)} FROM dossiers_dossier ORDER BY id"
    ).fetchall()
    unit, day = columns.index("unit_id"), columns.index("received_on")
    ordered: list[tuple] = []
    for start in range(0, len(rows), BLOCK):
        ordered += sorted(rows[start : start + BLOCK], key=lambda row: (row[unit], row[day]))
    insert = (
        f"INSERT INTO dossiers_dossier ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    print(f"{len(rows):,} rows; {len(indexes)} secondary indexes and the unique code")

    def run(label: str, made: list[str], data: list[tuple], pragmas=(), sql: str = table) -> None:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(TARGET + suffix):
                os.remove(TARGET + suffix)
        db = sqlite3.connect(TARGET, isolation_level=None)
        for pragma in ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", *pragmas):
            db.execute(pragma)
        db.execute(sql)
        for statement in made:
            db.execute(statement)
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(data), BLOCK):
            db.execute("BEGIN IMMEDIATE")
            db.executemany(insert, data[start : start + BLOCK])
            db.execute("COMMIT")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"{label:<52} wall {wall:6.2f} s  CPU {cpu:6.2f} s ({len(data) / cpu:,.0f} rows/s)"
            f"  load {os.getloadavg()[0]:.1f}"
        )
        db.close()

    for _round in range(2):
        run("every index, default cache", indexes, rows)
        run("the unique code only", [], rows)
        run("no index", [], rows, sql=table.replace("UNIQUE", ""))
        for statement in indexes:
            run(f"the code + {statement.split(chr(34))[1]}", [statement], rows)
        run("every index, 64 MB cache", indexes, rows, ["PRAGMA cache_size=-64000"])
        cache = ["PRAGMA cache_size=-64000"]
        run("every index, 64 MB, blocks sorted (unit, day)", indexes, ordered, cache)


if __name__ == "__main__":
    main(sys.argv[1])
