"""The service index's progress criterion (contract version 2): `processing_progress_rate`."""

from django.db import migrations


def install_builtins(apps, schema_editor):
    from cchc.indicators.builtins import install

    install(apps.get_model("indicators", "IndicatorDefinition"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_drop_figure_evidence_fields")]

    operations = [migrations.RunPython(install_builtins, migrations.RunPython.noop)]
