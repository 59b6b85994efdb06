from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "cchc.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")

    def ready(self) -> None:
        from cchc.audit.history import register

        from . import measures, menu  # noqa: F401

        measures.install()

        register(
            actions={
                "survey.device_issue": _("Kiosk device issued"),
                "survey.device_revoke": _("Kiosk device revoked"),
                "survey.campaign_create": _("Survey campaign created"),
                "survey.campaign_close": _("Survey campaign closed"),
                "survey.targets_set": _("Survey sample targets set"),
            }
        )
