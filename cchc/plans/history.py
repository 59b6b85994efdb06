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
    "plan.submit": _("Plan submitted for approval"),
    "plan.return": _("Plan returned to draft"),
    "plan.issue": _("Plan approved and issued"),
    "plan.close": _("Plan closed"),
    "plan.reopen": _("Plan reopened"),
    "plan.appraise": _("Plan appraised by the upper level"),
    "amendment.open": _("Amendment opened"),
    "amendment.issue": _("Amendment issued"),
    "amendment.discard": _("Plan amendment discarded"),
    "task.adopt": _("Task assigned by the upper level adopted"),
    "appraisal.answer": _("Appraisal comment answered"),
}
FIELD_LABELS = {
    "lead": _("Lead"),
    "coordinators": _("Coordinators"),
    "legal_bases": _("Legal bases"),
    "reporting_periods": _("Report schedule"),
    "tasks": _("Tasks"),
    "targets": _("Targets"),
    "from_plan": _("Copied from plan"),
    "status": _("Status"),
    "signer": _("Signed by"),
    "closing_note": _("Closing note"),
    "verdict": _("Verdict"),
    "comments": _("Comments"),
    "answer": _("Answer"),
    "added": _("Added"),
    "removed": _("Removed"),
    "changed": _("Changed"),
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


def amendment_rows(amendment) -> list[dict]:
    """An amendment's changes as people read them: what, which row, and for a change each
    field's name with its value before and after."""
    models = {"task": Task, "target": Target}
    rows = []
    for change in amendment.changes:
        model = models[change["kind"]]
        fields = []
        for name, after in (change.get("after") or {}).items():
            if change["op"] != "change":
                break
            try:
                label = FIELD_LABELS.get(name) or model._meta.get_field(name).verbose_name
            except Exception:  # a field since renamed: its code is still readable
                label = name
            before = (change.get("before") or {}).get(name)
            fields.append({"label": label, "before": before, "after": after})
        rows.append({**change, "fields": fields})
    return rows
