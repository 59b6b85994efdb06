"""The change history of a plan, a task and a target, as the pages show it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cchc.audit.history import HistoryRow, history_about

from .models import Plan, Target, Task

ACTION_LABELS = {
    "plan.create": _("Plan created"),
    "plan.update": _("Plan changed"),
    "plan.delete": _("Plan deleted"),
    "plan.copy": _("Plan carried over from another year"),
    "task.create": _("Task added"),
    "task.update": _("Task changed"),
    "task.delete": _("Task deleted"),
    "task.cancel": _("Task cancelled"),
    "task.restore": _("Task restored"),
    "target.create": _("Target added"),
    "target.update": _("Target changed"),
    "target.delete": _("Target deleted"),
}
FIELD_LABELS = {
    "lead": _("Lead"),
    "coordinators": _("Coordinators"),
    "legal_bases": _("Legal bases"),
    "reporting_periods": _("Report schedule"),
    "tasks": _("Tasks"),
    "targets": _("Targets"),
    "from_plan": _("Copied from plan"),
}
HIDDEN = {"plan", "task", "order", "source_line", "source_text", "section"}


def plan_history(plan: Plan, limit: int = 100) -> list[HistoryRow]:
    """Changes to the plan, its tasks and its targets (even deleted ones), newest first."""
    return history_about(plan, limit)


def task_history(task: Task, limit: int = 100) -> list[HistoryRow]:
    """Changes to the task and the progress reported on it, newest first."""
    return history_about(task, limit)


def target_history(target: Target, limit: int = 100) -> list[HistoryRow]:
    """Changes to the target, what measures it and the figures entered for it, newest first."""
    return history_about(target, limit)
