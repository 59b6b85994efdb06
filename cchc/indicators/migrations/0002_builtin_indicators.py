from django.db import migrations


def install_builtins(apps, schema_editor):
    from cchc.indicators.builtins import install

    install(apps.get_model("indicators", "IndicatorDefinition"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_definitions")]

    operations = [migrations.RunPython(install_builtins, migrations.RunPython.noop)]
