"""Province-scale pages and the batch computation (issue 16, items 2, 3 and 5).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_scale_bench   # or sqlite:///…
    python bench/scale/scale.py load --dir /tmp/cchc-dossier-bench      # new, empty database
    python bench/scale/scale.py batch --dir /tmp/cchc-dossier-bench [--code DIR]
    python bench/scale/scale.py pages [--code DIR] [--runs 30]
    python bench/scale/scale.py flatten             # every commune under the province
    python bench/scale/scale.py partition [--years 10]   # PostgreSQL only

`load`: `cchc migrate`, the unit tree of bench/dossiers' units.csv, `cchc import-procedures`,
`cchc import-dossiers` in a child process (wall time, peak RSS), ANALYZE. The files are
bench/dossiers/generate.py's. `--code DIR` runs the step with the cchc package of another
checkout (e.g. `git archive main | tar -x -C DIR`), so main's code is measured on the same
database in the same minutes: `batch` then times main's per-unit path (`engine.monthly()` for
each unit, as bench/dossiers/measure.py does), and with this branch's code the set-based
`indicators.batch.every_month()` (and, apart, rebuilding the whole roll-up from the facts);
each is compared with DuckDB's reference over the CSV. `pages` times the indicator page of a
commune and of the province (Django's test client, in process). `flatten` moves every commune
directly under the province (the two-level government of 2025): the province page then
compares 310 units side by side. `partition` copies the dossiers and facts, the loaded year
made into `--years` years, into a plain table and one partitioned by year, and times the writes,
the reads and dropping a year on both (see partition.py and decision 0096).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DOSSIER_BENCH = ROOT / "bench" / "dossiers"
YEAR = 2024


def setup(code: str | None) -> None:
    if code:
        sys.path.insert(0, str(Path(code).resolve()))
    sys.path.insert(1, str(DOSSIER_BENCH))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()
    import cchc

    print(f"code: {Path(cchc.__file__).parent}", flush=True)


def run(code: str | None, *args: str) -> tuple[float, float, str]:
    """`cchc ARGS` in a child process: (wall seconds, its peak RSS in MB, stdout)."""
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = str(Path(code).resolve())
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "cchc.cli", *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    out = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"cchc {' '.join(args)} failed: {out[-2000:]}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024, out


def load(args) -> None:
    run(args.code, "migrate", "--verbosity", "0")
    setup(args.code)
    from django.db import connection
    from measure import create_units  # bench/dossiers/measure.py

    from cchc.dossiers.models import Dossier, DossierFact

    directory = Path(args.dir)
    create_units(directory)
    run(args.code, "import-procedures", str(directory / "procedures.csv"))
    seconds, peak, _out = run(args.code, "import-dossiers", str(directory / "dossiers.csv"))
    rows, facts = Dossier.objects.count(), DossierFact.objects.count()
    if args.json:
        print(json.dumps({"step": "load", "rows": rows, "seconds": seconds, "peak_mb": peak,
                          "facts": facts}), flush=True)  # fmt: skip
    else:
        print(f"import: {rows:,} dossiers in {seconds:.1f} s = {rows / seconds:,.0f} rows/s, "
              f"peak {peak:.0f} MB; {facts:,} facts")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _compare(mine: dict, theirs: dict) -> int:
    keys = set(mine) | set(theirs)
    return sum(1 for key in keys if mine.get(key) != theirs.get(key))


def batch(args) -> None:
    setup(args.code)
    import reference  # bench/dossiers/reference.py

    from cchc.indicators import engine
    from cchc.org.models import Unit

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    indicators = engine.definitions()
    units = list(Unit.objects.order_by("path"))
    codes = {u.pk: u.code for u in units}
    result: dict[str, object] = {}
    try:
        from cchc.dossiers import rollup
        from cchc.indicators import batch as set_based
    except ImportError:  # main's code: the per-unit path
        started = time.perf_counter()
        found = {u.pk: engine.monthly(u, start, end, indicators) for u in units}
        result["per-unit engine.monthly (s)"] = time.perf_counter() - started
    else:
        from cchc.dossiers.models import DossierFact

        keys = set(DossierFact.objects.values_list("unit_id", "month").distinct())
        started = time.perf_counter()
        rollup.refresh(keys)  # what publishing an import that touched them all adds
        result[f"roll-up refreshed for {len(keys)} (unit, month) pairs (s)"] = (
            time.perf_counter() - started
        )
        started = time.perf_counter()
        rollup.refresh_all()
        result["roll-up rebuilt from the facts (s)"] = time.perf_counter() - started
        started = time.perf_counter()
        found = set_based.every_month(start, end, indicators, units)
        result["set-based every_month (s)"] = time.perf_counter() - started
    mine = {
        (codes[pk], key, code): (value.numerator, value.denominator)
        for pk, months in found.items()
        for key, values in months.items()
        for code, value in values.items()
    }
    started = time.perf_counter()
    theirs = reference.compute(Path(args.dir))
    result["DuckDB reference (s)"] = time.perf_counter() - started
    result["values"] = len(mine)
    result["mismatches"] = _compare(mine, theirs)
    result["units with a mismatch"] = sorted(
        {key[0] for key in set(mine) | set(theirs) if mine.get(key) != theirs.get(key)}
    )
    print(
        json.dumps(
            {"step": "batch", **result} if args.json else result, indent=None if args.json else 1
        )
    )


def _url(code: str, page: str, period: str) -> str:
    """A unit's page for the period: the comparison of the units below (`compare`, the
    tracking app's) takes a year, the others (`indicators`, `index766`) a period key."""
    if page == "compare":
        return f"/units/{code}/compare/?year={period[:4]}"
    return f"/units/{code}/{page}/?period={period}"


