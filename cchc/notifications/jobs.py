"""Background work of the notifications, run by `cchc worker` (see cchc/core/periodic.py)."""

from __future__ import annotations

from django_tasks import task

from . import mail


@task()
def deliver_emails() -> dict:
    """Send (or retry) the emails whose time has come."""
    delivered = mail.deliver_pending()
    return {"sent": delivered.sent, "retrying": delivered.retrying, "failed": delivered.failed}
