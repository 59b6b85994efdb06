"""The dossiers are found by unit through the (unit, day) and (unit, month) indexes, which
begin with the unit; the table keeps no index on the unit alone (the foreign key's own, Django's
default), one less to write for each dossier an import brings and to make again after a large
one (decision 0135)."""

from __future__ import annotations

import pytest
from django.db import connection, migrations
from django.db.migrations.loader import MigrationLoader

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


def test_upgrading_drops_the_index_django_made_without_copying_the_table():
    """On SQLite Django's AlterField would remake the table (every dossier copied) to drop an
    index; the migration only tells Django's state, and drops from the database, by name, the
    index Django made for the foreign key (IF EXISTS would hide a wrong name)."""
    migration = MigrationLoader(None, ignore_no_migrations=True).get_migration(
        "dossiers", "0011_dossiers_without_their_units_own_index"
    )
    [operation] = migration.operations
    assert isinstance(operation, migrations.SeparateDatabaseAndState)
    [drop] = operation.database_operations
    made = connection.schema_editor()._create_index_name(TABLE, ["unit_id"])
    assert drop.sql == f'DROP INDEX IF EXISTS "{made}"'
