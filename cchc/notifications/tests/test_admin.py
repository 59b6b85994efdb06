"""The administrator sees the notifications (never edits them) and requeues failed emails."""

import pytest
from django.urls import reverse

from cchc.notifications.models import EmailDelivery, Notification
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory


@pytest.fixture
def staff(client, db):
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


def test_notifications_are_listed_by_kind_but_not_changed_in_the_admin(world, staff, send):
    send("report_news", [world.people.focal], "news", title="Tin tuần xã Thạnh Tân")
    listing = staff.get(
        reverse("admin:notifications_notification_changelist"), {"kind": "report_news"}
    )
    page = listing.content.decode()
    assert listing.status_code == 200
    assert "Tin tuần xã Thạnh Tân" in page and "Bản tin tuần" in page
    notification = Notification.objects.get()
    url = reverse("admin:notifications_notification_delete", args=[notification.pk])
    assert staff.post(url, {"post": "yes"}).status_code == 403
    assert Notification.objects.exists()


def test_a_failed_email_is_queued_again_from_the_admin(world, staff, send):
    world.people.focal.email = "lan@thanhtan.gov.vn"
    world.people.focal.save()
    send("report_due", [world.people.focal], "due")
    EmailDelivery.objects.update(status="failed", attempts=6)
    delivery = EmailDelivery.objects.get()
    staff.post(
        reverse("admin:notifications_emaildelivery_changelist"),
        {"action": "retry_now", "_selected_action": [delivery.pk]},
    )
    delivery.refresh_from_db()
    assert delivery.status == "pending"
