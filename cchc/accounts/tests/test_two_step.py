"""Two-step login (issue 17.1): a code from an authenticator app (TOTP) or a one-time recovery
code after the password; required for administrators and upper levels in production, offered
to everyone; an administrator can reset it (audited)."""

import datetime as dt
import re

import django_otp.models
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.audit.models import AuditEvent
from cchc.formats import moment
from cchc.org.choices import Role, UnitKind
from cchc.testing.factories import UnitFactory, UserFactory, member

SETUP = "/accounts/two-step/setup/"
VERIFY = "/accounts/two-step/"


def _sign_in(client, username):
    client.logout()
    response = client.post(reverse("login"), {"username": username, "password": "secret-pass-1"})
    assert response.status_code == 302, response.content.decode()[:500]


def _code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _enrol(client):
    page = client.get(SETUP)
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    response = client.post(SETUP, {"token": _code(device)})
    device.refresh_from_db()
    return device, response


@pytest.fixture
def units(db):
    province = UnitFactory(code="tinh", kind=UnitKind.PROVINCE)
    commune = UnitFactory(code="xa-a", kind=UnitKind.COMMUNE, parent=province)
    return province, commune


@pytest.mark.django_db
def test_in_production_an_administrator_is_sent_to_enrolment_before_any_page(
    client, settings, units
):
    settings.TWO_STEP_REQUIRED = True
    UserFactory(username="quantri", is_staff=True)
    _sign_in(client, "quantri")
    for url in [reverse("home"), reverse("plans:list"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(SETUP), url


@pytest.mark.django_db
def test_in_production_upper_level_roles_must_enrol_but_a_commune_official_need_not(
    client, settings, units
):
    settings.TWO_STEP_REQUIRED = True
    province, commune = units
    member(UserFactory(username="thamdinh"), commune, Role.REVIEWER)
    member(UserFactory(username="noivu"), province, Role.FOCAL_POINT)
    member(UserFactory(username="xa.admin"), commune, Role.ADMIN)
    member(UserFactory(username="congchuc"), commune, Role.OFFICIAL)
    for username in ["thamdinh", "noivu", "xa.admin"]:
        _sign_in(client, username)
        assert client.get(reverse("plans:list")).url.startswith(SETUP), username
    _sign_in(client, "congchuc")
    assert client.get(reverse("plans:list")).status_code == 200


@pytest.mark.django_db
def test_outside_production_nobody_is_forced(client, settings, units):
    settings.TWO_STEP_REQUIRED = False
    UserFactory(username="quantri", is_staff=True)
    _sign_in(client, "quantri")
    assert client.get(reverse("plans:list")).status_code == 200


@pytest.mark.django_db
def test_anyone_can_enrol_with_a_qr_code_drawn_by_the_server(client, units):
    member(UserFactory(username="congchuc"), units[1], Role.OFFICIAL)
    _sign_in(client, "congchuc")
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)
    device, response = _enrol(client)
    assert device.confirmed
    codes = re.findall(r"\b[a-z2-9]{8}\b", response.content.decode())
    recovery = StaticDevice.objects.get(user=device.user)
    assert recovery.token_set.count() == 10
    assert set(recovery.token_set.values_list("token", flat=True)) <= set(codes)
    assert AuditEvent.objects.filter(action="two_step.enrolled", user=device.user).exists()


@pytest.mark.django_db
def test_a_wrong_code_at_enrolment_enrols_nothing(client, units):
    UserFactory(username="lan")
    _sign_in(client, "lan")
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


@pytest.mark.django_db
def test_after_enrolment_the_password_alone_opens_nothing(client, units):
    UserFactory(username="lan")
    _sign_in(client, "lan")
    device, _ = _enrol(client)
    _sign_in(client, "lan")
    response = client.get(reverse("plans:list"))
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    wrong = client.post(VERIFY, {"token": "123456"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert AuditEvent.objects.filter(action="two_step.failed").exists()
    # as if the pause after a wrong code had passed, and the enrolment code's step with it
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    ok = client.post(VERIFY, {"token": _code(device)})
    assert ok.status_code == 302
    assert client.get(reverse("plans:list")).status_code == 200
    assert AuditEvent.objects.filter(action="two_step.verified").exists()


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, units):
    user = UserFactory(username="lan")
    _sign_in(client, "lan")
    _enrol(client)
    code = StaticToken.objects.filter(device__user=user).first().token
    _sign_in(client, "lan")
    assert client.post(VERIFY, {"token": code}).status_code == 302
    assert client.get(reverse("plans:list")).status_code == 200
    _sign_in(client, "lan")
    again = client.post(VERIFY, {"token": code})
    assert "Mã xác thực không đúng" in again.content.decode()
    assert client.get(reverse("plans:list")).url.startswith(VERIFY)


@pytest.mark.django_db
def test_an_administrator_resets_a_second_factor_and_it_is_audited(client, units):
    user = UserFactory(username="lan")
    _sign_in(client, "lan")
    _enrol(client)
    boss = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    staff = Client()
    staff.force_login(boss)
    changelist = reverse("admin:accounts_twostepdevice_changelist")
    page = staff.get(changelist, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "lan" in page
    # django-otp's fields are named in English: the page names them in Vietnamese
    assert "Theo đã xác nhận" in page and "Lần dùng gần nhất</a>" in page
    assert "Theo confirmed" not in page and "Last used at" not in page
    # the change page writes its dates as the site does, and a device never used as "-"
    device = TOTPDevice.objects.get(user=user)
    change = staff.get(reverse("admin:accounts_twostepdevice_change", args=[device.pk]))
    text = change.content.decode()
    assert moment(device.created_at) in text
    assert ">None<" not in text and "+00:00" not in text
    ids = list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True))
    response = staff.post(changelist, {"action": "reset_two_step", "_selected_action": ids})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action="two_step.reset")
    assert event.user == boss and event.before["username"] == "lan"
    _sign_in(client, "lan")
    assert client.get(reverse("plans:list")).status_code == 200


