"""In a real browser: the Tư pháp official opens My tasks, reports a task done with its
evidence, sees the timeline and downloads the file; the focal point and the upper level look
at their dashboards (desktop and a 390 px phone)."""

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.evidence.models import Evidence
from cchc.tracking.models import ProgressUpdate

from .conftest import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_official_reports_a_task_done_with_evidence(page, follow, world, today):
    browser_login(page, "tuphap")
    page.get_by_role("heading", name="Việc của tôi").wait_for()
    screenshot(page, "my-tasks")
    page.get_by_role("link", name="Rà soát văn bản quy phạm pháp luật của xã").click()
    page.get_by_role("heading", name="Báo cáo tiến độ").wait_for()
    page.get_by_label("Tình trạng").select_option(label="Đã hoàn thành")
    page.get_by_label("Tỷ lệ hoàn thành (%)").fill("100")
    page.get_by_label("Kết quả thực hiện").fill("Đã rà soát 30 văn bản, ban hành báo cáo.")
    page.get_by_label("Tệp minh chứng").set_input_files(
        files=[
            {"name": "Báo cáo rà soát.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
        ]
    )
    page.get_by_label("Tài liệu (trích yếu)").fill("Báo cáo kết quả rà soát văn bản QPPL")
    page.get_by_label("Số, ký hiệu").fill("45/BC-UBND")
    page.get_by_label("Ngày ban hành").fill(today.isoformat())
    page.get_by_label("Cơ quan ban hành").fill("UBND xã Thạnh Tân")
    screenshot(page, "task-report-form")
    page.get_by_role("button", name="Lưu báo cáo").click()
    page.get_by_text("Đã lưu báo cáo tiến độ.").wait_for()
    timeline = page.locator("ol.timeline")
    assert timeline.get_by_text("Đã hoàn thành, 100%").is_visible()
    assert page.locator(".occ-list").get_by_text("Hoàn thành đúng hạn").is_visible()
    screenshot(page, "task-timeline")

    with page.expect_download() as download:
        page.locator(".evidence-list").get_by_role("link", name="Báo cáo kết quả rà soát").click()
    assert download.value.suggested_filename == "Báo cáo rà soát.pdf"
    update = ProgressUpdate.objects.get()
    assert (update.percent, update.by) == (100, world.people.official)
    assert Evidence.objects.get().number == "45/BC-UBND"

    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    screenshot(page, "task-phone")
    page.goto(page.base_url + "/my-tasks/")
    screenshot(page, "my-tasks-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_the_focal_point_and_the_upper_level_see_their_dashboards(page, follow, world):
    browser_login(page, "focal")
    page.get_by_role("heading", name="Theo lĩnh vực và tình trạng").wait_for()
    page.locator("#completion-chart").wait_for()
    assert page.evaluate("typeof Chart") == "function"
    assert page.locator("#overdue-title").is_visible()
    screenshot(page, "dashboard-unit")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    screenshot(page, "dashboard-unit-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Đăng xuất").click()
    browser_login(page, "noivu")
    page.get_by_role("heading", name="So sánh các đơn vị thuộc thành phố Tây Ninh").wait_for()
    screenshot(page, "dashboard-compare")
    page.get_by_role("link", name="Xã Thạnh Tân").click()
    page.get_by_role("heading", name="Theo lĩnh vực và tình trạng").wait_for()
    assert page.get_by_role("link", name="Cài đặt nhắc việc").count() == 0
