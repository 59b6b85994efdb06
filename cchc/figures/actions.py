"""Entering a figure: the one place its rules are enforced."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.evidence.actions import attach, keeping_files
from cchc.evidence.files import check_upload
from cchc.org.access import Action, access_for
from cchc.periods import Period

from .models import FigureDefinition, FigureEntry


def _snapshot(entry: FigureEntry | None) -> dict | None:
    if entry is None:
        return None
    return {"numerator": entry.numerator, "denominator": entry.denominator, "note": entry.note}


def enter_figure(
    definition: FigureDefinition,
    unit,
    period: Period,
    *,
    numerator: int,
    denominator: int | None,
    by,
    note: str = "",
    file=None,
    document: str = "",
) -> FigureEntry:
    """Save (or correct) the unit's figure for a calendar period, with its evidence.

    Refused with a Vietnamese message, nothing saved: a user outside the unit's data-entry
    scope (PermissionDenied); a numerator above the denominator; a missing denominator for a
    share or a missing numerator; no evidence (file or document) when the definition asks for
    one and the entry has none yet.
    """
    access_for(by).require(Action.ENTER_DATA, unit)
    errors: dict[str, str] = {}
    if numerator is None or numerator < 0:
        errors["numerator"] = _("Enter the %(label)s.") % {"label": definition.numerator_label}
    if definition.is_ratio:
        if denominator is None or denominator < 0:
            errors["denominator"] = _("Enter the %(label)s.") % {
                "label": definition.denominator_label
            }
        elif numerator is not None and numerator > denominator:
            errors["numerator"] = _(
                "%(figure)s: the %(numerator)s (%(n)s) is above the %(denominator)s (%(d)s)."
            ) % {
                "figure": definition.name,
                "numerator": definition.numerator_label.lower(),
                "n": numerator,
                "denominator": definition.denominator_label.lower(),
                "d": denominator,
            }
    else:
        denominator = None
    existing = FigureEntry.objects.filter(
        definition=definition, unit=unit, period_key=period.key
    ).first()
    has_evidence = existing is not None and existing.evidence.exists()
    if definition.requires_evidence and file is None and not document.strip() and not has_evidence:
        errors["file"] = _("%(figure)s needs evidence: attach the file or name the document.") % {
            "figure": definition.name
        }
    if errors:
        raise ValidationError(errors)
    checked = check_upload(file) if file is not None else None
    with keeping_files() as stored, transaction.atomic():
        before = _snapshot(existing)
        entry = existing or FigureEntry(definition=definition, unit=unit, period_key=period.key)
        entry.start, entry.end = period.start, period.end
        entry.numerator, entry.denominator = numerator, denominator
        entry.note, entry.entered_by = note.strip(), by
        entry.save()
        if file is not None or document.strip():
            attach(
                entry,
                unit=unit,
                by=by,
                file=file,
                checked=checked,
                title=document.strip() or getattr(file, "name", ""),
                stored=stored,
            )
        record(
            "figure.enter",
            by=by,
            obj=entry,
            unit=unit,
            before=before,
            after=_snapshot(entry),
            reason=f"{definition.code} {period.key}",
        )
    return entry
