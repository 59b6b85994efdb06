from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "cchc.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from cchc.audit.history import register

        register(actions={"report_template.upload": _("Report template uploaded")})
