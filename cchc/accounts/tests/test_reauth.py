"""Before role changes and deletions in the admin, the administrator types their password
again (issue 17.3). A wrong password there counts as a failed login."""

import time

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.org.choices import Role
from cchc.org.models import Membership, Unit
from cchc.testing.factories import UnitFactory, UserFactory, member

CONFIRM = "/accounts/confirm-password/"


@pytest.fixture
def admin_client(client, db):
    boss = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(boss)
    client.boss = boss
    return client


@pytest.fixture
def lan(db):
    return member(UserFactory(username="lan"), UnitFactory(code="xa-a"), Role.OFFICIAL)


def _asked_to_confirm(response) -> bool:
    return response.status_code == 302 and response.url.startswith(CONFIRM)


@pytest.mark.django_db
def test_opening_a_users_page_asks_for_the_password_first(admin_client, lan):
    url = reverse("admin:org_user_change", args=[lan.pk])
    response = admin_client.get(url)
    assert _asked_to_confirm(response)
    page = admin_client.get(response.url)
    assert "Nhập lại mật khẩu" in page.content.decode()
    back = admin_client.post(response.url, {"password": "secret-pass-1"})
    assert back.status_code == 302 and back.url == url
    assert admin_client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="reauth", user=admin_client.boss).exists()


@pytest.mark.django_db
def test_a_role_change_posted_without_confirmation_is_not_saved(admin_client, lan):
    membership = Membership.objects.get(user=lan)
    url = reverse("admin:org_membership_change", args=[membership.pk])
    response = admin_client.post(
        url, {"user": lan.pk, "unit": membership.unit_id, "role": Role.ADMIN, "is_active": "on"}
    )
    assert _asked_to_confirm(response)
    membership.refresh_from_db()
    assert membership.role == Role.OFFICIAL


@pytest.mark.django_db
def test_deleting_anything_in_the_admin_asks_for_the_password(admin_client, lan):
    unit = Unit.objects.get(code="xa-a")
    assert _asked_to_confirm(admin_client.get(reverse("admin:org_unit_delete", args=[unit.pk])))
    bulk = admin_client.post(
        reverse("admin:org_unit_changelist"),
        {"action": "delete_selected", "_selected_action": [unit.pk], "post": "yes"},
    )
    assert _asked_to_confirm(bulk)
    assert Unit.objects.filter(pk=unit.pk).exists()


@pytest.mark.django_db
def test_reading_lists_does_not_ask(admin_client, lan):
    assert admin_client.get(reverse("admin:org_user_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:org_unit_changelist")).status_code == 200


@pytest.mark.django_db
def test_a_wrong_password_is_refused_and_counts_as_a_failed_login(admin_client, lan):
    url = reverse("admin:org_user_change", args=[lan.pk])
    confirm = admin_client.get(url).url
    response = admin_client.post(confirm, {"password": "sai"})
    assert response.status_code == 200
    assert "Mật khẩu không đúng" in response.content.decode()
    assert _asked_to_confirm(admin_client.get(url))
    assert AuditEvent.objects.filter(action="login.failed").exists()


@pytest.mark.django_db
def test_the_confirmation_lapses(admin_client, lan, settings):
    settings.REAUTH_SECONDS = 600
    url = reverse("admin:org_user_change", args=[lan.pk])
    admin_client.post(admin_client.get(url).url, {"password": "secret-pass-1"})
    session = admin_client.session
    session["cchc_reauth_at"] = time.time() - 601
    session.save()
    assert _asked_to_confirm(admin_client.get(url))


@pytest.mark.django_db
def test_the_confirmation_page_only_sends_back_inside_the_site(admin_client):
    response = admin_client.post(
        CONFIRM + "?next=https://evil.example/x", {"password": "secret-pass-1"}
    )
    assert response.status_code == 302
    assert "evil" not in response.url
