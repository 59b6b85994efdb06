from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "cchc.tracking"
    label = "tracking"
    verbose_name = _("Execution and follow-up")

    def ready(self):
        from cchc.plans.signals import tasks_changed

        from .schedule import resync_changed_tasks

        tasks_changed.connect(resync_changed_tasks, dispatch_uid="tracking.resync_changed_tasks")
