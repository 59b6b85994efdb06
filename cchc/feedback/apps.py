from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "cchc.feedback"
    label = "feedback"
    verbose_name = _("Citizens' feedback")

    def ready(self):
        from cchc.audit.history import register

        register(
            actions={
                "feedback.import": _("Feedback imported"),
                "feedback.enter": _("Feedback entered"),
            }
        )
