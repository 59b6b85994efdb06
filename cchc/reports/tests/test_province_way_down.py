"""The province's way down to the communes' reports: its list of the units' reports showed the
district, unlinked until the district had a report of its own — the communes' reports were out
of reach from the province's pages (0185)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_province_goes_from_the_reports_below_to_a_district_s_communes(world, login):
    client = login(world.people.province)
    url = reverse("reports:unit", args=["tinh"])
    page = client.get(url, {"year": 2026, "kind": "q1"}).content.decode()
    down = reverse("reports:unit", args=["thanh-pho"]) + "?year=2026&amp;kind=q1"
    assert f'href="{down}">các đơn vị trực thuộc</a>' in page
    below = client.get(reverse("reports:unit", args=["thanh-pho"]), {"year": 2026, "kind": "q1"})
    assert "Xã Thạnh Tân" in below.content.decode()


def test_a_commune_in_the_list_has_no_link_to_units_of_its_own(world, login):
    page = login(world.people.district).get(
        reverse("reports:unit", args=["thanh-pho"]), {"year": 2026, "kind": "q1"}
    )
    assert ">các đơn vị trực thuộc</a>" not in page.content.decode()
