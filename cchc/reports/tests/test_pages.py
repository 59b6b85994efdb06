"""Every report page checks scope: outsiders get 404, those who may only read get 403, a
wrong method 405; the pages' queries are bounded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.audit.models import AuditEvent
from cchc.notifications.models import Notification
from cchc.plans.models import ReportingPeriod
from cchc.reports import actions, reminders
from cchc.reports.models import Report
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking.schedule import sync_tasks

from .conftest import q1_window_of_seed_000


@pytest.fixture
def draft(world):
    plan = PlanFactory(unit=world.commune, year=2024, status="issued")
    task = TaskFactory(plan=plan, due=dt.date(2024, 2, 10), leads=["Văn phòng – Thống kê"])
    sync_tasks([task])
    return actions.open_report(world.commune, "q1", 2024, by=world.people.focal)


def test_the_focal_point_reads_edits_and_submits_the_report(
    world, draft, login, django_assert_max_num_queries
):
    client = login(world.people.focal)
    with django_assert_max_num_queries(40):
        page = client.get(f"/reports/{draft.pk}/")
    assert page.status_code == 200
    assert "BÁO CÁO" in page.content.decode() and "Nơi nhận" in page.content.decode()
    response = client.post(
        f"/reports/{draft.pk}/edit", {"number": "5/BC-UBND", "proposals": "Đề nghị cấp máy scan."}
    )
    assert response.status_code == 302
    assert Report.objects.get(pk=draft.pk).narrative["proposals"] == "Đề nghị cấp máy scan."
    assert client.post(f"/reports/{draft.pk}/submit").status_code == 302
    assert Report.objects.get(pk=draft.pk).status == "submitted"
    refused = client.post(f"/reports/{draft.pk}/edit", {"number": "6/BC-UBND"})
    assert refused.status_code == 400
    assert "đã được gửi" in refused.content.decode()
    assert Report.objects.get(pk=draft.pk).number == "5/BC-UBND"


@pytest.mark.parametrize("suffix", ["", "tables.xlsx"])
def test_reading_pages_are_hidden_from_outsiders(world, draft, login, suffix):
    assert login(world.people.outsider).get(f"/reports/{draft.pk}/{suffix}").status_code == 404
    assert login(world.people.district).get(f"/reports/{draft.pk}/{suffix}").status_code == 200


@pytest.mark.parametrize("action", ["edit", "window", "submit"])
def test_writing_is_for_the_unit_only(world, draft, login, action):
    assert login(world.people.outsider).post(f"/reports/{draft.pk}/{action}").status_code == 404
    assert login(world.people.official).post(f"/reports/{draft.pk}/{action}").status_code == 403
    if action != "submit":  # the leader signs the report off (below), not writes it
        assert login(world.people.leader).post(f"/reports/{draft.pk}/{action}").status_code == 403
    assert login(world.people.district).post(f"/reports/{draft.pk}/{action}").status_code == 403
    assert login(world.people.focal).get(f"/reports/{draft.pk}/{action}").status_code == 405
    assert Report.objects.get(pk=draft.pk).status == "draft"


@pytest.mark.parametrize("action", ["accept", "return"])
def test_reviewing_is_for_the_level_above_only(world, draft, login, action):
    actions.submit(draft, by=world.people.focal)
    data = {"comment": "Bổ sung."}
    assert (
        login(world.people.outsider).post(f"/reports/{draft.pk}/{action}", data).status_code == 404
    )
    assert login(world.people.focal).post(f"/reports/{draft.pk}/{action}", data).status_code == 403
    assert login(world.people.district).get(f"/reports/{draft.pk}/{action}").status_code == 405
    assert Report.objects.get(pk=draft.pk).status == "submitted"
    assert (
        login(world.people.district).post(f"/reports/{draft.pk}/{action}", data).status_code == 302
    )
    assert (
        Report.objects.get(pk=draft.pk).status
        == {"accept": "accepted", "return": "returned"}[action]
    )


def test_the_xlsx_holds_the_figure_tables(world, draft, login):
    import io

    from openpyxl import load_workbook

    response = login(world.people.focal).get(f"/reports/{draft.pk}/tables.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "Biểu 1. Kết quả thực hiện nhiệm vụ trong kỳ"
    # one task due 10/2, not done: the counts are numbers a reader can sum, not text
    assert [c.value for c in sheet[4]] == [1, 0, 0, 1]
    assert book.sheetnames[:2] == ["Biểu 1", "Biểu 2"]  # named with their diacritics
    indicators = book["Biểu 2"]
    assert [c.value for c in indicators[3]] == ["Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ"]
    names = [row[0].value for row in indicators.iter_rows(min_row=4)]
    assert "Số hồ sơ tiếp nhận" in names and "dossiers_received" not in names  # no raw codes
    rate = indicators["D4"]  # "—" without dossiers, else a percent stored as a number
    assert rate.value == "—" or (isinstance(rate.value, float) and rate.number_format == "0.00%")
    # a count divides nothing: its number alone, no denominator, no "100,00%"
    received = next(
        r for r in indicators.iter_rows(min_row=4) if r[0].value == "Số hồ sơ tiếp nhận"
    )
    assert [c.value for c in received[2:]] == ["—", "—"]


def test_the_report_writes_a_count_as_a_count_and_figures_as_a_document_does():
    from cchc.reports.document import _indicator_table

    table = _indicator_table(
        {
            "indicator_names": {
                "dossiers_received": "Số hồ sơ tiếp nhận",
                "on_time_rate": "Đúng hạn",
            },
            "indicator_counts": ["dossiers_received"],
            "indicators": {
                "dossiers_received": {"numerator": 6053, "denominator": 6053, "value": 100.0},
                "on_time_rate": {"numerator": 5833, "denominator": 6032, "value": 96.7009},
            },
        }
    )
    assert table["rows"] == [
        ["Số hồ sơ tiếp nhận", "6.053", "—", "—"],  # before: "6053", "6053", "100,00%"
        ["Đúng hạn", "5.833", "6.032", "96,70%"],
    ]


def test_unit_pages_and_the_compiled_report_are_scoped(
    world, draft, login, django_assert_max_num_queries
):
    district = login(world.people.district)
    with django_assert_max_num_queries(40):
        page = district.get("/units/thanh-pho/reports/?year=2024&kind=q1")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Xã Thạnh Tân" in text and "Phường 2" in text
    with django_assert_max_num_queries(60):
        assert district.get("/units/thanh-pho/reports/2024-Q1/compiled").status_code == 200
    outsider = login(world.people.outsider)
    assert outsider.get("/units/xa-a/reports/").status_code == 404
    assert outsider.get("/units/thanh-pho/reports/2024-Q1/compiled").status_code == 404
    assert outsider.get("/units/xa-a/reports/2024-Q1/").status_code == 404
    district = login(world.people.district)
    assert district.post("/units/thanh-pho/reports/").status_code == 405
    assert district.get("/units/thanh-pho/reports/2024-Q7/").status_code == 404
    assert district.post("/units/xa-a/reports/2024-H1/").status_code == 403


def test_opening_a_report_is_a_post_and_the_preview_writes_nothing(world, login):
    client = login(world.people.focal)
    assert client.get("/units/xa-a/reports/2024-H1/").status_code == 200
    assert not Report.objects.filter(kind="h1").exists()
    assert login(world.people.leader).post("/units/xa-a/reports/2024-H1/").status_code == 403
    client = login(world.people.focal)
    assert client.delete("/units/xa-a/reports/2024-H1/").status_code == 405
    response = client.post("/units/xa-a/reports/2024-H1/")
    report = Report.objects.get(kind="h1", unit=world.commune)
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert (report.start, report.end, report.due) == (
        dt.date(2023, 12, 15),
        dt.date(2024, 6, 14),
        dt.date(2024, 6, 20),
    )


def test_a_plan_with_a_due_date_only_ends_the_window_before_it(world):
    plan = PlanFactory(unit=world.commune, year=2023, status="issued")
    ReportingPeriod.objects.create(
        plan=plan, kind="q1", name="Quý I/2023", due=dt.date(2023, 2, 28)
    )
    report = actions.open_report(world.commune, "q1", 2023, by=world.people.focal)
    assert (report.start, report.end, report.due) == (
        dt.date(2022, 12, 15),
        dt.date(2023, 2, 27),
        dt.date(2023, 2, 28),
    )


def test_the_focal_point_sees_the_due_report_in_my_tasks_and_is_reminded(world):
    today = dt.date(2024, 3, 15)
    plan = PlanFactory(unit=world.commune, year=2024, status="issued")
    q1_window_of_seed_000(plan)
    from cchc.reports.my_work import _items

    items = _items(world.people.focal, today)
    assert [(i.title, i.due) for i in items] == [
        ("Báo cáo công tác cải cách hành chính quý I năm 2024", dt.date(2024, 3, 11))
    ]
    assert _items(world.people.outsider, today) == []
    # Thạnh Tân's report is overdue (11/3); Phường 2's, national, is due on 20/3
    assert reminders.run(today) == 2
    assert Notification.objects.get(user=world.people.outsider).title.startswith("Sắp đến hạn")
    assert reminders.run(today) == 0  # idempotent
    report = Report.objects.get(unit=world.commune, kind="q1", year=2024)
    notice = Notification.objects.get(user=world.people.focal)
    assert notice.title.startswith("Quá hạn")
    actions.submit(report, by=world.people.focal)
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert _items(world.people.focal, today) == []


def test_my_tasks_lists_the_reports_due(world, login):
    from django.utils import timezone

    today = timezone.localdate()
    Report.objects.create(
        unit=world.commune, kind="q1", year=today.year, start=today, end=today, due=today
    )
    text = login(world.people.focal).get("/my-tasks/").content.decode()
    assert "Báo cáo đến hạn" in text
    assert f"Báo cáo công tác cải cách hành chính quý I năm {today.year}" in text
    assert "Báo cáo đến hạn" not in login(world.people.outsider).get("/my-tasks/").content.decode()


def test_the_command_refuses_a_period_it_does_not_know(world):
    with pytest.raises(CommandError, match="không phải kỳ báo cáo"):
        call_command("report", "--unit", "xa-a", "--period", "2024-Q5")
    with pytest.raises(CommandError):
        call_command("report", "--unit", "nowhere", "--period", "2024-Q1")


def test_the_report_downloads_as_a_word_file_in_the_official_layout(world, draft, login, tmp_path):
    import io

    from django.core.management import call_command
    from docx import Document

    response = login(world.people.focal).get(f"/reports/{draft.pk}/report.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert "THẠNH TÂN" in header.upper()
    assert "nhiệm vụ đến hạn" in text
    assert round(document.sections[0].page_width.mm) == 210

    assert login(world.people.outsider).get(f"/reports/{draft.pk}/report.docx").status_code == 404
    assert login(world.people.focal).post(f"/reports/{draft.pk}/report.docx").status_code == 405

    out = tmp_path / "bao-cao.docx"
    call_command("report", unit="xa-a", period="2024-Q1", format="docx", output=str(out))
    assert "nhiệm vụ đến hạn" in "\n".join(p.text for p in Document(out).paragraphs)


def test_the_leader_signs_the_report_off_and_sends_it_up(world, draft, login):
    # PRODUCT: leaders "sign off reports"; as with the PAR self-assessment, theirs is the
    # button that sends it, named for what it means
    client = login(world.people.leader)
    page = client.get(f"/reports/{draft.pk}/").content.decode()
    assert "Duyệt và gửi cấp trên" in page
    assert 'name="number"' not in page  # the text stays the focal point's to write
    response = client.post(f"/reports/{draft.pk}/submit")
    assert response.status_code == 302
    sent = Report.objects.get(pk=draft.pk)
    assert (sent.status, sent.submitted_by) == ("submitted", world.people.leader)
    assert AuditEvent.objects.filter(action="report.submit", user=world.people.leader).exists()
