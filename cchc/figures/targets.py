"""A plan's target measured by a figure: the sum of the entries over the plan's year so far."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cchc.indicators import targets as indicator_targets
from cchc.plans.choices import TargetUnit

from . import rollup
from .models import FigureTargetLink


def progress_of_plan(plan, today: dt.date, targets: Sequence) -> dict[int, object]:
    """Progress of the plan's targets linked to a figure and measured by no indicator (an
    indicator chosen later wins; the others are left out): for a share the rate of the summed
    entries, for a count the summed numerators (`actions.measure_target` keeps a target in
    percent to a share), over the plan's unit and the units below it,
    from 1 January to today (the year's end once it is over)."""
    ids = [t.pk for t in targets if t.indicator_id is None]
    links = {
        link.target_id: link
        for link in FigureTargetLink.objects.filter(target_id__in=ids).select_related("definition")
    }
    if not links:
        return {}
    start, year_end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    end, final = min(today, year_end), today > year_end
    definitions = list({link.definition_id: link.definition for link in links.values()}.values())
    totals = rollup.totals(plan.unit, start, end, definitions) if today >= start else {}
    result: dict[int, object] = {}
    for target in targets:
        link = links.get(target.pk)
        if link is not None:
            result[target.pk] = _progress(target, link.definition, totals, (start, end, final))
    return result


def _progress(target, definition, totals: dict, window: tuple) -> object:
    start, end, final = window
    progress = indicator_targets.Progress(target, "data", start, end, final=final)
    progress.measured_by = definition.name
    value = totals.get(definition.code)
    if value is not None and value.has_data:
        progress.numerator = value.numerator
        if target.unit == TargetUnit.PERCENT:
            progress.denominator, progress.value = value.denominator, value.value
        else:
            progress.value = float(value.numerator)
    progress.status = indicator_targets.status_of(progress, target)
    return progress
