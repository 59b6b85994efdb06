"""The unit dashboard's figures and lists come from the cache while the unit's own plans,
tasks and occurrences have not changed (decision 0102): never to someone who may not see the
unit, never another unit's, and a progress report, a new task or a moved deadline shows on the
next visit."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cchc.plans.choices import PlanStatus
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking import actions, dashboard_views
from cchc.tracking.choices import Status
from cchc.tracking.schedule import sync_plan


def dashboard(client, code="xa-a"):
    return client.get(reverse("tracking:dashboard", args=[code]))


def test_a_cached_dashboard_is_not_served_to_someone_who_may_not_see_the_unit(follow, world, login):
    warm = dashboard(login(world.people.focal))
    assert "Xây dựng kế hoạch tuyên truyền CCHC" in warm.content.decode()  # now in the cache

    client = login(world.people.outsider)  # Phường 2's focal point
    refused = dashboard(client)
    assert refused.status_code == 404
    assert "Xây dựng kế hoạch tuyên truyền CCHC" not in refused.content.decode()
    own = dashboard(client, "xa-b")
    assert own.status_code == 200
    assert "Xây dựng kế hoạch tuyên truyền CCHC" not in own.content.decode()
    assert own.context["board"].total == 0


def test_another_units_dashboard_is_never_the_cached_one(follow, world, login, today):
    plan = PlanFactory(unit=world.other, year=today.year, status=PlanStatus.ISSUED)
    TaskFactory(
        plan=plan, title="Việc riêng của Phường 2", deadline_text="", due=today - dt.timedelta(1)
    )
    sync_plan(plan)
    district = login(world.people.district)  # sees both communes
    first = dashboard(district, "xa-a").content.decode()
    second = dashboard(district, "xa-b").content.decode()
    assert "Xây dựng kế hoạch tuyên truyền CCHC" in first
    assert "Việc riêng của Phường 2" not in first
    assert "Việc riêng của Phường 2" in second
    assert "Xây dựng kế hoạch tuyên truyền CCHC" not in second


def test_the_second_visit_is_served_without_computing_the_figures(
    follow, world, login, monkeypatch
):
    client = login(world.people.focal)
    first = dashboard(client)

    def not_again(*args, **kwargs):
        raise AssertionError("the dashboard was computed again")

    monkeypatch.setattr(dashboard_views, "unit_dashboard", not_again)
    second = dashboard(client)
    assert second.status_code == 200
    assert second.content.decode().count("Xây dựng kế hoạch tuyên truyền CCHC") == 1
    assert first.context["board"].total == second.context["board"].total


def test_a_progress_report_shows_at_once(follow, world, login):
    client = login(world.people.focal)
    before = dashboard(client)
    assert follow.office_occ.pk in before.context["board"].overdue
    assert before.context["board"].status_counts[Status.DONE_LATE] == 0

    actions.report_progress(follow.office_occ, by=world.people.official, state="done", percent=100)
    after = dashboard(client)
    board = after.context["board"]
    assert follow.office_occ.pk not in board.overdue
    assert board.status_counts[Status.DONE_LATE] == 1
    page = after.content.decode()
    assert "Xây dựng kế hoạch tuyên truyền CCHC" not in page  # no longer listed as overdue


def test_another_units_report_leaves_this_units_entry_and_its_own_shows(
    follow, world, login, today, monkeypatch
):
    plan = PlanFactory(unit=world.other, year=today.year, status=PlanStatus.ISSUED)
    TaskFactory(plan=plan, title="Việc của Phường 2", deadline_text="", due=today)
    sync_plan(plan)
    focal = login(world.people.focal)
    dashboard(focal)
    other = plan.tasks.get().occurrences.get()
    actions.report_progress(other, by=None, state="done", percent=100)

    computed = []
    real = dashboard_views.unit_dashboard

    def counting(unit, *args):
        computed.append(unit.code)
        return real(unit, *args)

    monkeypatch.setattr(dashboard_views, "unit_dashboard", counting)
    assert dashboard(focal).status_code == 200
    assert computed == []  # Thạnh Tân's entry outlived Phường 2's report
    board = dashboard(login(world.people.outsider), "xa-b").context["board"]
    assert computed == ["xa-b"]
    assert board.status_counts[Status.DONE_ON_TIME] == 1


def test_a_new_task_and_a_moved_deadline_show_at_once(follow, world, login, today):
    client = login(world.people.focal)
    assert follow.justice_occ.pk in dashboard(client).context["board"].upcoming

    follow.justice.due = today - dt.timedelta(days=2)
    follow.justice.deadline_text = f"trước ngày {follow.justice.due:%d/%m/%Y}"
    follow.justice.save()
    sync_plan(follow.plan)
    board = dashboard(client).context["board"]
    assert follow.justice_occ.pk in board.overdue and follow.justice_occ.pk not in board.upcoming

    TaskFactory(
        plan=follow.plan, title="Việc mới thêm", deadline_text="", due=today + dt.timedelta(5)
    )
    sync_plan(follow.plan)
    assert "Việc mới thêm" in dashboard(client).content.decode()


def test_a_renamed_plan_shows_at_once(follow, world, login):
    client = login(world.people.focal)
    assert "Kế hoạch mới đặt tên" not in dashboard(client).content.decode()
    follow.plan.title = "Kế hoạch mới đặt tên"
    follow.plan.save()
    assert "Kế hoạch mới đặt tên" in dashboard(client).content.decode()
