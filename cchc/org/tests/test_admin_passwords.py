"""An administrator adding a person or resetting a password (decision 0177): Django offered a
"Đăng nhập bằng mật khẩu: Bật / Tắt" choice, explained by signing in "another way (single
sign-on, LDAP)" — there is no other way here, and "Tắt" left the person unable to sign in.
The pages now ask for the password only, and the password set is the one that signs in."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cchc.org.choices import Role
from cchc.org.models import User
from cchc.testing.factories import UnitFactory, UserFactory, member

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Thanh-Tan-2027!"


@pytest.fixture
def admin_client(client):
    boss = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(boss)
    client.post("/accounts/confirm-password/", {"password": "secret-pass-1"})
    return client


def _without_the_choice(page: str) -> None:
    assert "Đăng nhập bằng mật khẩu" not in page and "LDAP" not in page
    assert 'name="usable_password"' not in page


def test_a_new_person_is_given_a_password_with_no_way_to_turn_it_off(admin_client):
    url = reverse("admin:org_user_add")
    page = admin_client.get(url).content.decode()
    _without_the_choice(page)
    roles = re.search(r'name="([\w-]+)-TOTAL_FORMS"', page).group(1)  # the roles' rows: none
    refused = admin_client.post(url, {"username": "nguyen.van.b"})
    assert refused.status_code == 200 and not User.objects.filter(username="nguyen.van.b")
    assert "Trường này là bắt buộc." in refused.content.decode()
    data = {"username": "nguyen.van.b", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    data |= {f"{roles}-TOTAL_FORMS": "0", f"{roles}-INITIAL_FORMS": "0"}
    assert admin_client.post(url, data).status_code == 302
    assert User.objects.get(username="nguyen.van.b").check_password(NEW_PASSWORD)


def test_a_reset_password_is_the_one_the_person_signs_in_with(admin_client):
    lan = member(UserFactory(username="lan"), UnitFactory(code="xa-a"), Role.OFFICIAL)
    url = reverse("admin:auth_user_password_change", args=[lan.pk])
    _without_the_choice(admin_client.get(url).content.decode())
    empty = admin_client.post(url, {})
    assert "Trường này là bắt buộc." in empty.content.decode()
    lan.refresh_from_db()
    assert lan.has_usable_password()
    done = admin_client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    lan.refresh_from_db()
    assert lan.check_password(NEW_PASSWORD)
