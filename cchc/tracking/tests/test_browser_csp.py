"""In a real browser under the Content-Security-Policy: the charts draw, a year filter sends its
form by itself, and Chromium reports no blocked script or style on the pages a focal point uses."""

import pytest

from cchc.conftest import browser_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_work_under_the_content_security_policy(page, follow, world):
    blocked = []
    page.on(
        "console", lambda msg: blocked.append(msg.text) if "Content Security" in msg.text else 0
    )
    browser_login(page, "focal")
    page.get_by_role("heading", name="Theo lĩnh vực và tình trạng").wait_for()
    page.locator("#completion-chart").wait_for()
    drawn = page.evaluate("Chart.getChart('completion-chart') !== undefined")
    assert drawn

    page.goto(page.base_url + f"/units/{world.commune.code}/indicators/")
    period = page.locator("#f-period")
    other = period.locator("option").nth(1).get_attribute("value")
    with page.expect_navigation():
        period.select_option(other)
    assert f"period={other}" in page.url
    page.goto(page.base_url + "/api/v1/docs")
    page.locator(".swagger-ui").wait_for()
    assert blocked == []
