"""An API token exists only with its record in the change history: issued from the admin or
the command line, with the administrator when there is one; revoking it is recorded too."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.dossiers import tokens
from cchc.dossiers.models import UnitToken
from cchc.testing.factories import UserFactory


@pytest.fixture
def audit_fails(monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(AuditEvent.objects, "create", refuse)


def test_a_token_whose_record_fails_is_not_issued(world, audit_fails):
    with pytest.raises(RuntimeError):
        tokens.issue(world.commune, "Một cửa", by=world.people.focal)
    assert not UnitToken.objects.exists()


def test_the_command_issues_a_recorded_token(world, capsys):
    call_command("api_token", unit=world.commune.code, name="Một cửa Thạnh Tân")
    key = capsys.readouterr().out.strip()
    token = tokens.authenticate(key)
    assert token is not None and token.unit == world.commune
    event = AuditEvent.objects.for_object(token).get()
    assert (event.action, event.unit, event.after["name"]) == (
        "api_token.issue",
        world.commune,
        "Một cửa Thạnh Tân",
    )


def test_the_command_issues_nothing_when_the_record_fails(world, audit_fails):
    with pytest.raises(RuntimeError):
        call_command("api_token", unit=world.commune.code, name="Một cửa")
    assert not UnitToken.objects.exists()


def test_revoking_a_token_in_the_admin_is_recorded_with_the_administrator(client, world):
    admin_user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    token, _key = tokens.issue(world.commune, "Một cửa", by=admin_user)
    response = client.post(
        reverse("admin:dossiers_unittoken_change", args=[token.pk]),
        {"unit": world.commune.pk, "name": "Một cửa"},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert not token.is_active
    event = AuditEvent.objects.for_object(token).get(action="unittoken.deactivate")
    assert (event.user, event.unit) == (admin_user, world.commune)
    assert (event.before["is_active"], event.after["is_active"]) == (True, False)
    assert "key_hash" not in event.after


def test_a_token_issued_in_the_admin_has_one_record_naming_the_administrator(client, world):
    admin_user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:dossiers_unittoken_add"),
        {"unit": world.commune.pk, "name": "Một cửa", "is_active": "on"},
    )
    assert response.status_code == 302
    token = UnitToken.objects.get()
    event = AuditEvent.objects.for_object(token).get()
    assert (event.action, event.user, event.unit) == ("api_token.issue", admin_user, world.commune)
