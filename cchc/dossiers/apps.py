from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "cchc.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers and procedures")

    def ready(self):
        from cchc.audit.history import register

        register(
            actions={
                "procedure.publication": _("Procedure publication changed"),
                "dossier_import": _("Dossiers imported"),
                "procedure_import": _("Procedure catalogue imported"),
            }
        )
