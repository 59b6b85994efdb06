"""The upper level's nudge to a lagging unit: one per unit, day and set of overdue items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.notifications.models import Notification
from cchc.org.choices import Role, UnitKind
from cchc.testing.factories import UnitFactory, UserFactory, member
from cchc.tracking import actions, directions
from cchc.tracking.models import Nudge, Occurrence


def nudge_url(unit):
    return reverse("tracking:nudge", args=[unit.code])


def overdue_of(follow, today):
    return set(Occurrence.objects.filter(plan=follow.plan, due__lt=today, done_on__isnull=True))


def test_reviewer_nudges_a_lagging_commune_from_the_comparison(follow, world, login, today):
    late = overdue_of(follow, today)
    assert follow.office_occ in late and follow.justice_occ not in late
    client = login(world.people.district)
    compare = client.get(reverse("tracking:compare", args=[world.district.code])).content
    assert nudge_url(world.commune) in compare.decode()
    response = client.post(nudge_url(world.commune), follow=True)
    assert f"Đã đôn đốc Xã Thạnh Tân về {len(late)} việc quá hạn." in response.content.decode()
    nudge = Nudge.objects.get()
    assert set(nudge.occurrences.all()) == late
    assert nudge.by == world.people.district
    told = {n.user for n in Notification.objects.filter(kind="nudge")}
    assert told == {world.people.focal, world.people.leader}
    assert AuditEvent.objects.get(action="nudge.send").after["overdue"] == len(late)
    board = login(world.people.leader).get(reverse("tracking:dashboard", args=[world.commune.code]))
    assert "Đôn đốc của cấp trên" in board.content.decode()


def test_the_same_items_are_never_nudged_twice_the_same_day(follow, world, today):
    directions.send_nudge(world.commune, by=world.people.district, today=today)
    with pytest.raises(ValidationError) as refused:
        directions.send_nudge(world.commune, by=world.people.province, today=today)
    assert "đã được đôn đốc hôm nay" in " ".join(refused.value.messages)
    assert Nudge.objects.count() == 1
    assert Notification.objects.filter(kind="nudge").count() == 2  # focal point and leader once
    # the next day the same items may be nudged again
    directions.send_nudge(world.commune, by=world.people.district, today=today + dt.timedelta(1))
    assert Nudge.objects.count() == 2


def test_a_second_nudge_through_the_page_saves_nothing(follow, world, login):
    client = login(world.people.district)
    client.post(nudge_url(world.commune))
    response = client.post(nudge_url(world.commune), follow=True)
    assert "đã được đôn đốc hôm nay" in response.content.decode()
    assert (
        Nudge.objects.count() == 1 and AuditEvent.objects.filter(action="nudge.send").count() == 1
    )


def test_other_items_make_another_nudge_the_same_day(follow, world, today):
    first = directions.send_nudge(world.commune, by=world.people.district, today=today)
    actions.report_progress(follow.office_occ, by=world.people.focal, state="done", percent=100)
    later = directions.send_nudge(world.commune, by=world.people.district, today=today)
    assert first.items_key != later.items_key
    assert follow.office_occ not in later.occurrences.all()
    assert later.occurrences.count() == first.occurrences.count() - 1


def test_a_nudge_outside_ones_scope_is_refused(follow, world, login):
    elsewhere = UnitFactory(code="tinh-khac", name="Tỉnh khác", kind=UnitKind.PROVINCE)
    stranger = member(UserFactory(username="reviewer.khac"), elsewhere, Role.REVIEWER)
    assert login(stranger).post(nudge_url(world.commune)).status_code == 404
    with pytest.raises(PermissionDenied) as refused:
        directions.send_nudge(world.commune, by=stranger)
    assert "Chỉ cấp trên của Xã Thạnh Tân" in str(refused.value)
    assert not Nudge.objects.exists() and not Notification.objects.exists()


def test_nudge_roles_and_method(follow, world, login):
    # the commune's own people may see it but not nudge it
    assert login(world.people.leader).post(nudge_url(world.commune)).status_code == 403
    assert login(world.people.district).get(nudge_url(world.commune)).status_code == 405
    assert not Nudge.objects.exists()


def test_nothing_overdue_nothing_to_nudge(world, login):
    response = login(world.people.district).post(nudge_url(world.other), follow=True)
    assert "không có việc quá hạn" in response.content.decode()
    assert not Nudge.objects.exists()


def test_the_database_keeps_one_nudge_per_unit_day_and_items(follow, world, today):
    from django.db import IntegrityError, transaction

    first = directions.send_nudge(world.commune, by=world.people.district, today=today)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nudge.objects.create(unit=world.commune, day=today, items_key=first.items_key)
    assert Nudge.objects.count() == 1
