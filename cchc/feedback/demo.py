"""Demo: a few months of citizens' feedback at Xã Thạnh Tân and Phường 2, some answered on
time, some late, some still waiting; senders are invented. Idempotent (codes are fixed)."""

from __future__ import annotations

import datetime as dt

from cchc.demo import DemoContext

from .actions import import_feedback
from .models import Feedback
from .reading import FeedbackRecord

# (unit, days ago received, days to answer or None, days from answer to publication or None,
#  field, unsatisfied, repeated)
ITEMS = [
    ("thanh-tan", 80, 9, 1, "Đất đai", False, False),
    ("thanh-tan", 70, 25, 2, "Xây dựng", True, False),
    ("thanh-tan", 55, 6, 5, "Hộ tịch", False, False),
    ("thanh-tan", 40, 12, 1, "Môi trường", False, True),
    ("thanh-tan", 30, None, None, "Giao thông", False, False),
    ("thanh-tan", 8, None, None, "Đất đai", False, False),
    ("thanh-tan", 3, 2, None, "Hộ tịch", False, False),
    ("phuong-2", 50, 8, 1, "Trật tự đô thị", False, False),
    ("phuong-2", 12, None, None, "Môi trường", False, False),
]
SENDERS = [
    ("Nguyễn Văn An", "Ấp Thạnh Hiệp", "0900 000 101"),
    ("Trần Thị Bình", "Ấp Thạnh Hòa", "0900 000 102"),
    ("Lê Văn Cường", "Ấp Thạnh Lộc", "0900 000 103"),
]


def load(ctx: DemoContext) -> None:
    records = []
    for n, (unit, ago, answer, publish, field, unsatisfied, repeated) in enumerate(ITEMS, 1):
        if unit not in ctx.units:
            continue
        received = ctx.today - dt.timedelta(days=ago)
        answered = received + dt.timedelta(days=answer) if answer is not None else None
        published = answered + dt.timedelta(days=publish) if answered and publish else None
        name, address, phone = SENDERS[n % len(SENDERS)]
        records.append(
            FeedbackRecord(
                row=n,
                code=f"PAKN-DEMO-{n:03d}",
                unit_code=unit,
                received=received,
                answered=answered,
                published=published,
                channel="Hộp thư góp ý",
                field=field,
                content=f"Phản ánh về lĩnh vực {field.lower()} (dữ liệu minh họa)",
                unsatisfied=unsatisfied,
                repeated=repeated,
                sender_name=name,
                sender_address=address,
                sender_phone=phone,
            )
        )
    if not records or Feedback.objects.filter(code=records[0].code).exists():
        return
    outcome = import_feedback(records, source=Feedback.Source.ENTRY, file_name="demo")
    ctx.say(f"Phản ánh, kiến nghị: {outcome.created} phản ánh minh họa")
