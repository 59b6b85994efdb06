"""Writing feedback: an import (file, command line, API) and the one-stop office's entry.

The only writers of `Feedback`. A file or batch is saved whole or not at all: one bad row
(a date that is not a date, an answer before the reception, an unknown unit code, a unit
outside the importer's scope) and nothing is saved, every bad row being reported. Each write
is one audit event; the due dates are computed here from the unit's working-day calendar.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.dossiers.outcome import ImportOutcome
from cchc.dossiers.records import RowError
from cchc.org.access import path_within
from cchc.org.in_force import refusal
from cchc.org.models import Unit

from . import deadlines
from .models import Feedback
from .reading import FeedbackRecord, FeedbackRows

# the fields a record sets, in the order they are compared with a stored row
FIELDS = (
    "unit_id",
    "received",
    "answered",
    "published",
    "channel",
    "field",
    "content",
    "unsatisfied",
    "repeated",
    "sender_name",
    "sender_address",
    "sender_phone",
)


def _values(item: FeedbackRecord, unit: Unit) -> dict[str, object]:
    values = {name: getattr(item, name) for name in FIELDS if name != "unit_id"}
    values["unit_id"] = unit.pk
    values["answer_due"] = deadlines.answer_due(item.received, unit)
    values["publish_due"] = deadlines.publish_due(item.answered, unit)
    return values


def _check_units(
    records: list[FeedbackRecord], allowed: Sequence[str] | None
) -> tuple[dict[str, Unit], list[RowError]]:
    codes = {r.unit_code for r in records}
    units = Unit.objects.by_code(codes)
    errors = []
    for item in records:
        unit = units.get(item.unit_code)
        if unit is None:
            reason = _("No unit has the code '%(code)s'.") % {"code": item.unit_code}
        elif allowed is not None and not path_within(unit.path, allowed):
            reason = _("The unit '%(code)s' is outside the units you may enter data for.") % {
                "code": item.unit_code
            }
        else:
            continue
        errors.append(RowError(item.row, "MaDonVi", item.unit_code, reason))
    return units, errors


def import_feedback(
    rows: Sequence[FeedbackRecord | list[RowError]],
    *,
    by=None,
    source: str = Feedback.Source.CLI,
    allowed_paths: Sequence[str] | None = None,
    unit: Unit | None = None,
    file_name: str = "",
    skip_invalid: bool = False,
) -> ImportOutcome:
    """Create or update feedback by `MaPAKN`. `allowed_paths` (the importer's scope, None for
    the command line) bounds the units rows may name and the codes they may overwrite. With
    `skip_invalid` (the contract's `--skip-invalid`, "same file rules as dossiers") the valid
    rows are saved and the others reported; without it one bad row saves nothing."""
    outcome = ImportOutcome(rows=len(rows))
    records = [r for r in rows if isinstance(r, FeedbackRecord)]
    for problem in rows:
        if isinstance(problem, list):
            outcome.errors.extend(problem)
    units, unit_errors = _check_units(records, allowed_paths)
    outcome.errors.extend(unit_errors)
    existing = {
        f.code: f
        for f in Feedback.objects.filter(code__in=[r.code for r in records]).select_related("unit")
    }
    for item in records:
        old = existing.get(item.code)
        if old and allowed_paths is not None and not path_within(old.unit.path, allowed_paths):
            reason = _("This feedback code is already held by another unit.")
            outcome.errors.append(RowError(item.row, "MaPAKN", item.code, reason))
    if outcome.errors:
        outcome.errors.sort(key=lambda e: (e.row, e.column))
        outcome.error_count = len(outcome.errors)
        if not skip_invalid:
            return outcome
        refused = {e.row for e in outcome.errors}
        records = [r for r in records if r.row not in refused]
        outcome.skipped = outcome.rows - len(records)
    with transaction.atomic():
        for item in records:
            _save(item, units[item.unit_code], existing.get(item.code), source, outcome)
        record(
            "feedback.import",
            by=by,
            unit=unit,
            after={
                "file": file_name,
                "rows": outcome.rows,
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
            },
        )
    outcome.saved = True
    return outcome


def _save(item, unit, old: Feedback | None, source: str, outcome: ImportOutcome) -> None:
    values = _values(item, unit)
    if old is None:
        Feedback.objects.create(code=item.code, source=source, **values)
        outcome.created += 1
    elif all(getattr(old, name) == value for name, value in values.items()):
        outcome.unchanged += 1
    else:
        Feedback.objects.filter(pk=old.pk).update(**values)
        outcome.updated += 1


# canonical column → form field, for the one-stop office's entry form
ENTRY_FIELDS = {
    "MaPAKN": "code",
    "NgayTiepNhan": "received",
    "NgayTraLoi": "answered",
    "NgayCongKhai": "published",
    "KenhTiepNhan": "channel",
    "LinhVuc": "field",
    "NoiDung": "content",
    "KhongHaiLong": "unsatisfied",
    "LapLai": "repeated",
    "HoTenNguoiGui": "sender_name",
    "DiaChiNguoiGui": "sender_address",
    "SoDienThoaiNguoiGui": "sender_phone",
}


class Refused(Exception):
    """An entry that breaks a rule: `errors` maps form fields to Vietnamese messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def enter_feedback(unit: Unit, data: dict[str, object], *, by, instance: Feedback | None = None):
    """Save one piece of feedback from the entry form (create, or correct `instance`), with
    the same rules as a file row. The caller checked the ENTER_DATA access for `unit`. A
    correction leaves the feedback with the unit that received it (a unit below, or one the
    page's unit succeeded: history is not moved)."""
    unit = instance.unit if instance else unit
    cells: dict[str, object] = {col: data.get(name) for col, name in ENTRY_FIELDS.items()}
    cells["MaPAKN"] = instance.code if instance else cells["MaPAKN"]
    cells["MaDonVi"] = unit.code
    for flag in ("KhongHaiLong", "LapLai"):
        cells[flag] = "1" if cells[flag] else "0"
    result = FeedbackRows().read(1, cells)
    if isinstance(result, list):
        errors: dict[str, list[str]] = {}
        for error in result:
            errors.setdefault(ENTRY_FIELDS.get(error.column, "__all__"), []).append(error.message)
        raise Refused(errors)
    taken = Feedback.objects.filter(code=result.code)
    if instance is None and taken.exists():
        raise Refused({"code": [_("This feedback code is already used.")]})
    gone = refusal(unit, result.received, instead=_("enter the feedback for that unit."))
    if instance is None and gone is not None:  # received after a merger (decision 0148)
        raise Refused({"received": [gone]})
    values = _values(result, unit)
    with transaction.atomic():
        before = {k: str(getattr(instance, k)) for k in FIELDS} if instance else None
        if instance is None:
            instance = Feedback.objects.create(
                code=result.code, source=Feedback.Source.ENTRY, **values
            )
        else:
            for name, value in values.items():
                setattr(instance, name, value)
            instance.save()
        after = {k: str(getattr(instance, k)) for k in FIELDS}
        record("feedback.enter", by=by, obj=instance, unit=unit, before=before, after=after)
    return instance
