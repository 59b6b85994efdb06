"""The focal point's and the leader's first page when the unit has no plan for the year shown
(decision 0159): the way to import one, and the plans of other years, not a dead end."""

from django.urls import reverse

from cchc.plans.choices import PlanStatus
from cchc.testing.factories import PlanFactory


def test_the_focal_point_is_offered_to_import_or_type_the_plan(world, login):
    page = login(world.people.focal).get(reverse("tracking:dashboard", args=["xa-a"]))
    html = page.content.decode()
    assert "Đơn vị chưa có kế hoạch năm" in html
    assert f'href="{reverse("importer:upload")}"' in html and "Nhập từ văn bản" in html
    assert f'href="{reverse("plans:create")}"' in html and "Thêm kế hoạch" in html


def test_the_leader_finds_the_plan_of_another_year_waiting_for_approval(world, login):
    PlanFactory(
        unit=world.commune, year=2023, title="Kế hoạch CCHC năm 2023", status=PlanStatus.SUBMITTED
    )
    html = (
        login(world.people.leader)
        .get(reverse("tracking:dashboard", args=["xa-a"]), {"year": 2026})
        .content.decode()
    )
    assert "Kế hoạch các năm khác:" in html
    assert '<a href="?year=2023">Kế hoạch CCHC năm 2023</a> (đã trình phê duyệt)' in html
    # the leader cannot import a plan: no button that would refuse them
    assert reverse("importer:upload") not in html
