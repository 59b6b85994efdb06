"""PAR Index pages at scale: the assessment page of a 100-criterion set and the ranking of
100 communes (median and p95 of 40 requests each, the CPU time they took, and their queries).

    export DATABASE_URL=sqlite:////tmp/cchc-par-bench.sqlite3   # or postgres://…/cchc_par_bench
    .venv/bin/python bench/parindex/measure.py

Shape: a province → a district → 100 communes. A criteria set of 10 areas × 10 criteria (one
point each; criteria n.1 suggest from the tasks done, n.2 from on-time dossiers, n.3 from the
plan's issue date). 99 communes have a published final score (written in bulk); the first
commune is self-assessing, with an issued plan of 60 tasks, half of them done, and a file of
proof on every fifth of its 50 self-scored criteria.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/cchc-par-bench.sqlite3")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

from cchc.evidence.models import Evidence  # noqa: E402
from cchc.org.choices import Role, UnitKind  # noqa: E402
from cchc.org.models import Membership, Unit, User  # noqa: E402
from cchc.parindex import actions, layout, rules  # noqa: E402
from cchc.parindex.choices import Stage  # noqa: E402
from cchc.parindex.models import Assessment, Score  # noqa: E402
from cchc.plans.choices import PlanStatus  # noqa: E402
from cchc.plans.models import Plan, Task  # noqa: E402
from cchc.tracking.models import Occurrence  # noqa: E402
from cchc.tracking.schedule import sync_plan  # noqa: E402

YEAR = dt.date.today().year
COMMUNES = 100
RUNS = int(os.environ.get("BENCH_RUNS", "40"))


def criteria_rows() -> layout.ParsedSet:
    rows = []
    line = 2
    for a in range(1, 11):
        rows.append(layout.Row(line=line, stt=str(a), name=f"Lĩnh vực {a}", max_points=Decimal(10)))
        line += 1
        for c in range(1, 11):
            guidance = {
                1: "Chấm theo tỷ lệ: từ 100% trở lên: tối đa; dưới 50%: 0 điểm [nguồn: tasks_done]",
                2: "≥ 98%: 1 điểm; ≥ 90%: 0,5 điểm [nguồn: on_time_rate]",
                3: "Ban hành trước ngày 31/01. Có: 1 điểm; Không: 0 điểm [nguồn: plan_issued]",
            }.get(c, "Có: 1 điểm; Không: 0 điểm")
            rows.append(
                layout.Row(
                    line=line,
                    stt=f"{a}.{c}",
                    name=f"Tiêu chí {a}.{c}",
                    max_points=Decimal(1),
                    guidance=guidance,
                    evidence_required="Văn bản",
                )
            )
            line += 1
    problems: list[str] = []
    layout.check_tree(rows, problems)
    assert not problems, problems
    return layout.ParsedSet(title_rows=[["BENCH"]], rows=rows)


def generate():
    call_command("migrate", verbosity=0)
    if Unit.objects.filter(code="bench-par-tinh").exists():
        return
    province = Unit.objects.create(code="bench-par-tinh", name="Tỉnh Bench", kind=UnitKind.PROVINCE)
    district = Unit.objects.create(
        code="bench-par-huyen", name="Huyện Bench", kind=UnitKind.DISTRICT, parent=province
    )
    communes = [
        Unit.objects.create(
            code=f"bench-par-xa-{n:03d}",
            name=f"Xã Bench {n:03d}",
            kind=UnitKind.COMMUNE,
            parent=district,
        )
        for n in range(1, COMMUNES + 1)
    ]
    focal = User.objects.create_user("bench-par-focal", password="x")
    Membership.objects.create(user=focal, unit=communes[0], role=Role.FOCAL_POINT)
    reviewer = User.objects.create_user("bench-par-noivu", password="x")
    Membership.objects.create(user=reviewer, unit=district, role=Role.REVIEWER)
    criteria_set = actions.import_criteria(criteria_rows(), year=YEAR, source_name="bench")
    leaves = actions.leaves(criteria_set)
    criteria = list(criteria_set.criteria.all())
    rng = random.Random(7)
    for unit in communes[1:]:
        found = Assessment.objects.create(
            unit=unit, year=YEAR, criteria_set=criteria_set, stage=Stage.FINAL
        )
        scores = []
        for c in leaves:
            p = Decimal(1) if rng.random() < 0.85 else Decimal(0)
            scores.append(
                Score(
                    assessment=found, criterion=c, self_points=p, appraised_points=p, final_points=p
                )
            )
        Score.objects.bulk_create(scores)
        found.final_total = rules.totals(
            criteria, {s.criterion_id: s.final_points for s in scores}, None
        ).total
        found.save(update_fields=["final_total"])
    plan = Plan.objects.create(
        unit=communes[0],
        year=YEAR,
        title="Kế hoạch CCHC",
        number="1/KH-UBND",
        issued_on=dt.date(YEAR, 1, 10),
        status=PlanStatus.ISSUED,
    )
    for n in range(60):
        Task.objects.create(
            plan=plan,
            order=n,
            ref=str(n + 1),
            title=f"Nhiệm vụ {n + 1}",
            due=dt.date(YEAR, 1 + n % 12, 20),
            deadline_text=f"Tháng {1 + n % 12}/{YEAR}",
        )
    sync_plan(plan)
    Occurrence.objects.filter(
        plan=plan,
        pk__in=list(Occurrence.objects.filter(plan=plan).values_list("pk", flat=True)[:30]),
    ).update(done_on=dt.date(YEAR, 3, 1), percent=100)
    found = actions.open_assessment(communes[0], YEAR, by=focal)
    actions.save_self_scores(found, {c.id: (Decimal(1), "") for c in leaves[:50]}, by=focal)


def attach_evidence() -> None:
    """A file of proof on every fifth self-scored criterion of the first commune (once)."""
    found = Assessment.objects.get(unit__code="bench-par-xa-001", year=YEAR)
    if Evidence.objects.filter(par_score__assessment=found).exists():
        return
    owner_type = ContentType.objects.get_for_model(Score)
    Evidence.objects.bulk_create(
        Evidence(
            owner_type=owner_type,
            owner_id=score.pk,
            unit=found.unit,
            title=f"Biên bản {n}",
            number=f"{n}/BB",
        )
        for n, score in enumerate(found.scores.filter(self_points__isnull=False)[::5], 1)
    )


def time_page(client: Client, url: str, runs: int = RUNS) -> dict[str, float]:
    """Wall time (median, p95) and the process's CPU time (median) per request: on a machine
    shared with other work the CPU time is the figure that compares two versions fairly."""
    client.get(url)  # warm
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    settings.DEBUG = True
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = False
    wall.sort()
    return {
        "median": statistics.median(wall),
        "p95": wall[int(len(wall) * 0.95) - 1],
        "cpu": statistics.median(cpu),
        "queries": queries,
    }


def main() -> None:
    generate()
    attach_evidence()
    settings.ALLOWED_HOSTS = ["*"]
    focal = Client()
    focal.force_login(User.objects.get(username="bench-par-focal"))
    reviewer = Client()
    reviewer.force_login(User.objects.get(username="bench-par-noivu"))
    print(f"database: {connection.vendor}")
    for label, client, url in [
        ("assessment page, 100 criteria", focal, f"/par/bench-par-xa-001/{YEAR}/"),
        ("ranking of 100 communes", reviewer, f"/par/ranking/bench-par-huyen/{YEAR}/"),
    ]:
        t = time_page(client, url)
        print(
            f"{label}: median {t['median']:.0f} ms, p95 {t['p95']:.0f} ms, "
            f"CPU median {t['cpu']:.0f} ms, {t['queries']} queries"
        )


if __name__ == "__main__":
    main()
