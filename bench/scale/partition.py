"""Partitioning by year, measured on the loaded benchmark database (PostgreSQL only).

Three years of facts and dossiers are made from the one year loaded (2024 copied to 2022 and
2023, shifted by whole years), once into plain tables and once into tables partitioned by
year of `month`; then the same statements are timed on both: copying the rows in (the
per-row write cost), a province's year aggregate, one commune's month, and dropping the
oldest year (DELETE on the plain table, DETACH + DROP of a partition). Tables are made under
the `bench_` prefix and dropped at the end; the application's tables are only read.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection

YEARS = (2022, 2023, 2024)
REPEAT = 5


def _timed(cursor, sql: str, params=None, repeat: int = 1) -> float:
    """Median wall seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        cursor.execute(sql, params or [])
        if cursor.description:
            cursor.fetchall()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _shifted(source: str, columns: list[str], date_columns: set[str], years: int) -> str:
    parts = []
    for name in columns:
        if name == "id":
            continue
        if name in date_columns:
            parts.append(f"{name} - interval '{years} year'")
        else:
            parts.append(name)
    return f"SELECT {', '.join(parts)} FROM {source}"


def _make(cursor, name: str, source: str, partitioned: bool, date_columns: set[str]) -> float:
    cursor.execute(f"DROP TABLE IF EXISTS {name} CASCADE")
    cursor.execute(
        f"SELECT column_name FROM information_schema.columns WHERE table_name = '{source}' "
        "ORDER BY ordinal_position"
    )
    columns = [row[0] for row in cursor.fetchall()]
    kept = [c for c in columns if c != "id"]
    like = f"CREATE TABLE {name} (LIKE {source} INCLUDING DEFAULTS)"
    if partitioned:
        cursor.execute(like.replace(")", ") PARTITION BY RANGE (month)", 1))
        for year in YEARS:
            cursor.execute(
                f"CREATE TABLE {name}_{year} PARTITION OF {name} "
                f"FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
            )
    else:
        cursor.execute(like)
    cursor.execute(f"ALTER TABLE {name} DROP COLUMN id")
    started = time.perf_counter()
    for year in YEARS:
        select = _shifted(source, kept, date_columns, 2024 - year)
        cursor.execute(f"INSERT INTO {name} ({', '.join(kept)}) {select}")
    seconds = time.perf_counter() - started
    cursor.execute(f"CREATE INDEX ON {name} (unit_id, month)")
    cursor.execute(f"ANALYZE {name}")
    return seconds


def measure_partitions() -> None:
    if connection.vendor != "postgresql":
        raise SystemExit("partition: PostgreSQL only")
    date_columns_facts = {"month", "on_time_until"}
    date_columns_dossiers = {
        "received",
        "due",
        "processing_ended",
        "returned",
        "supplement_requested",
        "supplement_supplied",
        "received_on",
        "month",
        "on_time_until",
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM org_unit WHERE code = 'bd-x3-7'")
        commune = cursor.fetchone()[0]
        for label, source, dates in (
            ("facts", "dossiers_dossierfact", date_columns_facts),
            ("dossiers", "dossiers_dossier", date_columns_dossiers),
        ):
            for partitioned in (False, True):
                _measure_table(cursor, label, source, dates, partitioned, commune)


def _measure_table(cursor, label, source, dates, partitioned: bool, commune: int) -> None:
    name = f"bench_{label}_{'part' if partitioned else 'plain'}"
    load = _make(cursor, name, source, partitioned, dates)
    cursor.execute(f"SELECT COUNT(*), pg_total_relation_size('{name}') FROM {name}")
    rows, size = cursor.fetchone()
    if partitioned:
        cursor.execute(
            "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid "
            f"WHERE i.inhparent = '{name}'::regclass"
        )
        size = int(cursor.fetchone()[0])
    counted = "SUM(received)" if label == "facts" else "SUM(CASE WHEN apology THEN 1 ELSE 0 END)"
    year = _timed(
        cursor,
        f"SELECT COUNT(*), {counted} FROM {name} "
        "WHERE month >= '2024-01-01' AND month <= '2024-12-01'",
        repeat=REPEAT,
    )
    month = _timed(
        cursor,
        f"SELECT COUNT(*) FROM {name} WHERE unit_id = %s AND month = '2024-03-01'",
        [commune],
        repeat=REPEAT,
    )
    if partitioned:
        drop = _timed(
            cursor, f"ALTER TABLE {name} DETACH PARTITION {name}_2022; DROP TABLE {name}_2022"
        )
    else:
        drop = _timed(cursor, f"DELETE FROM {name} WHERE month < '2023-01-01'")
    print(
        f"{name}: {rows:,} rows, {size / 1e6:,.0f} MB, copied in {load:.1f} s "
        f"({rows / load:,.0f} rows/s, {size / rows:.0f} bytes/row); "
        f"year scan {year * 1000:.0f} ms; commune month {month * 1000:.1f} ms; "
        f"dropping 2022 {drop * 1000:.0f} ms",
        flush=True,
    )
    cursor.execute(f"DROP TABLE {name} CASCADE")
