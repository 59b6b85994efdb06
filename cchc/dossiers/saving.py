"""Storing read records: the procedure catalogue, and dossiers folded into monthly facts.

One function per kind, shared by the command line, the web import and the API. Both are all
or nothing: with any invalid row nothing is saved, unless the caller asked to keep the valid
rows (`skip_invalid`); a dossier import reaches the database in short transactions and is
seen only once complete (`staging.py`). Re-importing a dossier with a known code replaces it
when something changed and leaves it alone when nothing did; the facts of every (unit, month)
a changed dossier left or entered are then rebuilt from the dossiers, so nothing is ever
counted twice.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit import log as audit
from cchc.org.access import path_within
from cchc.org.models import Unit

from . import classify, facts, staging, upkeep
from .bulk import add_block, insert_rows
from .catalogue_import import import_procedures
from .columnar import RecordBlock
from .deadlines import DueMoments, legal_span
from .models import Dossier, ImportBatch, Procedure, StagedDossier
from .outcome import DEFAULT_MAX_ERRORS, ImportOutcome, close_batch, person_of, record_import
from .records import DossierRecord, RowError

__all__ = [
    "DEFAULT_MAX_ERRORS",
    "DataChanged",
    "DossierImport",
    "ImportOutcome",
    "import_dossiers",
    "import_procedures",
]

STAGE_ROWS = 5000  # rows validated and staged per transaction

_COMPARED, _DERIVED = staging.COMPARED, staging.DERIVED
# Compared fields a DossierRecord holds under the same name, and those of them that are moments.
_FROM_RECORD = _COMPARED[2:]
_MOMENTS = frozenset(staging.MOMENTS)


def _adapters():
    """Turn Python values into what the raw INSERT expects on this database."""
    if connection.vendor == "sqlite":
        utc = dt.UTC

        def when(value: dt.datetime | None) -> object:
            if value is None:
                return None
            return value.astimezone(utc).replace(tzinfo=None).isoformat(" ")

        def day(value: dt.date) -> object:
            return value.isoformat()

        return when, day
    return (lambda value: value), (lambda value: value)


class DossierImport:
    """One dossier import in progress. Use `import_dossiers()`; this holds its state."""

    def __init__(
        self,
        *,
        batch: ImportBatch,
        allowed_paths: tuple[str, ...] | None,
        skip_invalid: bool,
        max_errors: int,
        allow_move: bool = False,
    ) -> None:
        self.started = time.perf_counter()
        self.batch = batch
        self.allowed_paths = allowed_paths
        self.allow_move = allow_move
        self.skip_invalid = skip_invalid
        self.max_errors = max_errors
        self.outcome = ImportOutcome(batch=batch)
        self.units, self.unit_by_id = unit_codes()
        # procedure code -> id; None for a code the catalogue lacks (added when applied)
        self.procedures: dict[str, int | None] = {}
        spans = {}
        for code, pk, legal_time, time_unit in Procedure.objects.values_list(
            "code", "pk", "legal_time", "time_unit"
        ):
            self.procedures[code] = pk
            spans[code] = legal_span(legal_time, time_unit)
        self.dues = DueMoments(spans)
        self.unknown: dict[str, int] = {}  # procedure code the catalogue lacks -> first row
        self.buffer: list[DossierRecord] = []
        self.touched: set[tuple[int, dt.date]] = set()
        self.error_rows: set[int] = set()
        self.when, self.day = _adapters()
        table = connection.ops.quote_name(StagedDossier._meta.db_table)
        columns = ("owner_id", "old", "procedure_code", *_COMPARED, *_DERIVED, "code")
        self.insert_head = f"INSERT INTO {table} ({', '.join(columns)})"
        self.copy_sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        # a new dossier whose procedure is known is written once, straight into its table
        # (hidden until published, decision 0103): the staged row without its first three
        table = connection.ops.quote_name(Dossier._meta.db_table)
        written = columns[3:]
        self.write_head = f"INSERT INTO {table} ({', '.join(written)})"
        self.write_copy_sql = f"COPY {table} ({', '.join(written)}) FROM STDIN"
        # a large import's new rows are written without the table's secondary indexes and
        # foreign keys, made again once before it is published (decision 0113)
        self.aside = upkeep.SetAside(batch.pk)

    # --- per row -----------------------------------------------------------------------------
    def add(self, item: DossierRecord | RowError) -> None:
        outcome = self.outcome
        if isinstance(item, RowError):
            outcome.add_error(item, self.max_errors)
            if item.row not in self.error_rows:
                self.error_rows.add(item.row)
                outcome.rows += 1
            return
        outcome.rows += 1
        unit = self.units.get(item.unit_code)
        if unit is None or not self.in_scope(unit[1]):
            self.refuse(unit_refusal(item.row, item.unit_code, unit is None))
            return
        if item.due is None:
            item.due = self.dues.due(item.procedure_code, item.received, unit[1])
            if item.due is None:
                self.refuse(no_due(item.row, item.procedure_code))
                return
        self.note_procedure(item.row, item.procedure_code)
        self.accept(item)

    def accept(self, item: DossierRecord) -> None:
        """A checked row, compared with the stored dossiers and staged with its batch."""
        self.buffer.append(item)
        if len(self.buffer) >= STAGE_ROWS:
            self.flush()

    def note_procedure(self, row: int, code: str) -> None:
        """A procedure code the catalogue lacks is added unclassified when the import is
        applied, and said in a warning naming the first row that has it."""
        if code in self.procedures and code not in self.unknown:
            return
        self.procedures[code] = None
        self.unknown[code] = min(row, self.unknown.get(code, row))

    def warn_unknown(self) -> None:
        for code, row in sorted(self.unknown.items(), key=lambda pair: (pair[1], pair[0])):
            self.outcome.warnings.append(
                _(
                    "Row %(row)s: procedure code '%(code)s' is not in the catalogue; it was "
                    "added as unclassified. Import the catalogue to classify it."
                )
                % {"row": row, "code": code}
            )

    def read(self, items: Iterable[DossierRecord | RowError | RecordBlock]) -> ImportOutcome:
        """Check and stage every item (a row, its errors, or a block of rows) of a file."""
        for item in items:
            if isinstance(item, RecordBlock):
                add_block(self, item)
            else:
                self.add(item)
        self.flush()
        self.warn_unknown()
        self.outcome.sort_errors(self.max_errors)  # staged rows are checked last
        return self.outcome

    def in_scope(self, path: str) -> bool:
        return self.allowed_paths is None or path_within(path, self.allowed_paths)

    def held_elsewhere(self, item: DossierRecord, old_unit_id: int) -> RowError | None:
        """The error for a row whose code another unit holds, unless this import may move it.

        A user or token changes a dossier only when its scope holds the dossier's unit before
        and after the change; the command line (the administrator) moves one only when told
        to (`--allow-move`). The other unit is not named to a user: the code alone says enough.
        """
        old_path = self.unit_by_id.get(old_unit_id, ("", ""))[1]
        if self.allowed_paths is not None:
            if self.in_scope(old_path):
                return None
            message = _("This dossier code already belongs to another unit.")
        elif self.allow_move:
            return None
        else:
            message = _(
                "This dossier code already belongs to another unit (%(unit)s); use "
                "--allow-move to move the dossier to the unit named in this row."
            ) % {"unit": self.unit_by_id.get(old_unit_id, ("?",))[0]}
        return RowError(item.row, "MaHoSo", item.code, message)

    def refuse(self, error: RowError) -> None:
        """An error found once the row was read and counted (its unit, or when staged)."""
        self.error_rows.add(error.row)
        self.outcome.add_error(error, self.max_errors)

    @property
    def failing(self) -> bool:
        return self.outcome.error_count > 0 and not self.skip_invalid

    # --- per batch of rows: compared with the stored dossiers, then staged --------------------
    def flush(self) -> None:
        buffer, self.buffer = self.buffer, []
        if not buffer:
            return
        new, staged = self.compare(buffer)
        batch_id = self.batch.pk
        if self.failing or not (new or staged):
            # Once the import is bound to be dropped, only keep validating (and show that it
            # is alive, so that it is not taken for abandoned).
            staging.beat(batch_id)
            return
        if new and not self.write(new):
            staged += new  # another import stored one of the codes meanwhile: applied later
        if staged:
            with transaction.atomic(), connection.cursor() as cursor:
                self.copy_rows(cursor, self.insert_head, self.copy_sql, staged)
                staging.beat(batch_id)
            staging.between_batches("staged", batch_id)

    def write(self, rows: list[tuple]) -> bool:
        """Write new dossiers (staged rows) straight into the dossier table, in one
        transaction; False, with nothing written, when one of the codes is stored already."""
        self.aside.before_writing(len(rows))
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                self.copy_rows(
                    cursor, self.write_head, self.write_copy_sql, [row[3:] for row in rows]
                )
                staging.beat(self.batch.pk)
        except IntegrityError:
            return False
        staging.between_batches("written", self.batch.pk)
        return True

    @staticmethod
    def copy_rows(cursor, head: str, copy_sql: str, rows: list[tuple]) -> None:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one command; an INSERT per row took half the time
            # of a PostgreSQL import (bench/dossiers/RESULTS.md)
            # (the raw cursor's errors wrapped as Django's: a taken code is an IntegrityError)
            with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            insert_rows(cursor, head, rows)  # multi-row INSERTs (decision 0135)

    def compare(self, buffer: list[DossierRecord]) -> tuple[list[tuple], list[tuple]]:
        """The rows to store, as staged rows: (new dossiers whose procedure is known, written
        at once; changed ones and those of unknown procedures, staged), counted in the
        outcome."""
        by_code: dict[str, DossierRecord] = {}
        for item in buffer:
            by_code[item.code] = item  # a later row of the same code wins (API batches)
        existing = {
            row[0]: row[1:]
            for row in Dossier.objects.filter(code__in=list(by_code)).values_list(
                "code", *_COMPARED, "month"
            )
        }
        new: list[tuple] = []
        staged: list[tuple] = []
        for code, item in by_code.items():
            unit_id = self.units[item.unit_code][0]
            procedure_id = self.procedures[item.procedure_code]
            values = (unit_id, procedure_id, *(getattr(item, name) for name in _FROM_RECORD))
            old = existing.get(code)
            if old is not None and old[0] != unit_id:
                refused = self.held_elsewhere(item, old[0])
                if refused is not None:
                    self.refuse(refused)
                    continue
            if old is not None:
                if tuple(old[:-1]) == values:
                    self.outcome.unchanged += 1
                    continue
                self.outcome.updated += 1
            else:
                self.outcome.created += 1
            row = self.staged_row(item, values)
            (new if old is None and procedure_id is not None else staged).append(row)
        return new, staged

    def staged_row(self, item: DossierRecord, values: tuple) -> tuple:
        """A row for the INSERT or COPY: owner, compared values as stored, derived fields, code."""
        when, day, batch_id = self.when, self.day, self.batch.pk
        received_on = classify.local_day(item.received)
        month = received_on.replace(day=1)
        self.touched.add((values[0], month))
        stored = (when(v) if n in _MOMENTS else v for n, v in zip(_COMPARED, values, strict=True))
        return (
            batch_id,
            False,
            item.procedure_code if values[1] is None else "",
            *stored,
            day(received_on),
            day(month),
            item.status != classify.REFUSED_AT_INTAKE,
            day(classify.on_time_until(item)),
            batch_id,
            item.code,
        )

    # --- once every row is staged ------------------------------------------------------------
    def finish(self, on_publish) -> None:
        """Apply the staged rows, then publish them with their facts and events."""
        outcome = self.outcome
        outcome.skipped = len(self.error_rows)
        batch_id = self.batch.pk
        self.aside.end()  # before anyone reads the rows: the facts are built from them
        staging.start_applying(batch_id)
        staging.apply(batch_id, fresh=outcome.updated == 0)
        with transaction.atomic():
            staging.beat(batch_id, state=ImportBatch.State.DONE)
            self.batch.state = ImportBatch.State.DONE
            # the months a dossier left, as stored when it was replaced (another import may
            # have changed it since this one compared)
            self.touched |= staging.left_months(batch_id)
            facts.rebuild(self.touched)
            self.record_moves(staging.moves(batch_id))
            outcome.saved = True
            outcome.seconds = time.perf_counter() - self.started
            close_batch(self.batch, outcome)
            record_import("dossier_import", self.batch, outcome)
            if on_publish is not None:
                on_publish(outcome)

    def record_moves(self, moves: list[tuple[str, int, int]]) -> None:
        """One change-history event per dossier moved to another unit, for the unit it left."""
        if not moves:
            return
        if self.allowed_paths is None and not self.allow_move:
            raise DataChanged  # every move was refused when compared: another import's
        dossiers = Dossier.objects.in_bulk(
            [code for code, _before, _now in moves], field_name="code"
        )
        units = Unit.objects.in_bulk({unit for _code, *pair in moves for unit in pair})
        for code, before, now in moves:
            if not self.in_scope(units[before].path):
                raise DataChanged  # another import moved it here since it was compared
            audit.record(
                "dossier.move",
                by=self.batch.user,
                obj=dossiers[code],
                unit=units[before],
                before={"unit": units[before].code},
                after={"unit": units[now].code},
                reason=self.batch.file_name,
            )


class DataChanged(Exception):
    """Another import changed the same dossiers between this one's check and its saving."""


