"""A reminder leaves the bell when its work is reported done (for everyone it went to), and
when its reader opens the task it is about (for that reader); a digest when its reader opens
the unit's dashboard. Reporting part of the work clears nothing."""

import re

import pytest
from django.urls import reverse

from cchc.notifications.models import Notification
from cchc.tracking import actions, reminders


def bell(client) -> int:
    page = client.get(reverse("plans:list")).content.decode()
    found = re.search(r'bell-count">(\d+)<', page)
    return int(found.group(1)) if found else 0


def unread(user, about=None, kind=None):
    found = Notification.objects.filter(user=user, read_at__isnull=True)
    if about is not None:
        found = found.about(about)
    if kind is not None:
        found = found.filter(kind=kind)
    return found.count()


@pytest.fixture
def reminded(follow, world, today):
    """The leader is asked to carry the overdue task, then today's reminders go out."""
    actions.assign(follow.office, world.people.leader, by=world.people.focal)
    reminders.run(today)
    return follow


def test_reporting_the_work_done_clears_its_reminders_for_everyone(reminded, world, login):
    focal, leader = world.people.focal, world.people.leader
    occ = reminded.office_occ
    assert unread(focal, occ, "overdue") == 1 and unread(leader, occ, "overdue") == 1
    before, about_the_work = bell(login(leader)), unread(leader, occ)
    actions.report_progress(occ, by=focal, state="done", percent=100)
    assert unread(focal, occ) == 0 and unread(leader, occ) == 0
    assert bell(login(leader)) == before - about_the_work
    # what is not done stays: the digest, the assignment, the other task's reminder
    assert unread(focal, kind="digest") == 1 and unread(leader, kind="assigned") == 1
    assert unread(world.people.official, reminded.justice_occ, "due_soon") == 1


def test_a_progress_report_short_of_done_clears_nothing(reminded, world):
    occ = reminded.justice_occ
    actions.report_progress(occ, by=world.people.official, state="working", percent=60)
    assert unread(world.people.official, occ, "due_soon") == 1


def test_the_report_form_clears_the_reminders_of_the_work_it_completes(reminded, world, login):
    occ = reminded.justice_occ
    client = login(world.people.official)
    response = client.post(
        reverse("tracking:report", args=[occ.pk]), {"state": "done", "percent": "100", "note": ""}
    )
    assert response.status_code == 302
    assert unread(world.people.official, occ) == 0


def test_opening_the_task_reads_its_reminders_for_the_reader_only(reminded, world, login):
    focal, leader = world.people.focal, world.people.leader
    occ = reminded.office_occ
    client = login(leader)
    assert client.get(reverse("tracking:task", args=[reminded.office.pk])).status_code == 200
    assert unread(leader, occ) == 0 and unread(leader, kind="assigned") == 0
    assert unread(focal, occ, "overdue") == 1  # the focal point has not opened it


def test_opening_another_task_reads_nothing(reminded, world, login):
    client = login(world.people.focal)
    client.get(reverse("tracking:task", args=[reminded.justice.pk]))
    assert unread(world.people.focal, reminded.office_occ, "overdue") == 1


def test_opening_the_units_dashboard_reads_its_weekly_digest(reminded, world, login):
    focal, leader = world.people.focal, world.people.leader
    assert unread(focal, kind="digest") == 1
    login(focal).get(reverse("tracking:dashboard", args=[world.commune.code]))
    assert unread(focal, kind="digest") == 0
    assert unread(leader, kind="digest") == 1
    assert unread(focal, reminded.office_occ, "overdue") == 1  # opened, not the task


def test_a_reminder_cleared_by_done_work_is_not_sent_again(reminded, world, today):
    actions.report_progress(reminded.office_occ, by=world.people.focal, state="done", percent=100)
    assert reminders.run(today).total == 0


def test_opening_a_task_with_nothing_unread_about_it_writes_nothing(reminded, world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.people.leader)
    url = reverse("tracking:task", args=[reminded.office.pk])
    client.get(url)  # reads the leader's reminders about it
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200
    writes = [q["sql"] for q in again.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == []
