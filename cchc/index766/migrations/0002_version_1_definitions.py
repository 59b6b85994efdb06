"""Version 1 of the index's groups and criteria (seed.py: domain/README.md §5)."""

from django.db import migrations


def install(apps, schema_editor):
    from cchc.index766.seed import install as seed

    seed(
        apps.get_model("index766", "IndexVersion"),
        apps.get_model("index766", "IndexGroup"),
        apps.get_model("index766", "IndexCriterion"),
    )


class Migration(migrations.Migration):
    dependencies = [("index766", "0001_index_definitions_and_publications")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
