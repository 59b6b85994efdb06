"""The demo shows a plan in use: done with evidence, in progress, overdue, due next week."""

import datetime as dt
import io

import pytest

from cchc.demo import load_demo
from cchc.evidence.models import Evidence
from cchc.notifications.models import Notification
from cchc.plans.models import Plan
from cchc.testing.demo import demo_fixtures
from cchc.tracking.choices import Status
from cchc.tracking.models import Occurrence, ProgressUpdate

TODAY = dt.date(2025, 6, 11)

# the demo is loaded once for the module (`_demo_once`): its tests run in one test process,
# with the PAR demo's, which loads it as of the same day (cchc/testing/demo.py)
pytestmark = pytest.mark.xdist_group("demo-2025-06-11")


_demo_once, demo = demo_fixtures(TODAY)  # the demo as of TODAY, loaded once


def statuses(plan):
    return [o.status_on(TODAY) for o in Occurrence.objects.live().filter(plan=plan)]


def test_the_living_plan_of_thanh_tan_has_every_kind_of_progress(demo):
    plan = demo.plans["current"]
    assert plan.unit.code == "thanh-tan" and plan.year == TODAY.year and plan.status == "issued"
    found = statuses(plan)
    for status in (Status.DONE_ON_TIME, Status.IN_PROGRESS, Status.OVERDUE, Status.DUE_SOON):
        assert status in found, status
    assert Evidence.objects.filter(progress_update__occurrence__plan=plan).count() >= 5
    next_week = [
        o
        for o in Occurrence.objects.filter(plan=plan)
        if o.due
        and TODAY + dt.timedelta(days=7 - TODAY.weekday()) <= o.due
        and o.due <= TODAY + dt.timedelta(days=13 - TODAY.weekday())
    ]
    assert next_week, "something falls due next week"


def test_the_tu_phap_official_reported_on_their_own_tasks(demo):
    updates = ProgressUpdate.objects.filter(by__username="thanhtan.tuphap")
    assert updates.exists()
    for update in updates.select_related("occurrence__task"):
        leads = [p.text for p in update.occurrence.task.parties.filter(role="lead")]
        assert any("Tư pháp" in lead for lead in leads)


def test_the_communes_of_thanh_pho_tay_ninh_have_plans_to_compare(demo):
    codes = set(
        Plan.objects.filter(year=TODAY.year, unit__parent__code="tp-tay-ninh").values_list(
            "unit__code", flat=True
        )
    )
    assert {"thanh-tan", "phuong-2", "binh-minh"} <= codes
    assert ProgressUpdate.objects.filter(occurrence__plan__unit__code="phuong-2").exists()
    assert Notification.objects.filter(user__username="noivu.tayninh").exists()


def test_loading_the_demo_again_adds_nothing(demo):
    counts = (
        Occurrence.objects.count(),
        ProgressUpdate.objects.count(),
        Notification.objects.count(),
    )
    load_demo(io.StringIO(), today=TODAY)
    assert (
        Occurrence.objects.count(),
        ProgressUpdate.objects.count(),
        Notification.objects.count(),
    ) == counts


def test_the_demo_shows_a_direction_and_a_nudge_once(demo):
    from cchc.tracking.models import Direction, Nudge

    direction = Direction.objects.get()
    assert direction.task.plan == demo.plans["current"] and direction.answered_at is None
    nudge = Nudge.objects.get()
    assert nudge.unit.code == "phuong-3" and nudge.occurrences.exists()
    load_demo(io.StringIO(), today=TODAY)
    assert Direction.objects.count() == 1 and Nudge.objects.count() == 1
