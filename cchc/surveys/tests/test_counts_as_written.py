"""The results page writes its counts the Vietnamese way: the province's “trên 6053 hồ sơ”
beside “5.833 / 6.032” on the 766 page read as two ways of writing one number (0185)."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import Dossier

from .conftest import dossier_row

pytestmark = pytest.mark.django_db


def test_the_dossiers_of_the_period_are_counted_with_a_dot_between_thousands(world, login):
    Dossier.objects.bulk_create(dossier_row(world.commune, f"H01.1-{n:06d}") for n in range(1200))
    page = login(world.people.province).get("/khao-sat/don-vi/tinh/").content.decode()
    assert "trên 1.200 hồ sơ tiếp nhận trong kỳ" in page
