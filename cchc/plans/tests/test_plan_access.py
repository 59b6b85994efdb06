"""A user of one commune can neither read nor change another commune's plan, by any URL."""

import pytest
from django.urls import reverse

from cchc.org.choices import Role
from cchc.plans.models import Plan, Target, Task
from cchc.testing.factories import (
    PlanFactory,
    TargetFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
    member,
    merge,
)


@pytest.fixture
def plan(world):
    plan = PlanFactory(unit=world.commune, title="Kế hoạch CCHC năm 2024 xã Thạnh Tân")
    TaskFactory(plan=plan, title="Xây dựng kế hoạch tuyên truyền", leads=["Văn phòng – Thống kê"])
    TargetFactory(plan=plan)
    return plan


def urls_for(plan):
    task, target = plan.tasks.first(), plan.targets.first()
    return {
        "detail": reverse("plans:detail", args=[plan.pk]),
        "export": reverse("plans:export", args=[plan.pk]),
        "edit": reverse("plans:edit", args=[plan.pk]),
        "delete": reverse("plans:delete", args=[plan.pk]),
        "task_create": reverse("plans:task_create", args=[plan.pk]),
        "task_edit": reverse("plans:task_edit", args=[task.pk]),
        "task_delete": reverse("plans:task_delete", args=[task.pk]),
        "target_create": reverse("plans:target_create", args=[plan.pk]),
        "target_edit": reverse("plans:target_edit", args=[target.pk]),
        "target_delete": reverse("plans:target_delete", args=[target.pk]),
    }


WRITE_URLS = [
    "edit",
    "delete",
    "task_create",
    "task_edit",
    "task_delete",
    "target_create",
    "target_edit",
    "target_delete",
]


@pytest.mark.parametrize(
    "name",
    ["detail", "export", *WRITE_URLS],
)
def test_another_communes_user_gets_404_on_every_plan_url(plan, world, login, name):
    client = login(world.people.outsider)
    url = urls_for(plan)[name]
    assert client.get(url).status_code == 404
    if name in WRITE_URLS:
        assert client.post(url, {"title": "x", "password": "secret-pass-1"}).status_code == 404
    assert Plan.objects.filter(pk=plan.pk).exists()
    assert Task.objects.filter(plan=plan).count() == 1
    assert Target.objects.filter(plan=plan).count() == 1


def test_another_communes_user_does_not_see_the_plan_in_the_list(plan, world, login):
    client = login(world.people.outsider)
    response = client.get(reverse("plans:list"))
    assert response.status_code == 200
    assert plan.title not in response.content.decode()


@pytest.mark.parametrize("name", WRITE_URLS)
def test_the_upper_level_reviewer_reads_but_cannot_change(plan, world, login, name):
    client = login(world.people.district)
    assert client.get(urls_for(plan)["detail"]).status_code == 200
    assert client.get(urls_for(plan)["export"]).status_code == 200
    assert client.get(urls_for(plan)[name]).status_code == 403
    assert client.post(urls_for(plan)[name], {"title": "x"}).status_code == 403
    assert Task.objects.filter(plan=plan).count() == 1


@pytest.mark.parametrize("persona", ["official", "leader"])
def test_officials_and_leaders_of_the_commune_read_without_editing(plan, world, login, persona):
    client = login(getattr(world.people, persona))
    assert client.get(urls_for(plan)["detail"]).status_code == 200
    assert client.post(urls_for(plan)["task_delete"]).status_code == 403
    assert Task.objects.filter(plan=plan).count() == 1


def test_the_province_reviewer_sees_plans_of_communes_two_levels_down(plan, world, login):
    response = login(world.people.province).get(reverse("plans:list"))
    assert plan.title in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(plan, client):
    for url in urls_for(plan).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["detail", "export"])
def test_read_only_pages_refuse_other_methods(plan, world, login, name):
    client = login(world.people.focal)
    assert client.put(urls_for(plan)[name]).status_code == 405
    assert client.delete(urls_for(plan)[name]).status_code == 405


def test_delete_refuses_put_and_patch(plan, world, login):
    client = login(world.people.focal)
    assert client.put(urls_for(plan)["delete"]).status_code == 405
    assert client.patch(urls_for(plan)["task_edit"]).status_code == 405


def test_a_merged_commune_picked_in_the_list_holds_its_predecessors_plans(plan, world, login):
    # Xã Thạnh Tân merged into a new commune in 2025: the new commune answers for its plans
    new = merge(
        world.commune, into=UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district)
    )
    focal = member(UserFactory(username="xa-moi.focal"), new, Role.FOCAL_POINT)
    own = PlanFactory(unit=new, year=2026, title="Kế hoạch CCHC năm 2026 xã Mới")
    other = PlanFactory(unit=world.other, title="Kế hoạch CCHC năm 2024 Phường 2")
    for who in (focal, world.people.district):
        text = login(who).get(reverse("plans:list"), {"unit": "xa-moi"}).content.decode()
        assert plan.title in text and own.title in text
        assert other.title not in text
    # the old commune picked alone is only itself
    text = login(world.people.district).get(reverse("plans:list"), {"unit": "xa-a"})
    assert own.title not in text.content.decode()
