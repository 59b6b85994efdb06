import django.db.models.deletion
from django.db import migrations, models


def build_from_dossiers(apps, schema_editor):
    """An installation with dossiers gets the finish months of its roll-up from them."""
    from cchc.dossiers import rollup

    rollup.rebuild_finished()


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0006_background_uploads"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MonthFinished",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField()),
                ("ended", models.DateField(null=True)),
                ("bucket", models.DateField()),
                ("dossiers", models.PositiveIntegerField(default=0)),
                (
                    "unit",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="org.unit",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["unit", "month"], name="finished_unit_month")],
            },
        ),
        migrations.RunPython(build_from_dossiers, migrations.RunPython.noop),
    ]
