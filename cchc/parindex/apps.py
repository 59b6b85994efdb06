from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParIndexConfig(AppConfig):
    name = "cchc.parindex"
    label = "parindex"
    verbose_name = _("PAR Index")

    def ready(self) -> None:
        from cchc.audit.history import register

        from . import awaiting  # noqa: F401  (what awaits a leader or the upper level)

        register(
            actions={
                "par.criteria_import": _("PAR criteria set imported"),
                "par.criteria_build": _("PAR criteria set built on its page"),
                "par.assessment_open": _("PAR self-assessment opened"),
                "par.self_score": _("PAR self-score entered"),
                "par.submit": _("PAR self-assessment submitted"),
                "par.reopen": _("PAR self-assessment reopened"),
                "par.appraise": _("PAR criterion appraised"),
                "par.explanation_round": _("PAR explanation round opened"),
                "par.explain": _("PAR explanation given"),
                "par.finalise": _("PAR final score published"),
                "par.evidence": _("PAR evidence attached"),
            }
        )
