"""A focal point imports a plan document, corrects a row and confirms (real browser)."""

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.importer.tests.conftest import SEEDS
from cchc.plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_review_correct_and_confirm_a_plan(page, world):
    browser_login(page, "focal")
    page.goto(page.base_url + "/plans/")
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.get_by_label("Tệp kế hoạch").set_input_files(str(next(SEEDS.glob("000_*.txt"))))
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_role("heading", name="Kiểm tra kế hoạch vừa nhập").wait_for()
    screenshot(page, "import-review")
    first_title = page.locator("#id_tasks-0-title")
    assert "khắc phục những tồn tại" in first_title.input_value()
    first_title.fill("Xây dựng Kế hoạch khắc phục tồn tại, hạn chế CCHC năm 2023 (đã sửa)")
    page.get_by_role("button", name="Xác nhận và lưu dự thảo").click()
    page.get_by_text("Đã nhập kế hoạch ở dạng dự thảo: 44 nhiệm vụ").wait_for()
    screenshot(page, "import-confirmed")
    plan = Plan.objects.get()
    assert plan.unit == world.commune and plan.tasks.count() == 44
    assert plan.tasks.get(ref="1").title.endswith("(đã sửa)")
    assert page.locator("#task-table tr.section-row", has_text="II").first.is_visible()
    assert page.get_by_role("row", name="II CẢI CÁCH THỂ CHẾ").is_visible()


def test_a_plan_written_as_prose_is_reviewed_with_its_duties_marked(page, world):
    from cchc.conftest import ARTIFACTS

    browser_login(page, "focal")
    page.goto(page.base_url + "/plans/import/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(next(SEEDS.glob("002_*.txt"))))
    page.get_by_role("button", name="Đọc văn bản").click()
    page.get_by_role("heading", name="Kiểm tra kế hoạch vừa nhập").wait_for()
    page.get_by_text("Kế hoạch do “UBND phường 2” ban hành", exact=False).wait_for()
    assert page.locator("#task-row-0").get_by_text("Đọc từ văn bản").is_visible()
    assert page.locator("#id_tasks-0-title").input_value() == (
        "Tham mưu UBND Phường ban hành Kế hoạch CCHC năm 2023."
    )
    for name, size in (("desktop", (1366, 768)), ("phone", (390, 844))):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.locator("#task-row-0").scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"import-prose-{name}.png"))
