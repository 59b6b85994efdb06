"""The reports a focal point owes, shown in "My tasks" (through tracking's due-items hook).

A report is listed from `AHEAD_DAYS` before its due date until it is submitted (a returned
report is listed again), for each unit where the person prepares reports.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cchc.org.access import Action, access_for
from cchc.org.models import Unit
from cchc.tracking.due_items import DueItem, register

from . import schedule
from .models import Report

AHEAD_DAYS = 30


def owed(
    unit, today: dt.date, ahead: int = AHEAD_DAYS
) -> list[tuple[str, int, object, Report | None]]:
    """(kind, year, period, report or None) of the unit's reports due within `ahead` days or
    overdue and not yet submitted; this year's and, in January, last year's annual report. A
    unit no longer in force owes none, and a report not yet opened whose window ends after the
    unit's last day is not owed: the successor prepares it (decision 0148)."""
    if not unit.is_current(today):
        return []
    saved = {
        (r.kind, r.year): r
        for r in Report.objects.filter(unit=unit, year__in=[today.year - 1, today.year])
    }
    rows = schedule.plan_periods(unit, [today.year - 1, today.year])
    result = []
    for year in (today.year - 1, today.year):
        for kind in schedule.KINDS:
            report = saved.get((kind, year))
            if report is not None and report.status not in ("draft", "returned"):
                continue
            period = (
                schedule.window_for(unit, kind, year, rows.get((kind, year)))
                if report is None
                else None
            )
            if period is not None and not unit.is_current(period.end):
                continue
            due = report.due if report else period.due
            if due - dt.timedelta(days=ahead) <= today and (
                year == today.year or today <= due + dt.timedelta(days=60)
            ):
                result.append((kind, year, period, report))
    return result


def _items(user, today: dt.date) -> list[DueItem]:
    access = access_for(user)
    unit_ids = {g.unit_id for g in access.grants if Action.EDIT_PLAN in g.actions and g.post_id}
    items = []
    for unit in Unit.objects.filter(pk__in=unit_ids):
        for kind, year, period, report in owed(unit, today):
            url = (
                report.get_absolute_url()
                if report
                else reverse("reports:period", args=[unit.code, schedule.KINDS[kind][2](year)])
            )
            state = report.get_status_display() if report else ""
            items.append(
                DueItem(
                    title=schedule.KINDS[kind][1](year),
                    url=url,
                    due=report.due if report else period.due,
                    unit_name=unit.name,
                    state=str(state),
                )
            )
    return items


register(_items)
