"""Who hears of each step of a PAR assessment, and what they read. Called by the actions in
the same transaction as the step, after `clear(assessment)` has taken the previous step's
notifications off the unread lists (kinds in notices.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext as _

from cchc.formats import day
from cchc.notifications.actions import clear, notify
from cchc.org.choices import Role
from cchc.org.models import members_with

from .models import Assessment
from .notices import PAR_APPRAISED, PAR_EXPLAIN, PAR_RETURNED, PAR_SUBMITTED


def _appraisers(assessment: Assessment) -> list:
    """The reviewers of the nearest upper level that has any (the district's home-affairs
    office for a commune; the province's when the district has none)."""
    for unit_id in reversed(assessment.unit.lineage_ids()[:-1]):
        found = members_with([unit_id], Role.REVIEWER)
        if found:
            return found
    return []


def _send(kind: str, assessment: Assessment, recipients, *, event, title: str, body: str = ""):
    clear(assessment)
    notify(
        kind,
        recipients,
        key=f"{kind}-{event.pk}",
        title=title,
        body=body,
        url=reverse("parindex:assessment", args=[assessment.unit.code, assessment.year]),
        about=assessment,
        unit=assessment.unit,
    )


def _label(assessment: Assessment) -> dict[str, object]:
    return {"unit": assessment.unit.name, "year": assessment.year}


def submitted(assessment: Assessment, *, event) -> None:
    _send(
        PAR_SUBMITTED,
        assessment,
        _appraisers(assessment),
        event=event,
        title=_("PAR self-assessment %(year)s of %(unit)s awaits your appraisal")
        % _label(assessment),
    )


def _to_unit(kind: str, assessment: Assessment, *, event, title: str, body: str = "") -> None:
    """A notice to the unit's focal points and leaders."""
    people = members_with([assessment.unit_id], Role.FOCAL_POINT, Role.LEADER)
    _send(kind, assessment, people, event=event, title=title, body=body)


def _day(value) -> str:
    return day(value) if value else ""


def returned(assessment: Assessment, *, event, reason: str) -> None:
    title = _("PAR self-assessment %(year)s reopened until %(day)s") % {
        **_label(assessment),
        "day": _day(assessment.reopened_until),
    }
    _to_unit(PAR_RETURNED, assessment, event=event, title=title, body=reason)


def explain(assessment: Assessment, *, event) -> None:
    title = _("PAR %(year)s: explain the adjusted criteria by %(day)s") % {
        **_label(assessment),
        "day": _day(assessment.explanation_deadline),
    }
    _to_unit(PAR_EXPLAIN, assessment, event=event, title=title)


def appraised(assessment: Assessment, *, event) -> None:
    title = _("PAR %(year)s final score published: %(total)s points") % {
        **_label(assessment),
        "total": localize(assessment.final_total),
    }
    _to_unit(PAR_APPRAISED, assessment, event=event, title=title)
