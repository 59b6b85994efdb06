"""The periodic jobs, in one table, and the step that enqueues those whose time has come.

`cchc worker` calls `enqueue_due()` between batches of queued tasks; the last time each job was
enqueued is kept in the database (`PeriodicRun`), so restarting the worker, or running two,
does not run a job twice in its interval. To add a job: write a `django_tasks` task in the
app's `jobs.py` and add a row here.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str  # dotted path of a django_tasks task
    every: dt.timedelta
    what: str


PERIODIC_JOBS: list[PeriodicJob] = [
    PeriodicJob(
        "send-reminders",
        "cchc.tracking.jobs.send_reminders",
        dt.timedelta(hours=1),
        "reminders before due dates, overdue notices, escalations, weekly digests; then emails",
    ),
    PeriodicJob(
        "remind-reports",
        "cchc.reports.jobs.remind_reports",
        dt.timedelta(hours=6),
        "periodic reports due within a week or overdue: remind the units' focal points",
    ),
    PeriodicJob(
        "deliver-emails",
        "cchc.notifications.jobs.deliver_emails",
        dt.timedelta(minutes=5),
        "send and retry the email copies of notifications",
    ),
    PeriodicJob(
        "resync-schedules",
        "cchc.tracking.jobs.resync_schedules",
        dt.timedelta(days=1),
        "rebuild task occurrences so calendar changes move due dates",
    ),
    PeriodicJob(
        "discard-stale-uploads",
        "cchc.dossiers.jobs.discard_stale_uploads",
        dt.timedelta(days=1),
        "delete the files of dossier uploads left unconfirmed for a day",
    ),
    PeriodicJob(
        "disable-idle-accounts",
        "cchc.accounts.jobs.disable_idle_accounts",
        dt.timedelta(days=1),
        "disable accounts without a login for CCHC_IDLE_ACCOUNT_DAYS and tell their administrators",
    ),
    PeriodicJob(
        "recover-imports",
        "cchc.dossiers.jobs.recover_imports",
        dt.timedelta(minutes=15),
        "roll back dossier imports a dead process left half-saved (never seen by pages)",
    ),
    PeriodicJob(
        "publish-index766",
        "cchc.index766.jobs.publish_index766",
        dt.timedelta(hours=6),
        "from CCHC_INDEX766_PUBLISH_DAY on, freeze and publish last month's service index",
    ),
]


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose interval has passed since it was last enqueued."""
    from .models import PeriodicRun

    now = now or timezone.now()
    enqueued = []
    for job in PERIODIC_JOBS:
        with transaction.atomic():
            run, _created = PeriodicRun.objects.select_for_update().get_or_create(name=job.name)
            if run.last_enqueued_at is not None and now - run.last_enqueued_at < job.every:
                continue
            result = import_string(job.task).enqueue()
            run.last_enqueued_at = now
            run.last_result_id = str(getattr(result, "id", ""))[:64]
            run.save(update_fields=["last_enqueued_at", "last_result_id"])
        enqueued.append(job.name)
        logger.info("enqueued periodic job %s", job.name)
    return enqueued
