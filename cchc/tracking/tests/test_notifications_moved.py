"""Migration tracking 0004 moves the notifications and their email copies to the
notifications app: every row, read mark and sending attempt is kept, each reminder still
points at its occurrence, and new notifications get fresh ids after the copied ones."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cchc.notifications.actions import notify
from cchc.notifications.models import EmailDelivery, Notification

BEFORE = [("tracking", "0003_drop_old_evidence_table")]
NEW_TABLES = ("notifications", "0001_notifications_and_email_outbox")


def migrate(targets):
    """Migrate to `targets`; the models as they were there, the new notifications' included."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([*targets, NEW_TABLES]).apps


@pytest.mark.django_db(transaction=True)
def test_moving_the_notifications_keeps_every_row(follow, world):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    official, focal = world.people.official, world.people.focal
    kept = notify(
        "due_soon", [official], key="due:kept", title="Sắp đến hạn", about=follow.justice_occ
    )
    try:
        old = migrate(BEFORE)
        OldNotification = old.get_model("tracking", "Notification")
        OldEmail = old.get_model("tracking", "EmailDelivery")
        # the row written in the new tables came back to the old ones, with its occurrence
        back = OldNotification.objects.get(key="due:kept")
        assert back.pk == kept.notifications[0].pk
        assert back.occurrence_id == follow.justice_occ.pk
        assert not old.get_model("notifications", "Notification").objects.exists()
        read_at = timezone.now() - dt.timedelta(days=2)
        overdue = OldNotification.objects.create(
            user_id=focal.pk,
            unit_id=world.commune.pk,
            occurrence_id=follow.office_occ.pk,
            kind="overdue",
            key=f"overdue:{follow.office_occ.pk}:{follow.late}",
            title="Quá hạn: Xây dựng kế hoạch tuyên truyền CCHC",
            body="Chủ trì: Văn phòng – Thống kê.",
            url=f"/follow-up/tasks/{follow.office.pk}/",
            read_at=read_at,
        )
        assigned = OldNotification.objects.create(
            user_id=official.pk,
            kind="assigned",
            key=f"assigned:{follow.office.pk}:12",
            title="Được giao việc",
        )
        digest = OldNotification.objects.create(
            user_id=focal.pk, kind="digest", key=f"digest:{world.commune.pk}:2025-W24", title="Tuần"
        )
        OldEmail.objects.create(
            notification_id=overdue.pk,
            to="lan@thanhtan.gov.vn",
            status="failed",
            attempts=6,
            last_error="SMTP server unreachable",
        )
    finally:
        migrate(latest)

    assert Notification.objects.count() == 4
    moved = Notification.objects.get(pk=overdue.pk)
    assert moved.about == follow.office_occ and moved.read_at == read_at
    assert (moved.user, moved.unit, moved.kind, moved.key) == (
        focal,
        world.commune,
        "overdue",
        overdue.key,
    )
    assert moved.body == overdue.body and moved.url == overdue.url
    assert Notification.objects.get(pk=assigned.pk).about == follow.office
    assert Notification.objects.get(pk=digest.pk).about == world.commune
    assert Notification.objects.get(pk=kept.notifications[0].pk).about == follow.justice_occ
    email = EmailDelivery.objects.get()
    assert (email.notification_id, email.status, email.attempts) == (overdue.pk, "failed", 6)
    assert email.last_error == "SMTP server unreachable"
    # the same event is still not notified twice, and a new one gets an id of its own
    assert not notify("overdue", [focal], key=overdue.key, title="x").notifications
    (new,) = notify("overdue", [official], key="overdue:new", title="x").notifications
    assert new.pk > max(overdue.pk, assigned.pk, digest.pk)
