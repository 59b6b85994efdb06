"""An empty installation (decision 0159): the first page after sign-in says what comes first,
never only "no plan yet"."""

import pytest
from django.urls import reverse

from cchc.testing.factories import UserFactory


@pytest.mark.django_db
def test_the_first_administrator_is_sent_to_add_the_first_unit(login):
    client = login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    page = client.get(reverse("plans:list")).content.decode()
    assert "Chưa có đơn vị nào" in page
    assert f'href="{reverse("admin:org_unit_add")}"' in page
    assert "Thêm đơn vị đầu tiên" in page
    assert f'href="{reverse("basics:guide", args=["quan-tri"])}"' in page


@pytest.mark.django_db
def test_an_account_without_a_role_is_told_to_ask_the_administrator(world, login):
    client = login(UserFactory(username="moi"))
    page = client.get(reverse("plans:list")).content.decode()
    assert "chưa có vai trò ở đơn vị nào" in page
    assert "nhờ quản trị viên" in page
    assert "admin:" not in page and reverse("admin:org_unit_add") not in page


def test_a_unit_with_no_plan_yet_keeps_the_usual_invitation(world, login):
    page = login(world.people.focal).get(reverse("plans:list")).content.decode()
    assert "Chưa có kế hoạch nào" in page
    assert "Chưa có đơn vị nào" not in page and "chưa có vai trò" not in page
