"""My tasks: an official's occurrences grouped as overdue / this week / this month / later /
done, within a query budget."""

import datetime as dt

import pytest
from django.urls import reverse

from cchc.testing.factories import TaskFactory
from cchc.tracking import actions
from cchc.tracking.schedule import sync_plan
from cchc.tracking.views import group_my_occurrences


def groups_of(response):
    return response.context["groups"]


def test_an_official_sees_the_tasks_of_their_post_and_not_the_others(follow, world, login):
    response = login(world.people.official).get(reverse("tracking:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    assert follow.justice.title in page and follow.monthly.title in page
    assert follow.office.title not in page


def test_tasks_are_grouped_by_when_they_fall_due(follow, world, login, today):
    client = login(world.people.focal)
    groups = groups_of(client.get(reverse("tracking:mine")))
    assert [o.task for o in groups["overdue"]] == [follow.office]
    assert groups["done"] == []
    # The focal point holds Văn phòng – Thống kê: the tasks of Tư pháp are not theirs.
    assert all(o.task != follow.monthly for g in groups.values() for o in g)
    actions.report_progress(follow.office_occ, by=world.people.focal, state="done", percent=100)
    groups = groups_of(client.get(reverse("tracking:mine")))
    assert groups["overdue"] == []
    assert [o.task for o in groups["done"]] == [follow.office]


def test_later_shows_only_the_next_occurrence_of_a_recurring_task(follow, world, login, today):
    groups = groups_of(login(world.people.official).get(reverse("tracking:mine")))
    monthly = [o for g in ("week", "month", "later") for o in groups[g] if o.task == follow.monthly]
    in_later = [o for o in groups["later"] if o.task == follow.monthly]
    assert len(in_later) <= 1
    assert monthly, "the monthly task is listed"


def test_grouping_by_week_and_month_boundaries():
    class Occ:
        def __init__(self, pk, due, done_on=None):
            self.pk, self.task_id, self.due, self.done_on = pk, pk, due, done_on
            self.percent, self.last_update_at = 0, None

        def status_on(self, today):
            return "x"

    wednesday = dt.date(2025, 10, 15)
    items = [
        Occ(1, dt.date(2025, 10, 14)),  # yesterday → overdue
        Occ(2, dt.date(2025, 10, 19)),  # Sunday → this week
        Occ(3, dt.date(2025, 10, 20)),  # next Monday → this month
        Occ(4, dt.date(2025, 10, 31)),  # → this month
        Occ(5, dt.date(2025, 11, 1)),  # → later
        Occ(6, None),  # no date → later
        Occ(7, dt.date(2025, 10, 1), done_on=dt.date(2025, 9, 30)),  # → done
    ]
    groups = group_my_occurrences(items, wednesday)
    assert {k: [o.pk for o in v] for k, v in groups.items()} == {
        "overdue": [1],
        "week": [2],
        "month": [3, 4],
        "later": [5, 6],
        "done": [7],
    }


def test_my_tasks_stays_within_its_query_budget(
    follow, world, login, django_assert_max_num_queries
):
    for i in range(20):
        TaskFactory(
            plan=follow.plan,
            title=f"Nhiệm vụ {i}",
            deadline_text="Hàng quý",
            due=None,
            leads=["Tư pháp – Hộ tịch"],
        )
    sync_plan(follow.plan)
    client = login(world.people.official)
    client.get(reverse("tracking:mine"))  # warm the session
    with django_assert_max_num_queries(14):
        response = client.get(reverse("tracking:mine"))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["official", "focal"])
def test_the_menu_offers_my_tasks_to_people_who_hold_a_post(follow, world, login, persona):
    page = login(getattr(world.people, persona)).get(reverse("tracking:mine")).content.decode()
    assert f'href="{reverse("tracking:mine")}"' in page


def test_the_menu_does_not_offer_my_tasks_to_a_reviewer(world, login):
    page = login(world.people.district).get(reverse("plans:list")).content.decode()
    assert f'href="{reverse("tracking:mine")}"' not in page


def test_a_closed_plans_work_no_longer_appears_in_my_tasks(follow, world, login):
    client = login(world.people.focal)
    assert groups_of(client.get(reverse("tracking:mine")))["overdue"]
    follow.plan.status = "closed"
    follow.plan.save()
    groups = groups_of(client.get(reverse("tracking:mine")))
    assert all(not items for items in groups.values())
