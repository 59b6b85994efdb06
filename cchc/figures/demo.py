"""Demo: the focal point of Xã Thạnh Tân has entered a few figures of the last quarters, with
their evidence. Idempotent: an entry already there is left as it is."""

from __future__ import annotations

from cchc import periods
from cchc.demo import DemoContext

from .actions import enter_figure
from .models import FigureDefinition, FigureEntry

# code, quarters back from the current one, numerator, denominator, evidence document
ENTRIES = [
    ("legal_docs_issued", 1, 2, None, "Nghị quyết số 05/NQ-HĐND, Quyết định số 12/QĐ-UBND"),
    ("legal_docs_self_checked", 1, 2, 2, "Báo cáo số 15/BC-UBND về tự kiểm tra văn bản"),
    ("inspections_held", 1, 1, 1, "Kế hoạch kiểm tra CCHC số 08/KH-UBND"),
    ("news_items", 1, 6, None, ""),
    ("communication_sessions", 1, 2, None, "Biên bản buổi tuyên truyền ngày 20 tại ấp"),
    ("meetings_dialogues", 2, 1, None, "Biên bản đối thoại với Nhân dân"),
    ("staff_trained", 2, 5, 18, ""),
]


def load(ctx: DemoContext) -> None:
    unit = ctx.units.get("thanh-tan")
    focal = ctx.users.get("thanhtan")
    if unit is None or focal is None:
        return
    current = (ctx.today.month - 1) // 3
    added = 0
    for code, back, numerator, denominator, document in ENTRIES:
        index = ctx.today.year * 4 + current - back
        period = periods.quarter(index // 4, index % 4 + 1)
        definition = FigureDefinition.objects.filter(code=code).order_by("-version").first()
        if (
            definition is None
            or FigureEntry.objects.filter(
                definition=definition, unit=unit, period_key=period.key
            ).exists()
        ):
            continue
        enter_figure(
            definition,
            unit,
            period,
            numerator=numerator,
            denominator=denominator,
            by=focal,
            document=document,
        )
        added += 1
    ctx.say(f"Số liệu ngoài hồ sơ: {added} số liệu mới của Xã Thạnh Tân")
