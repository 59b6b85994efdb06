"""Background work of the service index, run by `cchc worker` (see cchc/core/periodic.py)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .actions import publish_due


@task()
def publish_index766() -> int:
    """From the publication day on, freeze and publish last month's index of every unit."""
    return publish_due(timezone.localdate())
