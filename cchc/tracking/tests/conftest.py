"""A current-year issued plan of the test commune with three tasks, and evidence files."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cchc.plans.choices import Area, PlanStatus
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking.schedule import sync_plan


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def follow(world, today):
    """Xã Thạnh Tân's plan: one task of Tư pháp due in three days, one of Văn phòng overdue by
    five days, one monthly task of Tư pháp."""
    plan = PlanFactory(
        unit=world.commune,
        year=today.year,
        status=PlanStatus.ISSUED,
        title=f"Kế hoạch CCHC năm {today.year} xã Thạnh Tân",
    )
    soon = today + dt.timedelta(days=3)
    late = today - dt.timedelta(days=5)
    justice = TaskFactory(
        plan=plan,
        area=Area.INSTITUTIONS,
        title="Rà soát văn bản quy phạm pháp luật của xã",
        deadline_text=f"trước ngày {soon:%d/%m/%Y}",
        due=soon,
        leads=["Tư pháp – Hộ tịch"],
    )
    office = TaskFactory(
        plan=plan,
        area=Area.DIRECTION,
        title="Xây dựng kế hoạch tuyên truyền CCHC",
        deadline_text=f"trước ngày {late:%d/%m/%Y}",
        due=late,
        leads=["Văn phòng – Thống kê"],
    )
    monthly = TaskFactory(
        plan=plan,
        area=Area.PROCEDURES,
        title="Công khai kết quả giải quyết TTHC trên Cổng thông tin điện tử",
        deadline_text="Hàng tháng",
        due=None,
        leads=["Tư pháp – Hộ tịch"],
    )
    sync_plan(plan)
    return SimpleNamespace(
        plan=plan,
        justice=justice,
        office=office,
        monthly=monthly,
        justice_occ=justice.occurrences.get(),
        office_occ=office.occurrences.get(),
        soon=soon,
        late=late,
    )


@pytest.fixture
def undated(follow):
    """A task of the followed plan with no due date, only the plan's words for it."""
    task = TaskFactory(
        plan=follow.plan,
        title="Xây dựng văn bản QPPL theo yêu cầu",
        deadline_text="Theo quy định của cấp trên",
        due=None,
        leads=["Tư pháp – Hộ tịch"],
    )
    sync_plan(follow.plan)
    return task


def pdf_bytes() -> bytes:
    from cchc.tracking.demo_files import sample_pdf

    return sample_pdf("Kế hoạch tuyên truyền", "12/KH-UBND", dt.date(2024, 3, 1))


def png_bytes() -> bytes:
    import random

    from cchc.tracking.demo_files import sample_png

    return sample_png(random.Random(1))


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Báo cáo kết quả rà soát văn bản")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Số liệu"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(settings) -> list:
    from pathlib import Path

    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
