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
    kind: str  # "update", "evidence", "reminder", "change"
    who: str = ""
    title: str = ""
    text: str = ""
    period: str = ""
    update: ProgressUpdate | None = None
    evidence: list = field(default_factory=list)
    recipients: list = field(default_factory=list)


def task_timeline(task, selected=None) -> list[Entry]:
    """Newest first. Every occurrence of the task is included; entries name their period."""
    entries: list[Entry] = []
    updates = (
        ProgressUpdate.objects.filter(occurrence__task=task)
        .select_related("by", "occurrence")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
    )
    for update in updates:
        entries.append(
            Entry(
                at=update.at,
                kind="update",
                who=str(update.by) if update.by else "",
                text=update.note,
                period=update.occurrence.label,
                update=update,
                evidence=list(update.evidence.all()),
            )
        )
    for occurrence in task.occurrences.filter(loose_evidence__isnull=False).distinct():
        for evidence in occurrence.loose_evidence.select_related("uploaded_by"):
            entries.append(
                Entry(
                    at=evidence.uploaded_at,
                    kind="evidence",
                    who=str(evidence.uploaded_by or ""),
                    period=occurrence.label,
                    evidence=[evidence],
                )
            )
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
    entries.extend(reminders.values())
    for row in task_history(task):
        if row.event.action.startswith("progress."):
            continue  # shown as the update itself
        if row.event.before is None:  # a creation: what was created, not every field
            text = row.event.object_repr
        else:
            text = "; ".join(f"{c.label}: {c.before} → {c.after}" for c in row.changes[:6])
        entries.append(
            Entry(
                at=row.event.at,
                kind="change",
                who=str(row.event.user or ""),
                title=row.label,
                text=text,
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
