"""Tasks an upper level assigns to "UBND các xã, phường" reach every commune's plan."""

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.plans.cascade import names_units_below, tasks_from_above
from cchc.plans.models import Task
from cchc.testing.factories import PlanFactory, TaskFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các cơ quan, đơn vị thuộc UBND thị xã, UBND các xã phường", True),
        ("UBND các xã, phường, thị trấn", True),
        ("UBND cấp xã", True),
        ("Các cơ quan chuyên môn, UBND các xã phường", True),
        ("Phòng Nội vụ", False),
        ("Văn phòng HĐND và UBND thị xã", False),
        ("Công chức Văn phòng – Thống kê xã", False),
    ],
)
def test_cells_naming_the_communes_as_a_whole_are_recognised(text, expected):
    assert names_units_below(text) is expected


@pytest.fixture
def plans(world):
    upper = PlanFactory(unit=world.district, year=2024, status="issued", number="3838/KH-UBND")
    down = TaskFactory(
        plan=upper, title="Số hóa kết quả giải quyết TTHC", leads=["UBND các xã, phường"]
    )
    TaskFactory(plan=upper, title="Tham mưu kế hoạch của thị xã", leads=["Phòng Nội vụ"])
    commune_plan = PlanFactory(unit=world.commune, year=2024)
    return upper, down, commune_plan


def test_a_commune_sees_and_adopts_the_task_assigned_to_communes(plans, world, login):
    upper, down, commune_plan = plans
    client = login(world.people.focal)
    html = client.get(commune_plan.get_absolute_url()).content.decode()
    assert "Số hóa kết quả giải quyết TTHC" in html
    assert "Tham mưu kế hoạch của thị xã" not in html
    response = client.post(reverse("plans:adopt", args=[commune_plan.pk, down.pk]))
    assert response.status_code == 302
    adopted = commune_plan.tasks.get(origin=down)
    assert adopted.title == down.title and adopted.due == down.due
    assert adopted.parties.get(role="lead").post == world.office
    assert tasks_from_above(commune_plan) == []
    assert AuditEvent.objects.filter(action="task.adopt", unit=world.commune).exists()
    upper_page = login(world.people.district).get(upper.get_absolute_url()).content.decode()
    assert "Đã vào kế hoạch của 1 đơn vị" in upper_page


def test_a_task_not_assigned_to_communes_cannot_be_adopted(plans, world, login):
    upper, _down, commune_plan = plans
    other = upper.tasks.get(title="Tham mưu kế hoạch của thị xã")
    response = login(world.people.focal).post(
        reverse("plans:adopt", args=[commune_plan.pk, other.pk])
    )
    assert response.status_code == 404
    assert not commune_plan.tasks.exists()


def test_another_commune_cannot_adopt_into_this_plan(plans, world, login):
    _upper, down, commune_plan = plans
    response = login(world.people.outsider).post(
        reverse("plans:adopt", args=[commune_plan.pk, down.pk])
    )
    assert response.status_code == 404
    response = login(world.people.official).post(
        reverse("plans:adopt", args=[commune_plan.pk, down.pk])
    )
    assert response.status_code == 403
    assert not Task.objects.filter(origin=down).exists()


def test_a_draft_upper_plan_does_not_cascade_yet(plans, world):
    upper, _down, commune_plan = plans
    upper.status = "draft"
    upper.save()
    assert tasks_from_above(commune_plan) == []
