"""Change history as people read it: the "Lịch sử thay đổi" panels of plan and task pages.

Audit events store field names and raw values; this turns them into labelled rows (the field's
own label, dates as dd/mm/yyyy, lists joined) and finds the events that concern a plan (the plan,
its tasks and targets, even deleted ones) or a task (the task and the progress reported on it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

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
    "task.assign": _("Task assigned to a person"),
    "task.unassign": _("Assignment removed"),
    "target.create": _("Target added"),
    "target.update": _("Target changed"),
    "target.delete": _("Target deleted"),
    "target.link": _("Measure of the target set"),
    "target.figure": _("Figure entered"),
    "progress.report": _("Progress reported"),
    "reminders.settings": _("Reminder settings changed"),
}

EXTRA_LABELS = {
    "lead": _("Lead"),
    "coordinators": _("Coordinators"),
    "legal_bases": _("Legal bases"),
    "reporting_periods": _("Report schedule"),
    "tasks": _("Tasks"),
    "targets": _("Targets"),
    "period": _("Period"),
    "evidence": _("Evidence"),
    "assigned_to": _("Assigned to"),
    "name": _("Name"),
    "from_plan": _("Copied from plan"),
    "as_of": _("As of"),
    "note": _("How it was counted"),
    "document": _("Evidence document"),
    "file_name": _("Evidence file"),
}
HIDDEN = {"id", "plan", "task", "occurrence", "order", "source_line", "source_text", "section"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryRow:
    event: AuditEvent
    label: str
    changes: list[Change] = field(default_factory=list)


def _show(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value)
    if isinstance(value, str) and _ISO_DATE.match(value):
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    return str(value)


def _choice_label(model, name: str, value):
    """The label of a choice ("institutions" → "Cải cách thể chế"), else the value."""
    if model is None or value in (None, ""):
        return value
    try:
        field = model._meta.get_field(name)
        choices = dict(getattr(field, "flatchoices", None) or ())
    except (FieldDoesNotExist, TypeError):
        return value
    if getattr(field, "many_to_one", False) and isinstance(value, int):
        # a foreign key is stored by id; people read the row's name (the id if it is gone)
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    return str(choices.get(value, value)) if choices else value


def _label(model, name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            pass
    return name


def describe(events) -> list[HistoryRow]:
    rows = []
    for event in events:
        model = event.content_type.model_class() if event.content_type_id else None
        before, after = event.before or {}, event.after or {}
        keys = [k for k in dict.fromkeys([*before, *after]) if k not in HIDDEN]
        changes = [
            Change(
                _label(model, k),
                _show(_choice_label(model, k, before.get(k))),
                _show(_choice_label(model, k, after.get(k))),
            )
            for k in keys
            if before.get(k) != after.get(k)
        ]
        rows.append(HistoryRow(event, str(ACTION_LABELS.get(event.action, event.action)), changes))
    return rows


def plan_history(plan, limit: int = 100) -> list[HistoryRow]:
    """Changes to the plan, its tasks and its targets, newest first."""
    from cchc.plans.models import Plan, Target, Task

    types = ContentType.objects.get_for_models(Plan, Task, Target)
    query = Q(content_type=types[Plan], object_id=str(plan.pk)) | Q(
        content_type__in=[types[Task], types[Target]]
    ) & (Q(after__plan=plan.pk) | Q(before__plan=plan.pk))
    events = AuditEvent.objects.filter(query).select_related("user", "content_type")
    return describe(events.order_by("-at", "-pk")[:limit])


def task_history(task, limit: int = 100) -> list[HistoryRow]:
    """Changes to the task and the progress reported on it, newest first."""
    from cchc.plans.models import Task

    query = Q(content_type=ContentType.objects.get_for_model(Task), object_id=str(task.pk)) | Q(
        action__startswith="progress.", after__task=task.pk
    )
    events = AuditEvent.objects.filter(query).select_related("user", "content_type")
    return describe(events.order_by("-at", "-pk")[:limit])


def target_history(target, limit: int = 100) -> list[HistoryRow]:
    """Changes to the target, what measures it and the figures entered for it, newest first."""
    from cchc.plans.models import Target

    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Target), object_id=str(target.pk)
    ).select_related("user", "content_type")
    return describe(events.order_by("-at", "-pk")[:limit])
