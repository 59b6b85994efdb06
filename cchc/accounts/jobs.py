"""Background work of sign-in security, run daily by `cchc worker` (cchc/core/periodic.py)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from . import idle


@task()
def disable_idle_accounts() -> dict:
    """Disable the accounts unused for IDLE_ACCOUNT_DAYS and tell their administrators."""
    outcome = idle.disable_idle(settings.IDLE_ACCOUNT_DAYS)
    return {"disabled": len(outcome.disabled), "notified": outcome.notified}
