"""Storing a procedure catalogue: new codes created, known ones updated (`saving.py` stores
dossiers; both report an `ImportOutcome`)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from .models import ImportBatch, Procedure
from .outcome import DEFAULT_MAX_ERRORS, ImportOutcome, close_batch, person_of, record_import
from .records import ProcedureRecord, RowError

_PROCEDURE_FIELDS = (
    "name",
    "field",
    "level",
    "full_online_eligible",
    "has_fee",
    "payment_integrated",
    "returns_document",
    "legal_time",
    "time_unit",
)


def import_procedures(
    records: Iterable[ProcedureRecord],
    errors: Iterable[RowError] = (),
    *,
    source: str = ImportBatch.Source.CLI,
    user=None,
    file_name: str = "",
    skip_invalid: bool = False,
    protect_classified: bool = False,
) -> ImportOutcome:
    """Create or update catalogue entries by code. Attributes are read by the indicators at
    query time, so a corrected catalogue changes the figures without re-importing dossiers.

    With `protect_classified` (a commune's file on the web), procedures already classified
    keep their attributes: new ones are added and unclassified ones classified, and each
    procedure left as it was is named in a warning.
    """
    started = time.perf_counter()
    outcome = ImportOutcome()
    for error in errors:
        outcome.add_error(error, DEFAULT_MAX_ERRORS)
    outcome.sort_errors(DEFAULT_MAX_ERRORS)
    records = list(records)
    outcome.rows = len(records) + outcome.error_count
    if outcome.error_count and not skip_invalid:
        outcome.seconds = time.perf_counter() - started
        return outcome
    with transaction.atomic():
        new, changed = _catalogue_changes(records, outcome, protect_classified)
        Procedure.objects.bulk_create(new, batch_size=1000)
        Procedure.objects.bulk_update(changed, [*_PROCEDURE_FIELDS, "unclassified"], batch_size=500)
        outcome.created, outcome.updated = len(new), len(changed)
        outcome.skipped = outcome.error_count
        outcome.seconds = time.perf_counter() - started
        batch = ImportBatch.objects.create(
            kind=ImportBatch.Kind.PROCEDURES,
            source=source,
            user=person_of(user),
            file_name=file_name[:255],
        )
        close_batch(batch, outcome)
        record_import("procedure_import", batch, outcome)
        outcome.batch, outcome.saved = batch, True
    return outcome


def _catalogue_changes(
    records: list[ProcedureRecord], outcome: ImportOutcome, protect_classified: bool
) -> tuple[list[Procedure], list[Procedure]]:
    """The procedures to create and those to update (changed in place); the ones left as
    they are counted as unchanged, with a warning when a classified one was protected."""
    existing = {p.code: p for p in Procedure.objects.filter(code__in=[r.code for r in records])}
    new: list[Procedure] = []
    changed: list[Procedure] = []
    for record in records:
        values = {name: getattr(record, name) for name in _PROCEDURE_FIELDS}
        procedure = existing.get(record.code)
        if procedure is None:
            new.append(Procedure(code=record.code, **values))
            continue
        differs = any(getattr(procedure, name) != value for name, value in values.items())
        if differs and protect_classified and not procedure.unclassified:
            outcome.unchanged += 1
            outcome.warnings.append(
                _(
                    "Row %(row)s: procedure %(code)s is already classified; only the "
                    "province changes it. It was left as it is."
                )
                % {"row": record.row, "code": record.code}
            )
            continue
        if procedure.unclassified or differs:
            for name, value in values.items():
                setattr(procedure, name, value)
            procedure.unclassified = False
            changed.append(procedure)
        else:
            outcome.unchanged += 1
    return new, changed
