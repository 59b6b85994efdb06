"""Demo of a plan's life (decision 0050), called by the importer's demo once the seed plans
exist (plans' own demo runs before them): Xã Thạnh Tân's plan in force gets one issued
amendment, and next year's plan is drafted, submitted and appraised by the city's home-affairs
office ("cần chỉnh sửa", with comments beside two rows and the commune's answer)."""

from __future__ import annotations

import datetime as dt

from .actions import (
    answer_comment,
    appraise_plan,
    copy_plan,
    issue_amendment,
    open_amendment,
    save_task,
    submit_plan,
)
from .choices import Area, Verdict
from .models import AppraisalComment, Plan, Task


def show(ctx, current: Plan) -> None:
    focal, leader = ctx.users.get("thanhtan"), ctx.users.get("thanhtan.chutich")
    reviewer = ctx.users.get("noivu.tayninh")
    if None in (focal, leader, reviewer):
        return
    if not current.amendments.exists():
        amendment = open_amendment(
            current, by=focal, reason="Bổ sung nhiệm vụ theo chỉ đạo của UBND Thành phố"
        )
        save_task(
            Task(
                plan=current,
                area=Area.DIGITAL_GOVERNMENT,
                ref="BS1",
                title="Triển khai thanh toán trực tuyến phí, lệ phí tại Bộ phận Một cửa",
                deadline_text=f"Quý IV/{current.year}",
                due=dt.date(current.year, 12, 31),
            ),
            by=focal,
            leads=["Văn phòng – Thống kê"],
        )
        issue_amendment(
            amendment,
            by=leader,
            number="48/KH-UBND",
            # mid-year, or today when the demo is loaded before then: a signed date is never
            # a day to come (the action refuses it, decision 0177)
            issued_on=min(ctx.today, ctx.today.replace(month=6, day=10)),
            signer="Lê Văn Hùng",
        )
    year = current.year + 1
    if Plan.objects.filter(unit=current.unit, year=year).exists():
        return
    draft = copy_plan(current, year=year, by=focal)
    submit_plan(draft, by=focal)
    task = draft.tasks.order_by("order").first()
    target = draft.targets.order_by("order").first()
    appraise_plan(
        draft,
        by=reviewer,
        verdict=Verdict.REVISE,
        note="Đề nghị xã bổ sung sản phẩm đầu ra và nâng chỉ tiêu thanh toán trực tuyến.",
        task_comments={task.pk: "Ghi rõ sản phẩm đầu ra (kế hoạch, báo cáo)."} if task else {},
        target_comments={target.pk: "Chỉ tiêu thấp hơn chỉ tiêu của Thành phố."} if target else {},
    )
    comment = AppraisalComment.objects.filter(appraisal__plan=draft, task=task).first()
    if comment is not None:
        answer_comment(comment, by=focal, answer="Đã bổ sung sản phẩm: kế hoạch tuyên truyền.")
