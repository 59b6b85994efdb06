"""Account security actions. Each is atomic and audited (cchc.audit.log.record)."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.db import transaction

from cchc.audit.log import record


@transaction.atomic
def unlock(attempts, *, by, reason: str = "") -> int:
    """Lift the lockout held by these failure records (a queryset of AccessAttempt): the
    account and the address start counting from zero. Returns the number of records removed."""
    rows = list(attempts.select_for_update().order_by("pk"))
    for attempt in rows:
        record(
            "login.unlocked",
            by=by,
            before={
                "username": attempt.username,
                "address": attempt.ip_address,
                "failures": attempt.failures_since_start,
                "last_failure": attempt.attempt_time.isoformat(),
            },
            reason=reason,
        )
    AccessAttempt.objects.filter(pk__in=[a.pk for a in rows]).delete()
    return len(rows)
