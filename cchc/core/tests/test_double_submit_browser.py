"""A form that saves is sent once, however often its button is pressed before the next page
arrives (site.js; decision 0179 found that a second press made a second plan, task or kiosk
device where the browser sends it — Firefox 115 ESR, which offices run; 0183 stops it). The
pressed button still sends its name and value, and the page that comes back sends again."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from cchc.conftest import browser_login
from cchc.surveys import actions
from cchc.surveys.models import KioskDevice

pytestmark = pytest.mark.django_db(transaction=True)


def _count_posts(page) -> list[str]:
    posts: list[str] = []

    def seen(route):
        if route.request.method == "POST":
            posts.append(route.request.post_data or "")
        route.continue_()

    page.route("**/*", seen)
    return posts


def test_a_button_pressed_twice_sends_its_form_once_and_the_next_page_may_send_again(
    page, world, monkeypatch
):
    issue = actions.issue_device

    def slowly(*args, **kwargs):  # an old server: the answer takes a while
        time.sleep(0.8)
        return issue(*args, **kwargs)

    monkeypatch.setattr(actions, "issue_device", slowly)
    browser_login(page, "focal")
    page.goto(page.base_url + reverse("surveys:devices", args=[world.commune.code]))
    posts = _count_posts(page)
    page.get_by_label("Tên thiết bị").fill("Quầy một cửa")
    button = page.get_by_role("button", name="Cấp thiết bị mới")
    with page.expect_navigation():
        button.click(no_wait_after=True)
        page.wait_for_timeout(200)  # the first is on its way: pressed again
        button.click(no_wait_after=True)
    page.wait_for_load_state()
    time.sleep(1)  # a second request, had it gone, would be saved by now
    assert len(posts) == 1
    assert KioskDevice.objects.filter(name="Quầy một cửa").count() == 1

    # Chromium itself drops a second submission of a form whose answer is awaited (the press
    # above); Firefox 115 and older engines send it. What site.js adds, the form's second
    # "submit" refused until the next page, seen from the page itself:
    page.get_by_label("Tên thiết bị").fill("Quầy ba")
    refused = page.evaluate(
        """() => { const form = document.getElementById('d-name').form;
                   const once = () => form.dispatchEvent(new SubmitEvent('submit',
                       {cancelable: true, bubbles: true}));
                   const first = once(), second = once();
                   form.removeAttribute('aria-busy');
                   return [first, second]; }"""
    )
    assert refused == [True, False]  # the first goes its way, the second is stopped

    # the page that came back holds a new form: it is sent as any other
    page.get_by_label("Tên thiết bị").fill("Quầy hai")
    with page.expect_navigation():
        page.get_by_role("button", name="Cấp thiết bị mới").click()
    assert KioskDevice.objects.filter(name="Quầy hai").count() == 1

    # a button with a name sends it (revoking a device is its button's value)
    device = KioskDevice.objects.get(name="Quầy hai")
    with page.expect_navigation():
        page.locator(f"button[name=revoke][value='{device.pk}']").dblclick()
    page.wait_for_load_state()
    assert f"revoke={device.pk}" in posts[-1] and len(posts) == 3
    device.refresh_from_db()
    assert device.revoked
