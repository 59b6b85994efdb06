from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    """Reads plan documents into plan drafts; has no models of its own."""

    name = "cchc.importer"
    label = "importer"
    verbose_name = _("Plan importer")

    def ready(self) -> None:
        from cchc.audit.history import register

        register(
            actions={"plan.import": _("Plan imported from a file")},
            fields={"source": _("File"), "warnings": _("Warnings")},
        )
