"""The web import of dossier and catalogue files: store, preview, import, discard.

An uploaded file waits under a random name in the private file storage while the user checks
the preview (the detected column of each field, editable) and confirms. The import itself is
the command line's (`reading` + `saving`), with the rows limited to the upload's unit and the
units below it. Whatever the outcome, the file is then deleted and the upload keeps the
counts and the per-row errors as its result.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cchc.audit.log import record
from cchc.org.access import Action, access_for, unit_scope
from cchc.org.choices import UnitKind

from . import columns as cols
from .columnar import read_dossiers
from .models import DossierUpload, ImportBatch
from .reading import DossierFileError, Preview, preview, read_procedures
from .saving import ImportOutcome, import_dossiers, import_procedures

if TYPE_CHECKING:
    from .background import Progress

SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
MAX_STORED_ERRORS = 1000


def max_bytes() -> int:
    return settings.MAX_IMPORT_MB * 1024 * 1024


def fields_of(upload: DossierUpload) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The columns (with aliases) and the required ones of the upload's kind of file."""
    if upload.kind == ImportBatch.Kind.PROCEDURES:
        return cols.PROCEDURE_COLUMNS, cols.PROCEDURE_REQUIRED
    return cols.DOSSIER_COLUMNS, cols.DOSSIER_REQUIRED


def may_reclassify(user) -> bool:
    """Whether the user may change a procedure the catalogue already classifies.

    The catalogue is one list for the whole installation, so a commune's file may add
    procedures and classify the unclassified ones, but only a province (or an administrator)
    changes what is already classified — otherwise one commune's file would change every
    other unit's figures.
    """
    if user.is_superuser:
        return True
    units = access_for(user).units(Action.ENTER_DATA)
    return units.filter(kind=UnitKind.PROVINCE).exists()


def store(file, *, unit, kind: str, sheet: str = "", by) -> DossierUpload:
    """Keep the file until the user confirms; the upload and its event are saved together, and
    a file whose upload could not be saved is deleted again."""
    suffix = PurePath(file.name or "").suffix.lower()
    name = default_storage.save(f"dossier-imports/{secrets.token_hex(16)}{suffix}", file)
    try:
        with transaction.atomic():
            upload = DossierUpload.objects.create(
                unit=unit,
                created_by=by,
                kind=kind,
                file_name=(file.name or "")[:255],
                stored_name=name,
                size=file.size or 0,
                sheet=sheet,
            )
            record(
                "dossier_upload.store",
                by=by,
                obj=upload,
                unit=unit,
                after={"file": upload.file_name},
            )
    except BaseException:
        default_storage.delete(name)
        raise
    return upload


def open_stored(upload: DossierUpload):
    return default_storage.open(upload.stored_name, "rb")


def show(upload: DossierUpload, mapping: dict[str, int | None] | None = None) -> Preview:
    """The preview of a pending upload; DossierFileError when the file cannot be read."""
    columns, _required = fields_of(upload)
    with open_stored(upload) as handle:
        if upload.kind == ImportBatch.Kind.PROCEDURES:
            return _procedure_preview(handle, upload, mapping, columns)
        return preview(
            handle, filename=upload.file_name, sheet=upload.sheet or None, mapping=mapping
        )


def _procedure_preview(handle, upload, mapping, columns) -> Preview:
    from .reading import open_table

    table = open_table(
        handle,
        filename=upload.file_name,
        sheet=upload.sheet or None,
        columns=columns,
        required=(),
        mapping=mapping,
    )
    sample = []
    for number, row in table.rows:
        if any(cell not in (None, "") for cell in row):
            sample.append((number, ["" if c is None else str(c) for c in row]))
        if len(sample) >= 8:
            break
    return Preview(header=table.header, sample=sample, kind=table.kind)


