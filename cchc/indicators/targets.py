"""A plan's targets against what is measured: which indicator, the value now, the year's end.

- **Suggestion.** A target is suggested the indicator whose keywords (`IndicatorDefinition.
  keywords`: one group per line, words that must all appear, "-word" that must not) match its
  text, compared without diacritics — only when exactly one indicator matches, so a sentence
  naming two ("số hóa hồ sơ và cấp kết quả điện tử") is left for a person to choose.
- **Current value.** For a linked target, the indicator over the plan's year up to today
  (to the year's end once it is over), for the plan's unit and the units below it. For a
  target without an indicator, the latest figure its owner entered.
- **Projection.** For a rate, the months so far give a trend (least squares over the monthly
  rates of the last six months, weighted by their denominators); the remaining months are
  assumed to carry the average monthly denominator at the trend's rate, clamped to 0–100.
  The month under way counts in the value so far but neither in the trend nor in the average
  denominator: its dossiers are still being processed (on 7 December a rate of 94 % read
  37,5 %) and its days are not a month — unless no finished month has data yet.
  For a count, the pace so far carried to the year's end. A finished year projects nothing:
  its value is final.
- **Status.** Met when the value and the projection both reach the target, not met when
  neither does, at risk when one does (the year still open). Without data: no status.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from cchc.core import freshness
from cchc.formats.rounding import half_up
from cchc.org.matching import fold
from cchc.plans.choices import Comparator, TargetUnit

from . import engine
from .models import IndicatorDefinition, TargetFigure

MET, AT_RISK, NOT_MET, NO_DATA = "met", "at_risk", "not_met", "no_data"
STATUS_LABELS = {
    MET: _("met"),
    AT_RISK: _("at risk"),
    NOT_MET: _("not met"),
    NO_DATA: _("no data"),
}
STATUS_COLOURS = {MET: "success", AT_RISK: "warning", NOT_MET: "danger", NO_DATA: "secondary"}
TREND_MONTHS = 6


# --- suggestion ----------------------------------------------------------------------------
def _groups(keywords: str) -> list[tuple[list[str], list[str]]]:
    groups = []
    for line in keywords.splitlines():
        words = [w.strip() for w in line.split(",") if w.strip()]
        wanted = [fold(w) for w in words if not w.startswith("-")]
        unwanted = [fold(w[1:]) for w in words if w.startswith("-")]
        if wanted:
            groups.append((wanted, unwanted))
    return groups


def _matches(text: str, keywords: str) -> bool:
    folded = f" {fold(text)} "
    return any(
        all(f" {w} " in folded for w in wanted) and not any(f" {w} " in folded for w in unwanted)
        for wanted, unwanted in _groups(keywords)
    )


def suggest(
    text: str, unit: str, definitions: Sequence[IndicatorDefinition] | None = None
) -> IndicatorDefinition | None:
    """The one indicator the target's words point to, or None when none or several do."""
    if unit not in (TargetUnit.PERCENT, TargetUnit.COUNT):
        return None
    pool = definitions if definitions is not None else engine.definitions()
    kind = IndicatorDefinition.Kind.RATE if unit == TargetUnit.PERCENT else "count"
    found = [d for d in pool if d.kind == kind and d.keywords and _matches(text, d.keywords)]
    return found[0] if len(found) == 1 else None


def suggest_links(targets: Iterable) -> int:
    """Link each unlinked target to its suggested indicator (unconfirmed); returns how many."""
    pool = engine.definitions()
    linked = 0
    for target in targets:
        if target.indicator_id is not None:
            continue
        found = suggest(target.text, target.unit, pool)
        if found is not None:
            target.indicator = found
            target.indicator_confirmed = False
            target.save(update_fields=["indicator", "indicator_confirmed"])
            linked += 1
    return linked


# --- value, projection, status -------------------------------------------------------------
@dataclass
class Progress:
    """Where a target stands on a day."""

    target: object
    source: str  # "data" (an indicator), "figure" (entered by hand) or "none"
    start: dt.date
    end: dt.date  # the day the value is counted to
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    projection: float | None = None
    final: bool = False  # the year is over: the value will not change
    figure: TargetFigure | None = None
    months: list[tuple[str, engine.Value]] | None = None
    status: str = NO_DATA
    measured_by: str = ""  # what another app measures the target by (a figure's name)

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]


