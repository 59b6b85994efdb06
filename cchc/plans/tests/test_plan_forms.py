"""Bad input gets a Vietnamese message naming the field, and nothing is saved."""

import pytest
from django.urls import reverse

from cchc.plans.models import Target, Task
from cchc.testing.factories import PlanFactory


@pytest.fixture
def plan(world):
    return PlanFactory(unit=world.commune, year=2024)


def task_data(**changes):
    data = {
        "ref": "1",
        "area": "direction",
        "title": "Xây dựng kế hoạch tuyên truyền CCHC",
        "leads": "Văn phòng – Thống kê",
        "coordinators": "",
        "products": "Kế hoạch",
        "deadline_text": "Tháng 03/2024",
        "due": "2024-03-31",
        "recurrence": "",
        "budget_million_vnd": "",
        "note": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "Nhập nội dung nhiệm vụ."),
        (
            {"due": "2027-03-31"},
            "due",
            "Hạn hoàn thành phải nằm trong khoảng 01/01/2023 đến 31/12/2025",
        ),
        ({"budget_million_vnd": "-5"}, "budget_million_vnd", "Kinh phí không được là số âm."),
        (
            {"due": "31/02/2024"},
            "due",
            "Hạn hoàn thành: nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026.",
        ),
    ],
)
def test_a_bad_task_form_says_what_is_wrong_in_vietnamese(
    plan, world, login, changes, field, message
):
    response = login(world.people.focal).post(
        reverse("plans:task_create", args=[plan.pk]), task_data(**changes)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}-error"' in html
    assert not Task.objects.exists()


def target_data(**changes):
    data = {
        "area": "procedures",
        "text": "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "comparator": ">=",
        "value": "95",
        "unit": "%",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "120"}, "Tỷ lệ phần trăm không được vượt quá 100."),
        (
            {"comparator": "top", "unit": "%"},
            "&quot;Trong nhóm&quot; chỉ dùng cho chỉ tiêu thứ hạng.",
        ),
        (
            {"unit": "rank", "comparator": "top", "value": "2.5"},
            "Thứ hạng hoặc số lượng phải là số nguyên.",
        ),
        ({"value": "-1"}, "Giá trị chỉ tiêu không được là số âm."),
        ({"text": ""}, "Trường này là bắt buộc."),
    ],
)
def test_a_target_whose_value_does_not_fit_its_unit_is_refused(
    plan, world, login, changes, message
):
    response = login(world.people.focal).post(
        reverse("plans:target_create", args=[plan.pk]), target_data(**changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Target.objects.exists()


def test_a_rank_target_within_the_top_is_accepted(plan, world, login):
    data = target_data(
        text="PAR INDEX trong nhóm 03/14 xã, phường", comparator="top", value="3", unit="rank"
    )
    response = login(world.people.focal).post(reverse("plans:target_create", args=[plan.pk]), data)
    assert response.status_code == 302
    assert Target.objects.get().summary == "nhóm 3"


def test_a_plan_without_a_title_is_refused(world, login):
    response = login(world.people.focal).post(
        reverse("plans:create"),
        {"unit": world.commune.pk, "year": 2024, "kind": "annual", "title": ""},
    )
    assert "Trường này là bắt buộc." in response.content.decode()


def test_a_plan_issued_years_away_from_its_year_is_refused(world, login):
    response = login(world.people.focal).post(
        reverse("plans:create"),
        {
            "unit": world.commune.pk,
            "year": 2024,
            "kind": "annual",
            "title": "Kế hoạch",
            "issued_on": "2020-01-01",
        },
    )
    assert "phải được ban hành trong năm 2024" in response.content.decode()
