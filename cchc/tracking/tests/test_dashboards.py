"""The unit dashboard (focal point, chairman) and the upper level's comparison."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from cchc.plans.choices import PlanStatus
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking import actions
from cchc.tracking.choices import Status
from cchc.tracking.dashboards import comparison
from cchc.tracking.models import Occurrence
from cchc.tracking.schedule import sync_plan


def test_the_dashboard_counts_by_area_and_status_and_lists_overdue_with_its_lead(
    follow, world, login, today
):
    actions.report_progress(follow.justice_occ, by=world.people.official, state="done", percent=100)
    response = login(world.people.focal).get(reverse("tracking:dashboard", args=["xa-a"]))
    assert response.status_code == 200
    board = response.context["board"]
    monthly_count = follow.monthly.occurrences.count()
    assert board.total == 2 + monthly_count
    assert board.status_counts[Status.DONE_ON_TIME] == 1
    assert board.status_counts[Status.OVERDUE] == 1 + sum(
        1 for o in follow.monthly.occurrences.all() if o.due < today
    )
    institutions = next(r for r in board.areas if r.code == "institutions")
    assert institutions.counts == {Status.DONE_ON_TIME: 1}
    assert follow.office_occ.pk in board.overdue
    page = response.content.decode()
    assert "Xây dựng kế hoạch tuyên truyền CCHC" in page
    assert "Văn phòng – Thống kê" in page  # who leads the overdue task
    assert board.completion.numerator == 1 and board.completion.denominator == board.total


def test_the_next_30_days_lists_what_falls_due(follow, world, login, today):
    board = (
        login(world.people.leader)
        .get(reverse("tracking:dashboard", args=["xa-a"]))
        .context["board"]
    )
    assert follow.justice_occ.pk in board.upcoming
    listed = Occurrence.objects.filter(pk__in=board.upcoming)
    assert all(today <= o.due <= today + dt.timedelta(days=30) for o in listed)


def test_completion_over_time_is_a_table_and_a_chart(follow, world, login, today):
    actions.report_progress(follow.office_occ, by=world.people.focal, state="done", percent=100)
    response = login(world.people.focal).get(reverse("tracking:dashboard", args=["xa-a"]))
    board = response.context["board"]
    current = board.months[today.month - 1]
    assert current.done == 1
    assert all(p.done is None for p in board.months[today.month :])
    assert board.months[-1].due == board.total - 0  # every dated occurrence is due by December
    page = response.content.decode()
    assert 'id="chart-data"' in page and "chart.umd.min.js" in page
    assert "months-table" in page


def test_a_commune_without_a_plan_for_the_year_says_so(world, login, today):
    response = login(world.people.focal).get(reverse("tracking:dashboard", args=["xa-a"]))
    assert f"Đơn vị chưa có kế hoạch năm {today.year}." in response.content.decode()


def test_the_dashboard_stays_within_its_query_budget(
    follow, world, login, django_assert_max_num_queries
):
    for i in range(30):
        TaskFactory(
            plan=follow.plan,
            title=f"Nhiệm vụ {i}",
            deadline_text="Hàng tháng",
            due=None,
            leads=["Văn phòng – Thống kê"],
        )
    sync_plan(follow.plan)
    client = login(world.people.focal)
    client.get(reverse("tracking:dashboard", args=["xa-a"]))
    cache.clear()  # the first visit after a change: everything computed
    # 16 for the follow-up, 1 for the year's targets, 2 for open directions and nudges, and the
    # two counters of the cache's key (the unit's own, the dossier figures')
    with django_assert_max_num_queries(21):
        assert client.get(reverse("tracking:dashboard", args=["xa-a"])).status_code == 200
    # the next visits read the figures, lists and targets from the cache (decision 0102): the
    # session and access, the two counters, the years, undated tasks, directions, nudges, digest
    with django_assert_max_num_queries(13):
        assert client.get(reverse("tracking:dashboard", args=["xa-a"])).status_code == 200


@pytest.fixture
def upper(world, today):
    """Two communes of the district with plans: Thạnh Tân keeps up, Phường 2 does not."""
    plans = {}
    for unit, done in ((world.commune, 2), (world.other, 0)):
        plan = PlanFactory(unit=unit, year=today.year, status=PlanStatus.ISSUED)
        for i in range(3):
            due = today - dt.timedelta(days=10 + i)
            TaskFactory(plan=plan, title=f"Việc {i}", deadline_text="", due=due)
        sync_plan(plan)
        occurrences = [t.occurrences.get() for t in plan.tasks.order_by("pk")]
        for occ in occurrences[:done]:
            actions.report_progress(occ, by=None, state="done", percent=100)
        plans[unit.code] = plan
    return plans


def test_the_upper_level_sees_its_units_worst_first(upper, world, login):
    response = login(world.people.district).get(reverse("tracking:compare", args=["thanh-pho"]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.unit.code for r in rows] == ["xa-b", "xa-a"]
    worst, best = rows
    assert (worst.overdue, worst.on_schedule.percent) == (3, 0.0)
    assert (best.overdue, best.done, best.on_schedule.numerator) == (1, 2, 2)
    assert best.last_update is not None and worst.last_update is None
    page = response.content.decode()
    assert page.index("Phường 2") < page.index("Xã Thạnh Tân")
    # each unit opens read-only on its dashboard
    assert reverse("tracking:dashboard", args=["xa-a"]) in page
    dashboard = login(world.people.district).get(reverse("tracking:dashboard", args=["xa-a"]))
    assert dashboard.status_code == 200
    assert "Cài đặt nhắc việc" not in dashboard.content.decode()


def test_a_province_sees_districts_with_their_communes_rolled_up(upper, world, today):
    rows = comparison(world.province, today.year, today)
    assert [r.unit.code for r in rows] == ["thanh-pho"]
    assert rows[0].total == 6 and rows[0].done == 2 and rows[0].has_children


def test_the_comparison_stays_within_its_query_budget(
    upper, world, login, django_assert_max_num_queries
):
    client = login(world.people.district)
    client.get(reverse("tracking:compare", args=["thanh-pho"]))
    # 12 for the page, and what awaits the upper level (decision 0161): plans sent up, the
    # units below with their reports, PAR self-assessments sent up
    with django_assert_max_num_queries(15):
        assert client.get(reverse("tracking:compare", args=["thanh-pho"])).status_code == 200


def test_a_commune_focal_point_cannot_open_the_district_comparison(upper, world, login):
    assert (
        login(world.people.focal).get(reverse("tracking:compare", args=["thanh-pho"])).status_code
        == 404
    )


def test_dashboard_rates_round_half_up_to_one_decimal_as_every_rate_does():
    from cchc.tracking.dashboards import Rate

    assert Rate(1, 16).percent == 6.3  # 6.25: Python's round() gave 6.2
    assert Rate(1, 3).percent == 33.3
    assert Rate(2, 3).percent == 66.7
    assert Rate(0, 0).percent is None


def test_the_year_picker_names_the_year_shown_even_without_a_plan(world, login, today):
    """A link to a year with no plan (a year ahead, say) shows that year in the heading and
    in the picker alike, not the heading's year beside another year picked."""
    year = today.year + 3
    page = login(world.people.focal).get(
        reverse("tracking:dashboard", args=["xa-a"]), {"year": year}
    )
    text = page.content.decode()
    assert f"năm {year}" in text
    assert f'<option value="{year}" selected>' in text