def run(
    upload: DossierUpload,
    *,
    by,
    mapping: dict[str, int | None],
    skip_invalid: bool,
    progress: Progress | None = None,
) -> DossierUpload:
    """Import a pending upload with the confirmed mapping; record its outcome; drop the file.

    The import, the upload's outcome and its event are saved together (the outcome in the
    transaction that publishes the import): when any of them fails, nothing is saved and the
    upload stays pending, its file kept for another try.
    """
    upload.mapping = {k: v for k, v in mapping.items() if v is not None}
    upload.skip_invalid = skip_invalid
    closed: list[str] = []

    def conclude(outcome: ImportOutcome | None = None, file_error: str = "") -> None:
        if outcome is None:
            upload.result = {"file_error": file_error}
            upload.status = DossierUpload.Status.REFUSED
        else:
            upload.result = _summary(outcome)
            upload.batch = outcome.batch
            upload.status = (
                DossierUpload.Status.IMPORTED if outcome.saved else DossierUpload.Status.REFUSED
            )
            if progress is not None:
                upload.progress = progress.final(outcome)
        closed.append(_finish(upload))
        imported = upload.status == DossierUpload.Status.IMPORTED
        record(
            "dossier_upload.imported" if imported else "dossier_upload.refused",
            by=by,
            obj=upload,
            unit=upload.unit,
            after={k: v for k, v in upload.result.items() if k != "errors"},
        )

    try:
        with open_stored(upload) as handle:
            if upload.kind == ImportBatch.Kind.PROCEDURES:
                with transaction.atomic():
                    conclude(_import_procedures(upload, handle, by=by, mapping=mapping))
            else:
                outcome = _import_dossiers(
                    upload, handle, by=by, mapping=mapping, then=conclude, progress=progress
                )
                if not outcome.saved:
                    with transaction.atomic():
                        conclude(outcome)
    except DossierFileError as exc:
        with transaction.atomic():
            conclude(file_error=exc.message)
    _delete(*closed)
    return upload


def _import_procedures(upload: DossierUpload, handle, *, by, mapping) -> ImportOutcome:
    records, errors, _header = read_procedures(
        handle, filename=upload.file_name, sheet=upload.sheet or None, mapping=mapping
    )
    return import_procedures(
        records,
        errors,
        source=ImportBatch.Source.WEB,
        user=by,
        file_name=upload.file_name,
        skip_invalid=upload.skip_invalid,
        protect_classified=not may_reclassify(by),
    )


def _import_dossiers(
    upload: DossierUpload, handle, *, by, mapping, then, progress: Progress | None
) -> ImportOutcome:
    items = read_dossiers(
        handle, filename=upload.file_name, sheet=upload.sheet or None, mapping=mapping
    )
    return import_dossiers(
        items if progress is None else progress.counted(items),
        source=ImportBatch.Source.WEB,
        user=by,
        unit=upload.unit,
        allowed_paths=unit_scope(upload.unit),
        file_name=upload.file_name,
        skip_invalid=upload.skip_invalid,
        max_errors=MAX_STORED_ERRORS,
        on_publish=then,
    )


def _summary(outcome: ImportOutcome) -> dict[str, object]:
    return {
        "rows": outcome.rows,
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "skipped": outcome.skipped,
        "saved": outcome.saved,
        "error_count": outcome.error_count,
        "errors": [e.as_dict() for e in outcome.errors[:MAX_STORED_ERRORS]],
        "warnings": outcome.warnings[:200],
        "seconds": round(outcome.seconds, 2),
        "year": _latest_year(outcome),
    }


def _latest_year(outcome: ImportOutcome) -> int | None:
    """The latest year of the dossiers the import saved, for the link to their indicators."""
    from django.db.models import Max

    from .models import Dossier

    if not outcome.saved or outcome.batch is None:
        return None
    latest = Dossier.objects.filter(batch=outcome.batch).aggregate(latest=Max("month"))["latest"]
    return latest.year if latest else None


def discard(upload: DossierUpload, *, by) -> None:
    with transaction.atomic():
        upload.status = DossierUpload.Status.DISCARDED
        name = _finish(upload)
        record("dossier_upload.discard", by=by, obj=upload, unit=upload.unit)
    _delete(name)


def _finish(upload: DossierUpload) -> str:
    """Close the upload; returns the file to delete once that is committed (kept if not)."""
    name, upload.stored_name = upload.stored_name, ""
    upload.finished_at = timezone.now()
    upload.save()
    return name


def _delete(*names: str) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


def discard_stale(older_than_hours: int = 24) -> int:
    """Discard uploads left pending (the user never confirmed) or interrupted and not run
    again for a day: their files are deleted."""
    limit = timezone.now() - dt.timedelta(hours=older_than_hours)
    stale = DossierUpload.objects.filter(
        Q(status=DossierUpload.Status.PENDING, created_at__lt=limit)
        | Q(status=DossierUpload.Status.INTERRUPTED, heartbeat__lt=limit)
    )
    count = 0
    for upload in stale.select_related("unit"):
        discard(upload, by=None)
        count += 1
    return count
