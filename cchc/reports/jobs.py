"""Background work of the reports (see cchc/core/periodic.py for when)."""

from __future__ import annotations

from django_tasks import task

from . import reminders


@task()
def remind_reports() -> int:
    """Remind focal points of the periodic reports due within a week or overdue."""
    return reminders.run()
