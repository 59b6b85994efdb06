"""Web imports of dossier files run by the worker, with their progress on the upload.

A confirmed dossier upload is queued (`queue`), whatever its size: the request returns at
once and `cchc worker` runs the import (`jobs.import_upload` → `run_queued`), writing how
far it got to the upload every `PROGRESS_ROWS` rows; the upload's page polls it. The import
itself is the one `uploads.run` does, staged and published in one transaction
(`staging.py`), so a worker that dies leaves nothing half-applied: its import is rolled back
by `staging.recover_abandoned`, and the upload, silent for `staging.STALE_AFTER`, is marked
interrupted (`mark_interrupted`, by the periodic `recover-imports` job) and may be queued
again with the same file and columns (`requeue`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.utils import timezone

from cchc.audit.log import record

from . import staging, uploads
from .columnar import Item
from .models import DossierUpload, ImportBatch
from .outcome import ImportOutcome
from .records import DossierRecord, RowError

PROGRESS_ROWS = 2000  # rows read between two writes of the progress
PROGRESS_SECONDS = 1.0  # … or seconds, whichever comes first
Status = DossierUpload.Status


def estimate_rows(upload: DossierUpload) -> int | None:
    """The number of lines of a CSV/text upload (an upper bound of its rows); None for a
    workbook, whose size is only known once read."""
    if not upload.file_name.lower().endswith((".csv", ".txt")):
        return None
    lines, last = 0, b"\n"
    with uploads.open_stored(upload) as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


class Progress:
    """Counts the rows of a running import and writes them to its upload now and then."""

    def __init__(self, upload: DossierUpload) -> None:
        self.upload_id = upload.pk
        self.total = (upload.progress or {}).get("total")
        self.valid = 0
        self.invalid: set[int] = set()
        self.written_at = time.monotonic()

    def counted(self, items: Iterable[Item]) -> Iterator[Item]:
        """The reader's items passed on, counted: an error, a record, or a block of valid
        rows (as many rows as it holds)."""
        next_write = PROGRESS_ROWS
        for item in items:
            if isinstance(item, RowError):
                self.invalid.add(item.row)
            else:
                self.valid += 1 if isinstance(item, DossierRecord) else len(item)
            seen = self.valid + len(self.invalid)
            if seen >= next_write or time.monotonic() - self.written_at > PROGRESS_SECONDS:
                self.write()
                next_write = seen + PROGRESS_ROWS
            yield item
        self.write(saving=True)

    def state(self, saving: bool = False) -> dict[str, object]:
        invalid = len(self.invalid)
        return {
            "total": self.total,
            "read": self.valid + invalid,
            "valid": self.valid,
            "invalid": invalid,
            "saving": saving,
        }

    def write(self, saving: bool = False) -> None:
        self.written_at = time.monotonic()
        DossierUpload.objects.filter(pk=self.upload_id).update(
            progress=self.state(saving), heartbeat=timezone.now()
        )

    def final(self, outcome: ImportOutcome) -> dict[str, object]:
        """The counts once the import ended, as the import counted them (rows of units outside
        the upload's scope are found invalid only when stored)."""
        return {
            "total": self.total,
            "read": outcome.rows,
            "valid": outcome.rows - outcome.skipped if outcome.saved else self.valid,
            "invalid": outcome.skipped if outcome.saved else len(self.invalid),
            "saving": False,
        }


def confirm(
    upload: DossierUpload, *, by, mapping: dict[str, int | None], skip_invalid: bool
) -> DossierUpload:
    """The user confirmed the columns: a dossier file goes to the worker, a (small) catalogue
    file is imported at once."""
    if upload.kind != ImportBatch.Kind.DOSSIERS:
        return uploads.run(upload, by=by, mapping=mapping, skip_invalid=skip_invalid)
    return queue(upload, by=by, mapping=mapping, skip_invalid=skip_invalid)


def queue(
    upload: DossierUpload, *, by, mapping: dict[str, int | None], skip_invalid: bool
) -> DossierUpload:
    """Hand a dossier upload to the worker; its page follows the progress."""
    from .jobs import import_upload

    with transaction.atomic():
        # kept whole: None says "leave this column out", which is not the same as absent
        upload.mapping = dict(mapping)
        upload.skip_invalid = skip_invalid
        _put_in_queue(upload, by, "dossier_upload.queue")
        import_upload.enqueue(upload.pk)
    return upload


def requeue(upload: DossierUpload, *, by) -> DossierUpload:
    """Queue an interrupted import again, with the same file and columns."""
    from .jobs import import_upload

    with transaction.atomic():
        _put_in_queue(upload, by, "dossier_upload.requeue")
        import_upload.enqueue(upload.pk)
    return upload


def _put_in_queue(upload: DossierUpload, by, action: str) -> None:
    upload.status = Status.QUEUED
    upload.confirmed_by = by if getattr(by, "is_authenticated", False) else None
    upload.progress = {"total": estimate_rows(upload)}
    upload.heartbeat = timezone.now()
    upload.result = {}
    upload.save()
    record(action, by=by, obj=upload, unit=upload.unit, after={"file": upload.file_name})


def run_queued(upload_id: int) -> str:
    """Run a queued upload's import (the worker's task); returns the upload's status."""
    with transaction.atomic():
        upload = (
            DossierUpload.objects.select_for_update(of=("self",))
            .select_related("unit", "confirmed_by")
            .filter(pk=upload_id)
            .first()
        )
        if upload is None or upload.status != Status.QUEUED:
            return upload.status if upload else ""  # run already, or given up: nothing to do
        upload.status, upload.heartbeat = Status.RUNNING, timezone.now()
        upload.save(update_fields=["status", "heartbeat"])
    try:
        uploads.run(
            upload,
            by=upload.confirmed_by,
            mapping=upload.mapping,
            skip_invalid=upload.skip_invalid,
            progress=Progress(upload),
        )
    except Exception:
        # the import was rolled back (saving.import_dossiers): say so, and allow a re-run
        _interrupt(DossierUpload.objects.get(pk=upload_id))
        raise
    return upload.status


def _interrupt(upload: DossierUpload) -> None:
    with transaction.atomic():
        upload.status = Status.INTERRUPTED
        upload.save(update_fields=["status"])
        record("dossier_upload.interrupted", by=None, obj=upload, unit=upload.unit)


def mark_interrupted(older_than=staging.STALE_AFTER) -> int:
    """Uploads whose import stopped without an outcome (the worker died or was restarted):
    their import is rolled back first, then they are marked interrupted. Returns how many."""
    staging.recover_abandoned(older_than)
    limit = timezone.now() - older_than
    stale = DossierUpload.objects.filter(status=Status.RUNNING, heartbeat__lt=limit)
    count = 0
    for upload in stale.select_related("unit"):
        if _still_saving(upload, limit):
            continue
        _interrupt(upload)
        count += 1
    return count


def _still_saving(upload: DossierUpload, limit) -> bool:
    """Whether the upload's import is alive in its saving steps (its progress stops once
    every row is read, the import's batch keeps beating while it is applied)."""
    return ImportBatch.objects.filter(
        source=ImportBatch.Source.WEB,
        unit=upload.unit,
        file_name=upload.file_name[:255],
        state__in=[ImportBatch.State.STAGING, ImportBatch.State.APPLYING],
        heartbeat__gte=limit,
    ).exists()
