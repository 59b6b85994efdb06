"""Import speed, phase by phase, against DuckDB reading and aggregating the same file.

    export DATABASE_URL=sqlite:////tmp/cchc-import-bench.sqlite3   # or postgres://..., empty
    .venv/bin/python bench/dossiers/importing.py [--dir /tmp/cchc-dossier-bench]
        [--file dossiers.csv] [--code /work/main] [--json]

Steps: `cchc migrate`, the unit tree of units.csv, `cchc import-procedures`, then the dossier
file imported in a child process (as `cchc import-dossiers` does it) that reports its phases
and its peak memory (`resource.getrusage`, maximum resident set), then DuckDB reading the
same file and computing every indicator from it (`reference.py`). `--code DIR` runs the
child with the code of another checkout (the baseline: main's), on a database migrated by it.

Phases of the import (seconds, and rows/s of the file's rows over that phase):
- read: parsing the file into cells (the block reader's Polars `read_csv`; for the reference
  reader, which parses and checks a cell at a time, read and validate are one phase);
- validate: the cells checked and turned into values, invalid rows found (the reading
  iterator's time, less read);
- store: units and catalogue looked up, compared with the stored dossiers, staged, applied,
  published (the rest of the import);
- facts: the monthly facts rebuilt (`facts.rebuild`).

A checkout that reads the file in a thread, a block ahead of storing (`dossiers/ahead.py` of
branch `pipe16`, tried and not kept: decision 0120), has no read and validate phases of its
own: they overlap the storing. For it the child tells the reading thread's wall time (and its
`read_csv` part), how long the import waited for the reader, and store as the rest besides
the facts; its CPU time is the whole process's (Polars works in threads of its own).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def _timers(phases, facts, saving):
    """The reader of this checkout, and the wrappers that time its phases into `phases`."""
    try:
        import polars as pl

        from cchc.dossiers import columnar

        original_read = pl.read_csv

        def timed_read(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original_read(*args, **kwargs)
            finally:
                phases["read"] += time.perf_counter() - started

        columnar.pl.read_csv = timed_read  # type: ignore[attr-defined]
        reader, fast = columnar.read_dossiers, True
        ahead = getattr(columnar, "ahead", None)  # branch pipe16: the file read in a thread
        if hasattr(columnar, "read_ahead") or (ahead is not None and ahead.pays()):
            items = columnar._items

            def timed_items(*args, **kwargs):
                # runs in the reading thread: its wall time (its CPU is spread over Polars'
                # own threads too, so only the process's is told)
                iterator = items(*args, **kwargs)
                while True:
                    started = time.perf_counter()
                    try:
                        item = next(iterator)
                    except StopIteration:
                        return
                    finally:
                        phases["thread"] += time.perf_counter() - started
                    yield item

            columnar._items = timed_items
    except ImportError:  # a checkout without the block reader: the reference
        from cchc.dossiers.reading import iter_dossiers as reader

        fast = False

    def timed(items):
        iterator = iter(items)
        while True:
            started, cpu = time.perf_counter(), time.process_time()
            try:
                item = next(iterator)
            except StopIteration:
                phases["iterate"] += time.perf_counter() - started
                phases["iterate_cpu"] += time.process_time() - cpu
                return
            phases["iterate"] += time.perf_counter() - started
            phases["iterate_cpu"] += time.process_time() - cpu
            yield item

    original_rebuild = facts.rebuild

    def timed_rebuild(keys):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return original_rebuild(keys)
        finally:
            phases["facts"] += time.perf_counter() - started
            phases["facts_cpu"] += time.process_time() - cpu

    facts.rebuild = timed_rebuild
    saving.facts.rebuild = timed_rebuild
    _time_parts(phases)
    return reader, fast, timed


def _time_parts(phases) -> None:
    """Time two parts of the store phase as well: the month roll-up (`rollup.refresh`) and
    the indexes made again after a large import (`upkeep.SetAside.end`), when the checkout
    has them."""
    from cchc.dossiers import rollup, upkeep

    def wrap(owner, name, phase):
        original = getattr(owner, name, None)
        if original is None:
            return

        def timed(*args, **kwargs):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                phases[phase] += time.perf_counter() - started
                phases[f"{phase}_cpu"] += time.process_time() - cpu

        setattr(owner, name, timed)

    wrap(rollup, "refresh", "rollup")
    wrap(getattr(upkeep, "SetAside", None), "end", "indexes")


def _count_reference(counts) -> None:
    """Count what the block reader hands to the row-by-row reference reader (decision 0091):
    the rows it reads one at a time (`BlockReader._read_row`: a block's slow rows, and every
    row after a point the block reader cannot vouch for, `fallbacks` telling how many times
    that happened), the rows of a file read by the reference from its top (`iter_dossiers`,
    counted by row number) and, for an Excel sheet, whether the slices gave up (`unsliced`,
    the rest of the sheet then read by openpyxl, its rows still going through the blocks)."""
    try:
        from cchc.dossiers import columnar, reading, slices
    except ImportError:  # a checkout without the block reader: everything is the reference's
        return
    read_row, rest = columnar.BlockReader._read_row, columnar.BlockReader._reference

    def counted_row(self, number, row, firsts):
        counts["reference_rows"] += 1
        return read_row(self, number, row, firsts)

    def counted_rest(self, stream):
        counts["fallbacks"] += 1
        return rest(self, stream)

    columnar.BlockReader._read_row = counted_row
    columnar.BlockReader._reference = counted_rest
    whole = reading.iter_dossiers

    def counted_whole(*args, **kwargs):
        counts["fallbacks"] += 1
        rows = set()
        for item in whole(*args, **kwargs):
            rows.add(item.row)
            counts["reference_rows"] = len(rows)
            yield item

    reading.iter_dossiers = counted_whole
    sliced = slices.sliced_rows

    def counted_slices(*args, **kwargs):
        try:
            yield from sliced(*args, **kwargs)
        except slices.Unsliced:
            counts["unsliced"] += 1
            raise

    slices.sliced_rows = counted_slices


def _server_cpu() -> float:
    """CPU seconds the PostgreSQL backend of this process's connection has used (the server
    runs on this machine); 0 on SQLite, whose work is this process's own."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child(code: str, path: str, skip_invalid: bool = False) -> None:
    """Runs in the child process: the import, timed by phase."""
    sys.path.insert(0, code)
    os.chdir(code)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import resource

    import django

    django.setup()
    from cchc.dossiers import facts, saving

    names = ("read", "iterate", "facts", "rollup", "indexes", "thread")
    phases = dict.fromkeys((*names, "iterate_cpu", "facts_cpu", "rollup_cpu", "indexes_cpu"), 0.0)
    reader, fast, timed = _timers(phases, facts, saving)
    counts = dict.fromkeys(("reference_rows", "fallbacks", "unsliced"), 0)
    _count_reference(counts)
    server = _server_cpu()
    started, cpu = time.perf_counter(), time.process_time()
    outcome = saving.import_dossiers(
        timed(reader(path, filename=path)), file_name=path, skip_invalid=skip_invalid
    )
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    server = _server_cpu() - server
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "fast": fast,
                "total": total,
                "read": phases["read"],
                "validate": phases["iterate"] - phases["read"],
                "facts": phases["facts"],
                "store": total - phases["iterate"] - phases["facts"],
                # this process's CPU time (not the PostgreSQL server's): less stretched by load
                "cpu": total_cpu,
                "cpu_read_validate": phases["iterate_cpu"],
                "cpu_facts": phases["facts_cpu"],
                "cpu_store": total_cpu - phases["iterate_cpu"] - phases["facts_cpu"],
                "server_cpu": server,
                "rows": outcome.rows,
                "created": outcome.created,
                "errors": outcome.error_count,
                "saved": outcome.saved,
                "peak_mb": usage.ru_maxrss / 1024,
                "thread": phases["thread"],
                "iterate": phases["iterate"],
                # parts of store: the month roll-up, the indexes made again (decision 0113)
                "rollup": phases["rollup"],
                "indexes": phases["indexes"],
                "cpu_rollup": phases["rollup_cpu"],
                "cpu_indexes": phases["indexes_cpu"],
                # what went to the row-by-row reference reader (see _count_reference)
                **counts,
            }
        )
    )


