"""The service index's feedback criteria (domain README §5, group "Satisfaction"), as plain
functions of a unit (with the units below it and those it succeeded) and a window.

Each returns `(numerator, denominator)`, or None when the unit received no feedback in the
window. The feedback counted is what was received in [start, end]; it is judged as seen on
`end` (an answer not yet given and not yet due is still on time).
"""

from __future__ import annotations

import datetime as dt

from cchc.org.access import succession_links, with_predecessors
from cchc.org.models import Unit, holders, subtrees_q

from .deadlines import handled_on_time
from .models import Feedback


def received_in(unit: Unit, start: dt.date, end: dt.date):
    """The feedback of the unit's scope received in [start, end]."""
    paths = with_predecessors([unit.path])
    query = Feedback.objects.filter(subtrees_q(paths, "unit__path"))
    return query.filter(received__gte=start, received__lte=end).only(
        "received", "answered", "published", "answer_due", "publish_due", "unsatisfied", "repeated"
    )


def received_by_unit(units: list[Unit], start: dt.date, end: dt.date) -> dict[int, list]:
    """`received_in` of several units in two queries whatever their number: each unit's
    feedback (its subtree and the units it succeeded) received in [start, end]."""
    links = succession_links()
    scopes = {unit.pk: with_predecessors([unit.path], links) for unit in units}
    every = {path for paths in scopes.values() for path in paths}
    if not every:
        return {}
    query = Feedback.objects.filter(subtrees_q(every, "unit__path"))  # one condition, not a union
    items = list(
        query.filter(received__gte=start, received__lte=end)
        .select_related("unit")
        .only(
            "unit__path",
            "received",
            "answered",
            "published",
            "answer_due",
            "publish_due",
            "unsatisfied",
            "repeated",
        )
    )
    found: dict[int, list] = {pk: [] for pk in scopes}
    holding = holders(scopes)  # each item's units found from its path, in the items' order
    for item in items:
        for pk in holding(item.unit.path):
            found[pk].append(item)
    return found


def on_time_of(items: list, end: dt.date) -> tuple[int, int] | None:
    """Index criterion "feedback handled on time" (group satisfaction, 6 points; the index
    gives full points when this is None, nothing to handle): feedback answered within the
    legal time and its answer published within its own, ÷ feedback received."""
    if not items:
        return None
    return sum(handled_on_time(item, end) for item in items), len(items)


def satisfaction_of(items: list, end: dt.date) -> tuple[int, int] | None:
    """Index criterion "satisfaction with feedback handling" (group satisfaction, 6 points):
    (feedback − rated unsatisfactory − handled late − repeated with a complaint) ÷ feedback
    received; a piece that is several of these is taken away once."""
    if not items:
        return None
    good = sum(
        not item.unsatisfied and not item.repeated and handled_on_time(item, end) for item in items
    )
    return good, len(items)


def on_time(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """`on_time_of` the feedback the unit received in [start, end]."""
    return on_time_of(list(received_in(unit, start, end)), end)


def satisfaction(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """`satisfaction_of` the feedback the unit received in [start, end]."""
    return satisfaction_of(list(received_in(unit, start, end)), end)
