"""Background work of the dossier import, run by `cchc worker` (see cchc/core/periodic.py)."""

from __future__ import annotations

from django_tasks import task

from . import staging, uploads


@task()
def discard_stale_uploads() -> int:
    """Delete the files of web uploads nobody confirmed within a day."""
    return uploads.discard_stale()


@task()
def recover_imports() -> int:
    """Roll back dossier imports abandoned half-saved by a process that died."""
    return staging.recover_abandoned()
