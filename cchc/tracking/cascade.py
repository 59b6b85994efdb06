"""How the units below carry out a task their upper level assigned to them all.

A commune adopts such a task into its plan (`plans.cascade.adopt_task`, linked by
`Task.origin`); it has done its part when one of its adopted task's occurrences is reported
done (by `until`, when given). Read by the task's follow-up page and the compiled report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cchc.plans.models import Task

from .models import Occurrence


def done_below(
    task_ids: Iterable[int], until: dt.date | None = None
) -> dict[int, tuple[set[int], set[int]]]:
    """Upper task id → (ids of units that adopted it, ids of those that did theirs)."""
    ids = list(task_ids)
    result: dict[int, tuple[set[int], set[int]]] = {pk: (set(), set()) for pk in ids}
    for origin_id, unit_id in Task.objects.filter(origin_id__in=ids).values_list(
        "origin_id", "plan__unit_id"
    ):
        result[origin_id][0].add(unit_id)
    done = Occurrence.objects.live().filter(task__origin_id__in=ids, done_on__isnull=False)
    if until is not None:
        done = done.filter(done_on__lte=until)
    for origin_id, unit_id in done.values_list("task__origin_id", "plan__unit_id"):
        result[origin_id][1].add(unit_id)
    return result
