"""The main menu in a real browser: on one row at 1366x768 for every role, the "Chỉ số"
dropdown opened and used by keyboard, and on a 390x844 phone through the menu button."""

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.org.choices import Role
from cchc.testing.factories import UserFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


def bar_rows(page) -> int:
    """How many rows the items of the menu bar take."""
    tops = page.eval_on_selector_all(
        "#nav > ul > li", "items => items.map(i => Math.round(i.getBoundingClientRect().top))"
    )
    return len(set(tops))


def test_the_bar_fits_one_row_at_1366_for_every_role(page, world):
    admin = member(UserFactory(username="quantri", is_staff=True), world.province, Role.ADMIN)
    page.set_viewport_size({"width": 1366, "height": 768})
    for username in ("tuphap", "focal", "chutich", "noivu", "tinh.reviewer", admin.username):
        page.context.clear_cookies()
        browser_login(page, username)
        menu = page.get_by_role("navigation", name="Trình đơn chính")
        assert menu.get_by_role("button", name="Chỉ số").is_visible(), username
        assert bar_rows(page) == 1, username
        assert page.locator("nav.navbar").bounding_box()["height"] < 70, username
        screenshot(page, f"menu-{username}-1366")


def test_the_dropdown_works_by_keyboard(page, world):
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, "focal")
    button = page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "button", name="Chỉ số"
    )
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Chỉ số 766"
    screenshot(page, "menu-dropdown-keyboard")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/units/xa-a/indicators/")


def test_the_dropdown_works_on_a_phone(page, world):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, "tuphap")
    menu = page.get_by_role("navigation", name="Trình đơn chính")
    menu.get_by_role("button", name="Trình đơn").click()
    # opened as a person sees it: the menu's sliding down has ended (Bootstrap's "collapsing"
    # gives way to "show"); tapped during the slide, the link below once led nowhere
    page.locator("#nav.show").wait_for()
    menu.get_by_role("button", name="Chỉ số").click()
    entries = menu.locator(".dropdown-menu a")
    entries.first.wait_for()
    assert entries.all_inner_texts() == [
        "Chỉ số giải quyết TTHC",
        "Chỉ số 766",
        "Chỉ số CCHC",
        "Khảo sát hài lòng",
    ]
    screenshot(page, "menu-dropdown-phone")
    menu.get_by_role("link", name="Khảo sát hài lòng").click()
    page.wait_for_url("**/khao-sat/don-vi/xa-a/")


@pytest.fixture
def without_javascript(browser, page):
    """A tab of the same live server with JavaScript off (switched off, or Bootstrap's script
    not arrived over a slow line): decision 0160."""
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    tab = context.new_page()
    tab.base_url = page.base_url
    yield tab
    context.close()


def test_without_javascript_the_menu_is_open_on_a_phone(without_javascript, world):
    tab = without_javascript
    tab.set_viewport_size({"width": 390, "height": 844})
    browser_login(tab, "tuphap")
    menu = tab.get_by_role("navigation", name="Trình đơn chính")
    assert not menu.get_by_role("button", name="Trình đơn").is_visible()
    entry = menu.get_by_role("link", name="Khảo sát hài lòng")
    assert entry.is_visible()
    screenshot(tab, "menu-phone-without-javascript")
    entry.click()
    tab.wait_for_url("**/khao-sat/don-vi/xa-a/")


def test_without_javascript_a_sub_menu_opens_under_the_mouse(without_javascript, world):
    tab = without_javascript
    tab.set_viewport_size({"width": 1366, "height": 768})
    browser_login(tab, "tuphap")
    menu = tab.get_by_role("navigation", name="Trình đơn chính")
    entry = menu.get_by_role("link", name="Chỉ số 766")
    assert not entry.is_visible()
    menu.get_by_role("button", name="Chỉ số").hover()
    assert entry.is_visible()
    entry.click()
    tab.wait_for_url("**/units/xa-a/index766/")
