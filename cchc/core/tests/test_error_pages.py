"""Refusals are pages an official can read: in Vietnamese, inside the site, with the reason."""

import pytest
from django.urls import reverse

from cchc.plans.choices import PlanStatus
from cchc.testing.factories import PlanFactory


@pytest.fixture
def plan(world):
    return PlanFactory(unit=world.commune, year=2024)


def test_another_communes_plan_is_a_vietnamese_not_found_page(plan, world, login):
    response = login(world.people.outsider).get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page and "ngoài phạm vi của bạn" in page
    assert "Về trang đầu" in page  # a way back, inside the site's frame
    assert plan.title not in page


def test_a_reviewer_who_may_only_read_is_told_so(plan, world, login):
    response = login(world.people.district).get(reverse("plans:edit", args=[plan.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không được phép" in page and "chỉ cho phép xem" in page


def test_a_closed_plan_says_how_to_reopen_it(plan, world, login):
    plan.status = PlanStatus.CLOSED
    plan.save()
    response = login(world.people.focal).get(reverse("plans:task_create", args=[plan.pk]))
    assert response.status_code == 403
    assert "Kế hoạch đã kết thúc: hãy mở lại" in response.content.decode()


def test_a_server_error_is_a_vietnamese_page_that_needs_no_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Đã xảy ra lỗi" in page and "báo cho người quản trị" in page
