"""Demo: the living plan's targets measured — links confirmed, figures entered with evidence.

The importer already suggested an indicator for the targets whose words name one; here the
focal point of Xã Thạnh Tân has confirmed the on-time target and entered, with their evidence,
two figures no dossier data measures. Idempotent: nothing is added twice.
"""

from __future__ import annotations

import datetime as dt

from cchc.demo import DemoContext
from cchc.formats import day

from .actions import add_figure

FIGURES = [
    # words of the target, value, how it was counted, evidence
    (
        "được tự kiểm tra kịp thời",
        100,
        "4/4 văn bản QPPL ban hành trong kỳ đã được tự kiểm tra.",
        "Báo cáo số 15/BC-UBND về công tác kiểm tra văn bản QPPL",
    ),
    (
        "ký số bằng chữ ký số",
        92,
        "1.104/1.200 văn bản đi được ký số (trừ văn bản mật).",
        "Thống kê từ hệ thống quản lý văn bản và điều hành",
    ),
]


def load(ctx: DemoContext) -> None:
    plan = ctx.plans.get("current")
    if plan is None:
        return
    focal = ctx.users.get("thanhtan")
    on_time = plan.targets.filter(indicator__code="on_time_rate").first()
    if on_time is not None and not on_time.indicator_confirmed:
        on_time.indicator_confirmed = True
        on_time.save(update_fields=["indicator_confirmed"])
    as_of = max(dt.date(plan.year, 1, 31), ctx.today.replace(day=1) - dt.timedelta(days=1))
    added = 0
    for words, value, note, document in FIGURES:
        target = plan.targets.filter(text__contains=words, indicator__isnull=True).first()
        if target is None or target.figures.exists():
            continue
        add_figure(
            target,
            as_of=min(as_of, dt.date(plan.year, 12, 31)),
            value=value,
            note=note,
            document=f"{document} ngày {day(as_of)}",
            by=focal,
        )
        added += 1
    linked = plan.targets.filter(indicator__isnull=False).count()
    ctx.say(f"Chỉ tiêu: {linked} chỉ tiêu đo từ dữ liệu hồ sơ, {added} số liệu nhập tay mới")
