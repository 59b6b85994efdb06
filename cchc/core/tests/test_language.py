"""Every page is in Vietnamese, whatever language the browser asks for (decision 0141): a PC
whose browser was set up in English is the usual case in a commune office."""

import pytest
from django.utils import translation

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.mark.django_db
def test_the_sign_in_page_is_vietnamese_for_an_english_browser(client):
    response = client.get("/accounts/login/", **ENGLISH_BROWSER)
    page = response.content.decode()
    assert response.headers["Content-Language"] == "vi"
    assert 'lang="vi"' in page and "Đăng nhập" in page
    assert "Sign in" not in page and "Password" not in page


def test_a_unit_page_is_vietnamese_for_an_english_browser(world, login):
    page = login(world.people.focal).get("/units/xa-a/index766/", **ENGLISH_BROWSER)
    text = page.content.decode()
    assert "Chỉ số 766" in text and "Tiêu chí" in text
    assert "Criterion" not in text and "no data yet" not in text


def test_a_request_after_one_in_english_is_vietnamese(world, login):
    """A server thread keeps the language its last work activated (a mail written in English,
    say): the next request is Vietnamese all the same."""
    client = login(world.people.focal)
    translation.activate("en")
    try:
        text = client.get("/units/xa-a/index766/").content.decode()
    finally:
        translation.deactivate()
    assert "Tiêu chí" in text and "Criterion" not in text


def test_the_admin_is_vietnamese_for_an_english_browser(admin_client):
    text = admin_client.get("/admin/", **ENGLISH_BROWSER).content.decode()
    assert "Quản trị" in text or "quản trị" in text
    assert "Site administration" not in text
