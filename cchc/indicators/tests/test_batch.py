"""Every indicator for every unit and month in one pass gives what the indicator page computes
unit by unit, on generated dossiers (a merged commune included)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.saving import import_dossiers, import_procedures
from cchc.indicators import batch, engine
from cchc.testing.generated import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    made = generate(seed=3)
    import_procedures(made.procedures)
    assert import_dossiers(made.dossiers).saved
    return made


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2024, 1, 1), dt.date(2025, 2, 28)),  # whole months
        (dt.date(2024, 2, 10), dt.date(2024, 6, 20)),  # the first and last months cut
    ],
)
def test_every_unit_and_month_at_once_equals_the_unit_by_unit_path(generated, start, end):
    indicators = engine.definitions()
    found = batch.every_month(start, end, indicators)
    compared = 0
    for unit in generated.units:
        expected = engine.monthly(unit, start, end, indicators)
        assert found[unit.pk] == expected, unit.code
        compared += sum(v.has_data for month in expected.values() for v in month.values())
    assert compared > 200  # figures with data, not empty months compared with empty months
