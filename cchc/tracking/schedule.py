"""From a task's deadline to its occurrences: what is due, for which period, by which day.

Rules (docs/decisions/0011-occurrences.md):
- "Hàng tháng" (monthly) gives one occurrence per month of the plan's year, "Hàng quý"
  (quarterly) one per quarter; "Thường xuyên"/"Định kỳ" (regular) one per quarter too — a
  regular task is accounted for in each quarterly report. When the text also names a span
  ("Hàng tháng, từ tháng 3 đến tháng 12") only the months or quarters inside it are kept.
- A text naming several periods ("Quý I, II, III và cả năm 2024", "Quý IV/2023, Quý I/2024")
  gives one occurrence per period.
- A text naming one period or a day gives one occurrence; so does a due date the focal point
  typed that differs from what the text says (the typed date wins).
- A text naming no date ("Theo quy định của cấp trên", "khi có hướng dẫn") gives one undated
  occurrence, so progress can still be reported, and flags the task for the focal point.
- The due date of a period is its last working day (a month "Tháng 3/2024" ending on a Sunday
  is due on Friday 29/3); a day written as such ("trước ngày 15/3/2026") stays as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _

from cchc import periods as cal
from cchc.core import freshness
from cchc.evidence.models import Evidence
from cchc.formats import day, window
from cchc.plans import deadlines
from cchc.plans.choices import Recurrence
from cchc.plans.deadline_check import waits_for_event
from cchc.plans.models import Task
from cchc.workdays.calendar import previous_working_day

from .models import Occurrence, ProgressUpdate, TaskSchedule

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Slot:
    """One occurrence a task should have."""

    key: str
    start: dt.date | None
    end: dt.date | None
    due: dt.date | None


@dataclass(frozen=True)
class Schedule:
    slots: list[Slot]
    needs_date: bool
    unreadable: bool


def _months(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    result, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        result.append(cal.month(year, month).span)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def _quarters(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    result: list[tuple[dt.date, dt.date]] = []
    for start, _end in _months(first, last):
        if start.month % 3 == 1 or not result:
            result.append(cal.quarter(start.year, (start.month + 2) // 3).span)
    return result


def period_due(start: dt.date, end: dt.date, unit=None) -> dt.date:
    """A period is due on its last working day; a single day stays as written."""
    if start >= end:
        return end
    last = previous_working_day(end, unit)
    return last if last >= start else end


def schedule_for(task: Task, year: int, unit=None) -> Schedule:
    """The occurrences `task` (of a plan for `year`, in `unit`) should have."""
    text = (task.deadline_text or "").strip()
    spec = deadlines.parse_deadline(text, year) if text else None
    recurrence = task.recurrence or (spec.recurrence if spec else None) or ""
    periods = sorted(set(spec.periods)) if spec else []

    if recurrence in {Recurrence.MONTHLY, Recurrence.QUARTERLY, Recurrence.REGULAR}:
        first = min((s for s, _e in periods), default=dt.date(year, 1, 1))
        last = max((e for _s, e in periods), default=dt.date(year, 12, 31))
        if recurrence == Recurrence.MONTHLY and spec is not None and spec.day_of_month:
            # "Trước ngày 20 hằng tháng": each month is due on that day, as written.
            day = spec.day_of_month
            slots = [
                Slot(f"m:{s:%Y-%m}", s, e, s.replace(day=min(day, e.day)))
                for s, e in _months(first, last)
            ]
            return Schedule(slots, needs_date=False, unreadable=False)
        if recurrence == Recurrence.MONTHLY:
            spans = [(s, e, f"m:{s:%Y-%m}") for s, e in _months(first, last)]
        else:
            spans = [(s, e, f"q:{s.year}-{(s.month + 2) // 3}") for s, e in _quarters(first, last)]
        slots = [Slot(key, s, e, period_due(s, e, unit)) for s, e, key in spans]
        return Schedule(slots, needs_date=False, unreadable=False)

    if spec is not None and periods and (task.due is None or task.due == spec.due):
        slots = []
        seen: set[dt.date] = set()
        for start, end in sorted(periods, key=lambda p: (p[1], p[0])):
            if end in seen:  # two periods ending the same day are one obligation
                continue
            seen.add(end)
            slots.append(
                Slot(f"p:{start:%Y%m%d}-{end:%Y%m%d}", start, end, period_due(start, end, unit))
            )
        return Schedule(slots, needs_date=False, unreadable=False)

    if task.due is not None:
        return Schedule([Slot("due", None, None, task.due)], needs_date=False, unreadable=False)

    unreadable = bool(text) and not waits_for_event(text)
    return Schedule([Slot("undated", None, None, None)], needs_date=True, unreadable=unreadable)


def occurrence_label(start: dt.date | None, end: dt.date | None, due: dt.date | None) -> str:
    """How people name a period: "Tháng 3/2024", "Quý I/2024", "6 tháng đầu năm 2024" …"""
    if start is None or end is None:
        if due is None:
            return _("No date yet")
        return _("Due %(date)s") % {"date": day(due)}
    if start == end:
        return _("By %(date)s") % {"date": day(end)}
    whole_months = start.day == 1 and end == cal.month_end(end.year, end.month)
    if whole_months and start.year == end.year:
        months = end.month - start.month + 1
        if months == 1:
            return _("Month %(month)s/%(year)s") % {"month": start.month, "year": start.year}
        if months == 3 and start.month % 3 == 1:
            return _("Quarter %(q)s/%(year)s") % {
                "q": ROMAN[(start.month + 2) // 3],
                "year": start.year,
            }
        if months == 12:
            return _("Year %(year)s") % {"year": start.year}
        if start.month == 1 and months == 6:
            return _("First six months of %(year)s") % {"year": start.year}
        if start.month == 7 and months == 6:
            return _("Last six months of %(year)s") % {"year": start.year}
        if start.month == 1 and months == 9:
            return _("First nine months of %(year)s") % {"year": start.year}
        return _("Months %(first)s–%(last)s/%(year)s") % {
            "first": start.month,
            "last": end.month,
            "year": start.year,
        }
    if whole_months and start.month == 1 and end.month == 12:
        return _("Years %(first)s–%(last)s") % {"first": start.year, "last": end.year}
    return window(start, end)


# --- keeping occurrences in step with tasks -------------------------------------------------


def stale_tasks(tasks):
    """Tasks (of the queryset) whose occurrences were built from other deadline inputs."""
    unsynced = tasks.filter(schedule__isnull=True)
    changed = TaskSchedule.objects.filter(task__in=tasks).exclude(
        Q(deadline_text=F("task__deadline_text"))
        & Q(recurrence=F("task__recurrence"))
        & Q(year=F("task__plan__year"))
        & (Q(due=F("task__due")) | Q(due__isnull=True, task__due__isnull=True))
    )
    return Task.objects.filter(
        Q(pk__in=unsynced.values("pk")) | Q(pk__in=changed.values("task_id"))
    )


def sync_stale(tasks) -> int:
    """Resync the tasks of the queryset whose deadline changed; returns how many."""
    stale = list(stale_tasks(tasks).select_related("plan__unit"))
    if stale:
        sync_tasks(stale)
    return len(stale)


def resync_changed_tasks(sender=None, *, plan_ids=(), task_ids=(), **kwargs) -> int:
    """`plans.signals.tasks_changed`: the action that changed the tasks brings their
    occurrences up to date, in its transaction (pages only read them)."""
    return sync_stale(Task.objects.filter(Q(pk__in=list(task_ids)) | Q(plan_id__in=list(plan_ids))))


@transaction.atomic
@dataclass
class _Changes:
    """What one sync writes, gathered over the tasks then written in bulk."""

    create: list[Occurrence] = field(default_factory=list)
    update: list[Occurrence] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)
    retire: list[Occurrence] = field(default_factory=list)


def sync_tasks(tasks: Iterable[Task]) -> None:
    """Create, move or retire occurrences so that each task has those its deadline implies.

    An occurrence keeps its identity (and its reports) when its key is still scheduled, and a
    one-off task whose date moved keeps its one occurrence; the rest are deleted, or kept as
    obsolete when progress was reported on them.
    """
    tasks = list(tasks)
    if not tasks:
        return
    task_ids = [t.pk for t in tasks]
    existing = _existing_occurrences(task_ids)
    changes = _Changes()
    schedules = {s.task_id: s for s in TaskSchedule.objects.filter(task_id__in=task_ids)}
    for task in tasks:
        wanted = schedule_for(task, task.plan.year, task.plan.unit)
        _plan_task(task, wanted, existing.get(task.pk, []), changes)
        _remember(schedules, task, wanted)

    if changes.delete:
        Occurrence.objects.filter(pk__in=changes.delete).delete()
    fields = ["key", "period_start", "period_end", "due", "obsolete"]
    if changes.update or changes.retire:
        Occurrence.objects.bulk_update(changes.update + changes.retire, fields)
    if changes.create:
        Occurrence.objects.bulk_create(changes.create)
    if changes.update or changes.retire or changes.create:
        # bulk writes send no signal: the units' dashboards are told here (decision 0102)
        freshness.units_changed({task.plan.unit_id for task in tasks})
    TaskSchedule.objects.bulk_create(
        [s for s in schedules.values() if s.pk is None],
    )
    TaskSchedule.objects.bulk_update(
        [s for s in schedules.values() if s.pk is not None],
        ["deadline_text", "due", "recurrence", "year", "needs_date", "unreadable"],
    )


def _existing_occurrences(task_ids: list[int]) -> dict[int, list[Occurrence]]:
    """The tasks' occurrences by task, each annotated with whether anything was reported on it."""
    reported = Q(Exists(ProgressUpdate.objects.filter(occurrence=OuterRef("pk")))) | Q(
        Exists(Evidence.objects.filter(occurrence=OuterRef("pk")))  # loose evidence
    )
    existing: dict[int, list[Occurrence]] = {}
    for found in (
        Occurrence.objects.filter(task_id__in=task_ids)
        .annotate(has_reports=reported)
        .order_by("due", "pk")
    ):
        existing.setdefault(found.task_id, []).append(found)
    return existing


