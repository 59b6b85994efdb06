from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "cchc.reports"
    label = "reports"
    verbose_name = _("Periodic reports")

    def ready(self):
        from cchc.audit.history import register

        # register the menu entry, "My tasks" items and what awaits a leader or upper level
        from . import awaiting, menu, my_work  # noqa: F401

        register(
            actions={
                "report.open": _("Report opened"),
                "report.edit": _("Report edited"),
                "report.schedule": _("Report window changed"),
                "report.submit": _("Report submitted"),
                "report.accept": _("Report accepted"),
                "report.return": _("Report returned"),
            },
            fields={"narrative": _("Text"), "checksum": _("Checksum")},
        )
