"""The facts are read and rebuilt by unit and month (a unit's months, a window cut in two,
`facts.rebuild`) through their unique key, whose first columns those are; the table keeps no
other index on them, one less to write for each of the ~600,000 facts an import of a million
dossiers makes (decision 0128)."""

from __future__ import annotations

import pytest
from django.db import connection

from cchc.dossiers.models import DossierFact

pytestmark = pytest.mark.django_db


def test_the_unique_key_is_the_one_index_that_finds_facts_by_unit_and_month():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, DossierFact._meta.db_table)
    by_unit_and_month = sorted(
        name
        for name, info in found.items()
        if (info["index"] or info["unique"]) and info["columns"][:2] == ["unit_id", "month"]
    )
    assert by_unit_and_month == ["fact_key_unique"]
    key = found["fact_key_unique"]
    assert key["unique"] and key["columns"] == ["unit_id", "month", "procedure_id", "on_time_until"]
