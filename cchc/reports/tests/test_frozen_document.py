"""The Word document is frozen at submission: stored as a file with its checksum, and every
later download (page and command line) returns exactly that file though the data change."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from cchc import periods
from cchc.audit.models import AuditEvent
from cchc.evidence.models import Evidence
from cchc.figures.actions import enter_figure
from cchc.figures.models import FigureDefinition
from cchc.reports import actions, content
from cchc.reports import document as word
from cchc.reports.models import Report

from .conftest import done, signed_draft


def text_of(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


@pytest.fixture
def submitted(thanh_tan):
    world = thanh_tan.world
    draft = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    return actions.submit(draft, by=world.people.focal)


def test_submitting_stores_the_word_file_with_its_checksum(submitted, thanh_tan):
    report = Report.objects.get(pk=submitted.pk)
    stored = report.document
    assert stored is not None and stored.owner == report and stored.unit == report.unit
    with stored.file.open("rb") as handle:
        data = handle.read()
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data) and stored.extension == ".docx"
    assert "nhiệm vụ đến hạn" in text_of(data)
    event = AuditEvent.objects.filter(action="report.submit").get()
    assert event.after["document_sha256"] == stored.sha256


def test_the_word_file_has_the_official_header_title_and_date(thanh_tan):
    world = thanh_tan.world
    draft = signed_draft(world, "31/BC-UBND", {})
    data = word.word_file(actions.submit(draft, by=world.people.focal))
    document = Document(io.BytesIO(data))
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    # as the commune heads its documents (seed 000), the level above not written over it
    left = document.tables[0].rows[0].cells[0].text.splitlines()
    assert left[:2] == ["ỦY BAN NHÂN DÂN", "XÃ THẠNH TÂN"] and "TÂY NINH" not in header
    assert "Số: 31/BC-UBND" in header
    assert "Thạnh Tân, ngày 08 tháng 3 năm 2024" in header
    text = text_of(data)
    assert "BÁO CÁO\nCông tác cải cách hành chính quý I năm 2024" in text
    assert "Căn cứ Kế hoạch" in text
    assert "PHỤ LỤC" in text and "2024-03-08" not in text + header


def test_a_drafts_date_is_left_blank_to_fill_by_hand(thanh_tan):
    world = thanh_tan.world
    draft = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    document = Document(io.BytesIO(word.word_file(draft)))
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "ngày      tháng      năm 2024" in header


def test_downloads_after_submission_return_the_frozen_file_though_the_data_change(
    submitted, thanh_tan, login, tmp_path
):
    world = thanh_tan.world
    client = login(world.people.focal)
    first = client.get(f"/reports/{submitted.pk}/report.docx").content
    frozen_text = text_of(first)
    # the data change after submission: a task reported done in the window, and a figure
    done(thanh_tan.in_window[2], world.people.focal, "2024-02-01")
    enter_figure(
        FigureDefinition.objects.get(code="meetings_dialogues"),
        world.commune,
        periods.month(2024, 1),
        numerator=4,
        denominator=None,
        by=world.people.focal,
        document="Biên bản hội nghị",
    )
    report = Report.objects.get(pk=submitted.pk)
    rendered_now = text_of(word.render(report, content.assemble(report)))
    assert "Tổ chức 4 cuộc hội nghị" in rendered_now  # what a new rendering would say
    later = client.get(f"/reports/{submitted.pk}/report.docx").content
    assert later == first  # byte for byte
    assert text_of(later) == frozen_text and "Tổ chức 4 cuộc hội nghị" not in frozen_text
    reviewer = login(world.people.district).get(f"/reports/{submitted.pk}/report.docx")
    assert reviewer.content == first
    out = tmp_path / "bc.docx"
    call_command("report", unit="xa-a", period="2024-Q1", format="docx", output=str(out))
    assert out.read_bytes() == first


def test_a_damaged_frozen_file_is_refused_not_served(submitted, thanh_tan, login, tmp_path):
    stored = Report.objects.get(pk=submitted.pk).document
    with stored.file.open("wb") as handle:
        handle.write(b"PK\x03\x04 altered")
    response = login(thanh_tan.world.people.focal).get(f"/reports/{submitted.pk}/report.docx")
    assert response.status_code == 302
    page = login(thanh_tan.world.people.focal).get(response["Location"]).content.decode()
    assert "mã kiểm tra" in page
    with pytest.raises(CommandError, match="mã kiểm tra"):
        call_command(
            "report", unit="xa-a", period="2024-Q1", format="docx", output=str(tmp_path / "x")
        )


def test_a_returned_report_is_a_draft_again_and_resubmitting_freezes_a_new_file(
    submitted, thanh_tan
):
    world = thanh_tan.world
    first = Report.objects.get(pk=submitted.pk).document
    actions.return_report(submitted, by=world.people.district, comment="Bổ sung số liệu.")
    done(thanh_tan.in_window[2], world.people.focal, "2024-02-01")
    returned = Report.objects.get(pk=submitted.pk)
    assert "hoàn thành 2" in text_of(word.word_file(returned))  # the draft rendered now
    again = actions.submit(returned, by=world.people.focal)
    assert again.document_id != first.pk
    assert Evidence.objects.filter(pk=first.pk).exists()  # the first submission is kept
    assert "hoàn thành 2" in text_of(word.word_file(Report.objects.get(pk=submitted.pk)))
    assert "hoàn thành 1" in text_of(first.file.open("rb").read())
