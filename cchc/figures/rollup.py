"""Figures summed over a unit's tree and a window, and the late dossiers still without apology.

Rule: an entry counts in the window its period ends in (a December entry counts in the first
quarter's report window 15/12 → 14/3), so consecutive windows never count it twice. A
figure's value over a unit is the sum of the numerators and the sum of the denominators of
the entries of the unit and every unit below it (and the units it succeeded:
`org.access.within`); a rate is computed only at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Sum

from cchc.indicators import engine
from cchc.indicators.engine import Value
from cchc.org.access import within

from .models import FigureDefinition, FigureEntry


def current_definitions() -> list[FigureDefinition]:
    """The latest version of each figure in use, in display order."""
    latest: dict[str, FigureDefinition] = {}
    for definition in FigureDefinition.objects.filter(active=True).order_by("code", "-version"):
        latest.setdefault(definition.code, definition)
    return sorted(latest.values(), key=lambda d: (d.order, d.code))


def totals(
    unit, start: dt.date, end: dt.date, definitions: Sequence[FigureDefinition] | None = None
) -> dict[str, Value]:
    """{code: Value(numerator, denominator)} over the unit's tree for entries ending in
    [start, end]; a plain count has its numerator as denominator (as indicator counts do)."""
    definitions = current_definitions() if definitions is None else definitions
    sums: dict[int, tuple[int, int]] = {
        row["definition_id"]: (row["n"] or 0, row["d"] or 0)
        for row in FigureEntry.objects.filter(
            within(unit), definition__in=definitions, end__gte=start, end__lte=end
        )
        .values("definition_id")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
    }
    result = {}
    for definition in definitions:
        numerator, denominator = sums.get(definition.pk, (0, 0))
        if not definition.is_ratio:
            denominator = numerator
        result[definition.code] = Value(numerator, denominator)
    return result


def late_without_apology(unit, start: dt.date, end: dt.date) -> int:
    """Late dossiers of the window with no apology letter, from the dossier data."""
    found = engine.definitions(["late_apology_rate"])
    if not found:
        return 0
    value = engine.values(unit, start, end, found)["late_apology_rate"]
    return value.denominator - value.numerator
