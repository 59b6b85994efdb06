"""Suggested scores: for each criterion whose guidance names a source, the figure the system
holds and the points the rule gives for it, with the reason citing that figure.

Nothing is stored: a suggestion is computed when the page is shown, so it follows the figure
(a task reported done, a dossier settled) until the focal point enters the points.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from cchc import formats
from cchc.formats.rounding import half_up, half_up_ratio
from cchc.indicators import engine
from cchc.plans.choices import PlanKind, TaskState
from cchc.plans.models import Plan
from cchc.tracking.models import Occurrence

from .rules import apply_rule


@dataclass
class Suggestion:
    points: Decimal | None
    reason: str
    figure: object  # what the reason cites: a percentage, a date, a count


def _pct(value) -> str:
    """ "3,13%": a share written with two decimals, rounded half up (the one rounding rule)."""
    return f"{half_up(Decimal(str(value)))}".replace(".", ",") + "%"


class Figures:
    """The figures of one unit and year, each read once, whatever the number of criteria."""

    def __init__(self, unit, year: int, today: dt.date):
        self.unit = unit
        self.year = year
        self.today = today
        self._cache: dict[str, object] = {}

    def _once(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def plan(self):
        return self._once(
            "plan",
            lambda: (
                Plan.objects.filter(unit=self.unit, year=self.year, kind=PlanKind.ANNUAL)
                .order_by("issued_on", "pk")
                .first()
            ),
        )

    def tasks(self) -> tuple[int, int]:
        def count():
            live = Occurrence.objects.filter(
                plan__unit=self.unit,
                plan__year=self.year,
                plan__kind=PlanKind.ANNUAL,
                obsolete=False,
                task__state=TaskState.ACTIVE,
            )
            return live.filter(done_on__isnull=False).count(), live.count()

        return self._once("tasks", count)  # type: ignore[return-value]

    def indicators(self) -> dict:
        def compute():
            end = min(dt.date(self.year, 12, 31), max(self.today, dt.date(self.year, 1, 1)))
            defs = engine.definitions()
            names = {d.code: d.name for d in defs}
            found = engine.values(self.unit, dt.date(self.year, 1, 1), end, defs)
            return {
                code: (value, dt.date(self.year, 1, 1), end, names[code])
                for code, value in found.items()
            }

        return self._once("indicators", compute)  # type: ignore[return-value]


def _plan_issued(criterion, figures: Figures) -> Suggestion:
    """Was the year's plan issued by the day the guidance names (31/1 unless it says)?"""
    plan = figures.plan()
    if plan is None or plan.issued_on is None:
        return Suggestion(
            None,
            _("No annual plan for %(year)s has been issued in the system.")
            % {"year": figures.year},
            None,
        )
    day, month = criterion.rule_spec.get("by_day") or [31, 1]
    by = dt.date(criterion.rule_spec.get("by_year", figures.year), month, day)
    on_time = plan.issued_on <= by
    reason = (
        _("Plan %(number)s issued on %(day)s: on time (by %(by)s).")
        if on_time
        else _("Plan %(number)s issued on %(day)s: late (due by %(by)s).")
    ) % {
        "number": plan.number or plan.title,
        "day": formats.day(plan.issued_on),
        "by": formats.day(by),
    }
    return Suggestion(apply_rule(criterion, on_time), reason, plan.issued_on)


def suggest(criterion, figures: Figures) -> Suggestion | None:
    source = (criterion.rule_spec or {}).get("source")
    if not source:
        return None
    if source == "plan_issued":
        return _plan_issued(criterion, figures)
    if source == "tasks_done":
        done, total = figures.tasks()
        if not total:
            return Suggestion(
                None,
                _("No task of the %(year)s plan is tracked yet.") % {"year": figures.year},
                None,
            )
        share = Decimal(100 * done) / Decimal(total)
        reason = _("%(done)s/%(total)s tasks done (%(pct)s).") % {
            "done": done,
            "total": total,
            "pct": _pct(half_up_ratio(100 * done, total)),
        }
        return Suggestion(apply_rule(criterion, share), reason, half_up_ratio(100 * done, total))
    found = figures.indicators().get(source)
    if found is None:
        return Suggestion(
            None, _("Unknown source “%(code)s” in the guidance.") % {"code": source}, None
        )
    value, start, end, name = found
    if value.value is None:
        return Suggestion(
            None,
            _("No data for %(name)s from %(start)s to %(end)s.")
            % {"name": name, "start": formats.day(start), "end": formats.day(end)},
            None,
        )
    reason = _("%(name)s: %(pct)s (%(num)s/%(den)s, %(start)s–%(end)s).") % {
        "name": name,
        "pct": _pct(value.value),
        "num": value.numerator,
        "den": value.denominator,
        "start": formats.day(start),
        "end": formats.day(end),
    }
    return Suggestion(apply_rule(criterion, value.value), reason, value.value)
