"""Accounts unused for 45 days are disabled, by the daily job and by
`cchc disable-idle-accounts`, and the unit's administrator is told (issue 17.3)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cchc.audit.models import AuditEvent
from cchc.notifications.models import EmailDelivery, Notification
from cchc.org.choices import Role
from cchc.org.models import User
from cchc.testing.factories import UnitFactory, UserFactory, member


def _days_ago(days):
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def people(db):
    commune = UnitFactory(code="xa-a", name="Xã Thạnh Tân")
    admin = member(UserFactory(username="quantri.xa", email="qt@xa.vn"), commune, Role.ADMIN)
    admin.last_login = _days_ago(1)
    admin.save()
    idle = member(UserFactory(username="lan", last_login=_days_ago(46)), commune, Role.OFFICIAL)
    recent = member(UserFactory(username="hoa", last_login=_days_ago(44)), commune)
    never = UserFactory(username="moi")
    User.objects.filter(pk=never.pk).update(date_joined=_days_ago(50), last_login=None)
    return {"admin": admin, "idle": idle, "recent": recent, "never": never}


def _active(username):
    return User.objects.get(username=username).is_active


def test_accounts_unused_for_45_days_are_disabled_and_recorded(people):
    out = io.StringIO()
    call_command("disable_idle_accounts", stdout=out)
    assert not _active("lan") and not _active("moi")
    assert _active("hoa") and _active("quantri.xa")
    assert "lan" in out.getvalue() and "moi" in out.getvalue()
    events = AuditEvent.objects.filter(action="account.disabled")
    assert sorted(e.before["username"] for e in events) == ["lan", "moi"]
    assert all(e.before["is_active"] is True and e.after["is_active"] is False for e in events)


def test_dry_run_changes_nothing(people):
    out = io.StringIO()
    call_command("disable_idle_accounts", "--dry-run", stdout=out)
    assert _active("lan") and _active("moi")
    assert "lan" in out.getvalue()
    assert not AuditEvent.objects.filter(action="account.disabled").exists()
    assert not Notification.objects.exists()


def test_the_number_of_days_can_be_given(people):
    call_command("disable_idle_accounts", "--days", "30", stdout=io.StringIO())
    assert not _active("hoa")
    assert _active("quantri.xa")


def test_the_units_administrator_is_notified_by_the_bell_and_by_email(people):
    call_command("disable_idle_accounts", stdout=io.StringIO())
    notice = Notification.objects.get(user=people["admin"])
    assert "lan" in notice.body
    assert EmailDelivery.objects.filter(notification=notice, to="qt@xa.vn").exists()
    # the account without a unit is reported to the system administrators
    assert not Notification.objects.filter(body__contains="moi", user=people["admin"]).exists()


def test_an_account_without_a_unit_is_reported_to_the_system_administrators(people):
    root = UserFactory(username="root", is_superuser=True, is_staff=True, last_login=_days_ago(2))
    call_command("disable_idle_accounts", stdout=io.StringIO())
    assert "moi" in Notification.objects.get(user=root).body


def test_running_twice_disables_and_notifies_once(people):
    call_command("disable_idle_accounts", stdout=io.StringIO())
    call_command("disable_idle_accounts", stdout=io.StringIO())
    assert AuditEvent.objects.filter(action="account.disabled").count() == 2
    assert Notification.objects.filter(user=people["admin"]).count() == 1


def test_the_daily_job_is_registered_and_disables(people):
    from cchc.accounts.jobs import disable_idle_accounts
    from cchc.core.periodic import PERIODIC_JOBS

    job = next(j for j in PERIODIC_JOBS if j.name == "disable-idle-accounts")
    assert job.every == dt.timedelta(days=1)
    assert job.task == "cchc.accounts.jobs.disable_idle_accounts"
    result = disable_idle_accounts.call()
    assert result["disabled"] == 2
    assert not _active("lan")


def test_a_disabled_account_cannot_sign_in(client, people):
    call_command("disable_idle_accounts", stdout=io.StringIO())
    response = client.post("/accounts/login/", {"username": "lan", "password": "secret-pass-1"})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 400  # refused, the page again (decision 0179)


def test_an_account_enabled_again_in_the_admin_is_not_locked_the_next_day(client, people):
    from django.urls import reverse

    from cchc.org.tests.test_admin_audit import user_form
    from cchc.testing.auth import admin_login

    call_command("disable_idle_accounts", stdout=io.StringIO())
    lan = User.objects.get(username="lan")
    assert not lan.is_active
    # the administrator ticks "Đang hoạt động" again: the last sign-in is shown, not typed
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:org_user_change", args=[lan.pk]), user_form(lan, is_active="on")
    )
    assert response.status_code == 302
    assert _active("lan")
    out = io.StringIO()
    call_command("disable_idle_accounts", stdout=out)  # the next day's run
    assert _active("lan"), out.getvalue()