def _reaches(value: float | None, target, definition: IndicatorDefinition | None) -> bool | None:
    if value is None or target.value is None:
        return None
    goal = float(target.value)
    comparator = target.comparator
    if comparator == Comparator.EQUAL:
        lower = definition is not None and (
            definition.direction == IndicatorDefinition.Direction.LOWER
        )
        comparator = Comparator.AT_MOST if lower else Comparator.AT_LEAST
    if comparator in (Comparator.AT_MOST, Comparator.TOP):
        return value <= goal + 1e-9
    return value >= goal - 1e-9


def _status(progress: Progress, target, definition) -> str:
    now = _reaches(progress.value, target, definition)
    if now is None:
        return NO_DATA
    if progress.final:
        return MET if now else NOT_MET
    later = _reaches(progress.projection, target, definition)
    if later is None:
        return MET if now else AT_RISK
    if now and later:
        return MET
    return AT_RISK if now or later else NOT_MET


def status_of(progress: Progress, target, definition=None) -> str:
    """Met, at risk, not met or no data: the rule above, for any app measuring a target."""
    return _status(progress, target, definition)


def _months_left(end: dt.date) -> float:
    """The months of the year after `end`: the whole ones and the rest of `end`'s month."""
    days = calendar.monthrange(end.year, end.month)[1]
    return 12 - end.month + (days - end.day) / days


def _window(year: int, today: dt.date) -> tuple[dt.date, dt.date, bool] | None:
    start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if today < start:
        return None
    return start, min(today, year_end), today > year_end


def project_rate(
    months: Sequence[engine.Value],
    remaining: float,
    so_far: engine.Value | None = None,
    *,
    under_way: bool = False,
) -> float | None:
    """Year-end rate: the figures so far (`so_far`, the window's own value, else the sum of
    the months) plus `remaining` months (a fraction for the rest of the current month) at
    the recent trend. `under_way`: the last month is not over, kept out of the trend."""
    numerator: float = so_far.numerator if so_far else sum(m.numerator for m in months)
    denominator: float = so_far.denominator if so_far else sum(m.denominator for m in months)
    if not denominator:
        return None
    finished = list(months[:-1]) if under_way else list(months)
    if not any(m.denominator for m in finished):
        finished = list(months)  # nothing finished yet: the days so far are all there is
    recent = [(i, m) for i, m in enumerate(finished) if m.denominator][-TREND_MONTHS:]
    weights = [m.denominator for _i, m in recent]
    xs = [float(i) for i, _m in recent]
    ys = [100 * m.numerator / m.denominator for _i, m in recent]
    total = sum(weights)
    mean_x = sum(w * x for w, x in zip(weights, xs, strict=True)) / total
    mean_y = sum(w * y for w, y in zip(weights, ys, strict=True)) / total
    spread = sum(w * (x - mean_x) ** 2 for w, x in zip(weights, xs, strict=True))
    slope = (
        sum(w * (x - mean_x) * (y - mean_y) for w, x, y in zip(weights, xs, ys, strict=True))
        / spread
        if spread
        else 0.0
    )
    per_month = sum(m.denominator for m in finished) / len([m for m in finished if m.denominator])
    last = len(months) - 1
    step = 0
    while remaining > 1e-9:
        step += 1
        share = min(1.0, remaining)
        rate = min(100.0, max(0.0, mean_y + slope * (last + step - mean_x)))
        numerator += rate / 100 * per_month * share
        denominator += per_month * share
        remaining -= share
    return float(half_up(Fraction(100 * numerator) / Fraction(denominator)))


def progress_of(target, today: dt.date) -> Progress:
    """Where one target stands on `today` (its plan's unit and year)."""
    year = target.plan.year
    if target.indicator_id is None:
        figure = target.figures.order_by("-as_of", "-entered_at", "-pk").first()
        return _from_figure(target, figure, today)
    window = _window(year, today)
    if window is None:
        return Progress(target, "data", dt.date(year, 1, 1), dt.date(year, 1, 1))
    unit, indicators = target.plan.unit, [target.indicator]
    months = engine.monthly(unit, window[0], window[1], indicators)
    total = engine.values(unit, window[0], window[1], indicators)
    return _from_months(target, target.indicator, months, window, total)


