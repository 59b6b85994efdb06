"""Password rules (issue 17.3): at least 10 characters, not a common password, not a local word
with digits around it, not like the user's own name — refused with Vietnamese messages."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.testing.factories import UnitFactory, UserFactory


def _refusal(password, user=None) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_password(password, user)
    return " ".join(caught.value.messages)


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["cchc2026", "Tayninh2026", "tay-ninh@2026", "Matkhau123!"])
def test_passwords_an_attacker_tries_first_are_refused(password):
    assert _refusal(password)


@pytest.mark.django_db
def test_the_refusals_are_in_vietnamese():
    assert "quá ngắn" in _refusal("cchc2026")
    assert "tên địa danh" in _refusal("Tayninh2026")
    assert "quá phổ biến" in _refusal("password123")


@pytest.mark.django_db
def test_the_name_of_a_unit_of_this_installation_is_refused_with_digits():
    UnitFactory(code="xa-thanh-tan", name="Xã Thạnh Tân")
    assert "tên địa danh" in _refusal("ThanhTan2026!")


@pytest.mark.django_db
def test_a_password_like_the_user_name_is_refused():
    user = UserFactory(username="nguyenvanlan", full_name="Nguyễn Văn Lân")
    assert "quá giống" in _refusal("nguyenvanlan1", user)


@pytest.mark.django_db
def test_a_long_unusual_password_is_accepted():
    validate_password("Thanh-Tan-2026-an-toan", UserFactory(username="lan"))
    validate_password("con meo ngoi tren mai nha", UserFactory(username="hoa"))


@pytest.mark.django_db
def test_the_password_change_page_refuses_tayninh2026(client):
    user = UserFactory(username="lan")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "secret-pass-1",
            "new_password1": "Tayninh2026",
            "new_password2": "Tayninh2026",
        },
    )
    assert response.status_code == 400
    assert "tên địa danh" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("secret-pass-1")


@pytest.mark.django_db
def test_passwords_are_stored_with_argon2id_and_an_older_pbkdf2_one_is_rewritten_at_login(
    client, settings
):
    # The installation's hashers, not the tests' fast one (decision 0097).
    from cchc import settings as installed

    settings.PASSWORD_HASHERS = installed.PASSWORD_HASHERS
    UnitFactory(code="xa-a")
    fresh = UserFactory(username="moi")
    fresh.set_password("Mat-khau-dai-1")
    fresh.save()
    assert fresh.password.startswith("argon2$argon2id$")
    older = UserFactory(username="cu")
    older.password = make_password("Mat-khau-dai-2", hasher="pbkdf2_sha256")
    older.save()
    response = client.post(reverse("login"), {"username": "cu", "password": "Mat-khau-dai-2"})
    assert response.status_code == 302
    older.refresh_from_db()
    assert older.password.startswith("argon2$argon2id$")
    assert older.check_password("Mat-khau-dai-2")