def cchc(code: str, *args: str) -> None:
    script = (
        f"import sys, os; sys.path.insert(0, {code!r}); os.chdir({code!r}); "
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cchc.settings'); "
        "from django.core.management import execute_from_command_line; "
        f"execute_from_command_line(['cchc', *{list(args)!r}])"
    )
    subprocess.run([PYTHON, "-c", script], check=True, stdout=subprocess.DEVNULL)


def create_units(code: str, directory: Path) -> None:
    script = f"""
import csv, os, sys
sys.path.insert(0, {code!r}); os.chdir({code!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
import django; django.setup()
from django.db import transaction
from cchc.org.models import Unit
with open({str(directory / "units.csv")!r}, encoding="utf-8") as handle, transaction.atomic():
    made = {{}}
    for row in csv.DictReader(handle):
        made[row["code"]] = Unit.objects.create(
            code=row["code"], name=row["name"], kind=row["kind"], parent=made.get(row["parent"])
        )
"""
    subprocess.run([PYTHON, "-c", script], check=True)


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def count_rows(path: Path) -> int:
    if path.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()) - 1
    with open(path, "rb") as handle:
        return sum(1 for _ in handle) - 1


def _print_overlapped(result: dict) -> None:
    """The phases of an import whose file is read in a thread, while the blocks are stored."""
    print(
        f"  reading thread: {result['thread']:.2f} s (of which Polars' read_csv "
        f"{result['read']:.2f} s)"
    )
    print(f"  the import waited for the reader {result['iterate']:.2f} s")
    print(f"  store     {result['store']:7.2f} s  (the rest, besides the facts)")
    print(f"  facts     {result['facts']:7.2f} s")
    print(
        f"  CPU time of the import process: {result['cpu']:.2f} s (every thread, Polars' "
        f"included; during the facts {result['cpu_facts']:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/tmp/cchc-dossier-bench")
    parser.add_argument("--file", default="dossiers.csv")
    parser.add_argument("--code", default=str(ROOT), help="checkout whose code imports")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON line")
    parser.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows of a file with errors"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.code, args.child, args.skip_invalid)
        return
    directory = Path(args.dir)
    path = directory / args.file
    code = str(Path(args.code).resolve())
    cchc(code, "migrate", "--verbosity", "0")
    create_units(code, directory)
    cchc(code, "import_procedures", str(directory / "procedures.csv"))
    load_before = _load()
    done = subprocess.run(
        [
            PYTHON,
            __file__,
            "--code",
            code,
            "--child",
            str(path),
            *(["--skip-invalid"] if args.skip_invalid else []),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(
        code=code,
        database=os.environ.get("DATABASE_URL", "sqlite (default)").split("@")[-1],
        file=str(path),
        load_before=load_before,
        load_after=_load(),
    )
    if path.suffix == ".csv" and (directory / "procedures.csv").exists():
        sys.path.insert(0, str(HERE))
        import reference

        started = time.perf_counter()
        reference.compute(directory)
        result["duckdb"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(result))
    else:
        report(result)


def report(result: dict) -> None:
    """The results as text."""
    rows, total = result["rows"], result["total"]
    reader = "block reader" if result["fast"] else "row-by-row reference"
    print(f"code: {result['code']} ({reader})")
    print(f"database: {result['database']}; file: {result['file']} ({rows:,} rows, "
          f"{result['errors']} errors)")  # fmt: skip
    print(f"import: {total:.1f} s = {rows / total:,.0f} rows/s, peak {result['peak_mb']:.0f} MB")
    if "reference_rows" in result:
        print(
            f"  rows read by the row-by-row reference: {result['reference_rows']:,} (the rest of "
            f"the file handed over {result['fallbacks']} times; sheet slices given up "
            f"{result['unsliced']} times)"
        )
    print(f"  load average before / after the import: {result['load_before']} / "
          f"{result['load_after']}")  # fmt: skip
    if result.get("thread"):
        _print_overlapped(result)
    else:
        for phase in ("read", "validate", "store", "facts"):
            seconds = result[phase]
            rate = f"{rows / seconds:,.0f} rows/s" if seconds > 0.001 else "—"
            print(f"  {phase:<9} {seconds:7.2f} s  {rate}")
        print(
            f"    of store: roll-up {result.get('rollup', 0):.2f} s (CPU "
            f"{result.get('cpu_rollup', 0):.2f}), indexes made again "
            f"{result.get('indexes', 0):.2f} s (CPU {result.get('cpu_indexes', 0):.2f})"
        )
        print(
            f"  CPU time of the import process: {result['cpu']:.2f} s (read + validate "
            f"{result['cpu_read_validate']:.2f} s, store {result['cpu_store']:.2f} s, "
            f"facts {result['cpu_facts']:.2f} s)"
        )
    if result.get("server_cpu"):
        print(f"  CPU time of the PostgreSQL backend: {result['server_cpu']:.2f} s")
    if "duckdb" in result:
        duck = result["duckdb"]
        print(f"DuckDB read + every indicator: {duck:.2f} s; import ÷ DuckDB = {total / duck:.1f}")


if __name__ == "__main__":
    main()
