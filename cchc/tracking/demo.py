"""Demo follow-up: Xã Thạnh Tân's plan for the current year in use, and the other communes
and wards of Thành phố Tây Ninh with plans of their own, so that "My tasks", the dashboards,
the comparison and the reminders show a plan being carried out.

Progress is generated relative to `ctx.today` and deterministically (a seeded random per unit):
most work due so far is done, with evidence (small generated PDF and PNG files), some of it
late; some is in progress; a few things are overdue; some fall due next week. Officials of
Tư pháp – Hộ tịch report on their own tasks; the focal point reports on the others.

When the plan importer is present, the plans app has already carried Thạnh Tân's seed plan
into the current year (`ctx.plans["current"]`). Without it, `_fallback_plan` below writes a
small current-year plan (about fifteen real tasks of seed 000) instead — kept apart, and
skipped whenever the imported plan exists.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cchc.demo import DemoContext
from cchc.formats import day
from cchc.org.matching import match_post
from cchc.plans.actions import copy_plan, save_plan, save_task
from cchc.plans.choices import Area, PartyRole, PlanStatus
from cchc.plans.models import Plan, Task, TaskParty

from . import actions, directions, reminders
from .choices import UpdateState
from .demo_files import sample_pdf, sample_png
from .models import Occurrence, ProgressUpdate
from .schedule import sync_plan

FALLBACK_SOURCE = "demo:ke-hoach-mau"
COPY_SOURCE = "demo:tien-do"
# The other communes and wards of Thành phố Tây Ninh (and one ward of Kiến Tường), and how well
# each keeps up (share of work due so far that gets done) so the comparison has a best and a worst.
NEIGHBOURS = [
    ("phuong-2", 0.9),
    ("phuong-1", 0.8),
    ("phuong-3", 0.62),
    ("hiep-ninh", 0.95),
    ("binh-minh", 0.5),
    ("tan-binh", 0.72),
    # Thị xã Kiến Tường's ward formed by the 2025 merger (org/demo.py MERGERS): its focal point's
    # first look is a plan in use, and the district's comparison has a row with work in it
    ("kt-phuong-kien-tuong", 0.78),
]
HOME_RATE = 0.85


def load(ctx: DemoContext) -> None:
    current = ctx.plans.get("current")
    if current is None:
        current = _fallback_plan(ctx)
        ctx.plans["current"] = current
    sync_plan(current)
    _something_due_next_week(current, ctx)
    _simulate(current, ctx, HOME_RATE, evidence_share=1.0, keep_open=3)
    for code, rate in NEIGHBOURS:
        unit = ctx.units.get(code)
        if unit is None:
            continue
        plan = _neighbour_plan(current, unit, ctx)
        sync_plan(plan)
        _simulate(plan, ctx, rate, evidence_share=0.25)
    outcome = reminders.run(ctx.today)
    _direct_and_nudge(current, ctx)
    ctx.say(
        f"Theo dõi thực hiện: {Occurrence.objects.count()} kỳ việc, "
        f"{ProgressUpdate.objects.count()} báo cáo tiến độ, {outcome.total} nhắc việc mới"
    )


def _direct_and_nudge(plan: Plan, ctx: DemoContext) -> None:
    """The chairman's direction on the oldest overdue item of Thạnh Tân (once), and the city
    office's nudge to the most lagging neighbour (once a day)."""
    from contextlib import suppress

    from django.core.exceptions import ValidationError

    from .models import Direction

    chairman = ctx.users.get("thanhtan.chutich")
    late = (
        directions.overdue_items(plan.unit, ctx.today)
        .filter(plan=plan)
        .select_related("task")
        .first()
    )
    if chairman and late and not Direction.objects.filter(task__plan=plan).exists():
        directions.give_direction(
            late.task,
            by=chairman,
            occurrence=late,
            text="Đề nghị bộ phận chủ trì hoàn thành ngay và báo cáo lý do chậm trước thứ Sáu.",
        )
    reviewer = ctx.units.get("phuong-3") and ctx.users.get("noivu.tayninh")
    if reviewer:
        with suppress(ValidationError):  # nothing overdue, or already nudged today
            directions.send_nudge(
                ctx.units["phuong-3"],
                by=reviewer,
                today=ctx.today,
                note="Đề nghị Phường 3 khẩn trương hoàn thành các nhiệm vụ quá hạn.",
            )


# --- plans --------------------------------------------------------------------------------------


def _next_monday(today: dt.date) -> dt.date:
    """Next week's Monday: in next week, and never more than 7 days away (so "due soon")."""
    return today + dt.timedelta(days=7 - today.weekday())


