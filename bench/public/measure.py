"""The public page of a unit (/cong-khai/<code>/) from the cache and right after a refresh,
on the data of the dossier benchmark (bench/dossiers/generate.py), on the database named by
DATABASE_URL (new and empty).

    .venv/bin/python bench/dossiers/generate.py 1000000
    export DATABASE_URL=sqlite:////tmp/cchc-public-bench.sqlite3    # or postgres://...
    .venv/bin/python bench/public/measure.py [--dir /tmp/cchc-dossier-bench] [--runs 30]

Steps: `cchc migrate`; the unit tree; `cchc import-procedures`; `cchc import-dossiers`
(child processes, timed); ANALYZE; every procedure given a publication decision; a plan of 60
tasks for the commune and for the province. Then, through Django's test client without
login, "today" being 31/12/2024 (the data's year): the page of a commune and of the province
(a) after a refresh — the freshness counter moved on as a save does, so the figures are
recomputed; the indicators are those of the last complete month, November 2024 — and (b)
from the cache; plus the open data JSON from the cache and a dossier lookup. Median and p95
in ms. `--measure-only` measures a database an earlier run loaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "dossiers"))
from measure import ROOT, create_units, run  # noqa: E402  (bench/dossiers/measure.py)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
TODAY = dt.date(2024, 12, 31)
UNITS = (("commune (bd-x3-7)", "bd-x3-7"), ("province (bd-tinh, 311 units)", "bd-tinh"))


def load(directory: Path) -> dict[str, float]:
    import django

    django.setup()
    from django.db import connection

    seconds = {}
    seconds["migrate"] = run("migrate", "-v", "0")[0]
    create_units(directory)
    seconds["procedures"] = run("import-procedures", str(directory / "procedures.csv"))[0]
    seconds["dossiers"] = run("import-dossiers", str(directory / "dossiers.csv"))[0]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return seconds


def publish_and_plan() -> None:
    from cchc.dossiers.models import Procedure
    from cchc.org.models import Unit
    from cchc.plans.choices import AREA_ORDER, PlanStatus
    from cchc.testing.factories import PlanFactory, TaskFactory
    from cchc.tracking.schedule import sync_plan

    Procedure.objects.update(
        publication_decided=dt.date(2024, 1, 15), on_national_db=True, parts=["name", "steps"]
    )
    for _label, code in UNITS:
        plan = PlanFactory(unit=Unit.objects.get(code=code), year=2024, status=PlanStatus.ISSUED)
        for n in range(60):
            due = dt.date(2024, 1 + n % 12, 10 + n % 15)
            TaskFactory(plan=plan, area=AREA_ORDER[n % len(AREA_ORDER)], title=f"Việc {n}", due=due)
        sync_plan(plan)


def timed(client, url: str, runs: int, before=None) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    timings.sort()
    return statistics.median(timings), timings[
        min(len(timings) - 1, round(0.95 * (len(timings) - 1)))
    ]


def pages(runs: int) -> list[tuple[str, float, float]]:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from cchc.dossiers.models import Dossier
    from cchc.public import refresh

    setup_test_environment()
    settings.DEBUG = False
    client = Client()
    rows = []
    code = Dossier.objects.filter(unit__code="bd-x3-7").values_list("code", flat=True).first()
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        client.get("/cong-khai/bd-x3-7/")  # warm-up: templates, translations, connections
        for label, unit in UNITS:
            url = f"/cong-khai/{unit}/"
            rows.append((f"{label}: after a refresh", *timed(client, url, runs, refresh.bump)))
            client.get(url)
            rows.append((f"{label}: from the cache", *timed(client, url, runs)))
            rows.append(
                (f"{label}: open data JSON, cached", *timed(client, url + "du-lieu.json", runs))
            )
        settings.PUBLIC_LOOKUPS_PER_MINUTE = 10**6
        lookup = f"/cong-khai/bd-x3-7/tra-cuu/?ma={code}"
        rows.append(("dossier lookup (commune)", *timed(client, lookup, runs)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/tmp/cchc-dossier-bench")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--measure-only", action="store_true", help="the database is already loaded by a run"
    )
    args = parser.parse_args()
    directory = Path(args.dir)
    with open(directory / "dossiers.csv", encoding="utf-8") as handle:
        dossiers = sum(1 for _ in handle) - 1
    print(f"database: {os.environ.get('DATABASE_URL', 'sqlite (default)')}; {dossiers:,} dossiers")
    if args.measure_only:
        import django

        django.setup()
    else:
        for step, seconds in load(directory).items():
            print(f"  load {step}: {seconds:.1f} s")
        publish_and_plan()
    print(f"{'page':55} {'median ms':>10} {'p95 ms':>8}")
    for label, median, p95 in pages(args.runs):
        print(f"{label:55} {median:10.1f} {p95:8.1f}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
