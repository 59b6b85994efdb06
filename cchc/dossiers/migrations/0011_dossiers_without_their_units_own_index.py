# The dossier table's index on unit_id alone (the foreign key's own, Django's default) is
# dropped: the (unit, day) and (unit, month) indexes begin with unit_id and serve every
# lookup by unit (decision 0135). Only the state is altered through AlterField: on SQLite the
# schema editor would remake the table (a copy of every dossier) to drop one index, so the
# database is told in one DROP INDEX, the same on both databases (the name Django gave it).

import django.db.models.deletion
from django.db import migrations, models

INDEX = "dossiers_dossier_unit_id_49f6b550"


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0010_vietnamese_names"),
        ("org", "0003_vietnamese_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="dossier",
                    name="unit",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="org.unit",
                        verbose_name="unit",
                    ),
                ),
            ],
            database_operations=[
                # IF EXISTS: a large import may have set it aside (decision 0113)
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "dossiers_dossier" ("unit_id")',
                ),
            ],
        ),
    ]
