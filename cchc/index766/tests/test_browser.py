"""In a real browser, on the demo: Phòng Nội vụ of Thành phố Tây Ninh reads the service index
of its communes side by side, month by month; Xã Thạnh Tân's focal point corrects last month's
published index with a reason and sees both versions (desktop 1366x768 and a 390x844 phone)."""

import datetime as dt
import io

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.index766.models import Publication
from cchc.testing.demo import demo_data

# the demo as of today is loaded once per test process and copied (cchc/testing/demo.py)
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo-today")]


def _as(page, username):
    page.context.clear_cookies()
    browser_login(page, username, "demo")


def test_the_district_compares_its_communes_and_a_commune_corrects_its_month(page):
    today = dt.date.today()
    demo_data(io.StringIO(), today=today)
    page.set_default_timeout(60000)  # the demo on a shared, loaded machine
    last = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    page.set_viewport_size({"width": 1366, "height": 768})
    _as(page, "noivu.tayninh")
    page.goto(f"{page.base_url}/units/tp-tay-ninh/index766/?period={today.year - 1}")
    page.get_by_role(
        "heading", name="Các đơn vị trực thuộc, đặt cạnh nhau (thấp nhất trước)"
    ).wait_for()
    assert page.locator("svg.index-chart rect").count() == 12
    screenshot(page, "index766-district-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    screenshot(page, "index766-district-phone")

    page.set_viewport_size({"width": 1366, "height": 768})
    _as(page, "thanhtan")
    page.goto(f"{page.base_url}/units/thanh-tan/index766/")
    page.get_by_text("Công bố một tháng ngay, hoặc công bố đính chính").click()
    page.get_by_label("Tháng (NNNN-TT)").fill(f"{last:%Y-%m}")
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("công bố đính chính cần nêu lý do").wait_for()
    # refused, the form is still open with the month typed (decision 0142)
    assert page.get_by_label("Tháng (NNNN-TT)").input_value() == f"{last:%Y-%m}"
    page.get_by_label("Lý do đính chính").fill("Bổ sung hồ sơ đồng bộ chậm")
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_role("heading", name="Phiên bản 1").wait_for()
    assert Publication.objects.filter(unit__code="thanh-tan", month=last).count() == 2
    screenshot(page, "index766-published-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/units/thanh-tan/index766/?period={today.year - 1}-q4")
    screenshot(page, "index766-commune-phone")
