"""The audit table becomes append-only: what an event names is protected from deletion, and a
trigger refuses UPDATE and DELETE on both SQLite and PostgreSQL (decision 0035).

The trigger is added after the field changes: on SQLite altering a table rebuilds it, and a
rebuild drops its triggers."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def install_guard(apps, schema_editor):
    from cchc.audit import guard

    guard.install(schema_editor.connection)


def remove_guard(apps, schema_editor):
    from cchc.audit import guard

    guard.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_event_subject'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('org', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='content_type',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.unit', verbose_name='unit'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.RunPython(install_guard, remove_guard),
    ]
