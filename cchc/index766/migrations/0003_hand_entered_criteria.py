from django.db import migrations


def install(apps, schema_editor):
    from cchc.index766.entered import install

    install(apps.get_model("figures", "FigureDefinition"))


def remove(apps, schema_editor):
    from cchc.index766.entered import FIGURES, figure_code

    model = apps.get_model("figures", "FigureDefinition")
    codes = [figure_code(c) for c in FIGURES]
    model.objects.filter(code__in=codes, version=1, entries=None).delete()


class Migration(migrations.Migration):
    """The figures a unit enters by hand for the criteria no app computes (entered.py)."""

    dependencies = [
        ("index766", "0002_version_1_definitions"),
        ("figures", "0002_builtin_figures"),
    ]

    operations = [migrations.RunPython(install, remove)]
