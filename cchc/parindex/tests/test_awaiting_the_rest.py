"""The upper level's waiting list named five submitted self-assessments and said nothing of
the others: with a province's ~150 communes, the sixth vanished from the page it lands on. The
rest now stand in one line that opens the ranking listing them (decision 0185)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.org.choices import UnitKind
from cchc.parindex import actions, layout
from cchc.parindex.choices import Stage
from cchc.parindex.models import Assessment
from cchc.testing.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _submitted(world, count: int, year: int) -> None:
    for n in range(count):
        unit = UnitFactory(
            code=f"xa-{n}", name=f"Xã Số {n}", kind=UnitKind.COMMUNE, parent=world.district
        )
        found = actions.open_assessment(unit, year, by=world.people.district)
        Assessment.objects.filter(pk=found.pk).update(stage=Stage.SUBMITTED)


def test_the_province_is_told_of_the_submitted_ones_beyond_the_five_named(
    world, login, criteria_file
):
    year = timezone.localdate().year
    actions.import_criteria(layout.read(criteria_file), year=year, source_name="tc.xlsx")
    _submitted(world, 7, year)
    page = login(world.people.province).get("/", follow=True).content.decode()
    assert page.count("chờ anh/chị thẩm định") == 6
    assert "Còn 2 bản tự đánh giá Chỉ số CCHC khác chờ anh/chị thẩm định" in page
    assert f'href="{reverse("parindex:ranking", args=["thanh-pho", year])}"' in page


def test_five_or_fewer_are_named_without_a_line_for_the_rest(world, login, criteria_file):
    year = timezone.localdate().year
    actions.import_criteria(layout.read(criteria_file), year=year, source_name="tc.xlsx")
    _submitted(world, 5, year)
    page = login(world.people.province).get("/", follow=True).content.decode()
    assert page.count("chờ anh/chị thẩm định") == 5
    assert "tự đánh giá Chỉ số CCHC khác" not in page
