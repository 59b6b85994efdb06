"""Partitioning by year, measured on the loaded benchmark database (PostgreSQL only).

`scale.py partition --years N` makes N years of facts and dossiers from the one year loaded
(2024 and the N - 1 years before it, every date shifted by whole years; a dossier code gets
its copy's letter in place of the second letter of generate.py's `BD-…`, so codes stay
unique and keep their length), once into a plain table and once into a table partitioned by
year of `month`. Both get the application's indexes, read from the source table (primary key,
unique code and its `LIKE` index, the foreign keys', (unit, day), (unit, month), the facts'
unique key); on the partitioned table a unique index must hold the partition key, so the
primary key becomes (id, month) and the code's (code, month). (Facts whose deadline is 29
February are left out of the copies into years without one: their key would meet a 28 February
twin.) Measured on both:

- copying the rows in, without indexes (the per-row write cost), wall and backend CPU;
- building the indexes, then VACUUM and ANALYZE, each timed;
- sizes (`pg_total_relation_size`, and heap / indexes apart);
- reads, REPEAT runs each, median: a province's year aggregate, a province's 12 months grouped
  by unit and month (what rebuilding its roll-up reads; the pages read the roll-up itself,
  timed once on the application's table), one commune's month, and for dossiers one dossier by
  code (the public lookup), the same with its month known, and an import chunk's existing
  codes (`code IN` 5,000 codes, as `saving.compare` asks); point reads are split into planning
  and execution time by EXPLAIN ANALYZE;
- on the partitioned dossiers, what keeping the code unique would cost: a plain (code primary
  key, month) table — its size and build, the month of one code, the lookups joined through
  it, and deleting its oldest year (it cannot be dropped as a partition);
- dropping the oldest year: DELETE then the VACUUM it calls for on the plain table, DETACH +
  DROP of a partition.

Tables are made under the `bench_` prefix and dropped after each is measured; the
application's tables are only read. The load average is printed beside each table (the
machine may be shared). The last line is every number as JSON.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import statistics
import time

from django.db import connection

LAST = 2024
REPEAT = 5
CHUNK_CODES = 5000  # an import's existing-codes lookup (saving.compare), one staged chunk
FACT_DATES = {"month", "on_time_until"}
DOSSIER_DATES = {
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
TICK = os.sysconf("SC_CLK_TCK")


def _load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def _backend_cpu(pid: int) -> float:
    """CPU seconds of the PostgreSQL backend serving this connection (same machine)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


class Clock:
    """Wall and backend CPU seconds of one statement (or a few), as `with Clock(pid) as c:`."""

    def __init__(self, pid: int):
        self.pid = pid
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), _backend_cpu(self.pid)
        return self

    def __exit__(self, *_exc) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = _backend_cpu(self.pid) - self._cpu


def _median_ms(cursor, sql: str, params=None) -> float:
    """Median wall milliseconds of REPEAT runs, rows fetched."""
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        cursor.execute(sql, params or [])
        cursor.fetchall()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _split_ms(cursor, sql: str, params=None) -> tuple[float, float]:
    """Median (planning, execution) milliseconds of REPEAT runs of EXPLAIN ANALYZE."""
    planning, execution = [], []
    for _ in range(REPEAT):
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params or [])
        plan = cursor.fetchone()[0]
        plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
        planning.append(plan["Planning Time"])
        execution.append(plan["Execution Time"])
    return statistics.median(planning), statistics.median(execution)


def _shifted(columns: list[str], dates: set[str], back: int) -> str:
    """The select list copying the loaded year `back` years earlier, with fresh ids/codes."""
    parts = []
    for name in columns:
        if name == "id":
            parts.append(f"id + {back} * %(span)s")
        elif name == "code":
            parts.append(f"overlay(code placing chr({65 + back}) from 2 for 1)")
        elif name in dates:
            parts.append(f"{name} - interval '{back} year'")
        else:
            parts.append(name)
    return ", ".join(parts)


def _left_out(label: str, year: int) -> str:
    """A fact whose deadline is 29 February would meet its 28 February twin in a year without
    one (the facts' unique key includes `on_time_until`): those few are left out of the copy."""
    if label == "facts" and not calendar.isleap(year):
        return (
            " WHERE NOT (EXTRACT(MONTH FROM on_time_until) = 2 "
            "AND EXTRACT(DAY FROM on_time_until) = 29)"
        )
    return ""


