"""Demo PAR Index: the sample criteria set (from seed 003) for last year and this year, last
year's final scores for the communes and wards of Thành phố Tây Ninh (ranked, in groups), and
Xã Thạnh Tân's assessment of this year in progress — some criteria self-scored, the rest
waiting, with the suggestions the plan and the dossiers give. Idempotent."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from cchc.demo import DemoContext

from . import actions, rules, sample
from .choices import AreaRole, Stage
from .models import Assessment, CriteriaSet, Score

# how well each unit did last year (share of each criterion's points kept)
LAST_YEAR = {
    "thanh-tan": 0.86,
    "phuong-2": 0.93,
    "phuong-1": 0.82,
    "phuong-3": 0.74,
    "hiep-ninh": 0.95,
    "binh-minh": 0.66,
    "tan-binh": 0.79,
}
QUARTER = Decimal("0.25")


def _set(year: int, ctx: DemoContext) -> CriteriaSet:
    found = CriteriaSet.current(year)
    if found is None:
        found = sample.install(year, by=ctx.users.get("admin"))
        # self-assessments are due mid-December; a demo loaded later still has two weeks
        due = dt.date(year, 12, 15)
        if year == ctx.today.year:
            due = max(due, ctx.today + dt.timedelta(days=14))
        found.submit_by = due
        found.save(update_fields=["submit_by"])
    return found


def _points(criterion, rng: random.Random, rate: float) -> Decimal:
    top = criterion.max_points or Decimal(0)
    if criterion.area_role == AreaRole.BONUS:
        return top if rng.random() < (0.3 if top > 0 else 0.1) else Decimal(0)
    kept = min(1.0, max(0.0, rng.gauss(rate, 0.12)))
    return (top * Decimal(str(kept)) / QUARTER).quantize(Decimal(1), ROUND_HALF_UP) * QUARTER


def _final_last_year(unit, criteria_set: CriteriaSet, rate: float) -> None:
    if Assessment.objects.filter(unit=unit, year=criteria_set.year).exists():
        return
    rng = random.Random(f"par-{unit.code}-{criteria_set.year}")
    found = Assessment.objects.create(
        unit=unit,
        year=criteria_set.year,
        criteria_set=criteria_set,
        stage=Stage.FINAL,
        deadline=criteria_set.submit_by,
        submitted_at=timezone.now(),
        finalised_at=timezone.now(),
    )
    criteria = list(criteria_set.criteria.all())
    scores = []
    for criterion in actions.leaves(criteria_set):
        points = _points(criterion, rng, rate)
        scores.append(
            Score(
                assessment=found,
                criterion=criterion,
                self_points=points,
                appraised_points=points,
                final_points=points,
            )
        )
    Score.objects.bulk_create(scores)
    weight = sum(
        (c.max_points for c in criteria if c.parent_id is None and c.area_role == AreaRole.SURVEY),
        Decimal(0),
    )
    survey = (weight * Decimal(str(min(1.0, rate + 0.03)))).quantize(Decimal("0.01"))
    total = rules.totals(criteria, {s.criterion_id: s.final_points for s in scores}, survey)
    found.survey_points = survey
    found.final_total = total.total
    found.save(update_fields=["survey_points", "final_total"])


def load(ctx: DemoContext) -> None:
    this_year = ctx.today.year
    last = _set(this_year - 1, ctx)
    current = _set(this_year, ctx)
    for code, rate in LAST_YEAR.items():
        unit = ctx.units.get(code)
        if unit is not None:
            _final_last_year(unit, last, rate)
    home = ctx.units.get("thanh-tan")
    focal = ctx.users.get("thanhtan")
    if home is None or Assessment.objects.filter(unit=home, year=this_year).exists():
        return
    found = actions.open_assessment(home, this_year, by=focal, deadline=current.submit_by)
    rng = random.Random(f"par-thanh-tan-{this_year}")
    entries = {}
    for score in found.scores.select_related("criterion").order_by("criterion__order"):
        criterion = score.criterion
        if criterion.stt.startswith(("1.", "2.", "4.")) and criterion.area_role == AreaRole.SCORED:
            entries[criterion.id] = (_points(criterion, rng, 0.9), "")
    actions.save_self_scores(found, entries, by=focal)
    ctx.say(f"PAR Index: sample criteria {last.year}, {current.year}; Thạnh Tân self-assessing")
