"""The upper level's way to the self-assessments it will appraise: before any final score is
published, the ranking page listed nothing and said only that nothing was published; it now
lists the units below not yet ranked, each with its stage and a link to its assessment
(decision 0172)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.org.choices import UnitKind
from cchc.parindex import actions
from cchc.testing.factories import UnitFactory

from .test_assessment import _through_appraisal

pytestmark = pytest.mark.django_db

RANKING = reverse("parindex:ranking", args=["thanh-pho", 2026])


def _progress(page: str) -> str:
    """The table of the units not yet ranked, as the page shows it ('' when there is none)."""
    start = page.find('id="par-progress"')
    return page[start : page.index("</table>", start)] if start >= 0 else ""


def test_the_upper_level_opens_a_commune_self_assessing_from_the_ranking(
    world, criteria_set, login
):
    actions.open_assessment(world.commune, 2026, by=world.people.focal)
    page = login(world.people.district).get(RANKING).content.decode()
    assert "Chưa công bố điểm Chỉ số CCHC chính thức năm 2026" in page
    table = _progress(page)
    assert "Đơn vị chưa được xếp hạng năm 2026" in page
    link = reverse("parindex:assessment", args=["xa-a", 2026])
    assert f'<a href="{link}">Xã Thạnh Tân</a>' in table
    assert "Tự đánh giá" in table
    # the ward has not opened its assessment: named, without a link to an empty page
    assert "Phường 2" in table and "Chưa mở tự đánh giá" in table
    assert reverse("parindex:assessment", args=["xa-b", 2026]) not in table


def test_a_ranked_unit_leaves_the_list_of_those_not_yet_ranked(world, criteria_set, login):
    found = _through_appraisal(world, criteria_set)
    actions.finalise(found, by=world.people.district, survey_points=Decimal(25))
    table = _progress(login(world.people.district).get(RANKING).content.decode())
    assert "Phường 2" in table and "Xã Thạnh Tân" not in table


def test_the_ranking_page_queries_do_not_grow_with_the_units_below(world, criteria_set, login):
    actions.open_assessment(world.commune, 2026, by=world.people.focal)
    client = login(world.people.district)
    client.get(RANKING)
    with CaptureQueriesContext(connection) as before:
        client.get(RANKING)
    for n in range(3):
        UnitFactory(
            code=f"xa-moi-{n}", name=f"Xã Mới {n}", kind=UnitKind.COMMUNE, parent=world.district
        )
    with CaptureQueriesContext(connection) as after:
        page = client.get(RANKING).content.decode()
    assert "Xã Mới 2" in _progress(page)
    assert len(after) == len(before)
