"""A commune dissolved by a merger publishes the service index of the months it lived through
and of none after (decision 0148); a month it published can still be corrected."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.index766.actions import publish
from cchc.index766.models import Publication
from cchc.testing.factories import UnitFactory, merge

pytestmark = pytest.mark.django_db


def test_a_dissolved_commune_publishes_no_month_after_it(march):
    world = march
    new = merge(
        world.commune, into=UnitFactory(code="xa-moi", name="Xã Mới"), on=dt.date(2024, 4, 1)
    )
    publish(world.commune, dt.date(2024, 3, 1), dt.date(2024, 5, 6))  # its last month
    with pytest.raises(ValidationError) as refused:
        publish(world.commune, dt.date(2024, 4, 1), dt.date(2024, 5, 6))
    assert "do Xã Mới tiếp nhận; chỉ số do đơn vị đó công bố." in refused.value.messages[0]
    publish(world.commune, dt.date(2024, 3, 1), dt.date(2024, 5, 6), reason="Sửa số liệu")
    publish(new, dt.date(2024, 4, 1), dt.date(2024, 5, 6))
    rows = Publication.objects.order_by("unit__code", "month", "revision")
    assert [(p.unit.code, p.month.month, p.revision) for p in rows] == [
        ("xa-a", 3, 1),
        ("xa-a", 3, 2),
        ("xa-moi", 4, 1),
    ]


def test_the_page_of_a_dissolved_commune_offers_its_last_month_to_publish(march, login):
    world = march
    merge(world.commune, into=UnitFactory(code="xa-moi"), on=dt.date(2024, 4, 1))
    html = login(world.people.focal).get(reverse("index766:unit", args=[world.commune.code]))
    assert 'name="month" value="2024-03"' in html.content.decode()
