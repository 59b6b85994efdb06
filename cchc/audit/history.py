"""Change history as people read it: the "Lịch sử thay đổi" panels of plan and task pages.

Audit events store field names and raw values; this turns them into labelled rows (the field's
own label, dates as dd/mm/yyyy, lists joined). Which events concern a plan, a task or a target
is said by the app that owns them (`cchc/plans/history.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cchc.formats import day

from .models import AuditEvent

# What each app's audit events and fields are called. Apps add theirs with `register()` when
# they start (in their AppConfig.ready), so audit, below them all, knows none of them.
ACTION_LABELS: dict[str, object] = {}
EXTRA_LABELS: dict[str, object] = {}
HIDDEN: set[str] = {"id"}
# Actions whose values are the fields of another model than the event's object's
VALUES_OF: dict[str, type] = {}
# Values that are no model field but the id of a row: shown by the row's name
ROWS_OF: dict[str, type] = {}


def register(*, actions=None, fields=None, hidden=(), values_of=None, rows_of=None) -> None:
    """Add an app's labels: `actions` ("plan.create" → "Plan created"), `fields` for values
    that are no model field of the event's object ("lead" → "Lead"), `hidden` field names
    that mean nothing to a reader (ids, order), `values_of` an action whose values are
    another model's fields ("plan.appraise", recorded on the plan → Appraisal), and `rows_of`
    a value that is the id of a row ("from_plan" → Plan)."""
    ACTION_LABELS.update(actions or {})
    EXTRA_LABELS.update(fields or {})
    HIDDEN.update(hidden)
    VALUES_OF.update(values_of or {})
    ROWS_OF.update(rows_of or {})


def name_by_default(actions: dict) -> None:
    """Add labels an app's own (`register`) take precedence over, whichever comes first: the
    admin pages' writes named after their model (`recorded_admin.name_writes`)."""
    for action, label in actions.items():
        ACTION_LABELS.setdefault(action, label)


def action_label(action: str) -> str:
    """What an action is called ("plan.create" → "Plan created", translated); an action no app
    named is shown as it is stored."""
    return str(ACTION_LABELS.get(action, action))


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
        return day(dt.date.fromisoformat(value))
    return str(value)


def _row_name(related, value):
    # a row is named by its name; the id stays when the row is gone
    row = related._default_manager.filter(pk=value).first()
    return str(row) if row is not None else value


def _choice_label(model, name: str, value):
    """The label of a choice ("institutions" → "Cải cách thể chế"), else the value."""
    if name in ROWS_OF and isinstance(value, int):
        return _row_name(ROWS_OF[name], value)
    if model is None or value in (None, ""):
        return value
    try:
        field = model._meta.get_field(name)
        choices = dict(getattr(field, "flatchoices", None) or ())
    except (FieldDoesNotExist, TypeError):
        return value
    if getattr(field, "many_to_one", False) and isinstance(value, int):
        return _row_name(field.related_model, value)  # a foreign key is stored by its id
    return str(choices.get(value, value)) if choices else value


def _label(model, name: str) -> str:
    """The field's own name first: a label an app registered is for a value that is no field
    of the model (one app's "note" is not another model's note)."""
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.concrete:
            return capfirst(str(field.verbose_name))
    return capfirst(str(EXTRA_LABELS.get(name, name)))


def describe(events) -> list[HistoryRow]:
    rows = []
    for event in events:
        model = VALUES_OF.get(event.action)
        if model is None and event.content_type_id:
            model = event.content_type.model_class()
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
        rows.append(HistoryRow(event, action_label(event.action), changes))
    return rows


def history_about(obj, limit: int = 100) -> list[HistoryRow]:
    """Changes to `obj` and to what it holds (a plan's tasks and targets, a task's progress):
    one query over the event's object and subject references, newest first."""
    events = AuditEvent.objects.about(obj).select_related("user", "content_type")
    return describe(events.order_by("-at", "-pk")[:limit])
