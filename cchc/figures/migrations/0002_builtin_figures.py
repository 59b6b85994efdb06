from django.db import migrations


def install_builtins(apps, schema_editor):
    from cchc.figures.builtins import install

    install(apps.get_model("figures", "FigureDefinition"))


def remove_builtins(apps, schema_editor):
    from cchc.figures.builtins import BUILTINS

    model = apps.get_model("figures", "FigureDefinition")
    model.objects.filter(code__in=[row[0] for row in BUILTINS], version=1, entries=None).delete()


class Migration(migrations.Migration):
    dependencies = [("figures", "0001_figures_and_entries")]

    operations = [migrations.RunPython(install_builtins, remove_builtins)]
