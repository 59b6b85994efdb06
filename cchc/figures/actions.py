"""Entering a figure and choosing the figure that measures a target: the one place their
rules are enforced."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.evidence.actions import attach, keeping_files
from cchc.evidence.files import check_upload
from cchc.org.access import Action, access_for
from cchc.org.in_force import refusal
from cchc.periods import Period
from cchc.plans.choices import TargetUnit
from cchc.plans.rules import ensure_open

from .models import FigureDefinition, FigureEntry, FigureTargetLink


def _snapshot(entry: FigureEntry | None) -> dict | None:
    if entry is None:
        return None
    return {"numerator": entry.numerator, "denominator": entry.denominator, "note": entry.note}


def _entry_errors(
    definition: FigureDefinition, numerator, denominator, *, evidence: bool
) -> dict[str, str]:
    """What is wrong with the values (field → Vietnamese message); `evidence` says whether the
    entry has or brings evidence."""
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
    if definition.requires_evidence and not evidence:
        errors["file"] = _("%(figure)s needs evidence: attach the file or name the document.") % {
            "figure": definition.name
        }
    return errors


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
    scope (PermissionDenied); a new entry for a period ending when the unit is not in force
    (a commune dissolved by a merger: its successor enters it; decision 0148); a numerator
    above the denominator; a missing denominator for a
    share or a missing numerator; no evidence (file or document) when the definition asks for
    one and the entry has none yet.
    """
    access_for(by).require(Action.ENTER_DATA, unit)
    denominator = denominator if definition.is_ratio else None
    existing = FigureEntry.objects.filter(
        definition=definition, unit=unit, period_key=period.key
    ).first()
    brings = file is not None or bool(document.strip())
    has = brings or (existing is not None and existing.evidence.exists())
    errors = _entry_errors(definition, numerator, denominator, evidence=has)
    if existing is None:
        reason = refusal(unit, period.end, instead=_("enter the figure for that unit."))
        if reason is not None:
            errors = {"period": reason}
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
        if brings:
            title = document.strip() or getattr(file, "name", "")
            attach(entry, unit=unit, by=by, file=file, checked=checked, title=title, stored=stored)
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


def _measure_state(target) -> dict[str, str]:
    """What measures the target, by name (ids would mean nothing in the history)."""
    link = FigureTargetLink.objects.filter(target=target).select_related("definition").first()
    return {
        "figure": str(link.definition) if link else "—",
        "indicator": str(target.indicator) if target.indicator_id else "—",
    }


def measure_target(target, definition: FigureDefinition | None, *, by) -> None:
    """Say which figure measures a plan's target (None: no figure). One audited change.

    Choosing a figure takes the place of the indicator that measured the target. Refused,
    nothing saved: a person who may not edit the unit's plans (PermissionDenied), a closed
    plan (PlanClosed), a target in percent and a figure without a denominator, a target in
    points or a rank (a figure counts things).
    """
    plan = target.plan
    access_for(by).require(Action.EDIT_PLAN, plan.unit)
    ensure_open(plan)
    if definition is not None:
        if target.unit in (TargetUnit.POINTS, TargetUnit.RANK):
            raise ValidationError(
                {"definition": _("A target in points or a rank is not measured by a figure.")}
            )
        if target.unit == TargetUnit.PERCENT and not definition.is_ratio:
            raise ValidationError(
                {
                    "definition": _(
                        "This target is a percentage: choose a figure with a denominator "
                        "(“%(figure)s” is a plain count)."
                    )
                    % {"figure": definition.name}
                }
            )
    with transaction.atomic():
        before = _measure_state(target)
        if definition is None:
            FigureTargetLink.objects.filter(target=target).delete()
        else:
            FigureTargetLink.objects.update_or_create(
                target=target, defaults={"definition": definition}
            )
            if target.indicator_id is not None:
                target.indicator, target.indicator_confirmed = None, False
                target.save(update_fields=["indicator", "indicator_confirmed"])
        record(
            "figure.measure",
            by=by,
            obj=target,
            unit=plan.unit,
            before=before,
            after=_measure_state(target),
        )