def backend_cpu() -> float:
    """CPU seconds used by this connection's PostgreSQL backend, from /proc (as
    bench/load/pages.py reads it; 0 on SQLite, whose work is in this process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _full_collections() -> int:
    """How many full garbage collections this process has made."""
    return gc.get_stats()[-1]["collections"]


def _timed(client, url: str, args) -> tuple[list[float], list[float], float, bytes, int]:
    """Wall and CPU milliseconds of each counted request, the mean CPU milliseconds of the
    PostgreSQL backend over them (its clock ticks are 10 ms), the last response's body and
    the full garbage collections made during the counted requests."""
    from django.core.cache import cache

    timings, cpu, body, database, collections = [], [], b"", 0.0, 0
    for i in range(args.warmup + args.runs):
        if i == args.warmup:
            database, collections = backend_cpu(), _full_collections()
        if args.cold:  # the first visit after an import: nothing served from the cache
            cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        if i >= args.warmup:
            timings.append(elapsed)
            cpu.append((time.process_time() - started_cpu) * 1000)
        body = response.content
    database = (backend_cpu() - database) * 1000 / args.runs
    return timings, cpu, database, body, _full_collections() - collections


def _profiled(client, url: str, args) -> None:
    """cProfile of `--runs` requests (cache emptied before each with `--cold`): the top
    functions by own time and by cumulative time."""
    import cProfile
    import pstats

    from django.core.cache import cache

    profile = cProfile.Profile(time.process_time)  # this process's CPU, not its waits
    for _i in range(args.runs):
        if args.cold:
            cache.clear()
        profile.enable()
        client.get(url)
        profile.disable()
    if args.html:  # the profile itself, to read it again with pstats
        Path(args.html).mkdir(parents=True, exist_ok=True)
        profile.dump_stats(Path(args.html) / f"{_name(url)}.prof")
    for order in ("tottime", "cumulative"):
        print(f"--- {url}, {args.runs} requests, by {order}")
        pstats.Stats(profile).sort_stats(order).print_stats(args.profile)


def _name(url: str) -> str:
    return url.strip("/").replace("/", "_").replace("?", "_").replace("=", "-")


def pages(args) -> None:
    setup(args.code)
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from cchc.org.choices import Role
    from cchc.org.models import Membership, Unit, User

    setup_test_environment()
    settings.DEBUG = False
    if args.freeze:  # what `cchc serve` does before its first request (core/servers.py)
        from cchc.core.servers import settle

        print(f"start-up objects frozen: {settle():,}", flush=True)
    for code, role in (("bd-x3-7", Role.FOCAL_POINT), ("bd-tinh", Role.REVIEWER)):
        unit = Unit.objects.get(code=code)
        user, _new = User.objects.get_or_create(username=f"bench.{code}")
        Membership.objects.get_or_create(user=user, unit=unit, role=role)
        client = Client()
        client.force_login(user)
        below = Unit.objects.filter(parent=unit).count()
        pages = [_url(code, page, p) for p in args.periods.split(",")
                 for page in args.pages.split(",")]  # fmt: skip
        for url in pages:
            if args.profile:
                _profiled(client, url, args)
                continue
            timings, cpu, database, body, collections = _timed(client, url, args)
            if args.html:  # the page as served, to compare two versions of the code
                Path(args.html).mkdir(parents=True, exist_ok=True)
                (Path(args.html) / f"{_name(url)}.html").write_bytes(body)
            p95, cpu_p95 = _p95(timings), _p95(cpu)
            if args.json:
                print(json.dumps({"step": "pages", "url": url, "unit": code, "below": below,
                                  "median": statistics.median(timings), "p95": p95,
                                  "mean": statistics.fmean(timings), "cpu_p95": cpu_p95,
                                  "full_collections": collections, "freeze": args.freeze,
                                  "cpu": statistics.median(cpu), "database": database,
                                  "runs": args.runs, "cold": args.cold,
                                  "load": os.getloadavg()[0]}), flush=True)  # fmt: skip
                continue
            # CPU time of this process: what the machine's load does not stretch (with SQLite
            # it holds the queries too; PostgreSQL's work is in its own process)
            print(f"page {url} ({below} units below): median {statistics.median(timings):.1f} "
                  f"ms, p95 {p95:.1f} ms, mean {statistics.fmean(timings):.1f} ms, CPU median "
                  f"{statistics.median(cpu):.1f} ms, p95 {cpu_p95:.1f} ms, "
                  f"mean {statistics.fmean(cpu):.1f} ms, "
                  f"{collections} full collections "
                  f"(+ database {database:.1f}), {args.runs} requests, "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip


def flatten(args) -> None:
    setup(args.code)
    from django.db import transaction

    from cchc.org.models import Unit

    province = Unit.objects.get(code="bd-tinh")
    with transaction.atomic():
        for commune in Unit.objects.filter(code__startswith="bd-x"):
            commune.parent = province
            commune.save()
    print(f"units directly under the province: {Unit.objects.filter(parent=province).count()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["load", "batch", "pages", "flatten", "partition"])
    parser.add_argument("--dir", default="/tmp/cchc-dossier-bench")
    parser.add_argument("--code", default=None, help="a checkout whose cchc package to use")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="pages: empty the cache first")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--periods", default=str(YEAR))
    parser.add_argument("--years", type=int, default=3, help="partition: years made, to 2024")
    parser.add_argument(
        "--pages", default="indicators", help="pages of a unit: indicators,index766,compare"
    )
    parser.add_argument(
        "--html", default="", help="pages: save each page's HTML (or profile) in this folder"
    )
    parser.add_argument(
        "--profile", type=int, default=0, help="pages: cProfile, print this many functions"
    )
    parser.add_argument(
        "--json", action="store_true", help="load, batch, pages: one JSON object per result line"
    )
    parser.add_argument(
        "--freeze", action="store_true", help="pages: freeze start-up objects as `cchc serve` does"
    )
    args = parser.parse_args()
    if args.step == "partition":
        from partition import measure_partitions

        setup(args.code)
        measure_partitions(args.years)
        return
    {"load": load, "batch": batch, "pages": pages, "flatten": flatten}[args.step](args)


if __name__ == "__main__":
    main()