def _staging_batch(source: str, unit: Unit | None, user, file_name: str) -> ImportBatch:
    """A new import's batch, staging (an import a dead process left behind rolled back first)."""
    staging.recover_abandoned()
    return ImportBatch.objects.create(
        kind=ImportBatch.Kind.DOSSIERS,
        source=source,
        unit=unit,
        user=person_of(user),
        file_name=file_name[:255],
        state=ImportBatch.State.STAGING,
        heartbeat=timezone.now(),
    )


def import_dossiers(
    items: Iterable[DossierRecord | RowError | RecordBlock],
    *,
    source: str = ImportBatch.Source.CLI,
    user=None,
    unit: Unit | None = None,
    allowed_paths: tuple[str, ...] | None = None,
    file_name: str = "",
    skip_invalid: bool = False,
    max_errors: int = DEFAULT_MAX_ERRORS,
    allow_move: bool = False,
    on_publish=None,
) -> ImportOutcome:
    """Validate and store dossiers, then rebuild the facts they touched.

    `allowed_paths` limits the units rows may name, and the units whose dossiers rows may
    change (the importing user's or token's scope); `None` means any unit (the command line,
    run by the operator), where a dossier moves to another unit only with `allow_move`.

    All or nothing for the user, without holding the database for the whole file: rows are
    staged and applied in short transactions, and the import is seen only once it is
    published, with its change-history event (`staging.py`, decision 0031). `on_publish`
    (given the outcome) runs in that last transaction, for the caller's own records. On any
    error the import is rolled back and the error passed on.
    """
    started = time.perf_counter()
    batch = _staging_batch(source, unit, user, file_name)
    published = False
    run: DossierImport | None = None
    try:
        run = DossierImport(
            batch=batch,
            allowed_paths=allowed_paths,
            skip_invalid=skip_invalid,
            max_errors=max_errors,
            allow_move=allow_move,
        )
        outcome = run.read(items)
        if not run.failing:
            run.finish(on_publish)
            published = True
    except DataChanged:
        assert run is not None  # raised only when publishing
        outcome = run.outcome
        outcome.add_error(_changed_meanwhile(), max_errors)
    except BaseException:
        staging.roll_back(batch.pk)
        if run is not None:
            run.aside.end()
        raise
    if published:
        staging.discard(batch.pk)  # the old versions and the staged rows are not needed now
        return outcome
    staging.roll_back(batch.pk)  # the rows staged before an invalid one are dropped
    if run is not None:
        run.aside.end()
    outcome.created = outcome.updated = outcome.unchanged = 0
    outcome.saved, outcome.batch = False, None
    outcome.seconds = time.perf_counter() - started
    return outcome


