import pytest
from django.urls import reverse

from cchc.testing.factories import UserFactory


@pytest.mark.django_db
def test_login_pauses_after_repeated_failures_even_with_the_right_password(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    UserFactory(username="lan")
    for _ in range(2):
        response = client.post(reverse("login"), {"username": "lan", "password": "wrong"})
        assert "mật khẩu chính xác" in response.content.decode()
    # the third failure reaches the limit: its answer already says sign-in is paused
    response = client.post(reverse("login"), {"username": "lan", "password": "wrong"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    response = client.post(reverse("login"), {"username": "lan", "password": "secret-pass-1"})
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_correct_login_opens_the_plans(client):
    UserFactory(username="lan")
    response = client.post(
        reverse("login"), {"username": "lan", "password": "secret-pass-1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("plans:list")
    assert "Kế hoạch cải cách hành chính" in response.content.decode()


@pytest.mark.django_db
def test_a_user_changes_their_own_password(client):
    user = UserFactory(username="lan")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "secret-pass-1",
            "new_password1": "Thanh-Tan-2026-an-toan",
            "new_password2": "Thanh-Tan-2026-an-toan",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Thanh-Tan-2026-an-toan")


@pytest.mark.django_db
def test_a_too_common_new_password_is_refused_in_vietnamese(client):
    client.force_login(UserFactory(username="lan"))
    response = client.post(
        reverse("password_change"),
        {"old_password": "secret-pass-1", "new_password1": "demo", "new_password2": "demo"},
    )
    assert "quá ngắn" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_sign_in_is_answered_400_with_its_reason_and_the_name_typed(client):
    UserFactory(username="lan")
    response = client.post(reverse("login"), {"username": "lan", "password": "sai"})
    assert response.status_code == 400  # refused, as every refused form (decision 0179)
    page = response.content.decode()
    assert "mật khẩu chính xác" in page and 'value="lan"' in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_forgotten_password_asked_without_an_address_is_refused_with_400(client, mailoutbox):
    response = client.post(reverse("basics:password_reset"), {"email": "không phải địa chỉ"})
    assert response.status_code == 400
    assert (
        "invalid-feedback" in response.content.decode() or "errorlist" in response.content.decode()
    )
    assert not mailoutbox


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_a_name_far_too_long_is_refused_beside_the_field_before_signing_in(client, url):
    """It reached authenticate(), whose failure the lockout records in a 255-character column:
    a 500 on PostgreSQL (decision 0179)."""
    from axes.models import AccessAttempt

    response = client.post(url, {"username": "x" * 100_000, "password": "sai"})
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "tối đa 150" in page and "100000" in page  # the reason, in Vietnamese
    assert not AccessAttempt.objects.exists()
