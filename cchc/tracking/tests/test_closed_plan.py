"""A closed plan is frozen whatever writes to it: the actions refuse, the pages show why."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.indicators import actions as indicator_actions
from cchc.indicators.models import TargetFigure
from cchc.plans import actions as plan_actions
from cchc.plans.cascade import adopt_task
from cchc.plans.choices import PlanStatus
from cchc.plans.models import Target, Task
from cchc.plans.rules import PlanClosed
from cchc.testing.factories import TargetFactory
from cchc.tracking import actions
from cchc.tracking.models import ProgressUpdate

REASON = "Kế hoạch đã kết thúc: hãy mở lại"


@pytest.fixture
def closed(follow, world):
    follow.target = TargetFactory(
        plan=follow.plan, text="Hoàn thành 100% Kế hoạch", comparator="=", value=100, unit="%",
        owner_post=world.justice,
    )  # fmt: skip
    follow.plan.status = PlanStatus.CLOSED
    follow.plan.save()
    follow.events_before = _changes()
    return follow


def _changes() -> int:
    """Change records, leaving out the sign-ins the pages' logins record."""
    return AuditEvent.objects.exclude(action__in=["login", "logout"]).count()


def _nothing_saved(closed) -> None:
    assert not ProgressUpdate.objects.exists()
    assert not TargetFigure.objects.exists()
    assert (
        Task.objects.get(pk=closed.justice.pk).title == "Rà soát văn bản quy phạm pháp luật của xã"
    )
    assert Task.objects.filter(plan=closed.plan).count() == 3
    assert Target.objects.get(pk=closed.target.pk).value == Decimal(100)
    assert _changes() == closed.events_before


def test_the_actions_refuse_progress_a_figure_and_a_task_edit_on_a_closed_plan(closed, world):
    official, focal = world.people.official, world.people.focal
    with pytest.raises(PlanClosed, match=REASON):
        actions.report_progress(closed.justice_occ, by=official, state="working", percent=40)
    with pytest.raises(PlanClosed, match=REASON):
        indicator_actions.add_figure(
            closed.target, as_of=dt.date(2024, 6, 30), value=Decimal(75), by=official
        )
    task = Task.objects.get(pk=closed.justice.pk)
    task.title = "Sửa sau khi kế hoạch đã kết thúc"
    with pytest.raises(PlanClosed, match=REASON):
        plan_actions.save_task(task, by=focal)
    _nothing_saved(closed)


def test_every_other_write_to_a_closed_plan_is_refused_by_its_action(closed, world):
    focal = world.people.focal
    writes = [
        lambda: plan_actions.save_task(
            Task(plan=closed.plan, title="Mới", area="direction"), by=focal
        ),
        lambda: plan_actions.delete_task(closed.office, by=focal),
        lambda: plan_actions.save_target(Target(plan=closed.plan, text="Mới", value=1), by=focal),
        lambda: plan_actions.delete_target(closed.target, by=focal),
        lambda: indicator_actions.link_target(
            closed.target, indicator=None, owner_post=None, by=focal
        ),
        lambda: actions.set_due(closed.monthly, dt.date(2024, 5, 1), by=focal),
        lambda: actions.assign(closed.office, world.people.official, by=focal),
        lambda: adopt_task(closed.office, closed.plan, by=focal),
    ]
    for write in writes:
        with pytest.raises(PlanClosed):
            write()
    _nothing_saved(closed)
    assert not closed.office.assignments.exists()


def test_the_action_reads_the_plans_status_now_not_from_a_stale_object(closed, world):
    stale = Task.objects.select_related("plan").get(pk=closed.justice.pk)
    stale.plan.status = PlanStatus.ISSUED  # loaded before the plan was closed
    stale.title = "Sửa từ một trang mở từ trước"
    with pytest.raises(PlanClosed):
        plan_actions.save_task(stale, by=world.people.focal)
    _nothing_saved(closed)


def test_the_pages_refuse_progress_a_figure_and_a_task_edit_on_a_closed_plan(closed, world, login):
    official = login(world.people.official)
    response = official.post(
        reverse("tracking:report", args=[closed.justice_occ.pk]),
        {"state": "working", "percent": "40", "note": "Đã rà soát 4 văn bản"},
    )
    assert response.status_code == 403 and REASON in response.content.decode()
    response = official.post(
        reverse("plans:target_figure", args=[closed.target.pk]),
        {"as_of": "2024-06-30", "value": "75", "note": "", "document": "Báo cáo số 12/BC-UBND"},
    )
    assert response.status_code == 403 and REASON in response.content.decode()
    response = login(world.people.focal).post(
        reverse("plans:task_edit", args=[closed.justice.pk]),
        {"title": "Sửa sau khi kế hoạch đã kết thúc", "area": "institutions"},
    )
    assert response.status_code == 403 and REASON in response.content.decode()
    _nothing_saved(closed)


def test_a_closed_plans_task_page_offers_no_progress_form(closed, world, login):
    page = login(world.people.official).get(reverse("tracking:task", args=[closed.justice.pk]))
    assert page.status_code == 200
    assert "Lưu báo cáo" not in page.content.decode()


def test_a_reopened_plan_takes_progress_again(closed, world):
    closed.plan.status = PlanStatus.ISSUED
    plan_actions.save_plan(closed.plan, by=world.people.focal)
    actions.report_progress(
        closed.justice_occ, by=world.people.official, state="working", percent=40
    )
    assert ProgressUpdate.objects.get().percent == 40
