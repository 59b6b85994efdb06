"""A focal point signs in, opens a plan, filters its tasks and adds one (real browser)."""

import datetime as dt

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.plans.choices import Area
from cchc.plans.models import Section, Task
from cchc.testing.factories import PlanFactory, TargetFactory, TaskFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_focal_point_opens_the_plan_filters_and_adds_a_task(page, world):
    plan = PlanFactory(
        unit=world.commune,
        title="Kế hoạch Cải cách hành chính năm 2024",
        issuer="UBND xã Thạnh Tân",
    )
    first = Section.objects.create(
        plan=plan, order=1, ref="I", title="CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", area=Area.DIRECTION
    )
    second = Section.objects.create(
        plan=plan, order=2, ref="II", title="CẢI CÁCH THỂ CHẾ", area=Area.INSTITUTIONS
    )
    TaskFactory(
        plan=plan,
        section=first,
        area=Area.DIRECTION,
        title="Xây dựng kế hoạch tuyên truyền CCHC",
        leads=["Văn phòng – Thống kê"],
    )
    TaskFactory(
        plan=plan,
        section=second,
        area=Area.INSTITUTIONS,
        title="Rà soát văn bản quy phạm pháp luật",
        leads=["Tư pháp – Hộ tịch"],
        deadline_text="Định kỳ trong năm",
        due=None,
    )
    TargetFactory(plan=plan)

    browser_login(page, "focal")
    menu = page.get_by_role("navigation", name="Trình đơn chính")
    menu.get_by_role("link", name="Kế hoạch", exact=True).click()  # login lands on the dashboard
    page.get_by_role("link", name="Kế hoạch Cải cách hành chính năm 2024").click()
    page.locator("tr.section-row", has_text="CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH").wait_for()
    screenshot(page, "plan-detail")
    table = page.locator("#task-table")
    assert table.get_by_text("Rà soát văn bản quy phạm pháp luật").is_visible()

    page.get_by_label("Lĩnh vực").select_option(Area.DIRECTION)
    page.wait_for_selector("text=Đang hiển thị 1/2 nhiệm vụ")
    assert table.get_by_text("Rà soát văn bản quy phạm pháp luật").count() == 0
    assert f"area={Area.DIRECTION}" in page.url

    page.get_by_role("link", name="Thêm nhiệm vụ").click()
    page.get_by_label("Nhiệm vụ", exact=True).fill("Cập nhật danh mục TTHC trên Cổng TTĐT xã")
    page.get_by_label("Chủ trì").fill("Công chức Văn phòng – Thống kê")
    page.get_by_label("Thời gian hoàn thành (như ghi trong kế hoạch)").fill("Quý II năm 2024")
    page.get_by_label("Hạn hoàn thành").fill("30/06/2024")
    screenshot(page, "task-form")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã lưu nhiệm vụ.")
    task = Task.objects.get(title="Cập nhật danh mục TTHC trên Cổng TTĐT xã")
    assert task.due == dt.date(2024, 6, 30)
    assert task.parties.get(role="lead").post == world.office


def test_a_phone_sized_screen_shows_the_plan_without_sideways_scrolling_of_the_page(page, world):
    plan = PlanFactory(unit=world.commune, title="Kế hoạch CCHC 2024")
    TaskFactory(
        plan=plan,
        title="Một nhiệm vụ có tên khá dài để kiểm tra hiển thị trên điện thoại",
        leads=["Văn phòng – Thống kê"],
    )
    page.set_viewport_size({"width": 390, "height": 800})
    browser_login(page, "focal")
    page.goto(page.base_url + plan.get_absolute_url())
    screenshot(page, "plan-detail-phone")
    body_width = page.evaluate("document.documentElement.scrollWidth")
    assert body_width <= 390
