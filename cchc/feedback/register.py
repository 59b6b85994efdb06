"""What the register page lists: the unit's feedback that is due (waiting, not late) or late
as seen today, as database filters that agree with `deadlines.handled_on_time`."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q

LATE_OR_DUE = ("late", "due", "all")


def late_q(today: dt.date) -> Q:
    return (
        Q(answered__isnull=True, answer_due__lt=today)
        | Q(answered__gt=F("answer_due"))
        | Q(answered__isnull=False, published__isnull=True, publish_due__lt=today)
        | Q(published__gt=F("publish_due"))
    )


def open_q() -> Q:
    return Q(answered__isnull=True) | Q(published__isnull=True)


def filtered(queryset, show: str, today: dt.date):
    if show == "late":
        return queryset.filter(late_q(today))
    if show == "due":
        return queryset.filter(open_q()).exclude(late_q(today))
    return queryset
