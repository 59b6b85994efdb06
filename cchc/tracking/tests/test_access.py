"""Scope of every follow-up page, fragment, download and write: a user of one commune can
neither read nor change another's tasks, updates or evidence (notifications: cchc/notifications);
read-only roles get 403 on writes; writes refuse GET."""

import pytest
from django.urls import reverse

from cchc.tracking import actions
from cchc.tracking.models import Assignment, ProgressUpdate

from .conftest import pdf_bytes, upload


@pytest.fixture
def evidence(follow, world):
    update = actions.report_progress(
        follow.justice_occ,
        by=world.people.official,
        state="working",
        percent=30,
        evidence=[actions.EvidenceInput(file=upload("bc.pdf", pdf_bytes()), title="Báo cáo")],
    )
    return update.evidence.get()


@pytest.fixture
def assignment(follow, world):
    return actions.assign(follow.office, world.people.leader, by=world.people.focal)


@pytest.fixture
def urls(follow, world, evidence, assignment):
    code = world.commune.code
    return {
        "task": reverse("tracking:task", args=[follow.justice.pk]),
        "evidence": reverse("evidence:download", args=[evidence.pk]),
        "dashboard": reverse("tracking:dashboard", args=[code]),
        "compare": reverse("tracking:compare", args=[code]),
        "undated": reverse("tracking:undated", args=[code]),
        "reminder_settings": reverse("tracking:reminder_settings", args=[code]),
        "report": reverse("tracking:report", args=[follow.justice_occ.pk]),
        "set_due": reverse("tracking:set_due", args=[follow.monthly.pk]),
        "assign": reverse("tracking:assign", args=[follow.justice.pk]),
        "unassign": reverse("tracking:unassign", args=[assignment.pk]),
    }


PAGES = ["task", "evidence", "dashboard", "compare", "undated", "reminder_settings"]
WRITES = ["report", "set_due", "assign", "unassign", "reminder_settings"]
POST_ONLY = ["report", "set_due", "assign", "unassign"]
POST_DATA = {"state": "done", "percent": "100", "due": "2020-01-01", "days_before": "3"}


@pytest.mark.parametrize("name", PAGES)
def test_another_communes_user_gets_404_on_every_page(urls, world, login, name):
    client = login(world.people.outsider)
    assert client.get(urls[name]).status_code == 404


@pytest.mark.parametrize("name", WRITES)
def test_another_communes_user_cannot_change_anything(urls, world, login, follow, name):
    client = login(world.people.outsider)
    before = ProgressUpdate.objects.count()
    data = {**POST_DATA, "user": world.people.outsider.pk}
    assert client.post(urls[name], data).status_code == 404
    assert ProgressUpdate.objects.count() == before
    follow.monthly.refresh_from_db()
    assert follow.monthly.due is None
    assert Assignment.objects.count() == 1


def test_another_communes_user_sees_none_of_the_tasks_in_my_tasks(follow, world, login):
    from cchc.testing.factories import PostFactory, UserFactory, member

    post = PostFactory(unit=world.other, name="Tư pháp – Hộ tịch")
    stranger = member(UserFactory(username="tuphap.p2"), world.other, "official", post)
    page = login(stranger).get(reverse("tracking:mine")).content.decode()
    assert follow.justice.title not in page and follow.monthly.title not in page


@pytest.mark.parametrize("name", ["report", "set_due", "assign", "unassign"])
def test_the_upper_level_reviewer_reads_but_cannot_write(urls, world, login, name):
    client = login(world.people.district)
    assert client.get(urls["task"]).status_code == 200
    assert client.get(urls["evidence"]).status_code == 200
    assert client.get(urls["dashboard"]).status_code == 200
    data = {**POST_DATA, "user": world.people.district.pk}
    assert client.post(urls[name], data).status_code == 403
    assert ProgressUpdate.objects.count() == 1


def test_the_reviewer_sees_no_report_form_and_cannot_change_reminder_settings(urls, world, login):
    client = login(world.people.district)
    page = client.get(urls["task"]).content.decode()
    assert "Lưu báo cáo" not in page
    assert client.get(urls["reminder_settings"]).status_code == 403
    assert client.post(urls["reminder_settings"], POST_DATA).status_code == 403


def test_an_official_cannot_report_on_a_task_led_by_another_post(follow, world, login):
    client = login(world.people.official)
    url = reverse("tracking:report", args=[follow.office_occ.pk])
    assert client.post(url, {"state": "working", "percent": "10"}).status_code == 403
    page = client.get(reverse("tracking:task", args=[follow.office.pk])).content.decode()
    assert "Lưu báo cáo" not in page
    assert not ProgressUpdate.objects.filter(occurrence=follow.office_occ).exists()


def test_a_leader_reads_but_cannot_report_unless_assigned(follow, world, login):
    client = login(world.people.leader)
    url = reverse("tracking:report", args=[follow.justice_occ.pk])
    assert client.post(url, {"state": "working", "percent": "10"}).status_code == 403
    actions.assign(follow.justice, world.people.leader, by=world.people.focal)
    assert client.post(url, {"state": "working", "percent": "10"}).status_code == 302


def test_an_assigned_official_finds_and_reports_on_another_posts_task(follow, world, login):
    actions.assign(follow.office, world.people.official, by=world.people.focal)
    client = login(world.people.official)
    assert follow.office.title in client.get(reverse("tracking:mine")).content.decode()
    url = reverse("tracking:report", args=[follow.office_occ.pk])
    assert client.post(url, {"state": "working", "percent": "10"}).status_code == 302


@pytest.mark.parametrize("name", POST_ONLY)
def test_writes_refuse_get(urls, world, login, name):
    assert login(world.people.focal).get(urls[name]).status_code == 405


@pytest.mark.parametrize("name", ["task", "evidence", "dashboard", "compare", "undated"])
def test_pages_refuse_post(urls, world, login, name):
    assert login(world.people.focal).post(urls[name]).status_code == 405


def test_pages_ask_an_anonymous_visitor_to_sign_in(urls, client):
    for name in PAGES:
        response = client.get(urls[name])
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