@pytest.mark.django_db
def test_only_a_system_administrator_may_reset(client, units):
    user = UserFactory(username="lan")
    _sign_in(client, "lan")
    _enrol(client)
    from django.contrib.auth.models import Permission

    helper = UserFactory(username="nhanvien", is_staff=True)
    helper.user_permissions.add(Permission.objects.get(codename="view_twostepdevice"))
    staff = Client()
    staff.force_login(helper)
    ids = list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True))
    staff.post(
        reverse("admin:accounts_twostepdevice_changelist"),
        {"action": "reset_two_step", "_selected_action": ids},
    )
    assert TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_guessing_codes_is_slowed_even_the_right_code_waits(client, units, monkeypatch):
    # The throttling's clock is held still, so the test does not depend on how fast the
    # machine is: after one wrong code, the next is only checked 2**(1-1) = 1 second later.
    clock = {"now": timezone.now()}
    monkeypatch.setattr(django_otp.models.timezone, "now", lambda: clock["now"])
    UserFactory(username="lan")
    _sign_in(client, "lan")
    device, _ = _enrol(client)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    _sign_in(client, "lan")
    for _ in range(3):
        client.post(VERIFY, {"token": "000000"})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # the 2nd and 3rd guesses were not even tried
    clock["now"] += dt.timedelta(seconds=0.9)
    refused = client.post(VERIFY, {"token": _code(device)})
    assert "Mã xác thực không đúng" in refused.content.decode()
    assert client.get(reverse("plans:list")).url.startswith(VERIFY)
    assert AuditEvent.objects.filter(action="two_step.failed").count() == 4
    clock["now"] += dt.timedelta(seconds=0.2)  # the wait is over: the right code opens
    client.post(VERIFY, {"token": _code(device)})
    assert client.get(reverse("plans:list")).status_code == 200
