"""In a real browser, on the demo: Xã Thạnh Tân's focal point finishes the self-assessment,
the chairman submits it, Phòng Nội vụ adjusts a criterion with its reason and asks for an
explanation, the focal point explains, Nội vụ publishes the final score, and the ranking of
Thành phố Tây Ninh shows Thạnh Tân with its group (desktop and a 390 px phone)."""

import datetime as dt
import io

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.parindex.choices import Stage
from cchc.parindex.models import Assessment, Score
from cchc.testing.demo import demo_data

# the demo as of today is loaded once per test process and copied (cchc/testing/demo.py)
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo-today")]


def _as(page, username):
    page.context.clear_cookies()
    browser_login(page, username, "demo")


def test_self_assessment_appraisal_explanation_final_and_ranking(page):
    today = dt.date.today()
    demo_data(io.StringIO(), today=today)
    year = today.year
    url = f"{page.base_url}/par/thanh-tan/{year}/"
    page.set_viewport_size({"width": 1366, "height": 768})
    page.set_default_timeout(60000)  # the demo and several logins on a shared, loaded machine

    _as(page, "thanhtan")
    page.goto(url)
    page.get_by_role("heading", name=f"Chỉ số CCHC {year} · Xã Thạnh Tân").wait_for()
    for box in page.locator("input.par-points").all():
        if not box.input_value():
            box.fill("0")
    page.get_by_label("Tự chấm 1.1", exact=True).fill("2")
    screenshot(page, "par-self-assessment")
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    page.get_by_text("Đã lưu").first.wait_for()

    _as(page, "thanhtan.chutich")
    page.goto(url)
    page.get_by_role("button", name="Duyệt và gửi cấp trên").click()
    page.get_by_text("Đã gửi kết quả tự đánh giá lên cấp trên.").wait_for()

    _as(page, "noivu.tayninh")
    page.goto(url)
    page.get_by_label("Thẩm định 1.1", exact=True).fill("1")
    page.get_by_role("button", name="Lưu kết quả thẩm định").click()
    page.get_by_text("Tiêu chí 1.1: điều chỉnh điểm phải nêu lý do.").wait_for()
    page.get_by_label("Thẩm định 1.1", exact=True).fill("1")
    page.get_by_label("Lý do 1.1", exact=True).fill("Sáng kiến chưa được công nhận")
    page.get_by_role("button", name="Lưu kết quả thẩm định").click()
    page.get_by_text("Đã lưu").first.wait_for()
    page.get_by_label("Hạn giải trình").fill(f"{today + dt.timedelta(days=7):%d/%m/%Y}")
    page.get_by_role("button", name="Đề nghị đơn vị giải trình").click()
    page.get_by_text("Đã đề nghị đơn vị giải trình trong thời hạn.").wait_for()

    _as(page, "thanhtan")
    page.goto(url)
    page.get_by_label("Giải trình 1.1", exact=True).fill("Sáng kiến đã được huyện công nhận")
    page.get_by_role("button", name="Gửi giải trình").click()
    page.get_by_text("Đã lưu giải trình tiêu chí 1.1.").wait_for()

    _as(page, "noivu.tayninh")
    page.goto(url)
    page.get_by_label("Chính thức 1.1", exact=True).fill("2")
    page.get_by_label("Lý do 1.1", exact=True).fill("Chấp nhận giải trình")
    page.get_by_role("button", name="Lưu điểm chính thức").click()
    page.get_by_text("Đã lưu").first.wait_for()
    page.get_by_label("Điểm điều tra XHH (để trống: không điều tra)").fill("27")
    page.get_by_role("button", name="Công bố điểm chính thức").click()
    page.get_by_text("Đã công bố điểm chính thức.").wait_for()
    found = Assessment.objects.get(unit__code="thanh-tan", year=year)
    assert found.stage == Stage.FINAL and found.survey_points == 27
    assert Score.objects.get(assessment=found, criterion__stt="1.1").final_points == 2
    screenshot(page, "par-final")

    page.goto(f"{page.base_url}/par/ranking/tp-tay-ninh/{year}/")
    page.locator("#ranking").get_by_role("link", name="Xã Thạnh Tân").wait_for()
    screenshot(page, "par-ranking")
    page.goto(f"{page.base_url}/par/ranking/tp-tay-ninh/{year - 1}/")
    assert page.locator("#ranking tbody tr").count() >= 5
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    screenshot(page, "par-final-phone")
