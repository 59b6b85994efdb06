"""An official reports progress with evidence; bad input is refused with a Vietnamese message
naming the field, and nothing — no row, no file — is saved."""

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.audit.models import AuditEvent
from cchc.evidence.models import Evidence
from cchc.tracking.choices import Status
from cchc.tracking.models import ProgressUpdate

from .conftest import docx_bytes, pdf_bytes, png_bytes, stored_files, upload, xlsx_bytes


def report_url(occ):
    return reverse("tracking:report", args=[occ.pk])


def test_an_official_reports_progress_on_a_task_of_their_post(follow, world, login, today):
    client = login(world.people.official)
    response = client.post(
        report_url(follow.justice_occ),
        {"state": "working", "percent": "40", "note": "Đã rà soát 12/30 văn bản"},
    )
    assert response.status_code == 302
    occ = follow.justice_occ
    occ.refresh_from_db()
    assert (occ.percent, occ.done_on) == (40, None)
    assert occ.status_on(today) == Status.DUE_SOON
    update = ProgressUpdate.objects.get(occurrence=occ)
    assert update.by == world.people.official and update.note == "Đã rà soát 12/30 văn bản"
    event = AuditEvent.objects.get(action="progress.report")
    assert event.user == world.people.official
    assert event.after["percent"] == 40 and event.after["task"] == follow.justice.pk
    page = client.get(response["Location"]).content.decode()
    assert "Đã rà soát 12/30 văn bản" in page
    assert "Đã lưu báo cáo tiến độ." in page