def unit_codes() -> tuple[dict[str, tuple[int, str]], dict[int, tuple[str, str]]]:
    """(code or e-ID code -> (id, path), id -> (code, path)) of every unit: a row may name
    its unit either way (contract version 2)."""
    units: dict[str, tuple[int, str]] = {}
    by_id: dict[int, tuple[str, str]] = {}
    eids: list[tuple[str, tuple[int, str]]] = []
    for code, eid, pk, path in Unit.objects.values_list("code", "eid_code", "pk", "path"):
        units[code] = (pk, path)
        by_id[pk] = (code, path)
        if eid:
            eids.append((eid, (pk, path)))
    for eid, unit in eids:
        units.setdefault(eid, unit)  # a unit's own code wins over another's e-ID code
    return units, by_id


def no_due(row: int, procedure: str) -> RowError:
    return RowError(
        row,
        "NgayHenTra",
        "",
        _(
            "Required: the appointment is empty, and the catalogue gives no legal processing "
            "time for procedure '%(code)s' to compute it from."
        )
        % {"code": procedure},
    )


def unit_refusal(row: int, code: str, unknown: bool) -> RowError:
    if unknown:
        reason = _("No unit has the code '%(code)s' in the system.")
    else:
        reason = _("Unit '%(code)s' is outside the units you may import for.")
    return RowError(row, "MaDonVi", code, reason % {"code": code})


def _changed_meanwhile() -> RowError:
    return RowError(
        0,
        "",
        "",
        _(
            "Another import changed the same dossiers while this one was being saved. "
            "Nothing was saved: import the file again."
        ),
    )
