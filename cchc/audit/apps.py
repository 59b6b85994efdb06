from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _keep_guard(sender, using, **kwargs) -> None:
    """After every migrate, the audit table's guard is in place: a later migration that
    rebuilds the table on SQLite drops its triggers, and this puts them back."""
    from django.db import connections

    from . import guard

    connection = connections[using]
    if guard.TABLE in connection.introspection.table_names():
        guard.install(connection)


class AuditConfig(AppConfig):
    name = "cchc.audit"
    label = "audit"
    verbose_name = _("Change history")

    def ready(self) -> None:
        post_migrate.connect(_keep_guard, sender=self, dispatch_uid="cchc.audit.guard")
