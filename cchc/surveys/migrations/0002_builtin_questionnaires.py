"""The SIPAS-style five-element questionnaire and the 12-criterion per-dossier rating."""

from django.db import migrations


def install(apps, schema_editor):
    from cchc.surveys.builtin import install as install_builtin

    install_builtin(
        apps.get_model("surveys", "Questionnaire"),
        apps.get_model("surveys", "QuestionnaireVersion"),
        apps.get_model("surveys", "Element"),
        apps.get_model("surveys", "Item"),
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_questionnaires_campaigns_answers")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
