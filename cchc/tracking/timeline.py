"""A task's timeline: its progress reports with their evidence, the reminders sent about it and
the changes made to it, in the order they happened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from cchc.evidence.models import Evidence
from cchc.notifications.models import Notification
from cchc.plans.history import task_history

from .models import ProgressUpdate


@dataclass
class Entry:
    at: dt.datetime
    kind: str  # "update", "evidence", "reminder", "change", "direction", "answer"
    who: str = ""
    title: str = ""
    text: str = ""
    period: str = ""
    update: ProgressUpdate | None = None
    evidence: list = field(default_factory=list)
    recipients: list = field(default_factory=list)


def task_timeline(task, selected=None, directions=None, history=None, limit=None) -> list[Entry]:
    """Newest first. Every occurrence of the task is included; entries name their period.
    `directions`, `history`: the task's directions and change history when the caller already
    fetched them (the task page shows both). `limit`: at most that many entries, the newest —
    progress reports and evidence grow with every report, so the page reads only the newest."""
    from .models import Direction

    if directions is None:
        directions = Direction.objects.filter(task=task).select_related(
            "by", "answered_by", "occurrence"
        )
    entries = [
        *_direction_entries(directions),
        *_update_entries(task, limit),
        *_loose_evidence_entries(task, limit),
        *_reminder_entries(task),
        *_change_entries(task_history(task) if history is None else history),
    ]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]


def _direction_entries(directions):
    for direction in directions:
        period = direction.occurrence.label if direction.occurrence else ""
        yield Entry(
            at=direction.at,
            kind="direction",
            who=str(direction.by or ""),
            text=direction.text,
            period=period,
        )
        if direction.answered_at:
            yield Entry(
                at=direction.answered_at,
                kind="answer",
                who=str(direction.answered_by or ""),
                title=direction.text[:120],
                text=direction.answer,
                period=period,
            )


def _update_entries(task, limit):
    updates = (
        ProgressUpdate.objects.filter(occurrence__task=task)
        .select_related("by", "occurrence")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("pk"), to_attr="evidence_list")
        )
        .order_by("-at", "-pk")[:limit]
    )
    for update in updates:
        yield Entry(
            at=update.at,
            kind="update",
            who=str(update.by) if update.by else "",
            text=update.note,
            period=update.occurrence.label,
            update=update,
            evidence=update.evidence_list,
        )


def _loose_evidence_entries(task, limit):
    """Evidence left on an occurrence itself rather than on a report: one query."""
    loose = (
        Evidence.objects.filter(occurrence__task=task)
        .select_related("uploaded_by")
        .prefetch_related("owner")
        .order_by("-uploaded_at", "-pk")[:limit]
    )
    for evidence in loose:
        yield Entry(
            at=evidence.uploaded_at,
            kind="evidence",
            who=str(evidence.uploaded_by or ""),
            period=evidence.owner.label if evidence.owner else "",
            evidence=[evidence],
        )


def _reminder_entries(task):
    reminders: dict[str, Entry] = {}
    for note in (
        Notification.objects.filter(occurrence__task=task)
        .select_related("user")
        .prefetch_related("about")
        .order_by("created_at", "pk")
    ):
        entry = reminders.get(note.key)
        if entry is None:
            entry = reminders[note.key] = Entry(
                at=note.created_at,
                kind="reminder",
                title=note.title,
                period=note.about.label if note.about else "",
            )
        entry.recipients.append(str(note.user))
    return reminders.values()


def _change_entries(history):
    for row in history:
        if row.event.action.startswith(("progress.", "direction.")):
            continue  # shown as the update or the direction itself
        if row.event.before is None:  # a creation: what was created, not every field
            text = row.event.object_repr
        else:
            text = "; ".join(f"{c.label}: {c.before} → {c.after}" for c in row.changes[:6])
        yield Entry(
            at=row.event.at,
            kind="change",
            who=str(row.event.user or ""),
            title=row.label,
            text=text,
        )
