"""Background work of the dossier import, run by `cchc worker` (see cchc/core/periodic.py)."""

from __future__ import annotations

from django_tasks import task

from . import background, uploads


@task()
def discard_stale_uploads() -> int:
    """Delete the files of web uploads nobody confirmed within a day."""
    return uploads.discard_stale()


@task()
def recover_imports() -> int:
    """Roll back dossier imports abandoned half-saved by a process that died, and mark the
    web uploads they were running as interrupted (they may be run again)."""
    return background.mark_interrupted()


@task()
def import_upload(upload_id: int) -> str:
    """Import a web upload the user confirmed (queued by `background.queue`)."""
    return background.run_queued(upload_id)
