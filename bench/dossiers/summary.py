"""Issue 16's "Done when" table from one run on one machine.

    .venv/bin/python bench/dossiers/summary.py --data-1m /work/data/1m \\
        [--pg-10m postgres://…/cchc_x_10m --pg-10m-flat postgres://…/cchc_x_10mflat] \\
        [--data-10m /work/data/10m] [--runs 7 --warmup 1 --rounds 5] [--keep]

Every measurement is made by the script that owns it, run as a child process with `--json`:
`importing.py` (import rows/s by phase, peak memory, CPU, DuckDB over the same CSV) and
`bench/scale/scale.py` (`load`, `batch`, `pages`, `flatten`). This script only runs them in
order, prints the machine's load average before and after each step, and ends with a
Markdown table for `RESULTS.md`:

1. the 1M CSV (`--data-1m`/dossiers.csv) imported by `importing.py` into a new SQLite file
   and a new PostgreSQL database, then the 200k sheet (`dossiers.xlsx`) into two more;
2. the two 1M databases ANALYZEd (what `scale.py load` does after its import) and used for
   the pages: the province's indicator, service-index and comparison pages (`scale.py pages
   --cold --freeze`, the first visit after an import, start-up frozen as `cchc serve` does;
   each cell: median (CPU + database CPU; p95)), then the batch on PostgreSQL (`scale.py
   batch`: the set-based pass ÷ DuckDB), then a copy of each flattened (`scale.py flatten`:
   310 communes directly under the province) and its pages;
3. at 10M on PostgreSQL, the same pages on `--pg-10m` and `--pg-10m-flat` (loaded once, kept:
   a re-run does not load 10M again); without them, `--data-10m` is loaded by `scale.py load`
   into a new database (about half an hour) and copied and flattened; with neither, skipped.

`--pg-1m`/`--pg-1m-flat`/`--sqlite-1m`/`--sqlite-1m-flat` give existing 1M databases for the
pages instead (the imports are still measured). Databases made here are named
`--pg-prefix`_… and dropped at the end, SQLite files under `--work` removed, unless `--keep`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCALE = ROOT / "bench" / "scale" / "scale.py"
PG = "postgres://postgres@127.0.0.1:5432/"
PAGES = ("indicators", "index766", "compare")
PROVINCE = "bd-tinh"
SHORT = {"sqlite": "sq", "postgresql": "pg"}  # in option and database names


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class Run:
    """The steps of one summary run and what each printed."""

    def __init__(self, args) -> None:
        self.args = args
        self.work = Path(args.work)
        self.work.mkdir(parents=True, exist_ok=True)
        self.made: list[str] = []  # PostgreSQL databases made here
        self.steps: list[dict] = []

    def step(self, name: str, command: list[str], database: str) -> list[dict]:
        """Run a child with DATABASE_URL=`database`; its JSON lines, with wall and CPU time."""
        before, started = _load(), time.perf_counter()
        print(f"[{_now()}] {name}: load before {before}", flush=True)
        child = subprocess.Popen(
            [sys.executable, *command],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "DATABASE_URL": database},
        )
        assert child.stdout is not None
        out = child.stdout.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{name} failed:\n{out[-3000:]}")
        wall, cpu = time.perf_counter() - started, usage.ru_utime + usage.ru_stime
        after = _load()
        print(f"[{_now()}] {name}: {wall:.1f} s, CPU {cpu:.1f} s, load after {after}", flush=True)
        found = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        self.steps.append(
            {"name": name, "before": before, "after": after, "wall": wall, "cpu": cpu}
        )
        return found

    # --- databases --------------------------------------------------------------------------
    def new_database(self, kind: str, name: str) -> str:
        if kind == "sqlite":
            path = self.work / f"{name}.sqlite3"
            path.unlink(missing_ok=True)
            return f"sqlite:///{path}"
        database = f"{self.args.pg_prefix}_{name}"
        subprocess.run(["dropdb", *_pg(), "--if-exists", database], check=True)
        subprocess.run(["createdb", *_pg(), database], check=True)
        self.made.append(database)
        return PG + database

    def copy(self, url: str, name: str) -> str:
        """A copy of a database (`createdb -T` on PostgreSQL, the file on SQLite)."""
        if url.startswith("sqlite:"):
            # through SQLite's backup: a copy of the file alone missed what its write-ahead
            # log still held (the ANALYZE's statistics: the flattened pages ran 20 % slower)
            target = self.work / f"{name}.sqlite3"
            target.unlink(missing_ok=True)
            source = sqlite3.connect(url.removeprefix("sqlite:///"))
            copied = sqlite3.connect(target)
            try:
                source.backup(copied)
            finally:
                copied.close()
                source.close()
            return f"sqlite:///{target}"
        database = f"{self.args.pg_prefix}_{name}"
        subprocess.run(["dropdb", *_pg(), "--if-exists", database], check=True)
        subprocess.run(["createdb", *_pg(), "-T", url.rsplit("/", 1)[1], database], check=True)
        self.made.append(database)
        return PG + database

    def clean(self) -> None:
        if self.args.keep:
            print(f"kept: {', '.join(self.made)}; {self.work}")
            return
        for database in self.made:
            subprocess.run(["dropdb", *_pg(), "--if-exists", database], check=True)
        for path in self.work.glob("*.sqlite3*"):  # with -wal and -shm
            path.unlink()

    # --- measurements ----------------------------------------------------------------------
    def imports(self, kind: str, file: str, name: str) -> tuple[dict, str]:
        url = self.new_database(kind, name)
        command = [str(HERE / "importing.py"), "--dir", self.args.data_1m, "--file", file, "--json"]
        return self.step(f"import {file} into {kind}", command, url)[-1], url

    def pages(self, label: str, url: str) -> dict[str, dict]:
        """The province's pages in `--rounds` processes: a process runs fast or slow throughout
        (58–105 ms for the same page seen on one machine), so one process's median is not read
        alone; each figure is the median of the rounds' (medians, CPU, database CPU)."""
        args = self.args
        # --freeze: what `cchc serve` does before its first request (decision 0138)
        command = [str(SCALE), "pages", "--pages", ",".join(PAGES), "--cold", "--json", "--freeze"]
        command += ["--runs", str(args.runs), "--warmup", str(args.warmup)]
        rounds: dict[str, list[dict]] = {}
        for number in range(1, args.rounds + 1):
            found = self.step(f"pages, {label}, round {number}/{args.rounds}", command, url)
            for r in found:
                if r["unit"] == PROVINCE:
                    rounds.setdefault(r["url"].split("/")[3], []).append(r)
        return {page: _median_of(found) for page, found in rounds.items()}

    def flattened(self, url: str, name: str) -> str:
        copy = self.copy(url, name)
        self.step(f"flatten {name}", [str(SCALE), "flatten"], copy)
        return copy


