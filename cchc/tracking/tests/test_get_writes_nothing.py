"""Derived state is brought up to date by the action that changes it or by the worker; reading
a page never writes (occurrences used to be rebuilt during GET requests)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.plans import actions as plan_actions
from cchc.plans.models import Task
from cchc.testing.factories import TargetFactory, TaskFactory
from cchc.tracking.jobs import resync_schedules
from cchc.tracking.models import Occurrence

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def pages(follow, world):
    target = TargetFactory(plan=follow.plan)
    code = world.commune.code
    return [
        reverse("home"),
        reverse("tracking:mine"),
        reverse("tracking:task", args=[follow.monthly.pk]),
        reverse("tracking:undated", args=[code]),
        reverse("tracking:dashboard", args=[code]),
        reverse("tracking:compare", args=[world.district.code]),
        reverse("notifications:list"),
        reverse("plans:list"),
        reverse("plans:detail", args=[follow.plan.pk]),
        reverse("plans:target", args=[target.pk]),
        reverse("indicators:unit", args=[code]),
        reverse("importer:upload"),
        reverse("dossiers:import", args=[code]),
        reverse("basics:search") + "?q=rà soát",
        reverse("basics:guide_index"),
        reverse("basics:guide", args=["theo-doi-thuc-hien"]),
    ]


def test_no_page_writes_to_the_database_even_when_a_task_is_out_of_date(
    follow, world, login, pages
):
    # a task changed behind the actions' back (as a calendar change does): out of date
    stale = TaskFactory(
        plan=follow.plan, deadline_text="Hàng quý", due=None, leads=["Tư pháp – Hộ tịch"]
    )
    for person in (world.people.focal, world.people.official, world.people.district):
        client = login(person)
        for url in [*pages, reverse("tracking:task", args=[stale.pk])]:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), url
            assert _writes(captured.captured_queries) == [], (person.username, url)
    assert not stale.occurrences.exists()  # still out of date: the pages did not fix it
    resync_schedules.call()  # the worker's daily job does
    assert stale.occurrences.filter(obsolete=False).count() == 4


def test_the_action_that_adds_or_changes_a_task_brings_its_occurrences_up_to_date(
    follow, world, login
):
    task = plan_actions.save_task(
        Task(plan=follow.plan, title="Báo cáo CCHC", area="direction", deadline_text="Hàng quý"),
        by=world.people.focal,
        leads=["Tư pháp – Hộ tịch"],
    )
    year = follow.plan.year
    assert [o.due.month for o in task.occurrences.order_by("due")] == [3, 6, 9, 12]

    client = login(world.people.focal)
    response = client.post(
        reverse("plans:task_edit", args=[task.pk]),
        {"title": "Báo cáo CCHC", "area": "direction", "deadline_text": f"Quý II/{year}",
         "lead": "Tư pháp – Hộ tịch"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    live = task.occurrences.filter(obsolete=False)
    assert [(o.period_start, o.period_end) for o in live] == [
        (dt.date(year, 4, 1), dt.date(year, 6, 30))
    ]
    page = client.get(reverse("tracking:task", args=[task.pk])).content.decode()
    assert f"Quý II/{year}" in page


def test_moving_a_plan_to_another_year_moves_its_occurrences(follow, world):
    plan = follow.plan
    plan.year += 1
    plan_actions.save_plan(plan, by=world.people.focal)
    months = Occurrence.objects.filter(task=follow.monthly, obsolete=False)
    assert {o.period_start.year for o in months} == {plan.year}


def test_an_imported_or_copied_plan_has_its_occurrences_at_once(world):
    from cchc.importer.saving import save_parsed_plan

    data = {
        "plan": {"year": 2024, "title": "Kế hoạch CCHC năm 2024"},
        "tasks": [
            {"title": "Công khai TTHC", "deadline": "Hàng tháng"},
            {"title": "Tổng kết", "deadline": "Tháng 12/2024"},
        ],
    }
    plan = save_parsed_plan(data, unit=world.commune, by=world.people.focal)
    assert Occurrence.objects.filter(plan=plan).count() == 13
    copy = plan_actions.copy_plan(plan, year=2025, by=world.people.focal)
    assert Occurrence.objects.filter(plan=copy).count() == 13
    assert {o.period_start.year for o in Occurrence.objects.filter(plan=copy)} == {2025}
