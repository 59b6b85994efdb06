"""Progress evidence moves to the shared evidence table (cchc.evidence).

Each row keeps its document details, uploader, date, size, checksum and its file where it is on
disk (`evidence/YYYY/MM/…`); it is attached to its progress report, or — for the rare row whose
report was gone — to its occurrence. The unit guarding the file is the plan's unit, as before.
Reversible: the rows go back to `tracking.Evidence`.
"""

from django.db import migrations

COPIED = [
    "title",
    "number",
    "issued_on",
    "issuer",
    "file",
    "original_name",
    "content_type",
    "extension",
    "size",
    "sha256",
    "uploaded_by_id",
    "uploaded_at",
]


def _types(apps, db):
    ContentType = apps.get_model("contenttypes", "ContentType")
    update, _ = ContentType.objects.db_manager(db).get_or_create(
        app_label="tracking", model="progressupdate"
    )
    occurrence, _ = ContentType.objects.db_manager(db).get_or_create(
        app_label="tracking", model="occurrence"
    )
    return update, occurrence


def to_shared(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("tracking", "Evidence")
    Evidence = apps.get_model("evidence", "Evidence")
    update_type, occurrence_type = _types(apps, db)
    rows = []
    for old in Old.objects.using(db).values(
        *COPIED, "update_id", "occurrence_id", "occurrence__plan__unit_id"
    ).order_by("pk"):
        rows.append(
            Evidence(
                owner_type=update_type if old["update_id"] else occurrence_type,
                owner_id=old["update_id"] or old["occurrence_id"],
                unit_id=old["occurrence__plan__unit_id"],
                **{name: old[name] for name in COPIED},
            )
        )
    Evidence.objects.using(db).bulk_create(rows, batch_size=500)


def back_to_tracking(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("tracking", "Evidence")
    Evidence = apps.get_model("evidence", "Evidence")
    ProgressUpdate = apps.get_model("tracking", "ProgressUpdate")
    update_type, occurrence_type = _types(apps, db)
    moved = Evidence.objects.using(db).filter(owner_type__in=[update_type, occurrence_type])
    occurrence_of = dict(
        ProgressUpdate.objects.using(db)
        .filter(pk__in=moved.filter(owner_type=update_type).values("owner_id"))
        .values_list("pk", "occurrence_id")
    )
    rows = []
    for row in moved.values(*COPIED, "owner_type_id", "owner_id").order_by("pk"):
        is_update = row["owner_type_id"] == update_type.pk
        rows.append(
            Old(
                update_id=row["owner_id"] if is_update else None,
                occurrence_id=occurrence_of[row["owner_id"]] if is_update else row["owner_id"],
                **{name: row[name] for name in COPIED},
            )
        )
    Old.objects.using(db).bulk_create(rows, batch_size=500)
    moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("evidence", "0001_evidence_table"),
        ("tracking", "0001_execution_tables"),
    ]

    operations = [migrations.RunPython(to_shared, back_to_tracking)]