def _pg() -> list[str]:
    return ["-h", "127.0.0.1", "-U", "postgres"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%H:%M:%S")


def analyze(url: str) -> None:
    """What `scale.py load` does after its import (the importer does not)."""
    if url.startswith("sqlite:"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            connection.execute("ANALYZE")
            connection.commit()
        finally:
            connection.close()  # (`with` commits but does not close)
        return
    subprocess.run(["psql", "-q", "-c", "ANALYZE", url], check=True)


def measure(run: Run) -> dict:
    args, found = run.args, {}
    for kind, short in SHORT.items():
        found[f"csv {kind}"], url = run.imports(kind, "dossiers.csv", f"csv_{short}")
        found[f"xlsx {kind}"], _url = run.imports(kind, "dossiers.xlsx", f"xlsx_{short}")
        tree = getattr(args, f"{short}_1m") or url
        analyze(tree)
        found[f"1m tree {kind}"] = run.pages(f"1M, tree, {kind}", tree)
        if kind == "postgresql":
            command = [str(SCALE), "batch", "--dir", args.data_1m, "--json"]
            found["batch"] = run.step("batch, 1M, postgresql", command, tree)[-1]
        flat = getattr(args, f"{short}_1m_flat") or run.flattened(tree, f"1mflat_{short}")
        found[f"1m flat {kind}"] = run.pages(f"1M, flattened, {kind}", flat)
    ten, ten_flat = args.pg_10m, args.pg_10m_flat
    if not ten and args.data_10m:
        ten = run.new_database("postgresql", "10m")
        command = [str(SCALE), "load", "--dir", args.data_10m, "--json"]
        found["10m load"] = run.step("load 10M, postgresql", command, ten)[-1]
    if ten:
        found["10m tree postgresql"] = run.pages("10M, tree, postgresql", ten)
        ten_flat = ten_flat or run.flattened(ten, "10mflat")
        found["10m flat postgresql"] = run.pages("10M, flattened, postgresql", ten_flat)
    return found


def table(found: dict, run: Run) -> str:
    """The Markdown table of the run."""
    rows = ["| measure | SQLite | PostgreSQL | aim |", "| --- | ---: | ---: | --- |"]

    def both(label: str, cell, aim: str) -> None:
        rows.append(f"| {label} | {cell('sqlite')} | {cell('postgresql')} | {aim} |")

    def rate(key: str):
        def cell(kind: str) -> str:
            r = found[f"{key} {kind}"]
            server = f" + {r['server_cpu']:.1f}" if kind == "postgresql" else ""
            return f"{r['rows'] / r['total']:,.0f} ({r['total']:.1f} s; CPU {r['cpu']:.1f}{server})"

        return cell

    both("import, 1M CSV: rows/s (wall; CPU s, + database)", rate("csv"), "≥ 100,000")
    both("import, 200k xlsx: rows/s (wall; CPU s, + database)", rate("xlsx"), "≥ 100,000")
    both(
        "peak memory, 1M CSV / 200k xlsx",
        lambda k: f"{found[f'csv {k}']['peak_mb']:.0f} / {found[f'xlsx {k}']['peak_mb']:.0f} MB",
        "≤ 400 MB",
    )
    both(
        "import ÷ DuckDB, 1M CSV",
        lambda k: f"{found[f'csv {k}']['total'] / found[f'csv {k}']['duckdb']:.1f}",
        "",
    )
    for size, aim in (("1m", "< 100 ms"), ("10m", "< 200 ms")):
        for shape in ("tree", "flat"):
            label = f"{size.upper()}, {'tree' if shape == 'tree' else 'flattened'}"
            both(
                f"{label}: indicators / index766 / comparison, median of {run.args.rounds} "
                "rounds' medians, ms (CPU, + database; p95)",
                lambda k, key=f"{size} {shape}": _pages(found.get(f"{key} {k}")),
                aim,
            )
    batch = found["batch"]
    ours = batch["set-based every_month (s)"]
    duck = batch["DuckDB reference (s)"]
    rows.append(
        f"| batch, 1M: cchc ÷ DuckDB ({batch['values']:,} values, {batch['mismatches']} "
        f"mismatches) | — | {ours / duck:.2f} ({ours:.2f} s ÷ {duck:.2f} s) | ≤ 3 |"
    )
    if "10m load" in found:
        load = found["10m load"]
        rows.append(
            f"| import, 10M CSV (`scale.py load`): rows/s, peak | — | "
            f"{load['rows'] / load['seconds']:,.0f}, {load['peak_mb']:.0f} MB | |"
        )
    rows += [
        "",
        "| step | load before | load after | wall s | CPU s |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    rows += [
        f"| {s['name']} | {s['before']} | {s['after']} | {s['wall']:.1f} | {s['cpu']:.1f} |"
        for s in run.steps
    ]
    return "\n".join(rows)


def _median_of(rounds: list[dict]) -> dict:
    """One page's rounds as one: the median of each figure, and the rounds' medians."""
    return {
        "median": statistics.median(r["median"] for r in rounds),
        "cpu": statistics.median(r["cpu"] for r in rounds),
        "database": statistics.median(r["database"] or 0 for r in rounds),
        "p95": statistics.median(r["p95"] for r in rounds),
        "rounds": [r["median"] for r in rounds],
    }


def _pages(found: dict[str, dict] | None) -> str:
    if not found:
        return "—"
    cells = []
    for page in PAGES:
        r = found[page]
        database = f" + {r['database']:.0f}" if r["database"] else ""
        cells.append(f"{r['median']:.1f} ({r['cpu']:.0f}{database}; p95 {r['p95']:.0f})")
    return " / ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-1m", required=True, help="generate.py 1000000 --xlsx 200000")
    parser.add_argument("--data-10m", default="", help="loaded when --pg-10m is not given")
    parser.add_argument("--pg-10m", default="", help="a loaded 10M PostgreSQL database (URL)")
    parser.add_argument("--pg-10m-flat", default="", help="its flattened copy (URL)")
    parser.add_argument("--pg-1m", default="", help="a loaded 1M database for the pages")
    parser.add_argument("--pg-1m-flat", default="")
    parser.add_argument("--sq-1m", "--sqlite-1m", default="", help="sqlite:///… (pages)")
    parser.add_argument("--sq-1m-flat", "--sqlite-1m-flat", default="")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5, help="processes per database's pages")
    parser.add_argument("--work", default="/tmp/cchc-summary", help="SQLite files made here")
    parser.add_argument("--pg-prefix", default="cchc_summary", help="databases made here")
    parser.add_argument("--keep", action="store_true", help="keep the databases made here")
    args = parser.parse_args()
    run = Run(args)
    started = _now()
    try:
        found = measure(run)
    finally:
        run.clean()
    head = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    ).stdout.strip()
    print(f"\n{started}–{_now()} UTC, code {head}, {os.cpu_count()} cores\n")
    print(table(found, run))


if __name__ == "__main__":
    main()
