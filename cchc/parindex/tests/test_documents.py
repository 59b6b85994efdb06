"""The self-assessment report and the appraisal notice as Word files in the Decree 30 layout:
what a reader finds in them, and who may download them."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from cchc.parindex import actions
from cchc.testing.documents import first_page_image, pdf_of

from .test_assessment import POINTS, _self_score, _through_appraisal

pytestmark = pytest.mark.django_db


def _docx(client, code="xa-a", kind=None):
    url = reverse("parindex:document", args=[code, 2026])
    return client.get(url, {"kind": kind} if kind else {})


def _text(response) -> tuple[str, list[list[str]]]:
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    doc = Document(io.BytesIO(response.content))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    header_cells = " ".join(c for row in cells for c in row)
    return paragraphs + "\n" + header_cells, cells


def test_the_self_assessment_report_lists_every_criterion_with_its_points_and_the_total(
    world, criteria_set, login
):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    _self_score(found, POINTS, world.people.focal)
    actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 1))
    text, cells = _text(_docx(login(world.people.focal)))
    # the commune's committee heads it as seed 000 does, not under the level above
    assert cells[0][0].splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "XÃ THẠNH TÂN"]
    assert "TÂY NINH" not in cells[0][0]
    assert "Thạnh Tân, ngày" in text and "- UBND thành phố Tây Ninh;" in text  # sent up to it
    assert "BÁO CÁO" in text
    assert "Kết quả tự đánh giá Chỉ số cải cách hành chính năm 2026" in text
    rows = {row[0]: row[1:] for row in cells if row and row[0][:1].isdigit()}
    assert rows["1.1. Ban hành kế hoạch CCHC năm"] == ["10", "10"]
    assert rows["1.2. Mức độ hoàn thành kế hoạch"] == ["10", "7,5"]
    assert rows["3.10. Tiếp nhận phản ánh"] == ["20", "15"]
    # 54.5 scored, rescaled without the survey to 100 (×100/70), then +2 −3: 76.86
    assert ["Tổng điểm (thang 100)", "100", "76,86"] in cells
    assert "Tổng điểm tự đánh giá: 76,86/100 điểm." in text


def test_the_appraisal_notice_shows_the_adjustments_with_their_reasons_and_the_final_score(
    world, criteria_set, login
):
    found = _through_appraisal(world, criteria_set)
    scores = {s.criterion.stt: s for s in found.scores.select_related("criterion")}
    actions.appraise(
        found,
        {scores["3.10"].criterion_id: (Decimal("12"), "Thiếu biên bản tiếp nhận")},
        by=world.people.district,
    )
    client = login(world.people.focal)
    assert _docx(client, kind="appraisal").status_code == 404  # not appraised to the end yet
    actions.open_explanation(found, by=world.people.district, deadline=dt.date(2026, 12, 28))
    actions.finalise(found, by=world.people.district, survey_points=Decimal("25"))
    text, cells = _text(_docx(client, kind="appraisal"))
    assert "THÔNG BÁO" in text
    assert cells[0][0].splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ TÂY NINH"]
    assert "Tây Ninh, ngày" in text and "- UBND xã Thạnh Tân;" in text
    assert "Tiêu chí 3.10: tự chấm 15, thẩm định 12." in text
    assert "Thiếu biên bản tiếp nhận" in text
    rows = {row[0]: row[1:] for row in cells if row and row[0][:1].isdigit()}
    assert rows["3.10. Tiếp nhận phản ánh"] == ["20", "15", "12", "12"]
    # 54.5 − 3 scored + 25 survey + 2 − 3 bonus/penalty
    assert "điểm cuối cùng: 75,5/100 điểm" in text


def test_the_word_files_are_scoped_like_the_page(world, criteria_set, login):
    found = _through_appraisal(world, criteria_set)
    actions.finalise(found, by=world.people.district, survey_points=None)
    assert _docx(login(world.people.outsider)).status_code == 404
    assert _docx(login(world.people.outsider), kind="appraisal").status_code == 404
    assert _docx(login(world.people.district), kind="appraisal").status_code == 200
    client = login(world.people.official)
    assert _docx(client, kind="nonsense").status_code == 404
    response = client.post(reverse("parindex:document", args=["xa-a", 2026]))
    assert response.status_code == 405


def test_libreoffice_opens_the_appraisal_notice_and_its_first_page_is_kept(
    world, criteria_set, login, tmp_path
):
    found = _through_appraisal(world, criteria_set)
    actions.finalise(found, by=world.people.district, survey_points=Decimal("25"))
    source = tmp_path / "tham-dinh.docx"
    source.write_bytes(_docx(login(world.people.focal), kind="appraisal").content)
    pdf = pdf_of(source)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert "THÔNG BÁO" in text and "3.10. Tiếp nhận phản ánh" in text
    assert first_page_image(pdf, "par-tham-dinh-trang-1").stat().st_size > 10_000