def _something_due_next_week(plan: Plan, ctx: DemoContext) -> None:
    """A plan carried from an old year may have nothing due next week; the focal point then
    dates one of the tasks that named no date ("Theo quy định của cấp trên") for next Monday,
    as she would in the "tasks without a date" list."""
    monday = _next_monday(ctx.today)
    live = Occurrence.objects.live().filter(plan=plan)
    if live.filter(due__gte=monday, due__lte=monday + dt.timedelta(days=6)).exists():
        return
    undated = plan.tasks.filter(schedule__needs_date=True).order_by("order").first()
    if undated is not None:
        actions.set_due(undated, monday, by=ctx.users.get("thanhtan"))


def _fallback_plan(ctx: DemoContext) -> Plan:
    """A current-year plan for Xã Thạnh Tân when the importer has not provided one."""
    unit = ctx.units["thanh-tan"]
    year = ctx.today.year
    existing = Plan.objects.filter(unit=unit, year=year, source_name=FALLBACK_SOURCE).first()
    if existing is not None:
        return existing
    by = ctx.users.get("thanhtan")
    plan = save_plan(
        Plan(
            unit=unit,
            year=year,
            title=f"Kế hoạch Cải cách hành chính năm {year} trên địa bàn xã Thạnh Tân",
            issuer="UBND xã Thạnh Tân",
            number="15/KH-UBND",
            issued_on=min(ctx.today, dt.date(year, 1, 15)),  # never a day to come (0177)
            signer="Lê Văn Hùng",  # the commune's chairman, login thanhtan.chutich (org/demo.py)
            status=PlanStatus.DRAFT,  # written as a draft, issued below (decision 0050)
            source_name=FALLBACK_SOURCE,
        ),
        by=by,
    )
    for order, (area, title, lead, products, deadline) in enumerate(_fallback_tasks(ctx), 1):
        save_task(
            Task(
                plan=plan,
                order=order,
                ref=str(order),
                area=area,
                title=title,
                products=products,
                deadline_text=deadline,
                due=None,
            ),
            by=by,
            leads=[lead],
            coordinators=["Công chức chuyên môn"],
        )
    for task in plan.tasks.all():
        _date_from_text(task, by)
    plan.status = PlanStatus.ISSUED
    plan.save(update_fields=["status"])
    return plan


def _date_from_text(task: Task, by) -> None:
    """What the importer does: the due date the deadline text implies."""
    from cchc.plans.deadlines import parse_deadline

    spec = parse_deadline(task.deadline_text, task.plan.year)
    if spec.due and spec.due != task.due:
        task.due = spec.due
        save_task(task, by=by)


