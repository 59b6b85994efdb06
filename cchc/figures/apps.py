from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "cchc.figures"
    label = "figures"
    verbose_name = _("Figures")

    def ready(self):
        from cchc.audit.history import register
        from cchc.plans import measures

        from .targets import progress_of_plan

        measures.register_more(progress=progress_of_plan)
        measures.register_page(_("Measure it by a figure entered per period"), "figures:target")
        register(
            actions={
                "figure.enter": _("Figure entered for a period"),
                "figure.measure": _("Figure measuring the target chosen"),
            }
        )
