"""A commune formed by a merger carries on its predecessor's work: the directions still
awaiting an answer on its dashboard, the overdue items the upper level nudges it about.
Another commune sees none of it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.notifications.models import Notification
from cchc.org.choices import Role
from cchc.testing.factories import PlanFactory, UnitFactory, UserFactory, member, merge
from cchc.tracking import directions
from cchc.tracking.models import Nudge


@pytest.fixture
def merged(world, follow):
    """xa-a, with its plan in force (`follow`), merged into a new commune of the district."""
    new = merge(world.commune, into=UnitFactory(code="xa-moi", parent=world.district))
    new.leader = member(UserFactory(username="xa-moi.chutich"), new, Role.LEADER)
    new.focal = member(UserFactory(username="xa-moi.focal"), new, Role.FOCAL_POINT)
    return new


def test_the_merged_communes_dashboard_lists_its_predecessors_open_directions(
    follow, world, login, today
):
    directions.give_direction(follow.office, by=world.people.leader, text="Hoàn thành ngay")
    merged = merge(world.commune, into=UnitFactory(code="xa-moi", parent=world.district))
    leader = member(UserFactory(username="xa-moi.chutich"), merged, Role.LEADER)
    for unit in (merged, world.other):  # each has its own plan: the panels are shown
        PlanFactory(unit=unit, year=today.year)
    board = login(leader).get(reverse("tracking:dashboard", args=["xa-moi"])).content.decode()
    assert "Hoàn thành ngay" in board and "1 ý kiến chỉ đạo chờ trả lời" in board
    board = login(world.people.outsider).get(reverse("tracking:dashboard", args=["xa-b"]))
    assert board.status_code == 200 and "Hoàn thành ngay" not in board.content.decode()


def test_a_merged_commune_without_a_plan_of_its_own_sees_the_directions_awaiting_it(
    follow, world, login
):
    """A commune formed this year has no plan yet: the directions still open on its
    predecessor's tasks are its to answer all the same."""
    directions.give_direction(follow.office, by=world.people.leader, text="Hoàn thành ngay")
    merged = merge(world.commune, into=UnitFactory(code="xa-moi", parent=world.district))
    leader = member(UserFactory(username="xa-moi.chutich"), merged, Role.LEADER)
    board = login(leader).get(reverse("tracking:dashboard", args=["xa-moi"])).content.decode()
    assert "chưa có kế hoạch" in board
    assert "Hoàn thành ngay" in board and "1 ý kiến chỉ đạo chờ trả lời" in board


def test_the_upper_level_nudges_the_merged_commune_about_its_predecessors_overdue_work(
    follow, world, merged, login, today
):
    client = login(world.people.district)
    compare = client.get(reverse("tracking:compare", args=["thanh-pho"])).content.decode()
    # the dissolved commune has no row of its own: its work is the merged commune's
    assert "Xã Thạnh Tân" not in compare
    assert reverse("tracking:nudge", args=["xa-moi"]) in compare
    assert reverse("tracking:nudge", args=["xa-b"]) not in compare
    assert client.post(reverse("tracking:nudge", args=["xa-moi"])).status_code == 302
    nudge = Nudge.objects.get()
    assert nudge.unit == merged and follow.office_occ in nudge.occurrences.all()
    told = {n.user for n in Notification.objects.filter(kind="nudge")}
    assert told == {merged.focal, merged.leader}
    with pytest.raises(ValidationError):  # another commune has nothing overdue
        directions.send_nudge(world.other, by=world.people.district, today=today)
