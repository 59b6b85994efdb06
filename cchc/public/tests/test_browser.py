"""The public page in a real browser, at a desktop's and a phone's width: the lookup works and
axe-core (from the npm registry, node_modules/axe-core; never a CDN) finds no accessibility
violation on the page nor on a lookup's answer."""

from __future__ import annotations

import pytest

from cchc.conftest import screenshot
from cchc.indicators.builtins import install
from cchc.indicators.models import IndicatorDefinition
from cchc.testing.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width,height,name", [(1366, 768, "desktop"), (390, 844, "phone")])
def test_the_public_page_and_a_lookup_pass_axe(
    browser, live_server, published, width, height, name
):
    install(IndicatorDefinition)  # the live server's flushed database lost the data migration
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": width, "height": height}
    )
    tab = context.new_page()
    try:
        tab.goto(live_server.url + "/cong-khai/xa-a/")
        tab.get_by_text("Thủ tục hành chính đã công bố").first.wait_for()
        tab.locator("summary").first.click()
        assert violations(tab) == []
        screenshot(tab, f"public-unit-{name}")
        tab.get_by_label("Mã hồ sơ (in trên giấy tiếp nhận)").fill("000.31.35.H55-260102-0001")
        tab.get_by_role("button", name="Tra cứu").click()
        tab.get_by_text("giải quyết đúng hạn").wait_for()
        assert violations(tab) == []
        screenshot(tab, f"public-lookup-{name}")
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width  # nothing wider than the screen
    finally:
        context.close()
