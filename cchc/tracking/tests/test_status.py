"""Status is computed from dates and updates, the same way in Python and in the database."""

import datetime as dt

import pytest

from cchc.testing.factories import TaskFactory
from cchc.tracking.choices import Status
from cchc.tracking.models import Occurrence
from cchc.tracking.schedule import sync_plan
from cchc.tracking.status import compute_status

T = dt.date(2025, 6, 10)
D = dt.timedelta
NOW = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("due", "done_on", "percent", "last", "expected"),
    [
        (T + D(30), None, 0, None, Status.NOT_STARTED),
        (T + D(30), None, 40, NOW, Status.IN_PROGRESS),
        (T + D(30), None, 0, NOW, Status.IN_PROGRESS),  # reported, still 0%
        (T + D(7), None, 0, None, Status.DUE_SOON),
        (T, None, 60, NOW, Status.DUE_SOON),  # due today is not yet late
        (T - D(1), None, 90, NOW, Status.OVERDUE),
        (T - D(1), T - D(1), 100, NOW, Status.DONE_ON_TIME),
        (T - D(5), T - D(2), 100, NOW, Status.DONE_LATE),
        (T + D(20), T - D(2), 100, NOW, Status.DONE_ON_TIME),
        (None, None, 0, None, Status.NOT_STARTED),
        (None, None, 30, NOW, Status.IN_PROGRESS),
        (None, T, 100, NOW, Status.DONE_ON_TIME),
    ],
)
def test_status_follows_the_dates_and_the_reports(due, done_on, percent, last, expected):
    assert compute_status(due, done_on, percent, last, T) == expected


@pytest.mark.django_db
def test_the_database_computes_the_same_status_as_python():
    task = TaskFactory(deadline_text="Hàng tháng", due=None, plan__year=2025)
    sync_plan(task.plan)
    cases = [
        (T + D(30), None, 0, None),
        (T + D(30), None, 40, NOW),
        (T + D(3), None, 0, None),
        (T - D(1), None, 90, NOW),
        (T - D(1), T - D(1), 100, NOW),
        (T - D(5), T - D(2), 100, NOW),
        (None, None, 30, NOW),
        (None, T, 100, NOW),
    ]
    occurrences = list(task.occurrences.order_by("period_start"))[: len(cases)]
    for occ, (due, done_on, percent, last) in zip(occurrences, cases, strict=True):
        occ.due, occ.done_on, occ.percent, occ.last_update_at = due, done_on, percent, last
        occ.save()
    computed = dict(Occurrence.objects.with_status(T).values_list("pk", "status"))
    for occ in occurrences:
        assert computed[occ.pk] == occ.status_on(T), occ.due
