"""Numbers in the change history read as people write them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cchc.audit.log import _jsonable
from cchc.plans.history import plan_history
from cchc.testing.factories import PlanFactory, TargetFactory


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (Decimal("90.00"), "90"),
        (Decimal("100.00"), "100"),
        (Decimal("20"), "20"),
        (Decimal("0.00"), "0"),
        (Decimal("2.50"), "2.50"),
        (Decimal("5"), "5"),
    ],
)
def test_whole_numbers_are_kept_as_plain_digits(value, stored):
    assert _jsonable(value) == stored


def test_a_target_raised_from_90_to_100_percent_reads_so_in_the_history(world, login):
    plan = PlanFactory(unit=world.commune)
    target = TargetFactory(plan=plan, value=90)
    client = login(world.people.focal)
    response = client.post(
        reverse("plans:target_edit", args=[target.pk]),
        {
            "area": target.area,
            "text": target.text,
            "comparator": target.comparator,
            "value": "100",
            "unit": target.unit,
        },
    )
    assert response.status_code == 302
    [row] = plan_history(plan)
    assert [(c.before, c.after) for c in row.changes] == [("90", "100")]
    page = client.get(plan.get_absolute_url() + "?history=1").content.decode()
    assert "E+" not in page
