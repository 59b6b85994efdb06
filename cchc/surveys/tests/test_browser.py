"""A phone answers by the QR link, a kiosk answers and resets, the focal point reads the result."""

import re

import pytest
from django.utils import timezone

from cchc.conftest import browser_login, screenshot
from cchc.surveys import actions
from cchc.surveys.models import Response

pytestmark = pytest.mark.django_db(transaction=True)


def _choose_all(tab, label: str) -> None:
    for fieldset in tab.locator("fieldset").all():
        fieldset.get_by_text(label, exact=False).first.click()


def test_phone_and_kiosk_answers_then_the_results_page(page, world, campaign):
    focal = world.people.focal
    focal.set_password("secret-pass-1")
    focal.save()
    _device, token = actions.issue_device(
        world.commune, "Quầy 1", by=focal, today=timezone.localdate()
    )

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + f"/y-kien/{campaign.pk}/{world.commune.code}/?ma=H01.1-QR-0001")
    assert page.locator("input[name=ma]").input_value() == "H01.1-QR-0001"
    _choose_all(page, "5 · Rất hài lòng")
    screenshot(page, "surveys-phone-form")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.get_by_text("Cảm ơn Ông/Bà đã góp ý!").wait_for()
    screenshot(page, "surveys-phone-thanks")

    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(page.base_url + f"/y-kien/kiosk/{token}/")
    _choose_all(page, "2 · Không hài lòng")
    screenshot(page, "surveys-kiosk-form")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.get_by_text("Cảm ơn Ông/Bà đã góp ý!").wait_for()
    # the thanks page returns to an empty form by itself
    page.wait_for_url(re.compile(rf"/y-kien/kiosk/{token}/$"), timeout=15000)
    assert page.locator("input[type=radio]:checked").count() == 0
    assert Response.objects.count() == 2

    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, "focal")
    page.goto(page.base_url + f"/khao-sat/don-vi/{world.commune.code}/")
    assert page.get_by_test_id("overall").inner_text() == "50,00%"
    page.get_by_text("0 đã xác thực bằng mã hồ sơ · 2 chưa xác thực").wait_for()
    screenshot(page, "surveys-results")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "surveys-results-phone")


def test_the_poster_qr_code_fills_its_box_on_paper_and_fits_a_phone(page, world, campaign):
    focal = world.people.focal
    focal.set_password("secret-pass-1")
    focal.save()
    browser_login(page, "focal")
    messages = []
    page.on("console", lambda m: messages.append(m.text) if m.type == "error" else None)
    poster = page.base_url + f"/khao-sat/don-vi/{world.commune.code}/ap-phich/{campaign.pk}/"

    def measure():
        return page.evaluate(
            """() => { const svg = document.querySelector('.qr svg').getBoundingClientRect();
                const qr = document.querySelector('.qr svg path').getBoundingClientRect();
                return {svg: svg.width, qr: qr.width, scroll: document.documentElement.scrollWidth,
                        inner: window.innerWidth}; }"""
        )

    page.goto(poster)
    paper = measure()
    # 120 mm wide, the drawing filling it (it was drawn at half that, in the box's corner)
    assert abs(paper["svg"] - 120 / 25.4 * 96) < 2
    assert paper["qr"] > 0.8 * paper["svg"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(poster)
    phone = measure()
    screenshot(page, "surveys-poster-phone")
    assert phone["scroll"] <= phone["inner"] + 1, phone
    assert phone["qr"] > 0.8 * phone["svg"]
    assert messages == []
