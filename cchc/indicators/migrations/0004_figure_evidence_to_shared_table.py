"""A target figure's evidence moves to the shared evidence table (cchc.evidence).

The figure's evidence document (its words) becomes the evidence title; its file stays where it
is on disk (`target-evidence/YYYY/…`) and now gets the size and SHA-256 the figure never kept,
computed here from the stored file (a file missing on disk keeps size 0 and no checksum, and
its download stays a 404 as before). Figures without document nor file get no evidence row.
Reversible: the document and file go back onto the figure.
"""

import hashlib

from django.core.files.storage import default_storage
from django.db import migrations


def _figure_type(apps, db):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.db_manager(db).get_or_create(
        app_label="indicators", model="targetfigure"
    )[0]


def _measure(name: str) -> tuple[int, str]:
    """Size and SHA-256 of a stored file; (0, "") when it is not on disk."""
    digest, size = hashlib.sha256(), 0
    try:
        with default_storage.open(name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return 0, ""
    return size, digest.hexdigest()


def to_shared(apps, schema_editor):
    db = schema_editor.connection.alias
    Figure = apps.get_model("indicators", "TargetFigure")
    Evidence = apps.get_model("evidence", "Evidence")
    figure_type = _figure_type(apps, db)
    rows = []
    figures = (
        Figure.objects.using(db)
        .exclude(document="", file="")
        .values(
            "pk",
            "document",
            "file",
            "file_name",
            "content_type",
            "extension",
            "entered_by_id",
            "entered_at",
            "target__plan__unit_id",
        )
        .order_by("pk")
    )
    for figure in figures:
        size, sha256 = _measure(figure["file"]) if figure["file"] else (0, "")
        rows.append(
            Evidence(
                owner_type=figure_type,
                owner_id=figure["pk"],
                unit_id=figure["target__plan__unit_id"],
                title=figure["document"],
                file=figure["file"],
                original_name=figure["file_name"],
                content_type=figure["content_type"],
                extension=figure["extension"],
                size=size,
                sha256=sha256,
                uploaded_by_id=figure["entered_by_id"],
                uploaded_at=figure["entered_at"],
            )
        )
    Evidence.objects.using(db).bulk_create(rows, batch_size=500)


def back_to_figures(apps, schema_editor):
    db = schema_editor.connection.alias
    Figure = apps.get_model("indicators", "TargetFigure")
    Evidence = apps.get_model("evidence", "Evidence")
    moved = Evidence.objects.using(db).filter(owner_type=_figure_type(apps, db))
    for row in moved.order_by("pk"):
        Figure.objects.using(db).filter(pk=row.owner_id).update(
            document=row.title[:255],
            file=row.file.name,
            file_name=row.original_name,
            content_type=row.content_type,
            extension=row.extension,
        )
    moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("evidence", "0001_evidence_table"),
        ("indicators", "0003_target_figures"),
    ]

    operations = [migrations.RunPython(to_shared, back_to_figures)]
