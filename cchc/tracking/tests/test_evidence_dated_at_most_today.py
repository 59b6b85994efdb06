"""Evidence of progress is a document already issued: a document date still to come (the
year mistyped) used to be saved as it was; the form now refuses it, naming the box and today,
and nothing is recorded (decision 0172)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.evidence.models import Evidence
from cchc.formats import day
from cchc.tracking.models import ProgressUpdate

from .conftest import pdf_bytes, upload
from .test_progress import report_url

pytestmark = pytest.mark.django_db


def _report(client, occ, dated: dt.date):
    return client.post(
        report_url(occ),
        {
            "state": "done",
            "percent": "100",
            "note": "Đã ban hành báo cáo",
            "evidence_file": upload("Báo cáo.pdf", pdf_bytes(), "application/pdf"),
            "evidence_title": "Báo cáo kết quả rà soát văn bản QPPL",
            "evidence_number": "45/BC-UBND",
            "evidence_issued_on": day(dated),
            "evidence_issuer": "UBND xã Thạnh Tân",
        },
    )


def test_evidence_dated_after_today_is_refused_with_the_reason(follow, world, login, today):
    response = _report(
        login(world.people.official), follow.justice_occ, dt.date(today.year + 1, 1, 5)
    )
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert f"Ngày ban hành: văn bản đã ký không thể mang ngày sau hôm nay ({day(today)})" in page
    assert not ProgressUpdate.objects.filter(occurrence=follow.justice_occ).exists()
    assert not Evidence.objects.exists()


def test_evidence_dated_today_is_kept(follow, world, login, today):
    response = _report(login(world.people.official), follow.justice_occ, today)
    assert response.status_code == 302
    assert Evidence.objects.get().issued_on == today
