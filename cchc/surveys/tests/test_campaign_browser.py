"""In a real browser: the district's reviewer creates a survey campaign from the results page,
lands on its progress page with the answer link and the QR page (desktop and a 390 px
phone)."""

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.surveys.models import Campaign

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_campaign_is_created_in_the_browser(page, world):
    from cchc.surveys.builtin import install_now

    install_now()  # a live-server test runs on a flushed database
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, "noivu")
    page.goto(f"{page.base_url}/khao-sat/don-vi/thanh-pho/")
    page.get_by_role("link", name="Tạo đợt khảo sát").click()
    page.get_by_label("Tên đợt khảo sát").fill("Khảo sát SIPAS quý IV")
    page.get_by_label("Phiếu", exact=True).select_option(index=1)
    page.get_by_label("Máy kiosk").uncheck()
    page.get_by_label("Số phiếu cần thu của đơn vị tổ chức").fill("150")
    screenshot(page, "survey-campaign-form")
    page.get_by_role("button", name="Tạo đợt khảo sát").click()
    page.get_by_role("heading", name="Khảo sát SIPAS quý IV").wait_for()
    created = Campaign.objects.get(name="Khảo sát SIPAS quý IV")
    assert created.channels == ["qr", "dossier"]
    page.get_by_text(f"/y-kien/{created.pk}/thanh-pho/").first.wait_for()
    screenshot(page, "survey-campaign-page")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/khao-sat/dot/{created.pk}/sua/")
    screenshot(page, "survey-campaign-form-phone")
    page.goto(f"{page.base_url}/khao-sat/dot/{created.pk}/")
    page.get_by_role("link", name="Mã QR, áp phích của đơn vị").click()
    page.locator("svg").first.wait_for()
