"""A kiosk device's name refused in words: far too long or missing, the page again (400) with
the name typed and the reason under the box, no device issued; a revoked id that is not a
number is a 404 (decision 0175)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from cchc.audit.models import AuditEvent
from cchc.surveys.models import KioskDevice


def test_a_device_name_far_too_long_is_refused_and_kept(world, login):
    typed = " ".join(["Máy tính bảng quầy một cửa"] * 10)  # 269 characters
    client = login(world.people.focal)
    events = AuditEvent.objects.count()  # the sign-in's
    response = client.post(reverse("surveys:devices", args=[world.commune.code]), {"name": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tên thiết bị dài tối đa 100 ký tự (đã nhập 269)." in page
    assert f'value="{typed}"' in page and 'aria-describedby="d-name-error"' in page
    assert not KioskDevice.objects.exists() and AuditEvent.objects.count() == events


def test_a_device_without_a_name_is_refused(world, login):
    response = login(world.people.focal).post(
        reverse("surveys:devices", args=[world.commune.code]), {"name": "   "}
    )
    assert response.status_code == 400
    assert "Nhập tên thiết bị." in response.content.decode()
    assert not KioskDevice.objects.exists()


def test_a_named_device_is_issued_and_its_address_shown_once(world, login):
    response = login(world.people.focal).post(
        reverse("surveys:devices", args=[world.commune.code]), {"name": "Quầy 1"}
    )
    assert response.status_code == 200 and 'data-testid="kiosk-url"' in response.content.decode()
    assert KioskDevice.objects.get().name == "Quầy 1"


def test_revoking_a_device_by_a_word_is_not_found(world, login):
    today = timezone.localdate()
    KioskDevice.objects.create(
        unit=world.commune, name="Quầy 1", key_hash="x" * 64, issued_on=today, expires_on=today
    )
    client = login(world.people.focal)
    client.raise_request_exception = False
    response = client.post(reverse("surveys:devices", args=[world.commune.code]), {"revoke": "abc"})
    assert response.status_code == 404
    assert not KioskDevice.objects.get().revoked
