from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "cchc.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from cchc.audit.history import register
        from cchc.plans import measures

        from .targets import progress_of_plan, suggest

        measures.register(suggest=suggest, progress=progress_of_plan)

        register(
            actions={
                "target.link": _("Measure of the target set"),
                "target.figure": _("Figure reached by a target entered"),
            },
            fields={
                "as_of": _("As of"),
                "note": _("How it was counted"),
                "document": _("Evidence document"),
                "file_name": _("Evidence file"),
            },
        )
