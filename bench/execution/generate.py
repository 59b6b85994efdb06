"""Fill a database with the follow-up of a province: 300 communes × 60 tasks × a year of
progress updates, for `measure.py`.

    export DATABASE_URL=sqlite:////tmp/cchc-bench.sqlite3   # or
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_exec_bench
    .venv/bin/python bench/execution/generate.py

Shape: Tỉnh Bench → 10 districts → 30 communes each (300). Each commune has the usual posts, a
focal point, a Tư pháp – Hộ tịch official, a chairman; each district a Phòng Nội vụ reviewer.
Each commune has an issued plan for the current year with 60 tasks whose deadlines mix the
forms of the seeds (months, quarters, "Hàng tháng", "Thường xuyên", several quarters, no
date). Occurrences are built by the real scheduler; progress for every occurrence due so far
(and some started ones) is written with bulk inserts — not through the audited action, which
would only slow generation without changing what the pages read.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from cchc.org.choices import PostKind, Role, UnitKind  # noqa: E402
from cchc.org.models import Membership, Post, Unit, User  # noqa: E402
from cchc.plans.choices import AREA_ORDER, PlanStatus  # noqa: E402
from cchc.plans.models import Plan, Task, TaskParty  # noqa: E402
from cchc.tracking.models import Occurrence, ProgressUpdate  # noqa: E402
from cchc.tracking.schedule import sync_tasks  # noqa: E402

DISTRICTS, COMMUNES, TASKS = 10, 30, 60
POSTS = ["Văn phòng – Thống kê", "Tư pháp – Hộ tịch", "Tài chính – Kế toán", "Văn hóa – Xã hội"]


def deadlines(year: int) -> list[str]:
    forms = [f"Tháng {m:02d}/{year}" for m in range(1, 13)]
    forms += [f"Quý {q} năm {year}" for q in ("I", "II", "III", "IV")]
    forms += ["Hàng tháng"] * 12 + ["Thường xuyên"] * 6 + ["Hàng quý"] * 6
    forms += [f"Quý I, II, III và cả năm {year}"] * 4 + [f"Trong năm {year}"] * 6
    forms += [f"6 tháng đầu năm {year}"] * 4 + ["Theo quy định của cấp trên"] * 6
    return forms


def main() -> None:
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if Unit.objects.filter(code="bench-tinh").exists():
        print("Dữ liệu benchmark đã có; xóa CSDL để tạo lại.")
        return
    today = timezone.localdate()
    year = today.year
    rng = random.Random(42)
    with transaction.atomic():
        communes = _units()
    print(f"đơn vị: {len(communes)} xã ({time.monotonic() - started:.0f}s)")
    forms = deadlines(year)
    for index, commune in enumerate(communes):
        with transaction.atomic():
            plan = Plan.objects.create(
                unit=commune,
                year=year,
                title=f"Kế hoạch CCHC năm {year} {commune.name}",
                status=PlanStatus.ISSUED,
            )
            posts = {p.name: p for p in commune.posts.all()}
            tasks = Task.objects.bulk_create(
                Task(
                    plan=plan,
                    order=i + 1,
                    ref=str(i + 1),
                    area=AREA_ORDER[i % 8],
                    title=f"Nhiệm vụ {i + 1} của {commune.name}",
                    deadline_text=forms[i % len(forms)],
                )
                for i in range(TASKS)
            )
            TaskParty.objects.bulk_create(
                TaskParty(
                    task=t,
                    role="lead",
                    text=POSTS[i % 4],
                    post=posts[POSTS[i % 4]],
                )
                for i, t in enumerate(tasks)
            )
            for task in tasks:
                task.plan = plan
            sync_tasks(tasks)
            _progress(plan, commune, today, rng)
        if index % 50 == 49:
            print(f"  {index + 1} xã ({time.monotonic() - started:.0f}s)")
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give later
        cursor.execute("ANALYZE")
    print(
        f"xong: {Occurrence.objects.count()} kỳ việc, {ProgressUpdate.objects.count()} báo cáo "
        f"tiến độ, {time.monotonic() - started:.0f}s"
    )


def _units() -> list[Unit]:
    province = Unit.objects.create(code="bench-tinh", name="Tỉnh Bench", kind=UnitKind.PROVINCE)
    reviewer = User.objects.create_user("bench.tinh", password="bench-pass-1")
    Membership.objects.create(user=reviewer, unit=province, role=Role.REVIEWER)
    communes = []
    for d in range(DISTRICTS):
        district = Unit.objects.create(
            code=f"bench-h{d}", name=f"Huyện {d + 1}", kind=UnitKind.DISTRICT, parent=province
        )
        user = User.objects.create_user(f"bench.noivu{d}", password="bench-pass-1")
        Membership.objects.create(user=user, unit=district, role=Role.REVIEWER)
        for c in range(COMMUNES):
            commune = Unit.objects.create(
                code=f"bench-x{d}-{c}",
                name=f"Xã {d + 1}.{c + 1}",
                kind=UnitKind.COMMUNE,
                parent=district,
            )
            posts = Post.objects.bulk_create(
                Post(unit=commune, name=name, kind=PostKind.POST, order=i)
                for i, name in enumerate(POSTS)
            )
            for username, role, post in (
                (f"bench.dm{d}-{c}", Role.FOCAL_POINT, posts[0]),
                (f"bench.tp{d}-{c}", Role.OFFICIAL, posts[1]),
                (f"bench.ct{d}-{c}", Role.LEADER, None),
            ):
                user = User(username=username)
                user.set_unusable_password()
                user.save()
                Membership.objects.create(user=user, unit=commune, role=role, post=post)
            communes.append(commune)
    return communes


def _progress(plan, commune, today, rng) -> None:
    rate = rng.uniform(0.45, 0.97)
    updates, changed = [], []
    for occ in Occurrence.objects.filter(plan=plan):
        if occ.due is None or (occ.period_start or occ.due) > today:
            continue
        if occ.due < today and rng.random() < rate:
            done = occ.due + dt.timedelta(days=rng.randint(-10, 6 if rng.random() < 0.2 else 0))
            done = min(done, today)
            at = timezone.make_aware(dt.datetime.combine(done, dt.time(10)))
            midway = at - dt.timedelta(days=rng.randint(3, 20))
            updates.append(ProgressUpdate(occurrence=occ, at=midway, state="working", percent=50))
            updates.append(ProgressUpdate(occurrence=occ, at=at, state="done", percent=100))
            occ.percent, occ.state, occ.done_on, occ.last_update_at = 100, "done", done, at
            changed.append(occ)
        elif rng.random() < 0.6:
            at = timezone.make_aware(
                dt.datetime.combine(today - dt.timedelta(days=rng.randint(1, 25)), dt.time(9))
            )
            percent = rng.choice([20, 40, 60, 80])
            updates.append(ProgressUpdate(occurrence=occ, at=at, state="working", percent=percent))
            occ.percent, occ.state, occ.last_update_at = percent, "working", at
            changed.append(occ)
    ProgressUpdate.objects.bulk_create(updates, batch_size=1000)
    Occurrence.objects.bulk_update(
        changed, ["percent", "state", "done_on", "last_update_at"], batch_size=1000
    )


if __name__ == "__main__":
    main()