def _fallback_tasks(ctx: DemoContext) -> list:
    y = ctx.today.year
    soon = _next_monday(ctx.today)
    late = ctx.today - dt.timedelta(days=12)
    vp, tp, vh = (
        "Công chức Văn phòng – Thống kê",
        "Công chức Tư pháp – Hộ tịch",
        "Công chức Văn hóa – Xã hội",
    )
    return [
        (
            Area.DIRECTION,
            f"Xây dựng Kế hoạch cải cách hành chính năm {y} của UBND xã",
            vp,
            ["Kế hoạch"],
            f"Tháng 01/{y}",
        ),
        (
            Area.DIRECTION,
            "Báo cáo kết quả thực hiện công tác cải cách hành chính định kỳ",
            vp,
            ["Báo cáo"],
            f"Quý I, II, III và cả năm {y}",
        ),
        (
            Area.DIRECTION,
            f"Xây dựng Kế hoạch tuyên truyền cải cách hành chính năm {y}",
            vh,
            ["Kế hoạch"],
            f"Quý I năm {y}",
        ),
        (
            Area.DIRECTION,
            f"Đánh giá Chỉ số CCHC năm {y} của UBND xã",
            vp,
            ["Phần mềm chấm điểm chỉ số CCHC"],
            f"Quý IV năm {y}",
        ),
        (
            Area.INSTITUTIONS,
            f"Xây dựng kế hoạch theo dõi tình hình thi hành pháp luật của xã năm {y}",
            tp,
            ["Kế hoạch"],
            f"Tháng 01 năm {y}",
        ),
        (
            Area.INSTITUTIONS,
            "Rà soát các văn bản quy phạm pháp luật do UBND xã ban hành",
            tp,
            ["Báo cáo kết quả rà soát"],
            "Định kỳ trong năm",
        ),
        (
            Area.INSTITUTIONS,
            "Tham mưu tổ chức tuyên truyền, phổ biến, giáo dục pháp luật trên địa bàn xã",
            tp,
            ["Báo cáo kết quả tuyên truyền"],
            f"trước ngày {day(late)}",
        ),
        (
            Area.INSTITUTIONS,
            "Xây dựng, tham mưu ban hành văn bản quy phạm pháp luật đúng trình tự, thủ tục",
            tp,
            ["Văn bản được ban hành đúng quy định"],
            "Theo quy định của cấp trên",
        ),
        (
            Area.PROCEDURES,
            f"Kế hoạch rà soát, kiểm soát TTHC trên địa bàn xã năm {y}",
            vp,
            ["Kế hoạch"],
            f"Quý I năm {y}",
        ),
        (
            Area.PROCEDURES,
            "Công khai tiến độ, kết quả giải quyết TTHC trên Cổng thông tin điện tử xã",
            vp,
            ["Báo cáo"],
            "Hàng tháng",
        ),
        (
            Area.PROCEDURES,
            "Tiếp nhận và xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
            "Bộ phận Một cửa",
            ["Trả lời phản ánh, kiến nghị"],
            "Thường xuyên",
        ),
        (
            Area.ORGANISATION,
            "Rà soát, điều chỉnh Đề án vị trí việc làm và cơ cấu công chức của UBND xã",
            vp,
            ["Đề án vị trí việc làm"],
            "6 tháng đầu năm",
        ),
        (
            Area.CIVIL_SERVICE,
            "Kiểm tra công vụ; nâng cao trách nhiệm, kỷ luật, kỷ cương hành chính",
            vp,
            ["Kế hoạch kiểm tra"],
            "Hàng quý",
        ),
        (
            Area.PUBLIC_FINANCE,
            "Công khai dự toán, quyết toán ngân sách xã theo quy định",
            "Công chức Tài chính – Kế toán",
            ["Quyết định công khai"],
            f"trước ngày {day(soon)}",
        ),
        (
            Area.DIGITAL_GOVERNMENT,
            "Số hóa hồ sơ, kết quả giải quyết TTHC tại Bộ phận Một cửa",
            "Bộ phận Một cửa",
            ["Báo cáo"],
            f"Trong năm {y}",
        ),
        (
            Area.DIGITAL_GOVERNMENT,
            "Cập nhật hồ sơ hộ tịch lên Cơ sở dữ liệu hộ tịch điện tử",
            tp,
            ["Báo cáo"],
            "khi có hướng dẫn",
        ),
        (
            Area.IMPACT,
            f"Đo lường sự hài lòng của người dân, tổ chức năm {y}",
            vp,
            ["Kế hoạch; phiếu khảo sát"],
            f"Trong năm {y}",
        ),
    ]


def _neighbour_plan(source: Plan, unit, ctx: DemoContext) -> Plan:
    existing = Plan.objects.filter(unit=unit, year=source.year, source_name=COPY_SOURCE).first()
    if existing is not None:
        return existing
    title = source.title.replace("xã Thạnh Tân", unit.name).replace("Xã Thạnh Tân", unit.name)
    if unit.parent is not None:  # a ward of Kiến Tường is not in Thành phố Tây Ninh
        parent = unit.parent.name
        title = title.replace("thành phố Tây Ninh", parent[:1].lower() + parent[1:])
    # named for its unit from the first event: its history never shows Thạnh Tân's title
    plan = copy_plan(source, year=source.year, by=None, unit=unit, title=title)
    plan.status = PlanStatus.ISSUED
    plan.source_name = COPY_SOURCE
    plan.issuer = f"UBND {unit.name}"
    plan.save()
    # The copy kept Thạnh Tân's posts; lead and coordinators are this unit's own posts.
    parties = list(TaskParty.objects.filter(task__plan=plan))
    for party in parties:
        party.post = match_post(unit, party.text)
    TaskParty.objects.bulk_update(parties, ["post"])
    return plan


# --- progress -----------------------------------------------------------------------------------


