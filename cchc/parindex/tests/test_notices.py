"""Who is told of each step of a PAR assessment, and that the notice goes off the unread list
when the step it asks for is done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.notifications.models import Notification
from cchc.parindex import actions

from .test_assessment import POINTS, _self_score, _through_appraisal

pytestmark = pytest.mark.django_db


def _unread(user, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=kind, read_at__isnull=True))


def test_submitting_tells_the_upper_levels_reviewer_with_a_link_to_the_assessment(
    world, criteria_set
):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    _self_score(found, POINTS, world.people.focal)
    actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 1))
    [notice] = _unread(world.people.district, "par_submitted")
    assert notice.url == "/par/xa-a/2026/"
    assert "Xã Thạnh Tân" in notice.title and "2026" in notice.title
    # the commune's own people and the province are not told
    assert not Notification.objects.filter(kind="par_submitted").exclude(user=world.people.district)


def test_reopening_clears_the_reviewers_notice_and_tells_the_unit_with_the_reason(
    world, criteria_set
):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    _self_score(found, POINTS, world.people.focal)
    actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 1))
    actions.reopen(
        found, by=world.people.district, until=dt.date(2026, 12, 20), reason="Thiếu minh chứng"
    )
    assert not _unread(world.people.district, "par_submitted")
    for person in (world.people.focal, world.people.leader):
        [notice] = _unread(person, "par_returned")
        assert notice.body == "Thiếu minh chứng" and "20/12/2026" in notice.title
    assert not _unread(world.people.official, "par_returned")
    actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 10))
    assert not _unread(world.people.focal, "par_returned")
    assert len(_unread(world.people.district, "par_submitted")) == 1


def test_the_explanation_round_and_the_final_score_are_told_to_the_unit(world, criteria_set):
    found = _through_appraisal(world, criteria_set)
    actions.open_explanation(found, by=world.people.district, deadline=dt.date(2026, 12, 28))
    assert not _unread(world.people.district, "par_submitted")
    [notice] = _unread(world.people.focal, "par_explain")
    assert "28/12/2026" in notice.title
    actions.finalise(found, by=world.people.district, survey_points=Decimal("25"))
    assert not _unread(world.people.focal, "par_explain")
    for person in (world.people.focal, world.people.leader):
        [notice] = _unread(person, "par_appraised")
        assert "78,50" in notice.title  # 54.5 scored + 25 survey − 1 bonus/penalty
