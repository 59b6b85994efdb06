import pytest
from django.urls import reverse

from cchc.testing.factories import UserFactory


@pytest.mark.django_db
def test_login_pauses_after_repeated_failures_even_with_the_right_password(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    UserFactory(username="lan")
    for _ in range(3):
        response = client.post(reverse("login"), {"username": "lan", "password": "wrong"})
        assert "mật khẩu chính xác" in response.content.decode()
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
