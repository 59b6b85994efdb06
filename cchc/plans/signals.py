"""What the plans app tells the apps above it, without importing them.

`tasks_changed` is sent, inside the writing transaction, by every action that creates tasks or
changes what their deadlines depend on (a task's deadline, due date or recurrence; a plan's
year). The follow-up app (`tracking`) listens and rebuilds those tasks' occurrences on the
spot, so the pages read them and never write them (a GET changes nothing).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

# sent with plan_ids (every task of those plans) and/or task_ids
tasks_changed = Signal()


def announce_tasks_changed(*, plan_ids: Iterable[int] = (), task_ids: Iterable[int] = ()) -> None:
    tasks_changed.send(sender=None, plan_ids=list(plan_ids), task_ids=list(task_ids))
