"""A plan's target measured by a figure: the sum of the entries over the plan's year so far."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cchc.indicators import targets as indicator_targets

from . import rollup
from .models import FigureTargetLink


def progress_of_plan(plan, today: dt.date, targets: Sequence) -> dict[int, object]:
    """Progress of the plan's targets linked to a figure (the others are left out): for a
    share the rate of the summed entries, for a count the summed numerators, over the plan's
    unit and the units below it, from 1 January to today (the year's end once it is over)."""
    ids = [t.pk for t in targets]
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
        if link is None:
            continue
        progress = indicator_targets.Progress(target, "data", start, end, final=final)
        value = totals.get(link.definition.code)
        if value is not None and value.has_data:
            progress.numerator, progress.denominator = value.numerator, value.denominator
            progress.value = value.value if link.definition.is_ratio else float(value.numerator)
        progress.status = indicator_targets.status_of(progress, target)
        result[target.pk] = progress
    return result