def _simulate(
    plan: Plan, ctx: DemoContext, rate: float, evidence_share: float, keep_open: int = 0
) -> None:
    """Progress on every occurrence so far; `keep_open` of the latest ones past their due
    date (within two months) stay unfinished, so a few things are overdue whatever the day."""
    occurrences = list(
        Occurrence.objects.live()
        .filter(plan=plan)
        .select_related("task", "plan__unit")
        .prefetch_related("task__parties__post")
        .order_by("due", "task__order", "pk")
    )
    if ProgressUpdate.objects.filter(occurrence__plan=plan).exists():
        return  # already simulated: the demo keeps what it made
    rng = random.Random(f"{plan.unit.code}-{plan.year}")
    today = ctx.today
    recent = [o for o in occurrences if o.due and today - dt.timedelta(days=60) <= o.due < today]
    forced_open = {o.pk for o in sorted(recent, key=lambda o: o.due, reverse=True)[:keep_open]}
    for occ in occurrences:
        reporter = _reporter(occ, ctx)
        if occ.due is None:
            if rng.random() < 0.4:
                _report(occ, reporter, today - dt.timedelta(days=rng.randint(5, 40)), 30, "ongoing")
            continue
        if occ.due < today:
            forced_late = occ.pk in forced_open
            if forced_late or rng.random() > rate:
                if rng.random() < 0.6 or forced_late:
                    when = min(occ.due - dt.timedelta(days=3), today - dt.timedelta(days=1))
                    _report(occ, reporter, when, rng.choice([30, 50, 60, 70]), "ongoing")
                continue
            late = rng.random() < 0.15
            done_on = (
                occ.due + dt.timedelta(days=rng.randint(1, 9))
                if late
                else occ.due - dt.timedelta(days=rng.randint(0, 8))
            )
            done_on = min(done_on, today - dt.timedelta(days=1))
            start = occ.period_start or done_on - dt.timedelta(days=20)
            midway = max(start, done_on - dt.timedelta(days=rng.randint(4, 15)))
            if midway < done_on and rng.random() < 0.6:
                _report(occ, reporter, midway, rng.choice([40, 50, 60]), "ongoing")
            attach = rng.random() < evidence_share
            _report(occ, reporter, done_on, 100, "done", evidence=attach, rng=rng)
        elif occ.due <= today + dt.timedelta(days=21):
            if rng.random() < 0.65:
                _lately(occ, reporter, today, rng, (1, 6), [20, 40, 60, 80])
        elif (occ.period_start or occ.due) <= today and rng.random() < 0.5:
            _lately(occ, reporter, today, rng, (3, 30), [10, 20, 30, 50])


def _lately(occ, by, today: dt.date, rng, days: tuple[int, int], percents: list[int]) -> None:
    """A task under way: one "ongoing" report a few `days` before today, at one of `percents`
    (the day drawn first, then the percent, as the demo always drew them)."""
    when = today - dt.timedelta(days=rng.randint(*days))
    _report(occ, by, when, rng.choice(percents), "ongoing")


NOTES = {
    "ongoing": [
        "Đang tổng hợp số liệu từ các bộ phận.",
        "Đã xây dựng dự thảo, đang xin ý kiến lãnh đạo.",
        "Đang triển khai theo kế hoạch.",
        "Đã họp triển khai, đang thực hiện.",
    ],
    "done": [
        "Đã hoàn thành, văn bản đã ban hành.",
        "Đã hoàn thành và gửi báo cáo về Phòng Nội vụ.",
        "Hoàn thành; đã đăng tải trên Cổng thông tin điện tử xã.",
    ],
}


def _reporter(occ: Occurrence, ctx: DemoContext):
    """The Tư pháp – Hộ tịch official reports on the tasks of that post in Thạnh Tân; the
    unit's focal point on the rest."""
    leads = [p for p in occ.task.parties.all() if p.role == PartyRole.LEAD]
    unit_code = occ.plan.unit.code
    if unit_code == "thanh-tan" and any(
        p.post and p.post.name == "Tư pháp – Hộ tịch" for p in leads
    ):
        return ctx.users.get("thanhtan.tuphap")
    if unit_code == "thanh-tan":
        return ctx.users.get("thanhtan")
    if unit_code == "phuong-2":
        return ctx.users.get("phuong2")
    return None


def _report(
    occ, by, day: dt.date, percent: int, kind: str, evidence: bool = False, rng=None
) -> None:
    notes = NOTES[kind]
    note = notes[(occ.pk + day.toordinal()) % len(notes)]
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + occ.pk % 7, (occ.pk * 7) % 60)))
    files = []
    if evidence:
        files.append(_evidence_for(occ, day, rng))
    actions.report_progress(
        occ,
        by=by,
        state=UpdateState.DONE if percent >= 100 else UpdateState.WORKING,
        percent=percent,
        note=note,
        evidence=files,
        at=at,
    )


def _evidence_for(occ, day: dt.date, rng) -> actions.EvidenceInput:
    product = (occ.task.products or ["Báo cáo"])[0]
    number = f"{rng.randint(10, 180)}/{'KH' if 'Kế hoạch' in product else 'BC'}-UBND"
    title = f"{product} — {occ.task.title[:120]}"
    if rng.random() < 0.3:
        upload = SimpleUploadedFile(
            "anh-hop-trien-khai.png", sample_png(rng), content_type="image/png"
        )
    else:
        upload = SimpleUploadedFile(
            f"{number.replace('/', '-')}.pdf",
            sample_pdf(title, number, day),
            content_type="application/pdf",
        )
    return actions.EvidenceInput(
        file=upload, title=title, number=number, issued_on=day, issuer=f"UBND {occ.plan.unit.name}"
    )
