"""Publishing the service index: the monthly freeze and corrections (atomic, audited)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cchc import periods
from cchc.audit.log import record
from cchc.formats import day, month_year
from cchc.org.in_force import refusal
from cchc.org.models import Unit

from .models import Publication
from .publication import month_due
from .scoring import score


def publish(
    unit: Unit, month: dt.date, today: dt.date, *, by=None, reason: str = ""
) -> Publication:
    """Freeze the unit's index of `month` and publish it. A month already published is
    corrected: a new revision, refused without its reason; the earlier ones stay."""
    month = month.replace(day=1)
    last = periods.month_end(month.year, month.month)
    if last >= today:
        raise ValidationError(
            _("Month %(month)s has not ended yet: its index can be published from %(day)s.")
            % {"month": month_year(month), "day": day(last + dt.timedelta(days=1))}
        )
    reason = reason.strip()
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        done = Publication.objects.filter(unit=unit, month=month).aggregate(n=Max("revision"))
        revision = (done["n"] or 0) + 1
        gone = refusal(unit, last, instead=_("that unit publishes the index."))
        if revision == 1 and gone is not None:  # dissolved before the month's end (0148)
            raise ValidationError(gone)
        if revision > 1 and not reason:
            raise ValidationError(
                _("Month %(month)s is already published: a correction needs its reason.")
                % {"month": month_year(month)}
            )
        index = score(unit, month, last)
        publication = Publication.objects.create(
            unit=unit,
            month=month,
            revision=revision,
            version=index.version,
            total=index.total,
            max_points=index.max,
            snapshot=index.as_dict(),
            reason=reason,
            published_by=by,
        )
        record(
            "index766.correct" if revision > 1 else "index766.publish",
            by=by,
            obj=publication,
            unit=unit,
            after={"month": f"{month:%Y-%m}", "revision": revision, "total": str(index.total)},
            reason=reason,
        )
    return publication


def publish_due(today: dt.date) -> int:
    """Publish the previous month for every unit in force that has not published it, once the
    publication day has come; returns how many were published. Safe to run again."""
    month = month_due(today)
    if month is None:
        return 0
    done = set(Publication.objects.filter(month=month).values_list("unit_id", flat=True))
    count = 0
    for unit in Unit.objects.current(month).exclude(pk__in=done).order_by("path"):
        publish(unit, month, today)
        count += 1
    return count
