"""A commune formed by the 2025 merger makes its new plans for itself, not for the communes it
replaced: their old plans stay open to it, a new one for a dissolved commune is refused by the
action whatever calls it (page, import, copy), with the reason and the unit to use instead."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cchc.importer.saving import save_parsed_plan
from cchc.importer.tests.test_saving import parsed
from cchc.plans.actions import copy_plan, save_plan
from cchc.plans.models import Plan
from cchc.plans.rules import UnitNotInForce
from cchc.testing.factories import PlanFactory

pytestmark = pytest.mark.django_db


def _options(html: str) -> list[str]:
    select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d+)"', select)


def test_the_new_plan_form_offers_the_commune_in_force_only_and_chooses_it(world, merged, login):
    old_plan = PlanFactory(unit=world.commune, year=2025, title="Kế hoạch 2025 xã Thạnh Tân")
    client = login(merged.focal)
    html = client.get(reverse("plans:create")).content.decode()
    assert _options(html) == [str(merged.pk)]
    assert f'<option value="{merged.pk}" selected' in html
    # the predecessor's plan stays open to it, and its edit page keeps its unit
    assert client.get(reverse("plans:edit", args=[old_plan.pk])).status_code == 200
    html = client.get(reverse("importer:upload")).content.decode()
    assert _options(html) == [str(merged.pk)]


def test_a_new_plan_for_a_dissolved_commune_is_refused_with_the_unit_to_use(world, merged, login):
    with pytest.raises(UnitNotInForce) as refused:
        save_plan(Plan(unit=world.commune, year=2026, title="Kế hoạch 2026"), by=merged.focal)
    assert "công việc của đơn vị đã do Xã Mới tiếp nhận" in str(refused.value)
    with pytest.raises(UnitNotInForce):
        save_parsed_plan(parsed(plan={"year": 2026}), unit=world.commune, by=merged.focal)
    assert not Plan.objects.exists()
    # a plan of a year the commune still existed in is its record: allowed
    save_plan(Plan(unit=world.commune, year=2025, title="Kế hoạch 2025"), by=world.people.focal)
    # a forged form: the dissolved commune is no choice
    response = login(merged.focal).post(
        reverse("plans:create"),
        {"unit": world.commune.pk, "year": 2026, "kind": "annual", "title": "Kế hoạch giả"},
    )
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert Plan.objects.count() == 1


def test_a_plan_for_a_year_before_the_new_commune_existed_is_refused_on_the_form(
    world, merged, login
):
    merged.valid_from = dt.date(2025, 7, 1)
    merged.save(update_fields=["valid_from"])
    response = login(merged.focal).post(
        reverse("plans:create"),
        {"unit": merged.pk, "year": 2024, "kind": "annual", "title": "Kế hoạch 2024"},
    )
    text = response.content.decode()
    assert "Xã Mới không hoạt động trong năm 2024" in text
    assert not Plan.objects.exists()


def test_copying_a_dissolved_communes_plan_to_the_next_year_gives_it_to_its_successor(
    world, merged
):
    old_plan = PlanFactory(unit=world.commune, year=2025, title="Kế hoạch CCHC năm 2025")
    copy = copy_plan(old_plan, year=2026, by=merged.focal)
    assert copy.unit == merged and copy.title == "Kế hoạch CCHC năm 2026"
