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
                "dossier.move": _("Dossier moved to another unit by an import"),
                "api_token.issue": _("API access token issued"),
                "dossier_upload.store": _("File uploaded for import"),
                "dossier_upload.queue": _("Uploaded file queued for import"),
                "dossier_upload.requeue": _("Interrupted import queued again"),
                "dossier_upload.imported": _("Uploaded file imported"),
                "dossier_upload.refused": _("Uploaded file refused, nothing saved"),
                "dossier_upload.interrupted": _("Import of an uploaded file interrupted"),
                "dossier_upload.discard": _("Uploaded file discarded"),
            }
        )