def _plan_task(task: Task, wanted, current: list[Occurrence], changes: _Changes) -> None:
    """What to write so that `task`'s occurrences (`current`) match its schedule (`wanted`)."""
    by_key = {o.key: o for o in current}
    wanted_keys = {slot.key for slot in wanted.slots}
    spare = [o for o in current if o.key not in wanted_keys]
    # A one-off task whose date moved keeps its occurrence (and its reports); a change
    # of structure (monthly → quarterly) does not carry one period's reports to another.
    one_off = len([o for o in current if not o.obsolete]) == 1 and len(wanted.slots) == 1
    spare_live = [o for o in spare if not o.obsolete] if one_off else []
    for slot in wanted.slots:
        occ: Occurrence | None = by_key.get(slot.key)
        if occ is None and spare_live:
            occ = spare_live.pop(0)
            spare.remove(occ)
            occ.key = slot.key
            _apply(occ, slot)
            changes.update.append(occ)
        elif occ is None:
            changes.create.append(_new_occurrence(task, slot))
        elif _apply(occ, slot):
            changes.update.append(occ)
    for occ in spare:
        if not getattr(occ, "has_reports", False):  # annotated above
            changes.delete.append(occ.pk)
        elif not occ.obsolete:
            occ.obsolete = True
            changes.retire.append(occ)


def _new_occurrence(task: Task, slot: Slot) -> Occurrence:
    return Occurrence(
        task=task,
        plan_id=task.plan_id,
        key=slot.key,
        period_start=slot.start,
        period_end=slot.end,
        due=slot.due,
    )


def _apply(occ: Occurrence, slot: Slot) -> bool:
    changed = (occ.period_start, occ.period_end, occ.due, occ.obsolete) != (
        slot.start,
        slot.end,
        slot.due,
        False,
    )
    occ.period_start, occ.period_end, occ.due, occ.obsolete = slot.start, slot.end, slot.due, False
    return changed


def _remember(schedules: dict, task: Task, wanted: Schedule) -> None:
    schedule = schedules.get(task.pk) or TaskSchedule(task=task)
    schedule.deadline_text = task.deadline_text
    schedule.due = task.due
    schedule.recurrence = task.recurrence
    schedule.year = task.plan.year
    schedule.needs_date = wanted.needs_date
    schedule.unreadable = wanted.unreadable
    schedules[task.pk] = schedule


def sync_plan(plan) -> None:
    sync_tasks(plan.tasks.select_related("plan__unit"))
