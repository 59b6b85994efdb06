"""The results page writes its counts the Vietnamese way: the province's “trên 6053 hồ sơ”
beside “5.833 / 6.032” on the 766 page read as two ways of writing one number (0185)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.dossiers.models import Dossier, Procedure

pytestmark = pytest.mark.django_db


def test_the_dossiers_of_the_period_are_counted_with_a_dot_between_thousands(world, login):
    day = timezone.localdate()
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    procedure = Procedure.objects.create(code="1.001", name="Khai sinh")
    Dossier.objects.bulk_create(
        Dossier(
            code=f"H01.1-{n:06d}",
            unit=world.commune,
            procedure=procedure,
            received=moment,
            due=moment,
            received_on=day,
            month=day.replace(day=1),
            on_time_until=day,
        )
        for n in range(1200)
    )
    page = login(world.people.province).get("/khao-sat/don-vi/tinh/").content.decode()
    assert "trên 1.200 hồ sơ tiếp nhận trong kỳ" in page
