"""The province's way down to the communes' self-assessments: its ranking lists the units
directly below it (a district in the three-level years), which had no link when the district
had not opened an assessment of its own — a dead end for the province's reviewer (0185)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.parindex import actions

pytestmark = pytest.mark.django_db


def test_the_province_goes_from_its_ranking_to_the_communes_of_a_district(
    world, criteria_set, login
):
    actions.open_assessment(world.commune, 2026, by=world.people.focal)
    client = login(world.people.province)
    page = client.get(reverse("parindex:ranking", args=["tinh", 2026])).content.decode()
    down = reverse("parindex:ranking", args=["thanh-pho", 2026])
    assert f'href="{down}">các đơn vị trực thuộc</a>' in page
    below = client.get(down).content.decode()
    assert reverse("parindex:assessment", args=["xa-a", 2026]) in below


def test_a_commune_has_no_link_to_units_of_its_own(world, criteria_set, login):
    page = login(world.people.district).get(reverse("parindex:ranking", args=["thanh-pho", 2026]))
    assert ">các đơn vị trực thuộc</a>" not in page.content.decode()
