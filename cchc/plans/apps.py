from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self):
        from cchc.audit.history import register

        from . import history
        from .models import Plan
        from .revisions import Appraisal

        register(
            actions=history.ACTION_LABELS,
            fields=history.FIELD_LABELS,
            hidden=history.HIDDEN,
            values_of={"plan.appraise": Appraisal},
            rows_of={"from_plan": Plan},
        )
