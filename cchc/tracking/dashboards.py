"""The numbers behind the dashboards: one unit's plan, and the units below an upper level
side by side. Rates are kept as (numerator, denominator) and divided only when shown."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q, prefetch_related_objects

from cchc.formats import rounding
from cchc.org.access import links_read_once, with_predecessors, within
from cchc.org.models import Unit, holders
from cchc.plans.choices import AREA_ORDER, Area, PartyRole
from cchc.plans.models import Plan, TaskParty

from .choices import STATUS_ORDER, Status
from .models import Occurrence
from .status import compute_status

UPCOMING_DAYS = 30


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        """To one decimal, by the product's one rounding rule (half up, exact)."""
        return rounding.percent(self.numerator, self.denominator, places=1)


@dataclass
class AreaRow:
    code: str
    label: str
    counts: dict = field(default_factory=dict)
    total: int = 0


@dataclass
class MonthPoint:
    month: dt.date
    due: int  # occurrences due by the end of the month (cumulative)
    done: int | None  # done by the end of the month (cumulative); None for future months
    total: int

    @property
    def due_percent(self) -> float | None:
        return Rate(self.due, self.total).percent

    @property
    def done_percent(self) -> float | None:
        return None if self.done is None else Rate(self.done, self.total).percent


@dataclass
class UnitDashboard:
    unit: Unit
    year: int
    today: dt.date
    plans: list
    total: int = 0
    status_counts: dict = field(default_factory=dict)
    areas: list = field(default_factory=list)
    completion: Rate = Rate(0, 0)
    on_schedule: Rate = Rate(0, 0)
    on_time: Rate = Rate(0, 0)
    overdue: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    months: list = field(default_factory=list)
    last_update: dt.datetime | None = None


def _lead_prefetch():
    # only the names are shown (`lead_names`): no post joined
    return Prefetch(
        "task__parties",
        queryset=TaskParty.objects.filter(role=PartyRole.LEAD),
        to_attr="lead_parties",
    )


def unit_dashboard(unit: Unit, year: int, today: dt.date) -> UnitDashboard:
    plans = list(Plan.objects.filter(unit=unit, year=year).order_by("kind", "title"))
    board = UnitDashboard(unit=unit, year=year, today=today, plans=plans)
    rows = list(
        Occurrence.objects.live()
        .filter(plan__in=plans)
        .order_by()
        .values_list("pk", "task__area", "due", "done_on", "percent", "last_update_at")
    )
    board.total = len(rows)
    counts: dict = defaultdict(int)
    by_area: dict[str, AreaRow] = {}
    labels = dict(Area.choices)
    due_by_month: dict[int, int] = defaultdict(int)
    done_by_month: dict[int, int] = defaultdict(int)
    done = due_so_far = done_of_due = on_time = 0
    for _pk, area, due, done_on, percent, last in rows:
        status = compute_status(due, done_on, percent, last, today)
        counts[status] += 1
        row = by_area.setdefault(area, AreaRow(area, str(labels.get(area, area))))
        row.counts[status] = row.counts.get(status, 0) + 1
        row.total += 1
        if done_on:
            done += 1
            on_time += status == Status.DONE_ON_TIME
            done_by_month[_month_index(done_on, year)] += 1
        if due and due <= today:
            due_so_far += 1
            done_of_due += done_on is not None
        if due:
            due_by_month[_month_index(due, year)] += 1
        if last and (board.last_update is None or last > board.last_update):
            board.last_update = last
    board.status_counts = {s: counts.get(s, 0) for s in STATUS_ORDER}
    board.areas = sorted(
        by_area.values(), key=lambda r: AREA_ORDER.index(r.code) if r.code in AREA_ORDER else 99
    )
    board.completion = Rate(done, board.total)
    board.on_schedule = Rate(done_of_due, due_so_far)
    board.on_time = Rate(on_time, done)
    board.months = _months(year, today, due_by_month, done_by_month, board.total)

    live = Occurrence.objects.live().filter(plan__in=plans, done_on__isnull=True)
    ordered = live.select_related("task").order_by("due", "task__order")
    board.overdue = list(ordered.filter(due__lt=today)[:200])
    board.upcoming = list(
        ordered.filter(due__gte=today, due__lte=today + dt.timedelta(days=UPCOMING_DAYS))[:200]
    )
    # the leads of both lists in one query
    prefetch_related_objects(board.overdue + board.upcoming, _lead_prefetch())
    for occ in board.overdue + board.upcoming:
        occ.status = occ.status_on(today)
    return board


