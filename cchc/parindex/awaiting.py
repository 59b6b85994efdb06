"""The PAR self-assessments waiting for a leader or an upper level on a unit's dashboard and
on the comparison of its units (through tracking's awaiting hook, decision 0161): the
leader sends the unit's self-assessment up (only someone who approves in the unit submits
it); the upper level appraises its units' submitted ones."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cchc.formats import day
from cchc.org.access import Action, access_for, within
from cchc.tracking.due_items import Awaiting, register_awaiting

from .choices import Stage
from .models import Assessment

SHOWN = 5  # submitted self-assessments named one by one; the rest in one line


def _url(assessment: Assessment) -> str:
    return reverse("parindex:assessment", args=[assessment.unit.code, assessment.year])


def _awaiting(user, unit, today: dt.date) -> list[Awaiting]:
    access = access_for(user)
    items = []
    years = (today.year - 1, today.year)
    if access.can(Action.APPROVE, unit):
        own = Assessment.objects.filter(unit=unit, year__in=years, stage=Stage.SELF)
        for assessment in own.select_related("unit"):
            text = _("PAR self-assessment %(year)s awaiting your submission to the upper level")
            text %= {"year": assessment.year}
            if assessment.deadline:
                text += " " + _("(due %(due)s)") % {"due": day(assessment.deadline)}
            late = assessment.deadline is not None and today > assessment.deadline
            items.append(Awaiting(text, _url(assessment), "danger" if late else "warning"))
    if access.can(Action.APPRAISE, unit):
        # a submitted one waits whatever its year
        below = Assessment.objects.filter(within(unit), stage=Stage.SUBMITTED).exclude(unit=unit)
        found = list(below.select_related("unit__parent").order_by("submitted_at")[: SHOWN + 1])
        for assessment in found[:SHOWN]:
            text = _("PAR self-assessment %(year)s of %(unit)s awaiting your appraisal") % {
                "year": assessment.year,
                "unit": assessment.unit.name,
            }
            items.append(Awaiting(text, _url(assessment)))
        if len(found) > SHOWN:
            items.append(_the_rest(found[SHOWN], below.count() - SHOWN))
    return items


def _the_rest(first: Assessment, count: int) -> Awaiting:
    """One line for the submitted ones not listed (a province has ~150 communes: the sixth
    must not vanish), to the ranking that lists the first of them (decision 0185)."""
    text = ngettext(
        "%(count)s more PAR self-assessment awaiting your appraisal",
        "%(count)s more PAR self-assessments awaiting your appraisal",
        count,
    ) % {"count": count}
    parent = first.unit.parent
    url = reverse("parindex:ranking", args=[parent.code, first.year]) if parent else _url(first)
    return Awaiting(text, url)


register_awaiting(_awaiting)
