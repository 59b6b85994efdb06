"""In a real browser: the chairman writes a direction on an overdue task, the Tư pháp official
finds it through the notification bell and answers; then the phone views of the task page and
of the search results (390×844), kept as screenshots."""

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.tracking.models import Direction

pytestmark = pytest.mark.django_db(transaction=True)


def test_leader_directs_an_overdue_task_and_the_official_answers(page, follow, world):
    browser_login(page, "chutich")
    page.goto(f"{page.base_url}/follow-up/tasks/{follow.monthly.pk}/")
    assert page.locator(".occ-list").get_by_text("Quá hạn").first.is_visible()
    page.get_by_label("Viết ý kiến chỉ đạo").fill("Đề nghị công khai ngay kết quả các tháng trước.")
    page.get_by_role("button", name="Gửi ý kiến chỉ đạo").click()
    page.get_by_text("Đã gửi ý kiến chỉ đạo đến người thực hiện nhiệm vụ.").wait_for()
    page.set_viewport_size({"width": 1366, "height": 768})
    screenshot(page, "direction-task-desktop")
    page.goto(f"{page.base_url}/units/xa-a/dashboard/")
    assert page.get_by_text("1 ý kiến chỉ đạo chờ trả lời").is_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    browser_login(page, "tuphap")
    page.goto(page.base_url + "/notifications/")
    notice = page.locator(".notification-list li").filter(has_text="Ý kiến chỉ đạo của")
    notice.get_by_role("button", name="Mở").click()
    directions = page.locator("#directions")
    directions.get_by_text("Đề nghị công khai ngay kết quả các tháng trước.").wait_for()
    page.set_viewport_size({"width": 390, "height": 844})
    directions.get_by_label("Trả lời của bạn").fill("Đã đăng tải kết quả tháng 1 đến nay.")
    screenshot(page, "direction-task-phone-before-answer")
    directions.get_by_role("button", name="Gửi trả lời").click()
    page.get_by_text("Đã gửi trả lời đến lãnh đạo.").wait_for()
    assert page.locator("#directions").get_by_text("Đã trả lời").is_visible()
    assert page.locator("ol.timeline").get_by_text("Trả lời ý kiến chỉ đạo").is_visible()
    screenshot(page, "direction-task-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    direction = Direction.objects.get()
    assert direction.answered_by == world.people.official

    page.goto(page.base_url + "/search/?q=công+khai")
    page.get_by_role("heading", name="Nhiệm vụ").wait_for()
    assert page.get_by_role(
        "link", name="Công khai kết quả giải quyết TTHC", exact=False
    ).is_visible()
    screenshot(page, "search-results-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
