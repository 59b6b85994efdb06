"""A leader's direction on a task: the people carrying it are told, it waits on the leader's
dashboard until answered, and only the task's own unit directs it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.notifications.models import Notification
from cchc.org.choices import Role
from cchc.testing.factories import UserFactory, member
from cchc.tracking import directions
from cchc.tracking.models import Direction


def direct_url(task):
    return reverse("tracking:give_direction", args=[task.pk])


def test_leader_directs_an_overdue_task_and_the_lead_post_is_told(follow, world, login):
    client = login(world.people.leader)
    response = client.post(
        direct_url(follow.office),
        {"text": "Đề nghị hoàn thành trước thứ Sáu", "occurrence": follow.office_occ.pk},
    )
    assert response.status_code == 302
    direction = Direction.objects.get()
    assert (direction.task, direction.occurrence, direction.by) == (
        follow.office,
        follow.office_occ,
        world.people.leader,
    )
    told = Notification.objects.filter(kind="direction")
    # the holder of the lead post "Văn phòng – Thống kê" is the focal point; nobody else
    assert [n.user for n in told] == [world.people.focal]
    assert AuditEvent.objects.filter(action="direction.give").count() == 1
    dashboard = client.get(reverse("tracking:dashboard", args=[world.commune.code])).content
    assert "Đề nghị hoàn thành trước thứ Sáu" in dashboard.decode()
    task_page = login(world.people.focal).get(reverse("tracking:task", args=[follow.office.pk]))
    assert "Đề nghị hoàn thành trước thứ Sáu" in task_page.content.decode()


def test_the_answer_takes_the_direction_off_the_dashboard(follow, world, login):
    direction = directions.give_direction(
        follow.office, by=world.people.leader, text="Báo cáo ngay"
    )
    client = login(world.people.focal)
    response = client.post(
        reverse("tracking:answer_direction", args=[direction.pk]),
        {"answer": "Đã ban hành kế hoạch, đang trình ký"},
    )
    assert response.status_code == 302
    direction.refresh_from_db()
    assert direction.answer == "Đã ban hành kế hoạch, đang trình ký"
    assert direction.answered_by == world.people.focal
    assert not Notification.objects.filter(kind="direction", read_at__isnull=True).exists()
    assert Notification.objects.get(kind="direction_answered").user == world.people.leader
    board = login(world.people.leader).get(reverse("tracking:dashboard", args=[world.commune.code]))
    assert "Báo cáo ngay" not in board.content.decode()
    timeline = login(world.people.leader).get(reverse("tracking:task", args=[follow.office.pk]))
    assert "Đã ban hành kế hoạch, đang trình ký" in timeline.content.decode()


def test_a_direction_on_another_units_task_is_refused(follow, world, login):
    other_leader = member(UserFactory(username="chutich.b"), world.other, Role.LEADER)
    response = login(other_leader).post(direct_url(follow.office), {"text": "Chỉ đạo"})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied) as refused:
        directions.give_direction(follow.office, by=other_leader, text="Chỉ đạo")
    assert "Chỉ lãnh đạo Xã Thạnh Tân" in str(refused.value)
    assert not Direction.objects.exists() and not Notification.objects.exists()


def test_read_only_roles_may_not_direct_and_wrong_method_is_405(follow, world, login):
    response = login(world.people.official).post(direct_url(follow.office), {"text": "x"})
    assert response.status_code == 403
    assert login(world.people.leader).get(direct_url(follow.office)).status_code == 405
    assert not Direction.objects.exists()


def test_an_empty_direction_is_refused_with_a_message(follow, world, login):
    client = login(world.people.leader)
    response = client.post(direct_url(follow.office), {"text": "  "}, follow=True)
    assert "Hãy viết ý kiến chỉ đạo." in response.content.decode()
    assert not Direction.objects.exists()


def test_answer_scope(follow, world, login):
    direction = directions.give_direction(follow.office, by=world.people.leader, text="Khẩn")
    url = reverse("tracking:answer_direction", args=[direction.pk])
    assert login(world.people.outsider).post(url, {"answer": "x"}).status_code == 404
    # the justice official does not carry the office's task
    assert login(world.people.official).post(url, {"answer": "x"}).status_code == 403
    assert login(world.people.focal).get(url).status_code == 405
    direction.refresh_from_db()
    assert direction.answered_at is None
