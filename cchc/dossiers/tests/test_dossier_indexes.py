"""The dossiers are found by unit through the (unit, day) and (unit, month) indexes, which
begin with the unit; the table keeps no index on the unit alone (the foreign key's own, Django's
default), one less to write for each dossier an import brings and to make again after a large
one (decision 0135)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from cchc.dossiers.models import Dossier

pytestmark = pytest.mark.django_db
TABLE = Dossier._meta.db_table


def test_the_dossiers_of_a_unit_are_found_through_the_day_and_month_indexes_alone():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, TABLE)
    by_unit = sorted(
        name for name, info in found.items() if info["index"] and info["columns"][:1] == ["unit_id"]
    )
    assert by_unit == ["dossier_unit_day", "dossier_unit_month"]
    assert found["dossier_unit_day"]["columns"] == ["unit_id", "received_on"]
    assert found["dossier_unit_month"]["columns"] == ["unit_id", "month"]


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor refuses a transaction
def test_upgrading_drops_the_index_without_copying_the_table(capsys):
    """On SQLite Django's AlterField would remake the table (every dossier copied) to drop an
    index; the migration drops it in one statement instead."""
    call_command("sqlmigrate", "dossiers", "0011")
    sql = capsys.readouterr().out
    assert 'DROP INDEX IF EXISTS "dossiers_dossier_unit_id_49f6b550"' in sql
    assert "CREATE TABLE" not in sql and "INSERT" not in sql
