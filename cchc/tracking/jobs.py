"""Background work of the follow-up, run by `cchc worker` (see cchc/core/periodic.py for when)
or directly by `cchc send-reminders`. Each job is idempotent and takes no arguments but ids."""

from __future__ import annotations

from django_tasks import task

from cchc.notifications import mail

from . import reminders
from .schedule import sync_tasks


@task()
def send_reminders() -> dict:
    """Create today's reminders, then send the emails that are due."""
    outcome = reminders.run()
    delivered = mail.deliver_pending()
    return {
        "created": outcome.total,
        "by_kind": dict(outcome.created),
        "emails_sent": delivered.sent,
        "emails_retrying": delivered.retrying,
        "emails_failed": delivered.failed,
    }


@task()
def resync_schedules() -> int:
    """Rebuild every task's occurrences, so that a calendar change (a day off declared by the
    administrator) moves the due dates it affects. Tasks whose deadline changed are resynced
    on the spot by the action that changed them (`plans.signals.tasks_changed`) and again by
    the reminder run; this catches the rest daily."""
    from cchc.plans.models import Task

    count = 0
    batch: list = []
    for item in Task.objects.select_related("plan__unit").order_by("pk").iterator(chunk_size=500):
        batch.append(item)
        if len(batch) == 500:
            sync_tasks(batch)
            count += len(batch)
            batch = []
    sync_tasks(batch)
    return count + len(batch)
