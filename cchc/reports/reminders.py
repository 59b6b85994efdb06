"""Reminders about periodic reports, like a task's: a week before the due date and once it
has passed, to the focal points of the unit, until the report is submitted (submitting
clears them). Idempotent: each reminder has its own key."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cchc.formats import day
from cchc.notifications.actions import notify
from cchc.org.choices import Role
from cchc.org.models import Membership, Unit

from . import actions, schedule
from .my_work import owed
from .notices import REPORT_DUE

BEFORE_DAYS = 7


def run(today: dt.date | None = None) -> int:
    """Send today's report reminders; return how many were created."""
    today = today or timezone.localdate()
    created = 0
    focal: dict[int, list] = {}
    for membership in Membership.objects.filter(
        role=Role.FOCAL_POINT, is_active=True, user__is_active=True
    ).select_related("user"):
        focal.setdefault(membership.unit_id, []).append(membership.user)
    for unit in Unit.objects.filter(pk__in=list(focal)):
        for kind, year, _period, report in owed(unit, today, ahead=BEFORE_DAYS):
            if report is None:
                report = actions.open_report(unit, kind, year, by=None)
            stage = "overdue" if today > report.due else "soon"
            title = schedule.KINDS[kind][1](year)
            body = f"Hạn nộp: {day(report.due)}."
            outcome = notify(
                REPORT_DUE,
                focal[unit.pk],
                key=f"report-due:{report.pk}:{stage}:{report.due}",
                title=("Quá hạn: " if stage == "overdue" else "Sắp đến hạn: ") + title,
                body=body,
                url=report.get_absolute_url(),
                about=report,
                unit=unit,
            )
            created += len(outcome.notifications)
    return created
