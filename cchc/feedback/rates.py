"""The service index's feedback criteria (domain README §5, group "Satisfaction"), as plain
functions of a unit (with the units below it and those it succeeded) and a window.

Each returns `(numerator, denominator)`, or None when the unit received no feedback in the
window. The feedback counted is what was received in [start, end]; it is judged as seen on
`end` (an answer not yet given and not yet due is still on time).
"""

from __future__ import annotations

import datetime as dt

from cchc.org.access import with_predecessors
from cchc.org.models import Unit

from .deadlines import handled_on_time
from .models import Feedback


def received_in(unit: Unit, start: dt.date, end: dt.date):
    """The feedback of the unit's scope received in [start, end]."""
    paths = with_predecessors([unit.path])
    query = Feedback.objects.none()
    for path in paths:
        query |= Feedback.objects.filter(unit__path__startswith=path)
    return query.filter(received__gte=start, received__lte=end).only(
        "received", "answered", "published", "answer_due", "publish_due", "unsatisfied", "repeated"
    )


def on_time(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """Index criterion "feedback handled on time" (group satisfaction, 6 points; the index
    gives full points when this returns None, nothing to handle): feedback answered within
    the legal time and its answer published within its own, ÷ feedback received."""
    items = list(received_in(unit, start, end))
    if not items:
        return None
    return sum(handled_on_time(item, end) for item in items), len(items)


def satisfaction(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """Index criterion "satisfaction with feedback handling" (group satisfaction, 6 points):
    (feedback − rated unsatisfactory − handled late − repeated with a complaint) ÷ feedback
    received; a piece that is several of these is taken away once."""
    items = list(received_in(unit, start, end))
    if not items:
        return None
    good = sum(
        not item.unsatisfied and not item.repeated and handled_on_time(item, end) for item in items
    )
    return good, len(items)
