"""Sessions end after a time without activity (default 30 minutes) and after an absolute
lifetime, whatever the activity (issue 17.3)."""

import time

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.testing.factories import UserFactory


def _sign_in(client):
    UserFactory(username="lan")
    response = client.post(reverse("login"), {"username": "lan", "password": "secret-pass-1"})
    assert response.status_code == 302


def _age(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


@pytest.mark.django_db
def test_the_default_idle_timeout_is_30_minutes(settings):
    assert settings.SESSION_IDLE_SECONDS == 30 * 60


@pytest.mark.django_db
def test_a_session_idle_longer_than_the_timeout_is_closed(client, settings):
    settings.SESSION_IDLE_SECONDS = 1800
    _sign_in(client)
    _age(client, cchc_seen_at=1801)
    response = client.get(reverse("plans:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    logout = AuditEvent.objects.get(action="logout")
    assert "không hoạt động" in logout.reason
    page = client.get(response.url).content.decode()
    assert "hết hạn" in page


@pytest.mark.django_db
def test_an_active_session_stays_open(client, settings):
    settings.SESSION_IDLE_SECONDS = 1800
    _sign_in(client)
    _age(client, cchc_seen_at=1700)
    assert client.get(reverse("plans:list")).status_code == 200
    _age(client, cchc_seen_at=1700)  # the request above counted as activity
    assert client.get(reverse("plans:list")).status_code == 200


@pytest.mark.django_db
def test_a_session_older_than_its_lifetime_is_closed_even_when_active(client, settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    _sign_in(client)
    _age(client, cchc_login_at=8 * 3600 + 1, cchc_seen_at=5)
    response = client.get(reverse("plans:list"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
