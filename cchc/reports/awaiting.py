"""The periodic reports waiting for a leader or an upper level on a unit's dashboard and on
the comparison of its units (through tracking's awaiting hook, decision 0161):

- a leader (who may approve in the unit) sees each report the unit owes and has not sent
  up — late, due within `my_work.AHEAD_DAYS`, or returned — opening it;
- an upper level (who appraises the unit) sees the reports of its units submitted and not
  yet reviewed, per period (of any year), and how many of its units have not sent the
  report last due, each opening the list of the units' reports of that period, where the
  late are marked.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cchc.formats import day
from cchc.org.access import Action, access_for
from cchc.tracking.due_items import Awaiting, register_awaiting

from . import compile, schedule
from .choices import ReportStatus
from .models import Report
from .my_work import owed

SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def _owed_by_the_unit(unit, today: dt.date) -> list[Awaiting]:
    items = []
    for kind, year, period, report in owed(unit, today):
        due = report.due if report else period.due
        if report is not None and report.status == ReportStatus.RETURNED:
            text = _("Report of %(period)s: returned, not yet sent again (due %(due)s)")
        elif today > due:
            text = _("Report of %(period)s: not submitted, late (due %(due)s)")
        else:
            text = _("Report of %(period)s: not yet submitted (due %(due)s)")
        url = (
            report.get_absolute_url()
            if report
            else reverse("reports:period", args=[unit.code, schedule.KINDS[kind][2](year)])
        )
        tone = "danger" if today > due else "warning"
        items.append(
            Awaiting(text % {"period": period_name(kind, year), "due": day(due)}, url, tone)
        )
    return items


# how the reports' titles name their period (schedule.KINDS)
_IN_A_SENTENCE = {"q1": "quý I", "h1": "6 tháng đầu", "m9": "9 tháng", "year": ""}


def period_name(kind: str, year: int) -> str:
    """ "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026": a report's period in a sentence."""
    return f"{_IN_A_SENTENCE[kind]} năm {year}".lstrip()


def _list_url(unit, kind: str, year: int) -> str:
    return f"{reverse('reports:unit', args=[unit.code])}?year={year}&kind={kind}"


def _from_the_units_below(unit, today: dt.date) -> list[Awaiting]:
    kind, year = schedule.last_due(today)
    children = list(
        compile.units_below(unit, schedule.national(kind, year).end).values_list("pk", flat=True)
    )
    # those sent up and not reviewed, whatever their year, and every one of the period last due
    rows = Report.objects.filter(
        Q(status=ReportStatus.SUBMITTED) | Q(kind=kind, year=year), unit__parent=unit
    ).values_list("unit_id", "kind", "year", "status")
    to_review = Counter((k, y) for _u, k, y, status in rows if status == ReportStatus.SUBMITTED)
    items = []
    for (k, y), n in sorted(to_review.items(), key=lambda item: (item[0][1], item[0][0])):
        text = ngettext(
            "%(n)s report of %(period)s awaiting your review",
            "%(n)s reports of %(period)s awaiting your review",
            n,
        ) % {"n": n, "period": period_name(k, y)}
        items.append(Awaiting(text, _list_url(unit, k, y)))
    sent = {u for u, k, y, status in rows if (k, y) == (kind, year) and status in SENT}
    missing = [pk for pk in children if pk not in sent]
    if missing:
        text = _("%(n)s of %(all)s units have not submitted the report of %(period)s") % {
            "n": len(missing),
            "all": len(children),
            "period": period_name(kind, year),
        }
        items.append(Awaiting(text, _list_url(unit, kind, year), "danger"))
    return items


def _awaiting(user, unit, today: dt.date) -> list[Awaiting]:
    access = access_for(user)
    items = []
    if access.can(Action.APPROVE, unit):
        items += _owed_by_the_unit(unit, today)
    if access.can(Action.APPRAISE, unit):
        items += _from_the_units_below(unit, today)
    return items


register_awaiting(_awaiting)
