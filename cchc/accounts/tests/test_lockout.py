"""Login throttling (issue 18 #2 and #10, issue 17.2): every login form goes through the same
lockout, kept separately per account and per client address, with the address taken from a
trusted proxy header only when one is configured."""

import pytest
from django.test import Client
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.testing.factories import UserFactory

LOCKED = "Đăng nhập sai quá nhiều lần"


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client, username, url=None, **extra):
    return client.post(
        url or reverse("login"), {"username": username, "password": "sai-mat-khau"}, **extra
    )


def _login(client, username, url=None, **extra):
    return client.post(
        url or reverse("login"), {"username": username, "password": "secret-pass-1"}, **extra
    )


@pytest.fixture
def limits(settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    settings.TRUSTED_PROXY_HEADER = ""
    return settings


@pytest.mark.django_db
def test_admin_login_locks_after_repeated_failures_even_with_the_right_password(client, limits):
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    admin_login = reverse("admin:login")
    for _ in range(3):
        _fail(client, "quantri", admin_login)
    response = _login(client, "quantri", admin_login)
    assert LOCKED in response.content.decode()
    assert not _logged_in(client)
    failures = AuditEvent.objects.filter(action="login.failed")
    assert failures.count() >= 3
    assert failures.first().after["username"] == "quantri"


@pytest.mark.django_db
def test_site_and_admin_login_share_one_count(client, limits):
    UserFactory(username="quantri", is_staff=True)
    _fail(client, "quantri")
    _fail(client, "quantri", reverse("admin:login"))
    _fail(client, "quantri")
    response = _login(client, "quantri", reverse("admin:login"))
    assert LOCKED in response.content.decode()
    assert not _logged_in(client)


@pytest.mark.django_db
def test_locking_one_account_does_not_lock_another_person_behind_the_same_address(client, limits):
    UserFactory(username="lan")
    UserFactory(username="hoa")
    for _ in range(3):
        _fail(client, "lan", REMOTE_ADDR="10.0.0.1")
    assert LOCKED in _login(client, "lan", REMOTE_ADDR="10.0.0.1").content.decode()
    response = _login(client, "hoa", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_the_account_stays_locked_from_another_address(client, limits):
    UserFactory(username="lan")
    for _ in range(3):
        _fail(client, "lan", REMOTE_ADDR="10.0.0.1")
    response = _login(client, "lan", REMOTE_ADDR="10.9.9.9")
    assert LOCKED in response.content.decode()
    assert not _logged_in(client)


@pytest.mark.django_db
def test_one_password_tried_across_many_accounts_is_stopped_by_the_address_rule(client, limits):
    UserFactory(username="hoa")
    for n in range(6):  # one try each: no account reaches its own limit
        _fail(client, f"canbo{n}", REMOTE_ADDR="10.0.0.7")
    response = _login(client, "hoa", REMOTE_ADDR="10.0.0.7")
    assert LOCKED in response.content.decode()
    assert not _logged_in(client)
    # the same account from another address is not affected
    assert _login(client, "hoa", REMOTE_ADDR="10.0.0.8").status_code == 302


@pytest.mark.django_db
def test_the_messages_do_not_reveal_whether_an_account_exists(client, limits):
    UserFactory(username="lan")
    wrong_known = _fail(client, "lan", REMOTE_ADDR="10.0.0.1").context["form"].errors
    wrong_unknown = _fail(client, "khongco", REMOTE_ADDR="10.0.0.2").context["form"].errors
    assert wrong_known == wrong_unknown
    for _ in range(3):
        _fail(client, "lan", REMOTE_ADDR="10.0.0.1")
        _fail(client, "khongco", REMOTE_ADDR="10.0.0.2")
    known = _login(client, "lan", REMOTE_ADDR="10.0.0.1")
    unknown = _login(client, "khongco", REMOTE_ADDR="10.0.0.2")
    assert known.status_code == unknown.status_code
    assert LOCKED in known.content.decode()
    assert known.context["form"].errors == unknown.context["form"].errors


@pytest.mark.django_db
def test_a_forwarded_address_is_ignored_unless_the_proxy_header_is_configured(client, limits):
    UserFactory(username="hoa")
    # An attacker cannot escape the address rule by inventing X-Forwarded-For values.
    for n in range(6):
        _fail(
            client,
            f"canbo{n}",
            REMOTE_ADDR="10.0.0.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    response = _login(client, "hoa", REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert LOCKED in response.content.decode()
    recorded = AuditEvent.objects.filter(action="login.failed").first()
    assert recorded.after["address"] == "10.0.0.7"


@pytest.mark.django_db
def test_behind_a_configured_proxy_each_client_address_counts_apart(client, limits):
    limits.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    UserFactory(username="hoa")
    proxy = "10.0.0.1"
    for n in range(6):
        _fail(client, f"canbo{n}", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.66")
    # the guessing client is stopped ...
    blocked = _login(client, "hoa", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert LOCKED in blocked.content.decode()
    # ... while an official behind the same proxy signs in
    ok = _login(client, "hoa", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert ok.status_code == 302
    recorded = AuditEvent.objects.filter(action="login.failed").first()
    assert recorded.after["address"] == "203.0.113.66"


@pytest.mark.django_db
def test_the_proxy_header_uses_the_address_the_proxy_added_not_one_the_client_sent(client, limits):
    limits.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    # the client sends "1.2.3.4" itself; the proxy appends the address it really saw
    _fail(client, "lan", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    recorded = AuditEvent.objects.filter(action="login.failed").first()
    assert recorded.after["address"] == "203.0.113.9"


@pytest.mark.django_db
def test_every_login_failure_lockout_and_logout_is_an_audit_event(client, limits):
    user = UserFactory(username="lan")
    _login(client, "lan", REMOTE_ADDR="10.0.0.1")
    client.post(reverse("logout"))
    for _ in range(3):
        _fail(client, "lan", REMOTE_ADDR="10.0.0.1")
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "login",
        "logout",
        "login.failed",
        "login.failed",
        "login.locked",
        "login.failed",
    ]
    login = AuditEvent.objects.get(action="login")
    assert login.user == user and login.after["address"] == "10.0.0.1"
    assert AuditEvent.objects.get(action="logout").user == user
    locked = AuditEvent.objects.get(action="login.locked")
    assert locked.after["username"] == "lan" and locked.user is None


@pytest.mark.django_db
def test_the_lockout_ends_by_itself_after_the_set_time(client, limits):
    import datetime as dt

    from axes.models import AccessAttempt

    UserFactory(username="lan")
    for _ in range(3):
        _fail(client, "lan")
    assert LOCKED in _login(client, "lan").content.decode()
    past = AccessAttempt.objects.all()
    past.update(attempt_time=past.first().attempt_time - dt.timedelta(seconds=901))
    assert _login(client, "lan").status_code == 302


@pytest.mark.django_db
def test_an_administrator_unlocks_an_account_in_the_admin_and_it_is_audited(client, limits):
    from axes.models import AccessAttempt

    admin_user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    UserFactory(username="lan")
    for _ in range(3):
        _fail(client, "lan", REMOTE_ADDR="10.0.0.5")
    assert LOCKED in _login(client, "lan", REMOTE_ADDR="10.0.0.5").content.decode()

    staff = Client()
    staff.force_login(admin_user)
    listing = staff.get(reverse("admin:accounts_lockoutattempt_changelist"))
    assert "lan" in listing.content.decode()
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = staff.post(
        reverse("admin:accounts_lockoutattempt_changelist"),
        {"action": "unlock_selected", "_selected_action": ids},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    event = AuditEvent.objects.get(action="login.unlocked")
    assert event.user == admin_user and event.before["username"] == "lan"
    assert _login(client, "lan", REMOTE_ADDR="10.0.0.5").status_code == 302


@pytest.mark.django_db
def test_a_staff_member_without_full_rights_cannot_unlock(limits):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(username="lan", ip_address="10.0.0.5", failures_since_start=9)
    staff_user = UserFactory(username="nhanvien", is_staff=True)
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(Permission.objects.get(codename="view_lockoutattempt"))
    staff = Client()
    staff.force_login(staff_user)
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    staff.post(
        reverse("admin:accounts_lockoutattempt_changelist"),
        {"action": "unlock_selected", "_selected_action": ids},
    )
    assert AccessAttempt.objects.count() == 1
    assert not AuditEvent.objects.filter(action="login.unlocked").exists()
