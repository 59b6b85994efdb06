"""Where PostgreSQL's time goes when an import COPYs new dossiers into the dossier table.

    .venv/bin/python bench/dossiers/pg_store.py postgres://postgres@127.0.0.1:5432/DB [ROUNDS]

On a database that `importing.py` filled (1M dossiers): the stored rows are read back once
(`COPY … TO STDOUT`, CSV), then COPYed again, in blocks of `BLOCK` rows per transaction as the
import writes them, into empty copies of `dossiers_dossier` with more or fewer of its
indexes and foreign keys. For each variant: wall time, and the CPU time of the PostgreSQL
backend that did the work (`/proc/<pid>/stat`, utime + stime; the server must run on this
machine). Then, for the deferred-index route, the time to build the secondary indexes once
over the filled copy. The copies are dropped at the end.
"""

from __future__ import annotations

import os
import sys
import time

import psycopg

BLOCK = 33_000  # about one 4 MB block of the block reader
COLUMNS = (
    "code, unit_id, procedure_id, received, due, processing_ended, returned, status, channel, "
    "full_online, paid_online, has_fee, digitised, reused, e_result, supplements, "
    "supplement_requested, supplement_supplied, apology, received_on, month, counted, "
    "on_time_until, batch_id"
)
SECONDARY = {
    "like": "CREATE INDEX {t}_like ON {t} (code varchar_pattern_ops)",
    "unit": "CREATE INDEX {t}_unit ON {t} (unit_id)",
    "batch": "CREATE INDEX {t}_batch ON {t} (batch_id)",
    "procedure": "CREATE INDEX {t}_procedure ON {t} (procedure_id)",
    "unit_day": "CREATE INDEX {t}_unit_day ON {t} (unit_id, received_on)",
    "unit_month": "CREATE INDEX {t}_unit_month ON {t} (unit_id, month)",
}
FOREIGN = (
    "ALTER TABLE {t} ADD FOREIGN KEY (batch_id) REFERENCES dossiers_importbatch(id) "
    "DEFERRABLE INITIALLY DEFERRED",
    "ALTER TABLE {t} ADD FOREIGN KEY (procedure_id) REFERENCES dossiers_procedure(id) "
    "DEFERRABLE INITIALLY DEFERRED",
    "ALTER TABLE {t} ADD FOREIGN KEY (unit_id) REFERENCES org_unit(id) "
    "DEFERRABLE INITIALLY DEFERRED",
)
# name -> (unique code, secondary indexes, foreign keys)
VARIANTS = {
    "as the table is (code unique + 6 indexes + 3 FKs)": (True, list(SECONDARY), True),
    "no foreign keys": (True, list(SECONDARY), False),
    "no varchar_pattern_ops index on code": (True, [k for k in SECONDARY if k != "like"], True),
    "code unique + 3 FKs, no secondary index": (True, [], True),
    "code unique only": (True, [], False),
    "nothing (no index, no FK, no primary key)": (False, [], False),
}


def backend_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rows_of(conn) -> list[bytes]:
    buffer = bytearray()
    sql = f"COPY (SELECT {COLUMNS} FROM dossiers_dossier) TO STDOUT"
    with conn.cursor() as cursor, cursor.copy(sql) as copy:
        for data in copy:
            buffer += data
    lines = bytes(buffer).splitlines(keepends=True)
    return [b"".join(lines[i : i + BLOCK]) for i in range(0, len(lines), BLOCK)]


def make(conn, table: str, unique: bool, secondary: list[str], foreign: bool) -> None:
    with conn.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(
            f"CREATE TABLE {table} (LIKE dossiers_dossier INCLUDING DEFAULTS INCLUDING IDENTITY)"
        )
        if unique:
            cursor.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (id), ADD UNIQUE (code)")
        for name in secondary:
            cursor.execute(SECONDARY[name].format(t=table))
        if foreign:
            for sql in FOREIGN:
                cursor.execute(sql.format(t=table))
    conn.commit()


def copy_into(conn, pid: int, table: str, blocks: list[bytes]) -> tuple[float, float]:
    started, cpu = time.perf_counter(), backend_cpu(pid)
    for block in blocks:
        with conn.cursor() as cursor, cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
            copy.write(block)
        conn.commit()
    return time.perf_counter() - started, backend_cpu(pid) - cpu


def build(conn, pid: int, table: str) -> tuple[float, float]:
    started, cpu = time.perf_counter(), backend_cpu(pid)
    with conn.cursor() as cursor:
        for name in SECONDARY:
            cursor.execute(SECONDARY[name].format(t=table))
    conn.commit()
    return time.perf_counter() - started, backend_cpu(pid) - cpu


def main() -> None:
    url = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with psycopg.connect(url) as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        blocks = rows_of(conn)
        count = sum(block.count(b"\n") for block in blocks)
        print(f"{count:,} rows in {len(blocks)} blocks")
        table = "bench_store_copy"
        for _round in range(rounds):
            for name, (unique, secondary, foreign) in VARIANTS.items():
                make(conn, table, unique, secondary, foreign)
                wall, cpu = copy_into(conn, pid, table, blocks)
                load = os.getloadavg()[0]
                print(f"{name:<52} wall {wall:6.1f} s  backend CPU {cpu:6.1f} s  load {load:.1f}")
            make(conn, table, True, [], True)
            wall, cpu = copy_into(conn, pid, table, blocks)
            built_wall, built_cpu = build(conn, pid, table)
            print(
                f"{'then the 6 secondary indexes built once':<52} wall {built_wall:6.1f} s  "
                f"backend CPU {built_cpu:6.1f} s  (COPY before: {wall:.1f} s, CPU {cpu:.1f} s)"
            )
        with conn.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        conn.commit()


if __name__ == "__main__":
    main()
