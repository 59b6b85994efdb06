from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """An occurrence's status, always computed from its dates and updates (see status.py)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")


# The order statuses take in tables, and the Bootstrap colour of each.
STATUS_ORDER = [
    Status.OVERDUE,
    Status.DUE_SOON,
    Status.IN_PROGRESS,
    Status.NOT_STARTED,
    Status.DONE_LATE,
    Status.DONE_ON_TIME,
]
STATUS_COLOURS = {
    Status.NOT_STARTED: "secondary",
    Status.IN_PROGRESS: "primary",
    Status.DUE_SOON: "warning",
    Status.OVERDUE: "danger",
    Status.DONE_ON_TIME: "success",
    Status.DONE_LATE: "info",
}
DONE_STATUSES = {Status.DONE_ON_TIME, Status.DONE_LATE}


class UpdateState(models.TextChoices):
    """What the person reporting says about the work."""

    WORKING = "working", _("Under way")
    BLOCKED = "blocked", _("Facing difficulties")
    DONE = "done", _("Completed")


class NotificationKind(models.TextChoices):
    """The notifications the follow-up sends (registered with cchc.notifications in apps.py)."""

    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    ESCALATED_LEADER = "escalated_leader", _("Overdue, escalated to the leader")
    ESCALATED_UPPER = "escalated_upper", _("Overdue, escalated to the upper level")
    DIGEST = "digest", _("Weekly digest")
    ASSIGNED = "assigned", _("Task assigned")
    DIRECTION = "direction", _("Direction from the leader")
    DIRECTION_ANSWERED = "direction_answered", _("Direction answered")
    NUDGE = "nudge", _("Nudge from the upper level")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