def _index_statements(cursor, source: str, name: str, partitioned: bool) -> list[str]:
    """The source table's indexes, on `name`; unique ones get the partition key if needed."""
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname", [source]
    )
    statements = []
    for (definition,) in cursor.fetchall():
        found = re.match(r"CREATE (UNIQUE )?INDEX \S+ ON \S+ USING (\w+) \((.*)\)$", definition)
        if not found:
            raise SystemExit(f"partition: index not understood: {definition}")
        unique, method, keys = found.groups()
        if unique and partitioned and "month" not in [k.strip() for k in keys.split(",")]:
            keys += ", month"
        statements.append(f"CREATE {unique or ''}INDEX ON {name} USING {method} ({keys})")
    return statements


def _make(cursor, pid: int, name: str, source: str, years: list[int], result: dict) -> None:
    """Create `name` (partitioned if result says so), copy the years in, index, vacuum."""
    cursor.execute(f"DROP TABLE IF EXISTS {name} CASCADE")
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "ORDER BY ordinal_position",
        [source],
    )
    columns = [row[0] for row in cursor.fetchall()]
    partitioned = result["partitioned"]
    suffix = " PARTITION BY RANGE (month)" if partitioned else ""
    cursor.execute(f"CREATE TABLE {name} (LIKE {source} INCLUDING DEFAULTS){suffix}")
    for year in years if partitioned else []:
        cursor.execute(
            f"CREATE TABLE {name}_{year} PARTITION OF {name} "
            f"FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
        )
    cursor.execute(f"SELECT MAX(id) FROM {source}")
    span = cursor.fetchone()[0]
    dates = result["dates"]
    with Clock(pid) as copy:
        for year in years:
            select = _shifted(columns, dates, LAST - year) % {"span": span}
            cursor.execute(
                f"INSERT INTO {name} ({', '.join(columns)}) SELECT {select} FROM {source}"
                + _left_out(result["label"], year)
            )
    result["copy"] = {"s": copy.wall, "cpu_s": copy.cpu}
    indexes = []
    with Clock(pid) as built:
        for statement in _index_statements(cursor, source, name, partitioned):
            with Clock(pid) as one:
                cursor.execute(statement)
            indexes.append({"index": statement.split(" USING ")[1], "s": one.wall})
    result["indexes"] = indexes
    result["index build"] = {"s": built.wall, "cpu_s": built.cpu}
    for step in ("VACUUM", "ANALYZE"):
        with Clock(pid) as clock:
            cursor.execute(f"{step} {name}")
        result[step] = {"s": clock.wall, "cpu_s": clock.cpu}


def _sizes(cursor, name: str, result: dict) -> None:
    tables = (
        "SELECT relid FROM pg_partition_tree(%s::regclass) WHERE isleaf"
        if result["partitioned"]
        else "SELECT %s::regclass AS relid"
    )
    cursor.execute(
        "SELECT SUM(pg_total_relation_size(relid)), SUM(pg_table_size(relid)), "
        f"SUM(pg_indexes_size(relid)) FROM ({tables}) t",
        [name],
    )
    total, heap, indexes = (int(value) for value in cursor.fetchone())
    cursor.execute(f"SELECT COUNT(*) FROM {name}")
    rows = cursor.fetchone()[0]
    result.update(rows=rows, total_bytes=total, heap_bytes=heap, index_bytes=indexes)


def _reads(cursor, name: str, label: str, province: list[int], commune: int, result: dict):
    year = f"month >= '{LAST}-01-01' AND month <= '{LAST}-12-01'"
    if label == "facts":
        counted = "SUM(received), SUM(online), SUM(full_online), SUM(e_result)"
    else:
        counted = "COUNT(*), SUM(CASE WHEN apology THEN 1 ELSE 0 END), SUM(supplements)"
    reads: dict[str, tuple[str, list]] = {
        "year aggregate": (f"SELECT COUNT(*), {counted} FROM {name} WHERE {year}", []),
        "province 12 months by unit": (
            f"SELECT unit_id, month, {counted} FROM {name} WHERE unit_id = ANY(%s) AND {year} "
            "GROUP BY unit_id, month",
            [province],
        ),
    }
    for what, (sql, params) in reads.items():
        result[what] = {"ms": _median_ms(cursor, sql, params)}
    points: dict[str, tuple[str, list]] = {
        "commune month": (
            f"SELECT COUNT(*) FROM {name} WHERE unit_id = %s AND month = '{LAST}-03-01'",
            [commune],
        )
    }
    if label == "dossiers":
        points.update(_code_reads(cursor, name, result["partitioned"]))
    for what, (sql, params) in points.items():
        planning, execution = _split_ms(cursor, sql, params)
        result[what] = {
            "ms": _median_ms(cursor, sql, params),
            "planning_ms": planning,
            "execution_ms": execution,
        }


