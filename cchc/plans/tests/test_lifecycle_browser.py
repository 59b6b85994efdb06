"""The plan's life in a real browser: the focal point submits a draft, the chairman issues
it, and only then does the official find its task in "Việc của tôi"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.conftest import browser_login, screenshot
from cchc.formats import day
from cchc.plans.choices import Area, PlanStatus
from cchc.plans.models import Plan, Section
from cchc.testing.factories import PlanFactory, TargetFactory, TaskFactory

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "Rà soát, công bố thủ tục hành chính thuộc thẩm quyền xã"


def _switch(page, username):
    page.context.clear_cookies()
    browser_login(page, username)


def test_focal_point_submits_chairman_issues_then_the_official_sees_the_task(page, world):
    today = timezone.localdate()
    plan = PlanFactory(
        unit=world.commune,
        year=today.year,
        status=PlanStatus.DRAFT,
        number="",
        issued_on=None,
        title=f"Kế hoạch Cải cách hành chính năm {today.year} xã Thạnh Tân",
        issuer="UBND xã Thạnh Tân",
    )
    section = Section.objects.create(
        plan=plan, order=1, ref="I", title="CẢI CÁCH THỦ TỤC HÀNH CHÍNH", area=Area.PROCEDURES
    )
    TaskFactory(
        plan=plan,
        section=section,
        area=Area.PROCEDURES,
        title=TASK,
        leads=["Tư pháp – Hộ tịch"],
        deadline_text="Trong tháng",
        due=today + dt.timedelta(days=10),
    )
    TargetFactory(plan=plan)
    mine = page.base_url + reverse("tracking:mine")
    plan_url = page.base_url + plan.get_absolute_url()

    # before: the draft is nobody's work
    _switch(page, "tuphap")
    page.goto(mine)
    assert page.get_by_text(TASK).count() == 0

    _switch(page, "focal")
    page.goto(plan_url)
    assert page.locator("#plan-life").get_by_text("Dự thảo", exact=True).is_visible()
    page.get_by_role("button", name="Trình phê duyệt").click()
    page.get_by_text("Dự thảo chờ phê duyệt").wait_for()

    _switch(page, "tuphap")
    page.goto(mine)
    assert page.get_by_text(TASK).count() == 0

    _switch(page, "chutich")
    page.goto(plan_url)
    page.get_by_role("link", name="Phê duyệt và ban hành").click()
    page.get_by_role("button", name="Phê duyệt và ban hành").click()  # nothing filled in
    page.get_by_text("Nhập số của văn bản đã ký").wait_for()
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED
    page.get_by_label("Số, ký hiệu").fill("15/KH-UBND")
    page.get_by_label("Ngày ký").fill(day(today))  # signed today: never a day to come
    page.get_by_label("Người ký").fill("Nguyễn Văn Chủ")
    page.get_by_role("button", name="Phê duyệt và ban hành").click()
    page.get_by_text("Đang có hiệu lực").wait_for()
    page.set_viewport_size({"width": 1366, "height": 768})
    screenshot(page, "plan-issued-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "plan-issued-390")

    _switch(page, "tuphap")
    page.goto(mine)
    page.get_by_text(TASK).first.wait_for()
    assert Plan.objects.get(pk=plan.pk).number == "15/KH-UBND"
