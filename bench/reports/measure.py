"""Time of one commune's periodic report and of compiling 100 communes.

    export DATABASE_URL=sqlite:////tmp/cchc-reports-bench.sqlite3   # or a PostgreSQL URL
    .venv/bin/python bench/reports/measure.py [--communes 100] [--dossiers 300] [--runs 5]

Builds (once; kept for later runs) a district with `--communes` communes, each with an issued
plan of 60 tasks (occurrences built by the real scheduler, half of those due so far reported
done, with a report schedule like seed 000's) and `--dossiers` dossiers in the Q1 window.
Then measures, median of `--runs`: `content.assemble` of one commune's Q1 report (what its
page and `cchc report` compute), and `compile.compiled` of the district (every commune's
figures summed). Figures in bench/reports/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/cchc-reports-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from cchc.dossiers.records import DossierRecord, ProcedureRecord  # noqa: E402
from cchc.dossiers.saving import import_dossiers, import_procedures  # noqa: E402
from cchc.org.choices import UnitKind  # noqa: E402
from cchc.org.models import Unit  # noqa: E402
from cchc.plans.choices import AREA_ORDER  # noqa: E402
from cchc.plans.models import Plan, ReportingPeriod, Task  # noqa: E402
from cchc.reports import compile, content, schedule  # noqa: E402
from cchc.reports.models import Report  # noqa: E402
from cchc.tracking.models import Occurrence  # noqa: E402
from cchc.tracking.schedule import sync_tasks  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINES = [
    "Tháng 01/2024",
    "Tháng 02/2024",
    "Quý I/2024",
    "Hàng tháng",
    "Hàng quý",
    "Tháng 6/2024",
    "Năm 2024",
    "Thường xuyên",
]


def build(communes: int, dossiers: int) -> Unit:
    existing = Unit.objects.filter(code="bench-district").first()
    if existing is not None:
        return existing
    province = Unit.objects.create(code="bench-tinh", name="Tỉnh Bench", kind=UnitKind.PROVINCE)
    district = Unit.objects.create(
        code="bench-district", name="Huyện Bench", kind=UnitKind.DISTRICT, parent=province
    )
    import_procedures([ProcedureRecord(1, "1.001", "Đăng ký khai sinh", returns_document=True)])
    today = timezone.localdate()
    for n in range(communes):
        unit = Unit.objects.create(
            code=f"bench-xa-{n}", name=f"Xã Bench {n:03d}", kind=UnitKind.COMMUNE, parent=district
        )
        plan = Plan.objects.create(
            unit=unit, year=2024, title="Kế hoạch CCHC 2024", status="issued"
        )
        ReportingPeriod.objects.create(
            plan=plan,
            kind="q1",
            name="Quý I/2024",
            start=dt.date(2023, 12, 15),
            end=dt.date(2024, 2, 29),
            due=dt.date(2024, 3, 11),
        )
        Task.objects.bulk_create(
            Task(
                plan=plan,
                order=i,
                ref=str(i + 1),
                area=AREA_ORDER[i % len(AREA_ORDER)],
                title=f"Nhiệm vụ {i + 1}",
                deadline_text=DEADLINES[i % len(DEADLINES)],
            )
            for i in range(60)
        )
        sync_tasks(Task.objects.filter(plan=plan))
        due = Occurrence.objects.filter(plan=plan, due__lte=today).order_by("pk")
        Occurrence.objects.filter(pk__in=[o.pk for o in due[::2]]).update(
            done_on=dt.date(2024, 2, 1), percent=100, state="done"
        )
        records = []
        for i in range(dossiers):
            received = dt.date(2023, 12, 15) + dt.timedelta(days=i % 76)
            ended = received + dt.timedelta(days=(i % 5) + 1)
            records.append(
                DossierRecord(
                    row=i,
                    code=f"{unit.code}-{i}",
                    procedure_code="1.001",
                    unit_code=unit.code,
                    received=dt.datetime.combine(received, dt.time(9), VN),
                    due=dt.datetime.combine(received + dt.timedelta(days=3), dt.time(17), VN),
                    processing_ended=dt.datetime.combine(ended, dt.time(10), VN),
                    status=10,
                )
            )
        import_dossiers(records)
        print(f"  commune {n + 1}/{communes}", end="\r", flush=True)
    print()
    return district


def median(runs: int, work) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--dossiers", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    district = build(args.communes, args.dossiers)
    print(f"data ready in {time.perf_counter() - started:.1f} s")
    commune = Unit.objects.filter(parent=district).order_by("code").first()
    period = schedule.window_for(commune, "q1", 2024)
    report = Report(
        unit=commune, kind="q1", year=2024, start=period.start, end=period.end, due=period.due
    )
    one, one_max = median(args.runs, lambda: content.assemble(report))
    many, many_max = median(args.runs, lambda: compile.compiled(district, "q1", 2024))
    count = Unit.objects.filter(parent=district).count()
    print(f"one commune's report (assemble): median {one:.3f} s, max {one_max:.3f} s")
    print(f"compiling {count} communes: median {many:.3f} s, max {many_max:.3f} s")


if __name__ == "__main__":
    main()