def _code_reads(cursor, name: str, partitioned: bool) -> dict[str, tuple[str, list]]:
    """One dossier by code (as the public lookup asks), with its month known, and an import
    chunk's existing codes; codes of the newest year, spread over the table. Partitioned:
    the same through the code table (`_code_table`)."""
    cursor.execute(
        f"SELECT code, month FROM {name} WHERE month >= '{LAST}-01-01' "
        f"AND id % (SELECT COUNT(*) / {CHUNK_CODES} FROM {name} "
        f"WHERE month >= '{LAST}-01-01') = 0 LIMIT {CHUNK_CODES}"
    )
    found = cursor.fetchall()
    code, month = found[len(found) // 2]
    codes = [row[0] for row in found]
    marks = ", ".join(["%s"] * len(codes))
    reads = {
        "dossier by code": (f"SELECT * FROM {name} WHERE code = %s", [code]),
        "dossier by code and month": (
            f"SELECT * FROM {name} WHERE code = %s AND month = %s",
            [code, month],
        ),
        f"{len(codes)} codes IN": (f"SELECT code FROM {name} WHERE code IN ({marks})", codes),
    }
    if partitioned:  # the route for a unique code: a plain code -> month table, read first
        join = f"FROM {name}_codes c JOIN {name} d ON d.code = c.code AND d.month = c.month"
        reads["code table: the month of one code"] = (
            f"SELECT month FROM {name}_codes WHERE code = %s",
            [code],
        )
        reads["via code table: dossier by code"] = (
            f"SELECT d.* {join} WHERE c.code = %s",
            [code],
        )
        reads[f"via code table: {len(codes)} codes IN"] = (
            f"SELECT d.code {join} WHERE c.code IN ({marks})",
            codes,
        )
    return reads


def _code_table(cursor, pid: int, name: str, result: dict) -> None:
    """What keeping the dossier code unique would cost a partitioned table: a plain table
    (code primary key, month), built here, and read by `_code_reads`."""
    with Clock(pid) as clock:
        cursor.execute(f"CREATE TABLE {name}_codes AS SELECT code, month FROM {name}")
        cursor.execute(f"ALTER TABLE {name}_codes ADD PRIMARY KEY (code)")
        cursor.execute(f"VACUUM ANALYZE {name}_codes")
    cursor.execute(f"SELECT pg_total_relation_size('{name}_codes')")
    result["code table"] = {"s": clock.wall, "cpu_s": clock.cpu, "bytes": cursor.fetchone()[0]}


def _drop_oldest(cursor, pid: int, name: str, oldest: int, result: dict) -> None:
    label = result["label"]
    if result["partitioned"]:
        with Clock(pid) as clock:
            cursor.execute(f"ALTER TABLE {name} DETACH PARTITION {name}_{oldest}")
            cursor.execute(f"DROP TABLE {name}_{oldest}")
        result["drop oldest year"] = {"s": clock.wall, "cpu_s": clock.cpu, "how": "DETACH+DROP"}
        if label == "dossiers":  # the code table is not partitioned: its year is deleted
            with Clock(pid) as clock:
                cursor.execute(f"DELETE FROM {name}_codes WHERE month < '{oldest + 1}-01-01'")
                cursor.execute(f"VACUUM {name}_codes")
            result["code table: dropping the oldest year"] = {"s": clock.wall, "cpu_s": clock.cpu}
            cursor.execute(f"DROP TABLE {name}_codes")
        return
    with Clock(pid) as clock:
        cursor.execute(f"DELETE FROM {name} WHERE month < '{oldest + 1}-01-01'")
    result["drop oldest year"] = {"s": clock.wall, "cpu_s": clock.cpu, "how": "DELETE"}
    with Clock(pid) as clock:
        cursor.execute(f"VACUUM {name}")
    result["VACUUM after DELETE"] = {"s": clock.wall, "cpu_s": clock.cpu}


def _report(result: dict) -> None:
    rows = result["rows"]
    copy = result["copy"]
    line = (
        f"{result['table']}: {rows:,} rows, {result['total_bytes'] / 1e6:,.0f} MB "
        f"({result['total_bytes'] / rows:.0f} bytes/row, indexes "
        f"{result['index_bytes'] / 1e6:,.0f} MB); copied in {copy['s']:.1f} s "
        f"({rows / copy['s']:,.0f} rows/s, backend CPU {copy['cpu_s']:.1f} s); indexes "
        f"{result['index build']['s']:.1f} s; VACUUM {result['VACUUM']['s']:.1f} s; "
        f"ANALYZE {result['ANALYZE']['s']:.1f} s"
    )
    for what, value in result.items():
        if isinstance(value, dict) and "ms" in value:
            split = (
                f" (plan {value['planning_ms']:.2f} + exec {value['execution_ms']:.2f})"
                if "planning_ms" in value
                else ""
            )
            line += f"; {what} {value['ms']:.1f} ms{split}"
    drop = result["drop oldest year"]
    line += f"; dropping the oldest year {drop['s'] * 1000:,.0f} ms ({drop['how']})"
    if "VACUUM after DELETE" in result:
        line += f" + VACUUM {result['VACUUM after DELETE']['s']:.1f} s"
    if "code table" in result:
        table, year = result["code table"], result["code table: dropping the oldest year"]
        line += (
            f"; code table {table['bytes'] / rows:.0f} bytes/row, built in {table['s']:.1f} s, "
            f"its oldest year deleted + vacuumed in {year['s']:.1f} s"
        )
    print(f"{line}; load {result['load before']} → {result['load after']}", flush=True)


def _rollup_read(cursor, province: list[int]) -> float:
    """What a province's pages read for a year: the roll-up, whatever the dossier tables."""
    return _median_ms(
        cursor,
        "SELECT month, SUM(received), SUM(online), SUM(apology) FROM dossiers_monthrollup "
        f"WHERE unit_id = ANY(%s) AND month >= '{LAST}-01-01' AND month <= '{LAST}-12-01' "
        "GROUP BY month",
        [province],
    )


def measure_partitions(years: int = 3) -> None:
    if connection.vendor != "postgresql":
        raise SystemExit("partition: PostgreSQL only")
    if not 1 <= years <= 26:
        raise SystemExit("partition: --years from 1 to 26 (one code letter a year)")
    span = list(range(LAST - years + 1, LAST + 1))
    results = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM org_unit WHERE code = 'bd-x3-7'")
        commune = cursor.fetchone()[0]
        cursor.execute(
            "SELECT id FROM org_unit WHERE path LIKE "
            "(SELECT path FROM org_unit WHERE code = 'bd-tinh') || '%'"
        )
        province = [row[0] for row in cursor.fetchall()]
        rollup_ms = _rollup_read(cursor, province)
        print(
            f"years {span[0]}–{span[-1]}; the roll-up read of the province's year "
            f"({len(province)} units): {rollup_ms:.1f} ms; load {_load()}",
            flush=True,
        )
        for label, source, dates in (
            ("facts", "dossiers_dossierfact", FACT_DATES),
            ("dossiers", "dossiers_dossier", DOSSIER_DATES),
        ):
            for partitioned in (False, True):
                name = f"bench_{label}_{'part' if partitioned else 'plain'}"
                result: dict = {"table": name, "label": label, "partitioned": partitioned}
                result["dates"] = dates
                result["load before"] = _load()
                _make(cursor, pid, name, source, span, result)
                _sizes(cursor, name, result)
                if partitioned and label == "dossiers":
                    _code_table(cursor, pid, name, result)
                _reads(cursor, name, label, province, commune, result)
                _drop_oldest(cursor, pid, name, span[0], result)
                result["load after"] = _load()
                cursor.execute(f"DROP TABLE {name} CASCADE")
                _report(result)
                del result["dates"]
                results.append(result)
    print(json.dumps({"years": span, "rollup_ms": rollup_ms, "tables": results}))
