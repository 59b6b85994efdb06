"""What an import reports (`ImportOutcome`, the contract's JSON), and how its batch keeps it:
the counts on the `ImportBatch` row and one change-history event per import."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc.audit import log as audit

from . import rollup
from .models import ImportBatch
from .records import RowError

DEFAULT_MAX_ERRORS = 1000


@dataclass
class ImportOutcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    saved: bool = False
    batch: ImportBatch | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        """The contract's JSON shape (`cchc import-dossiers --format json`)."""
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": list(self.warnings),
        }

    def add_error(self, error: RowError, max_errors: int) -> None:
        """Count an error; keep it if it is among the first `max_errors` by row (errors
        arrive out of order: a row refused when staged is found after later rows)."""
        self.error_count += 1
        self.errors.append(error)
        if len(self.errors) >= 2 * max(max_errors, 1):
            self.sort_errors(max_errors)

    def sort_errors(self, max_errors: int) -> None:
        """The kept errors in row order (a row's own errors in the order found)."""
        self.errors.sort(key=lambda error: error.row)
        del self.errors[max_errors:]


def person_of(user):
    """The signed-in user an import is recorded for (None for a token or the command line)."""
    return user if getattr(user, "is_authenticated", False) else None


def close_batch(batch: ImportBatch, outcome: ImportOutcome) -> None:
    batch.rows = outcome.rows
    batch.created, batch.updated = outcome.created, outcome.updated
    batch.unchanged, batch.skipped = outcome.unchanged, outcome.skipped
    batch.errors = [e.as_dict() for e in outcome.errors]
    batch.warnings = outcome.warnings[:200]
    batch.seconds = outcome.seconds
    # only these: the state is moved by `staging`, never from this (possibly stale) object
    batch.save(
        update_fields=[
            "rows",
            "created",
            "updated",
            "unchanged",
            "skipped",
            "errors",
            "warnings",
            "seconds",
        ]
    )
    # in the publishing transaction, after the facts: the roll-up is seen with them
    rollup.after_batch(batch)


def record_import(action: str, batch: ImportBatch, outcome: ImportOutcome) -> None:
    audit.record(
        action,
        by=batch.user,
        obj=batch,
        unit=batch.unit,
        after={
            "source": batch.source,
            "file": batch.file_name,
            "rows": outcome.rows,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "skipped": outcome.skipped,
        },
    )


# --- procedure catalogue ---------------------------------------------------------------------