def _month_index(day: dt.date, year: int) -> int:
    """0–11 for a month of `year`; before the year → -1, after → 12."""
    if day.year < year:
        return -1
    if day.year > year:
        return 12
    return day.month - 1


def _months(year, today, due_by_month, done_by_month, total) -> list[MonthPoint]:
    points = []
    due_sum, done_sum = due_by_month.get(-1, 0), done_by_month.get(-1, 0)
    last_month = 11 if today.year > year else (today.month - 1 if today.year == year else -1)
    for index in range(12):
        due_sum += due_by_month.get(index, 0)
        done_sum += done_by_month.get(index, 0)
        if index > last_month:
            # Future months: what is planned is known, what is done is not yet.
            points.append(MonthPoint(dt.date(year, index + 1, 1), due_sum, None, total))
        else:
            points.append(MonthPoint(dt.date(year, index + 1, 1), due_sum, done_sum, total))
    return points


# --- the upper level: its units side by side ---------------------------------------------------


@dataclass
class UnitRow:
    unit: Unit
    total: int = 0
    done: int = 0
    due: int = 0
    done_of_due: int = 0
    overdue: int = 0
    on_time: int = 0
    last_update: dt.datetime | None = None
    has_children: bool = False

    @property
    def completion(self) -> Rate:
        return Rate(self.done, self.total)

    @property
    def on_schedule(self) -> Rate:
        return Rate(self.done_of_due, self.due)

    def sort_key(self):
        # Worst first: lowest share of due work done, then most overdue; units with nothing
        # due yet (no rate) after those with one; units without a plan last.
        rate = self.on_schedule.percent
        return (
            self.total == 0,
            rate is None,
            rate if rate is not None else 0,
            -self.overdue,
            self.unit.name,
        )


def comparison(unit: Unit, year: int, today: dt.date) -> list[UnitRow]:
    """The units directly below `unit` in force today, each with the work of its subtree and
    of the units it succeeded (a merged commune answers for its predecessors' plans, and the
    upper level nudges it about their overdue items: `directions.overdue_items`)."""
    children = list(Unit.objects.filter(parent=unit).current(today).order_by("name"))
    rows = {child.pk: UnitRow(child) for child in children}
    parents = set(
        Unit.objects.filter(parent__in=children).order_by().values_list("parent_id", flat=True)
    )
    for row in rows.values():
        row.has_children = row.unit.pk in parents
    with links_read_once():
        paths = dict(Unit.objects.filter(within(unit, "")).order_by().values_list("pk", "path"))
        holding = holders({c.pk: with_predecessors([c.path]) for c in children})
    done = Q(done_on__isnull=False)
    stats = (
        Occurrence.objects.live()
        .filter(plan__year=year, plan__unit_id__in=[pk for pk in paths if pk != unit.pk])
        .order_by()  # no default ordering: it would join tasks and plans into the grouping
        .values("plan__unit_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=done),
            due_count=Count("pk", filter=Q(due__lte=today)),
            done_of_due=Count("pk", filter=done & Q(due__lte=today)),
            overdue=Count("pk", filter=Q(done_on__isnull=True, due__lt=today)),
            last=Max("last_update_at"),
        )
    )
    for item in stats:
        for key in holding(paths[item["plan__unit_id"]]):
            _add(rows[key], item)
    return sorted(rows.values(), key=UnitRow.sort_key)


def _add(row: UnitRow, item: dict) -> None:
    row.total += item["total"]
    row.done += item["done"]
    row.due += item["due_count"]
    row.done_of_due += item["done_of_due"]
    row.overdue += item["overdue"]
    if item["last"] and (row.last_update is None or item["last"] > row.last_update):
        row.last_update = item["last"]