def test_reporting_completed_with_evidence_marks_it_done_on_time(follow, world, login, today):
    client = login(world.people.official)
    content = pdf_bytes()
    response = client.post(
        report_url(follow.justice_occ),
        {
            "state": "done",
            "percent": "100",
            "note": "Đã ban hành báo cáo",
            "evidence_file": upload("Báo cáo rà soát.pdf", content, "application/pdf"),
            "evidence_title": "Báo cáo kết quả rà soát văn bản QPPL",
            "evidence_number": "45/BC-UBND",
            "evidence_issued_on": today.isoformat(),
            "evidence_issuer": "UBND xã Thạnh Tân",
        },
    )
    assert response.status_code == 302
    occ = follow.justice_occ
    occ.refresh_from_db()
    assert occ.done_on == today and occ.status_on(today) == Status.DONE_ON_TIME
    evidence = Evidence.objects.get(progress_update__occurrence=occ)
    assert (evidence.number, evidence.issued_on, evidence.issuer) == (
        "45/BC-UBND",
        today,
        "UBND xã Thạnh Tân",
    )
    assert evidence.content_type == "application/pdf"
    assert (evidence.size, evidence.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert evidence.original_name == "Báo cáo rà soát.pdf"
    assert evidence.uploaded_by == world.people.official
    # Stored under a random name, not the one uploaded.
    assert "Báo cáo" not in evidence.file.name and evidence.file.name.endswith(".pdf")
    assert evidence.file.name.startswith("evidence/")
    page = client.get(response["Location"]).content.decode()
    assert "Báo cáo kết quả rà soát văn bản QPPL" in page and "45/BC-UBND" in page


def test_completed_after_the_due_date_is_done_late(follow, world, login, today):
    client = login(world.people.focal)
    client.post(report_url(follow.office_occ), {"state": "done", "percent": "100"})
    follow.office_occ.refresh_from_db()
    assert follow.office_occ.status_on(today) == Status.DONE_LATE


def test_completed_is_100_percent_and_a_lower_report_reopens_it(follow, world, login, today):
    client = login(world.people.official)
    # "completed" with 70% contradicts itself: refused, not turned into 100% behind one's back
    refused = client.post(report_url(follow.justice_occ), {"state": "done", "percent": "70"})
    assert refused.status_code == 400
    client.post(report_url(follow.justice_occ), {"state": "done", "percent": "100"})
    occ = follow.justice_occ
    occ.refresh_from_db()
    assert occ.percent == 100 and occ.done_on == today
    client.post(report_url(occ), {"state": "working", "percent": "80", "note": "Phải sửa lại"})
    occ.refresh_from_db()
    assert occ.done_on is None and occ.percent == 80


def test_a_later_completed_report_does_not_move_the_done_day(follow, world):
    from cchc.tracking import actions

    occ = follow.justice_occ
    first = timezone.now() - dt.timedelta(days=3)
    actions.report_progress(occ, by=world.people.official, state="done", percent=100, at=first)
    actions.report_progress(occ, by=world.people.official, state="done", percent=100)
    occ.refresh_from_db()
    assert occ.done_on == timezone.localdate(first)


def test_after_a_reopening_the_done_day_is_the_first_of_the_latest_completed_reports(follow, world):
    from cchc.tracking import actions

    occ, official = follow.justice_occ, world.people.official
    now = timezone.now()
    # sent out of order: what counts is the time each report gives
    for days_ago, state, percent in [
        (6, "done", 100),
        (4, "working", 90),  # reopened
        (5, "done", 100),
        (2, "done", 100),
        (3, "done", 100),  # done again from here
    ]:
        actions.report_progress(
            occ, by=official, state=state, percent=percent, at=now - dt.timedelta(days=days_ago)
        )
    occ.refresh_from_db()
    assert occ.done_on == timezone.localdate(now - dt.timedelta(days=3))
    assert (occ.percent, occ.state, occ.last_update_at) == (100, "done", now - dt.timedelta(days=2))


@pytest.mark.parametrize("percent", ["-5", "101", "abc", ""])
def test_a_percentage_outside_0_to_100_is_refused_and_nothing_saved(
    follow, world, login, percent, settings
):
    client = login(world.people.official)
    response = client.post(
        report_url(follow.justice_occ),
        {
            "state": "working",
            "percent": percent,
            "evidence_file": upload("bc.pdf", pdf_bytes(), "application/pdf"),
            "evidence_title": "Báo cáo",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tỷ lệ hoàn thành: nhập số nguyên từ 0 đến 100." in page
    assert "Chưa lưu gì" in page
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()
    assert stored_files(settings) == []


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def _zip_without_office_parts() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "không phải tài liệu Word")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", EXE),  # a program renamed .pdf
        ("setup.exe", EXE),
        ("bao-cao.pdf", HTML),  # a web page disguised as a PDF
        ("bao-cao.docx", _zip_without_office_parts()),  # a zip called .docx
        ("bao-cao.xlsx", b"PK\x03\x04 not really a zip"),
        ("anh.jpg", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),  # a GIF: not an accepted type
    ],
    # named, not by their bytes: a zip made at collection carries the time it was made, and
    # two test processes collecting a second apart would disagree on the tests' names
    ids=["program-as-pdf", "program", "web-page-as-pdf", "zip-as-docx", "not-a-zip", "gif-as-jpg"],
)
def test_a_forbidden_file_type_is_refused_by_its_content(
    follow, world, login, name, content, settings
):
    client = login(world.people.official)
    response = client.post(
        report_url(follow.justice_occ),
        {
            "state": "working",
            "percent": "50",
            "evidence_file": upload(name, content, "application/pdf"),
            "evidence_title": "Minh chứng",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp minh chứng:" in page
    assert "không được chấp nhận" in page and name in page
    assert not ProgressUpdate.objects.exists()
    assert stored_files(settings) == []


def test_a_file_over_the_size_limit_is_refused(follow, world, login, settings):
    settings.MAX_UPLOAD_MB = 1
    big = pdf_bytes() + b"%" * (1024 * 1024 + 10)
    client = login(world.people.official)
    response = client.post(
        report_url(follow.justice_occ),
        {
            "state": "working",
            "percent": "50",
            "evidence_file": upload("lon.pdf", big, "application/pdf"),
            "evidence_title": "Báo cáo",
        },
    )
    assert response.status_code == 400
    assert "vượt giới hạn 1 MB" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("bao-cao.docx", docx_bytes(), ".docx"),
        ("so-lieu.xlsx", xlsx_bytes(), ".xlsx"),
        ("anh-hop.png", png_bytes(), ".png"),
        ("anh.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 40, ".jpg"),
        ("tai-lieu-khong-duoi", pdf_bytes(), ".pdf"),
    ],
    ids=["docx", "xlsx", "png", "jpg-in-capitals", "pdf-without-extension"],  # not the bytes
)
def test_accepted_types_are_recognised_by_content(follow, world, login, name, content, extension):
    client = login(world.people.official)
    response = client.post(
        report_url(follow.justice_occ),
        {
            "state": "working",
            "percent": "50",
            "evidence_file": upload(name, content),
            "evidence_title": "Minh chứng",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.extension == extension and evidence.file.name.endswith(extension)


def test_evidence_without_a_description_or_a_description_without_a_file_is_refused(
    follow, world, login, settings
):
    client = login(world.people.official)
    no_title = client.post(
        report_url(follow.justice_occ),
        {"state": "working", "percent": "50", "evidence_file": upload("a.pdf", pdf_bytes())},
    )
    assert no_title.status_code == 400
    assert "Nhập tên (trích yếu) của tài liệu minh chứng." in no_title.content.decode()
    no_file = client.post(
        report_url(follow.justice_occ),
        {"state": "working", "percent": "50", "evidence_number": "12/KH-UBND"},
    )
    assert no_file.status_code == 400
    assert "Chọn tệp minh chứng cho tài liệu này." in no_file.content.decode()
    assert not ProgressUpdate.objects.exists() and stored_files(settings) == []


def test_a_failure_while_saving_leaves_no_file_behind(follow, world, settings, monkeypatch):
    from cchc.tracking import actions

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(actions, "record", broken)
    with pytest.raises(RuntimeError):
        actions.report_progress(
            follow.justice_occ,
            by=world.people.official,
            state="working",
            percent=10,
            evidence=[actions.EvidenceInput(file=upload("a.pdf", pdf_bytes()), title="BC")],
        )
    assert not ProgressUpdate.objects.exists()
    assert stored_files(settings) == []


def test_the_download_carries_the_original_name_and_the_real_type(follow, world, login):
    client = login(world.people.official)
    client.post(
        report_url(follow.justice_occ),
        {
            "state": "working",
            "percent": "50",
            "evidence_file": upload("Biên bản họp.docx", pdf_bytes()),  # really a PDF
            "evidence_title": "Biên bản",
        },
    )
    evidence = Evidence.objects.get()
    response = client.get(reverse("evidence:download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in disposition
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_periods_evidence_is_its_reports_and_what_was_left_on_it_not_another_periods(
    follow, world
):
    from cchc.tracking import actions

    occurrences = list(follow.monthly.occurrences.order_by("due"))
    first, second = occurrences[0], occurrences[1]
    official = world.people.official
    for occ, number in [(first, "1/BC"), (second, "2/BC")]:
        actions.report_progress(
            occ,
            by=official,
            state="working",
            percent=40,
            evidence=[
                actions.EvidenceInput(
                    file=upload(f"{number[0]}.pdf", pdf_bytes()), title="Báo cáo", number=number
                )
            ],
        )
    # evidence kept on the period itself (from before evidence went on the reports)
    Evidence.objects.create(owner=first, unit=first.plan.unit, title="Biên bản cũ")
    Evidence.objects.create(owner=second, unit=second.plan.unit, title="Biên bản khác")
    assert {str(e) for e in first.evidence()} == {"1/BC Báo cáo", "Biên bản cũ"}
