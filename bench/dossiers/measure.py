"""Import speed, full-computation time against DuckDB, agreement with it, and the indicator
page's time, on the database named by DATABASE_URL (which must be new and empty).

    export DATABASE_URL=sqlite:////tmp/cchc-dossier-bench.sqlite3   # or postgres://...
    .venv/bin/python bench/dossiers/measure.py [--dir /tmp/cchc-dossier-bench] [--runs 30]

Steps: `cchc migrate`; the unit tree of units.csv (ORM); `cchc import-procedures`; `cchc
import-dossiers dossiers.csv` in a child process (wall time, and the child's peak RSS from
wait4); ANALYZE; every built-in indicator for every unit × month of 2024 through
`engine.monthly()` (what the indicator page calls: one facts query per month per unit);
DuckDB's reference (reference.py) over the CSV; a comparison of every numerator and
denominator; then the indicator page of a commune and of the province through Django's test
client.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
CCHC = str(ROOT / ".venv" / "bin" / "cchc")


def run(*args: str) -> tuple[float, float, str]:
    """Run `cchc ARGS`; (wall seconds, peak RSS of that child in MB, stdout)."""
    started = time.perf_counter()
    child = subprocess.Popen([CCHC, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    out = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"cchc {' '.join(args)} failed ({child.returncode}): {out[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out


def create_units(directory: Path) -> None:
    from django.db import transaction

    from cchc.org.models import Unit

    with open(directory / "units.csv", encoding="utf-8") as handle, transaction.atomic():
        made: dict[str, Unit] = {}
        for row in csv.DictReader(handle):
            made[row["code"]] = Unit.objects.create(
                code=row["code"], name=row["name"], kind=row["kind"], parent=made.get(row["parent"])
            )


def months() -> list[tuple[str, dt.date, dt.date]]:
    result = []
    for month in range(1, 13):
        start = dt.date(2024, month, 1)
        end = (dt.date(2024 + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        result.append((f"2024-{month:02d}", start, end))
    return result


def cchc_values() -> tuple[dict[tuple[str, str, str], tuple[int, int]], float]:
    from cchc.indicators import engine
    from cchc.org.models import Unit

    started = time.perf_counter()
    indicators = engine.definitions()
    result = {}
    for unit in Unit.objects.order_by("path"):
        by_month = engine.monthly(unit, dt.date(2024, 1, 1), dt.date(2024, 12, 31), indicators)
        for key, values in by_month.items():
            for code, value in values.items():
                result[(unit.code, key, code)] = (value.numerator, value.denominator)
    return result, time.perf_counter() - started


def pages(runs: int, warmup: int) -> dict[str, tuple[float, float]]:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from cchc.org.choices import Role
    from cchc.org.models import Membership, Unit, User

    setup_test_environment()
    settings.DEBUG = False
    result = {}
    for label, code, role in (
        ("commune (bd-x3-7)", "bd-x3-7", Role.FOCAL_POINT),
        ("province (bd-tinh, 311 units)", "bd-tinh", Role.REVIEWER),
    ):
        user, _new = User.objects.get_or_create(username=f"bench.{code}")
        Membership.objects.get_or_create(user=user, unit=Unit.objects.get(code=code), role=role)
        client = Client()
        client.force_login(user)
        url = f"/units/{code}/indicators/?period=2024"
        timings = []
        for i in range(warmup + runs):
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
            if i >= warmup:
                timings.append(elapsed)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        result[label] = (statistics.median(timings), p95)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/tmp/cchc-dossier-bench")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--show", type=int, default=10, help="mismatches printed")
    args = parser.parse_args()
    directory = Path(args.dir)
    with open(directory / "dossiers.csv", "rb") as handle:
        rows = sum(1 for _ in handle) - 1

    run("migrate", "--verbosity", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from cchc.dossiers.models import Dossier, DossierFact

    create_units(directory)
    run("import-procedures", str(directory / "procedures.csv"))
    seconds, peak, out = run("import-dossiers", str(directory / "dossiers.csv"), "--format", "json")
    print(f"DB: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    rate = rows / seconds
    print(f"import: {rows} rows in {seconds:.1f} s = {rate:,.0f} rows/s, peak {peak:.0f} MB")
    print(f"  {out.strip()[:200]}")
    print(f"  stored: {Dossier.objects.count()} dossiers, {DossierFact.objects.count()} facts")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    import reference

    mine, cchc_seconds = cchc_values()
    started = time.perf_counter()
    theirs = reference.compute(directory)
    duck_seconds = time.perf_counter() - started
    print(
        f"full computation: cchc {cchc_seconds:.2f} s, DuckDB {duck_seconds:.2f} s, "
        f"ratio {cchc_seconds / duck_seconds:.2f}; {len(mine)} values vs {len(theirs)}"
    )
    mismatches = [
        (key, mine.get(key), theirs.get(key))
        for key in sorted(set(mine) | set(theirs))
        if mine.get(key) != theirs.get(key)
    ]
    print(f"mismatches: {len(mismatches)}")
    by_code: dict[str, int] = {}
    for key, _a, _b in mismatches:
        by_code[key[2]] = by_code.get(key[2], 0) + 1
    for code, count in sorted(by_code.items()):
        print(f"  {code}: {count}")
    for key, a, b in mismatches[: args.show]:
        print(f"  {key}: cchc {a} DuckDB {b}")

    for label, (median, p95) in pages(args.runs, args.warmup).items():
        print(f"page {label}: median {median:.1f} ms, p95 {p95:.1f} ms ({args.runs} requests)")


if __name__ == "__main__":
    main()