def progress_of_plan(plan, today: dt.date, targets: Sequence | None = None) -> dict[int, Progress]:
    """Every target of a plan; the year's monthly values are computed once for all of them."""
    if targets is None:
        targets = list(plan.targets.select_related("indicator"))
    if not targets:
        return {}
    linked = {t.indicator_id: t.indicator for t in targets if t.indicator_id is not None}
    result: dict[int, Progress] = {}
    window = _window(plan.year, today)
    months: dict[str, dict[str, engine.Value]] = {}
    totals: dict[str, engine.Value] = {}
    if linked and window is not None:
        months, totals = _measured(plan.unit, window, list(linked.values()), today)
    figures: dict[int, TargetFigure] = {}
    if any(t.indicator_id is None for t in targets):
        for figure in TargetFigure.objects.filter(target__plan=plan).order_by(
            "target_id", "-as_of", "-entered_at", "-pk"
        ):
            figures.setdefault(figure.target_id, figure)
    for target in targets:
        if target.indicator_id is None:
            result[target.pk] = _from_figure(target, figures.get(target.pk), today)
        elif window is None:
            result[target.pk] = Progress(target, "data", dt.date(plan.year, 1, 1), today)
        else:
            result[target.pk] = _from_months(target, target.indicator, months, window, totals)
    return result


def _measured(unit, window, indicators: list[IndicatorDefinition], today: dt.date):
    """The indicators' monthly values and the window's own, for the unit: from the cache while
    no dossier figure has changed (`cchc.core.freshness`) — a dashboard asks for them on every
    visit, and they change only when dossiers are imported."""

    def compute():
        months = engine.monthly(unit, window[0], window[1], indicators)
        return months, engine.values(unit, window[0], window[1], indicators)

    versions = ",".join(str(pk) for pk in sorted(d.pk for d in indicators))
    key = freshness.key(
        "indicators:measured",
        unit.pk,
        today,
        window[0],
        window[1],
        versions,
        topic=freshness.DOSSIER_FIGURES,
    )
    return freshness.remembered(key, compute)


def _from_figure(target, figure: TargetFigure | None, today: dt.date) -> Progress:
    year_end = dt.date(target.plan.year, 12, 31)
    start = dt.date(target.plan.year, 1, 1)
    progress = Progress(target, "figure" if figure else "none", start, min(today, year_end))
    if figure is not None:
        progress.figure, progress.value, progress.end = figure, float(figure.value), figure.as_of
        progress.final = today > year_end
    progress.status = _status(progress, target, None)
    return progress


def _from_months(target, definition, months, window, totals) -> Progress:
    """The target's progress from the window's own value (`totals`: counted over the whole
    window, so that procedures are counted once and unfinished dossiers are judged at the
    window's end, which summing the months would not do) and its months (the trend)."""
    start, end, final = window
    series = [(key, values[definition.code]) for key, values in months.items()]
    total = totals[definition.code]
    numerator, denominator = total.numerator, total.denominator
    progress = Progress(
        target, "data", start, end, numerator, denominator, final=final, months=series
    )
    if definition.is_rate:
        progress.value = engine.Value(numerator, denominator).value
        if not final:
            progress.projection = project_rate(
                [v for _k, v in series], _months_left(end), so_far=total, under_way=True
            )
    else:
        progress.value = float(numerator)
        elapsed = (end - start).days + 1
        days = (dt.date(end.year, 12, 31) - start).days + 1
        if not final:
            progress.projection = round(numerator * days / elapsed, 0)
    progress.status = _status(progress, target, definition)
    return progress


def figure_value_error(target, value: Decimal) -> str | None:
    """Why a hand-entered value does not fit the target's unit (None when it fits)."""
    from cchc.plans.models import target_value_errors

    errors = target_value_errors(target.comparator, value, target.unit)
    message = errors.get("value")
    return str(message) if message else None
