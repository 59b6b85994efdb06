"""The change history of a plan, a task and a target, as the pages show it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cchc.audit.history import HistoryRow, history

from .models import Plan, Target, Task

ACTION_LABELS = {
    "plan.create": _("Plan created"),
    "plan.update": _("Plan changed"),
    "plan.delete": _("Plan deleted"),
    "plan.copy": _("Plan carried over from another year"),
    "task.create": _("Task added"),
    "task.update": _("Task changed"),
    "task.delete": _("Task deleted"),
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
    types = ContentType.objects.get_for_models(Plan, Task, Target)
    query = Q(content_type=types[Plan], object_id=str(plan.pk)) | Q(
        content_type__in=[types[Task], types[Target]]
    ) & (Q(after__plan=plan.pk) | Q(before__plan=plan.pk))
    return history(query, limit)


def task_history(task: Task, limit: int = 100) -> list[HistoryRow]:
    """Changes to the task and the progress reported on it, newest first."""
    query = Q(content_type=ContentType.objects.get_for_model(Task), object_id=str(task.pk)) | Q(
        action__startswith="progress.", after__task=task.pk
    )
    return history(query, limit)


def target_history(target: Target, limit: int = 100) -> list[HistoryRow]:
    """Changes to the target, what measures it and the figures entered for it, newest first."""
    query = Q(content_type=ContentType.objects.get_for_model(Target), object_id=str(target.pk))
    return history(query, limit)
