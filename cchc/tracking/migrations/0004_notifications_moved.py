"""The notifications and their email outbox moved to the `notifications` app (decision 0039).

The rows are copied with their ids into the new tables (an email copy keeps pointing at its
notification; a person's read marks, keys and sending attempts are kept), the occurrence a
reminder was about becomes its generic `about` (an assignment's task and a digest's unit are
read from the key), and the old tables are dropped. Works the same on SQLite and PostgreSQL;
going back moves the rows the other way.
"""

from django.core.management.color import no_style
from django.db import migrations

BATCH = 2000
EMAIL_FIELDS = ["to", "status", "attempts", "last_error", "next_attempt_at", "sent_at"]


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def _reset_sequences(schema_editor, *models):
    """After rows were written with their ids, new ids start above them (PostgreSQL)."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def _copy(source, target, make):
    batch = []
    for row in source.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(make(row))
        if len(batch) >= BATCH:
            target.objects.bulk_create(batch)
            batch = []
    target.objects.bulk_create(batch)


def _about(row, types):
    """(content type, id) of what an old notification was about."""
    if row.occurrence_id:
        return types["occurrence"], row.occurrence_id
    prefix, _sep, rest = row.key.partition(":")
    first = rest.split(":", 1)[0]
    if prefix in ("assigned", "digest") and first.isdigit():
        return types["task" if prefix == "assigned" else "unit"], int(first)
    return None, None


def forwards(apps, schema_editor):
    Old = apps.get_model("tracking", "Notification")
    OldEmail = apps.get_model("tracking", "EmailDelivery")
    New = apps.get_model("notifications", "Notification")
    NewEmail = apps.get_model("notifications", "EmailDelivery")
    if not Old.objects.exists():
        return
    types = {
        "occurrence": _content_type(apps, "tracking", "occurrence"),
        "task": _content_type(apps, "plans", "task"),
        "unit": _content_type(apps, "org", "unit"),
    }

    def notification(row):
        about_type, about_id = _about(row, types)
        return New(
            pk=row.pk,
            user_id=row.user_id,
            unit_id=row.unit_id,
            about_type=about_type,
            about_id=about_id,
            kind=row.kind,
            key=row.key,
            title=row.title,
            body=row.body,
            url=row.url,
            created_at=row.created_at,
            read_at=row.read_at,
        )

    def email(row):
        values = {name: getattr(row, name) for name in EMAIL_FIELDS}
        return NewEmail(pk=row.pk, notification_id=row.notification_id, **values)

    _copy(Old, New, notification)
    _copy(OldEmail, NewEmail, email)
    _reset_sequences(schema_editor, New, NewEmail)


def backwards(apps, schema_editor):
    Old = apps.get_model("tracking", "Notification")
    OldEmail = apps.get_model("tracking", "EmailDelivery")
    New = apps.get_model("notifications", "Notification")
    NewEmail = apps.get_model("notifications", "EmailDelivery")
    if not New.objects.exists():
        return
    occurrence = _content_type(apps, "tracking", "occurrence")
    fields = ["user_id", "unit_id", "kind", "key", "title", "body", "url", "created_at", "read_at"]

    def notification(row):
        values = {name: getattr(row, name) for name in fields}
        about = row.about_id if row.about_type_id == occurrence.pk else None
        return Old(pk=row.pk, occurrence_id=about, **values)

    def email(row):
        values = {name: getattr(row, name) for name in EMAIL_FIELDS}
        return OldEmail(pk=row.pk, notification_id=row.notification_id, **values)

    _copy(New, Old, notification)
    _copy(NewEmail, OldEmail, email)
    _reset_sequences(schema_editor, Old, OldEmail)
    NewEmail.objects.all().delete()  # moved back, not copied: forwards will move them again
    New.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0001_notifications_and_email_outbox"),
        ("tracking", "0003_drop_old_evidence_table"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="EmailDelivery"),
        migrations.DeleteModel(name="Notification"),
    ]
