from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "cchc.tracking"
    label = "tracking"
    verbose_name = _("Execution and follow-up")

    def ready(self):
        from cchc.audit.history import register

        register(
            actions={
                "task.assign": _("Task assigned to a person"),
                "task.unassign": _("Assignment removed"),
                "progress.report": _("Progress reported"),
                "reminders.settings": _("Reminder settings changed"),
                "direction.give": _("Direction given"),
                "direction.answer": _("Direction answered"),
                "nudge.send": _("Nudge sent by the upper level"),
                "plan.product_rule": _("Product document rule changed"),
            },
            fields={
                "period": _("Period"),
                "evidence": _("Evidence"),
                "assigned_to": _("Assigned to"),
                "name": _("Name"),
                "direction": _("Direction"),
                "answer": _("Answer"),
                "overdue": _("Overdue items"),
                "items": _("Items"),
                "product_document_required": _("Product document required"),
            },
            hidden={"occurrence"},
        )

        from cchc.plans.signals import tasks_changed

        from .schedule import resync_changed_tasks

        tasks_changed.connect(resync_changed_tasks, dispatch_uid="tracking.resync_changed_tasks")
