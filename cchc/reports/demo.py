"""Demo reports: Xã Thạnh Tân's Q1/2024 report (seed 000's window, 15/12/2023 → 29/02/2024)
submitted, and this year's Q1 report as a draft with its text started. Idempotent."""

from __future__ import annotations

from cchc.demo import DemoContext

from . import actions
from .models import Report


def load(ctx: DemoContext) -> None:
    unit = ctx.units.get("thanh-tan")
    user = ctx.users.get("thanhtan")
    if unit is None or user is None:
        return
    past = actions.open_report(unit, "q1", 2024, by=user)
    if past.status == "draft":
        actions.edit(
            past,
            by=user,
            number="31/BC-UBND",
            place="Thạnh Tân",
            signed_on=past.due,
            text={
                "achievements": "Các nhiệm vụ trọng tâm quý I được triển khai đúng kế hoạch.",
                "shortcomings": "Một số hồ sơ còn giải quyết trễ hạn.",
                "proposals": "Đề nghị bổ sung thiết bị số hóa cho Bộ phận Một cửa.",
            },
        )
        actions.submit(past, by=user)
    if ctx.today.year != 2024:
        current = actions.open_report(unit, "q1", ctx.today.year, by=user)
        if not (current.narrative or {}).get("direction"):
            actions.edit(
                current,
                by=user,
                number="",
                place="Thạnh Tân",
                signed_on=None,
                text={"direction": "UBND xã ban hành kế hoạch và phân công nhiệm vụ."},
            )
    ctx.say(f"Báo cáo định kỳ: {Report.objects.count()}")
