"""An occurrence's status, computed from its due date and the updates reported on it.

Nobody types a status. Done when the latest update says completed (or 100%); on time when the
day it was reported done is on or before the due date; overdue once the due date has passed
without that; due soon within `DUE_SOON_DAYS` calendar days of the due date; in progress once
anything was reported; not started otherwise. The same rule is written twice — in Python for
one object and as a database expression for counting thousands — and a test keeps them equal.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, F, Q, Value, When

from .choices import Status

DUE_SOON_DAYS = 7


def compute_status(
    due: dt.date | None,
    done_on: dt.date | None,
    percent: int,
    last_update_at,
    today: dt.date,
) -> Status:
    if done_on is not None:
        return Status.DONE_ON_TIME if due is None or done_on <= due else Status.DONE_LATE
    if due is not None and today > due:
        return Status.OVERDUE
    if due is not None and (due - today).days <= DUE_SOON_DAYS:
        return Status.DUE_SOON
    if percent > 0 or last_update_at is not None:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def status_expression(today: dt.date) -> Case:
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    done = Q(done_on__isnull=False)
    return Case(
        When(
            done & (Q(due__isnull=True) | Q(done_on__lte=F("due"))), then=Value(Status.DONE_ON_TIME)
        ),
        When(done, then=Value(Status.DONE_LATE)),
        When(due__lt=today, then=Value(Status.OVERDUE)),
        When(due__lte=soon, then=Value(Status.DUE_SOON)),
        When(Q(percent__gt=0) | Q(last_update_at__isnull=False), then=Value(Status.IN_PROGRESS)),
        default=Value(Status.NOT_STARTED),
        output_field=CharField(),
    )
