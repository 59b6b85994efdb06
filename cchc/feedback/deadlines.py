"""The legal deadlines of feedback, in working days on the unit's calendar.

Answer within `FEEDBACK_ANSWER_DAYS` working days of reception (default 15), publish the
answer within `FEEDBACK_PUBLISH_DAYS` working days of the answer (default 2): domain README
§4, configurable because some provinces set 10.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from cchc.workdays.calendar import add_working_days


def answer_due(received: dt.date, unit) -> dt.date:
    return add_working_days(received, settings.FEEDBACK_ANSWER_DAYS, unit)


def publish_due(answered: dt.date | None, unit) -> dt.date | None:
    if answered is None:
        return None
    return add_working_days(answered, settings.FEEDBACK_PUBLISH_DAYS, unit)


def handled_on_time(item, day: dt.date) -> bool:
    """Whether the feedback is handled on time as seen on `day`: answered by its due date (or
    not yet due), and the answer published by its own due date (or not yet due)."""
    if item.answered is None:
        return day <= item.answer_due
    if item.answered > item.answer_due:
        return False
    if item.published is None:
        return day <= item.publish_due
    return item.published <= item.publish_due


def state(item, day: dt.date) -> str:
    """What the register shows: "late", "due" (waiting, not late), or "done"."""
    if not handled_on_time(item, day):
        return "late"
    if item.answered is None or item.published is None:
        return "due"
    return "done"
