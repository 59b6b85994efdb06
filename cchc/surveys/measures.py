"""The plans' satisfaction targets measured by the surveys.

A plan target in percent whose words speak of satisfaction ("hài lòng") and that no indicator
measures is measured by the survey index of the plan's unit for the plan's year
(`results.satisfaction`, the SIPAS-style questionnaire), unless a figure was entered by hand.
This is the counter survey, not the 766 satisfaction criteria (decision 0062).

Plans ask `cchc.plans.measures` for progress; indicators registered its answer there at start,
and this app wraps it (`install`, from AppConfig.ready, after indicators): indicators' answer
first, the survey index for the targets it left without a value.
"""

from __future__ import annotations

import datetime as dt

from cchc.indicators import targets as indicator_targets
from cchc.plans import measures
from cchc.plans.choices import TargetUnit

from . import results

WORDS = ("hài lòng",)


def measures_satisfaction(target) -> bool:
    text = (target.text or "").lower()
    return target.unit == TargetUnit.PERCENT and any(word in text for word in WORDS)


def survey_progress(target, plan, today: dt.date):
    start = dt.date(plan.year, 1, 1)
    if today < start:
        return None
    end = min(today, dt.date(plan.year, 12, 31))
    figures = results.compute(plan.unit, start, end)
    if figures.overall.value is None:
        return None
    progress = indicator_targets.Progress(
        target,
        "survey",
        start,
        end,
        numerator=figures.overall.numerator,
        denominator=figures.overall.denominator,
        value=round(figures.overall.value, 2),
        final=today > dt.date(plan.year, 12, 31),
    )
    progress.status = indicator_targets._status(progress, target, None)
    return progress


def install() -> None:
    previous_suggest = measures._suggest
    previous_progress = measures._progress

    def progress(plan, today, targets=None):
        found = previous_progress(plan, today, targets) if previous_progress else {}
        if targets is None:
            targets = list(plan.targets.all())
        for target in targets:
            if target.indicator_id is not None or not measures_satisfaction(target):
                continue
            before = found.get(target.pk)
            if before is not None and before.value is not None:
                continue  # a figure entered by hand wins
            measured = survey_progress(target, plan, today)
            if measured is not None:
                found[target.pk] = measured
        return found

    measures.register(suggest=previous_suggest or (lambda text, unit: None), progress=progress)
