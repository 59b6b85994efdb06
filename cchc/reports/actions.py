"""Writes to reports: open, edit, change the window, submit, accept, return. Each is one
transaction with one audit event, and the only place the report's rules are enforced:
a frozen (submitted or accepted) report is never edited; only the unit itself submits its
report; only the level above reviews it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.evidence.actions import attach, keeping_files
from cchc.notifications.actions import clear
from cchc.org.access import Action, access_for
from cchc.org.in_force import refusal

from . import content, document, schedule
from .choices import ReportStatus
from .models import Report

EDITABLE_TEXT = [key for key, _h in content.NARRATIVE_PARTS] + [
    "recipients",
    "signer_title",
    "signer_name",
]


def _locked(report: Report) -> Report:
    """The report row locked for this transaction (its unit and parent read along)."""
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit__parent")
        .get(pk=report.pk)
    )


def _require_own(report: Report, by) -> None:
    if not access_for(by).can(Action.EDIT_PLAN, report.unit):
        raise PermissionDenied(
            _("Only %(unit)s prepares and submits this report.") % {"unit": report.unit.name}
        )


def _require_submitter(report: Report, by) -> None:
    """The unit's focal point sends its report up, or its leader, who signs it off (APPROVE)."""
    gate = access_for(by)
    if not (gate.can(Action.EDIT_PLAN, report.unit) or gate.can(Action.APPROVE, report.unit)):
        raise PermissionDenied(
            _("Only %(unit)s prepares and submits this report.") % {"unit": report.unit.name}
        )


def _require_editable(report: Report) -> None:
    if report.is_frozen:
        raise ValidationError(
            _("This report was submitted: it can no longer be changed unless it is returned.")
        )


def open_report(unit, kind: str, year: int, *, by) -> Report:
    """The unit's report for the period, created (as a draft, with the window and due date
    of `schedule.window_for`) the first time it is opened; `by=None` is the reminder job."""
    existing = Report.objects.filter(unit=unit, kind=kind, year=year).first()
    if existing is not None:
        return existing
    if by is not None and not access_for(by).can(Action.EDIT_PLAN, unit):
        raise PermissionDenied(_("Only %(unit)s prepares this report.") % {"unit": unit.name})
    period = schedule.window_for(unit, kind, year)
    errors = schedule.check(period.start, period.end, period.due)
    if errors:
        raise ValidationError(errors)
    reason = refusal(unit, period.end, instead=_("that unit prepares the report."))
    if reason is not None:  # a commune dissolved before the window's end (decision 0148)
        raise ValidationError(reason)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                unit=unit,
                kind=kind,
                year=year,
                start=period.start,
                end=period.end,
                due=period.due,
                place=unit.name.split(" ", 1)[-1] if " " in unit.name else unit.name,
            )
            record(
                "report.open",
                by=by,
                obj=report,
                unit=unit,
                after={"start": str(period.start), "end": str(period.end), "due": str(period.due)},
            )
    except IntegrityError:  # opened at the same moment by someone else
        return Report.objects.get(unit=unit, kind=kind, year=year)
    return report


@transaction.atomic
def edit(report: Report, *, by, number: str, place: str, signed_on, text: dict) -> Report:
    """Save the header fields and the narrative parts; the figures are not stored."""
    report = _locked(report)
    _require_own(report, by)
    _require_editable(report)
    before = {"number": report.number, "place": report.place, "narrative": report.narrative}
    narrative = dict(report.narrative or {})
    for key in EDITABLE_TEXT:
        if key in text:
            value = text[key]
            narrative[key] = [v for v in value if v.strip()] if key == "recipients" else value
    report.number, report.place, report.signed_on = number, place, signed_on
    report.narrative = narrative
    report.save()
    record(
        "report.edit",
        by=by,
        obj=report,
        unit=report.unit,
        before=before,
        after={"number": number, "place": place, "narrative": narrative},
    )
    return report


@transaction.atomic
def set_window(report: Report, *, by, start: dt.date, end: dt.date, due: dt.date) -> Report:
    """Change a draft's window and due date (a plan's schedule that changed, a late notice)."""
    report = _locked(report)
    _require_own(report, by)
    _require_editable(report)
    errors = schedule.check(start, end, due)
    if errors:
        raise ValidationError(errors)
    before = {"start": str(report.start), "end": str(report.end), "due": str(report.due)}
    report.start, report.end, report.due = start, end, due
    report.save(update_fields=["start", "end", "due", "updated_at"])
    record(
        "report.schedule",
        by=by,
        obj=report,
        unit=report.unit,
        before=before,
        after={"start": str(start), "end": str(end), "due": str(due)},
    )
    return report


def _frozen_document(report: Report, frozen: dict, *, by, stored: list[str]):
    """The Word file of the content being frozen, rendered now and stored as the report's
    evidence (its size and SHA-256 beside it): what every later download returns."""
    name = f"bao-cao-{report.unit.code}-{report.period_key}.docx"
    data = document.render(report, frozen)
    return attach(
        report,
        unit=report.unit,
        by=by,
        file=ContentFile(data, name=name),
        title=_("%(title)s (the Word document as submitted)") % {"title": report.title},
        stored=stored,
    )


def _change_status(report: Report, action: str, *, by, status: str, **after) -> Report:
    """Save the report in its new status and record the event (status and `after` in it)."""
    report.status = status
    report.save()
    record(action, by=by, obj=report, unit=report.unit, after={"status": status, **after})
    return report


def submit(report: Report, *, by, today: dt.date | None = None) -> Report:
    """Freeze the text and figures (the content JSON and its sha256) and the Word document
    (the file, its sha256), and send it up."""
    with keeping_files() as stored, transaction.atomic():
        report = _locked(report)
        _require_submitter(report, by)
        if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise ValidationError(_("This report was already submitted."))
        frozen = content.assemble(report, today)
        report.frozen, report.checksum = frozen, content.checksum(frozen)
        report.document = _frozen_document(report, frozen, by=by, stored=stored)
        report.submitted_at, report.submitted_by = timezone.now(), by
        clear(report)
        return _change_status(
            report,
            "report.submit",
            by=by,
            status=ReportStatus.SUBMITTED,
            checksum=report.checksum,
            document_sha256=report.document.sha256,
        )


def _reviewed(report: Report, *, by, refusal: str) -> Report:
    """The locked report, reviewed by `by` now: only the level above reviews, and only a
    submitted report."""
    report = _locked(report)
    unit = report.unit
    if unit.parent_id is None or not access_for(by).can(Action.APPRAISE, unit.parent):
        raise PermissionDenied(_("Only the level above reviews this report."))
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(refusal)
    report.reviewed_at, report.reviewed_by = timezone.now(), by
    return report


@transaction.atomic
def accept(report: Report, *, by) -> Report:
    report = _reviewed(report, by=by, refusal=_("Only a submitted report can be accepted."))
    return _change_status(report, "report.accept", by=by, status=ReportStatus.ACCEPTED)


@transaction.atomic
def return_report(report: Report, *, by, comment: str) -> Report:
    """Send a submitted report back with comments; the unit edits and resubmits it."""
    report = _reviewed(report, by=by, refusal=_("Only a submitted report can be returned."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should be changed.")})
    report.review_comment = comment.strip()
    return _change_status(
        report, "report.return", by=by, status=ReportStatus.RETURNED, comment=report.review_comment
    )
