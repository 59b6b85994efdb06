"""A focal point opens the Q1 report, writes an assessment, submits it; the district sees it
among its communes' reports (real browser, both screen sizes)."""

import datetime as dt

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.reports.models import Report
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking.schedule import sync_tasks

from .conftest import q1_window_of_seed_000

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_focal_point_writes_and_submits_the_quarterly_report(page, world):
    plan = PlanFactory(unit=world.commune, year=2024, status="issued", number="26/KH-UBND")
    q1_window_of_seed_000(plan)
    task = TaskFactory(plan=plan, title="Kiện toàn Tổ công tác CCHC", due=dt.date(2024, 1, 31))
    sync_tasks([task])
    browser_login(page, "focal")
    page.goto(page.base_url + "/units/xa-a/reports/?year=2024")
    page.get_by_role("link", name="Báo cáo công tác cải cách hành chính quý I năm 2024").click()
    page.get_by_role("button", name="Lập báo cáo này").click()
    page.get_by_label("III.1. Ưu điểm").fill("Hoàn thành các nhiệm vụ trọng tâm.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    assert "Hoàn thành các nhiệm vụ trọng tâm." in page.locator("article").inner_text()
    screenshot(page, "reports-draft-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "reports-draft-390")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("button", name="Gửi cấp trên").click()
    assert page.locator("#report-status").inner_text() == "Đã gửi"
    assert Report.objects.get(unit=world.commune).checksum
    page.context.clear_cookies()
    browser_login(page, "noivu")
    page.goto(page.base_url + "/units/thanh-pho/reports/?year=2024&kind=q1")
    row = page.locator("#below-reports tr", has_text="Xã Thạnh Tân")
    assert "Đã gửi" in row.inner_text()
    screenshot(page, "reports-district-1366")
