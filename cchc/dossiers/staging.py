"""How a dossier import reaches the dossier table without holding the database for its length.

An import used to be one transaction: on SQLite, whose single writer it kept for the whole
file (55 s for a province's year), every other save waited 20 s and failed. Now (decision
0031):

1. **Stage.** Rows are read, validated and written to `StagedDossier` in short
   transactions (`saving.py`). Nothing reads that table but the import: a file with an
   invalid row is dropped from it. New dossiers of known procedures skip the stage: they
   are written once, straight into `Dossier`, and hidden from every reader until the import
   is published (decision 0103); an import dropped or abandoned deletes them by `batch_id`.
2. **Apply**, one import at a time, in short transactions of `APPLY_ROWS` rows: each moves
   the current version of its dossiers into `StagedDossier` (`old`), then moves the staged
   rows into `Dossier`. While the import is APPLYING, `visible_dossiers()` — what the facts
   are built from and what pages read for the days of a month cut in two — hides its new
   rows and shows the old versions instead, and the facts are not rebuilt: no one sees a
   half-applied import.
3. **Publish**: one transaction marks the import DONE and rebuilds the facts of the (unit,
   month) pairs it touched, with its change-history events. From then on it is seen whole.

An import that fails while applying is rolled back (`roll_back`): its rows leave `Dossier`
and the old versions return, a chunk at a time, each chunk invisible to readers. An import
abandoned by a process that died (no heartbeat for `STALE_AFTER`) is rolled back the same
way by the next import or the worker (`recover_abandoned`).
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import upkeep
from .models import Dossier, ImportBatch, Procedure, StagedDossier

APPLY_ROWS = 20000  # rows per apply (and roll-back) transaction: well under a second each
APPLY_WAIT_SECONDS = 120  # how long an import waits for another one to finish applying
STALE_AFTER = dt.timedelta(minutes=10)
_APPLY_LOCK = 0x43434843  # PostgreSQL advisory lock serialising the start of applies

# Stored fields a re-import compares with what it brings (the INSERT of `saving.py` follows
# this order), then the fields derived from them.
COMPARED = (
    "unit_id",
    "procedure_id",
    "received",
    "due",
    "processing_ended",
    "returned",
    "status",
    "channel",
    "full_online",
    "paid_online",
    "has_fee",
    "digitised",
    "reused",
    "e_result",
    "supplements",
    "supplement_requested",
    "supplement_supplied",
    "apology",
)
# The compared fields that are moments (stored as date-times).
MOMENTS = (
    "received",
    "due",
    "processing_ended",
    "returned",
    "supplement_requested",
    "supplement_supplied",
)
DERIVED = ("received_on", "month", "counted", "on_time_until", "batch_id")
# Columns a dossier row has in both tables (StagedDossier names them as Dossier does).
COLUMNS = ("code", *COMPARED, *DERIVED)


def between_batches(phase: str, batch_id: int) -> None:
    """Called after each committed chunk ("staged", "applied"); tests hook into it."""


def _q(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def hidden_batches() -> tuple[list[int], list[int]]:
    """(every unpublished dossier import, those of them APPLYING): the imports whose rows in
    `Dossier` no reader may see yet. A fresh import writes its new dossiers there while it is
    still STAGING (decision 0103), an import being applied moves its staged rows there."""
    hidden: list[int] = []
    applying: list[int] = []
    for pk, state in ImportBatch.objects.filter(
        state__in=[ImportBatch.State.STAGING, ImportBatch.State.APPLYING]
    ).values_list("pk", "state"):
        hidden.append(int(pk))
        if state == ImportBatch.State.APPLYING:
            applying.append(int(pk))
    return hidden, applying


def visible_dossiers() -> str:
    """SQL for the dossiers as readers must see them: `FROM {visible_dossiers()} d`.

    Without an unpublished import this is the dossier table itself. Otherwise the rows such
    imports have already stored are left out and, for an import being applied, the versions
    its rows replaced are read instead. ORM readers use `Dossier.objects.visible()`.
    """
    hidden, applying = hidden_batches()
    if not hidden:
        return _q(Dossier)
    ids = ", ".join(str(pk) for pk in hidden)
    columns = ", ".join(COLUMNS)
    shown = f"(batch_id IS NULL OR batch_id NOT IN ({ids}))"
    sql = f"SELECT {columns} FROM {_q(Dossier)} WHERE {shown}"
    if applying:
        owners = ", ".join(str(pk) for pk in applying)
        # an old version stored by another unpublished import stays as hidden as it was
        sql += (
            f" UNION ALL SELECT {columns} FROM {_q(StagedDossier)} "
            f"WHERE old AND owner_id IN ({owners}) AND {shown}"
        )
    return f"({sql})"


def beat(batch_id: int, **fields) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(heartbeat=timezone.now(), **fields)


def start_applying(batch_id: int) -> None:
    """Wait until no other import is being applied, then mark this one APPLYING and give its
    rows the procedures added for codes the catalogue did not have."""
    deadline = time.monotonic() + APPLY_WAIT_SECONDS
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPLY_LOCK])
            other = (
                ImportBatch.objects.filter(state=ImportBatch.State.APPLYING)
                .exclude(pk=batch_id)
                .exists()
            )
            if not other:
                beat(batch_id, state=ImportBatch.State.APPLYING)
                _fill_procedures(batch_id)
                return
        recover_abandoned()  # the one applying may be a dead process's
        if time.monotonic() > deadline:
            # answered as any busy database: "try again" (cchc.core.busy)
            raise OperationalError("database is locked: another dossier import is being saved")
        time.sleep(0.5)


def _fill_procedures(batch_id: int) -> None:
    staged = StagedDossier.objects.filter(owner_id=batch_id, procedure_id__isnull=True)
    codes = set(staged.values_list("procedure_code", flat=True).distinct())
    if not codes:
        return
    known = set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
    Procedure.objects.bulk_create(
        [
            Procedure(
                code=code,
                name=_("Procedure %(code)s (not in the catalogue)") % {"code": code},
                unclassified=True,
            )
            for code in sorted(codes - known)
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_q(StagedDossier)} SET procedure_id = (SELECT p.id FROM {_q(Procedure)} p "
            f"WHERE p.code = {_q(StagedDossier)}.procedure_code) "
            "WHERE owner_id = %s AND procedure_id IS NULL",
            [batch_id],
        )


def _chunk_end(cursor, batch_id: int, old: bool, after: int) -> int | None:
    """The id that ends the next chunk of at most APPLY_ROWS staged rows after `after`."""
    cursor.execute(
        f"SELECT MAX(id) FROM (SELECT id FROM {_q(StagedDossier)} "
        "WHERE owner_id = %s AND old = %s AND id > %s ORDER BY id LIMIT %s) chunk",
        [batch_id, old, after, APPLY_ROWS],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def apply(batch_id: int, *, fresh: bool = False) -> None:
    """Move the staged rows into `Dossier`, APPLY_ROWS per transaction (the import is APPLYING,
    so readers keep seeing the dossiers as they were).

    `fresh`: no staged code was stored when the import compared its rows, so no old version
    is looked for; should another import have stored one of them since, the chunk's INSERT
    fails on the unique code and the chunk is applied the full way."""
    staged, dossiers, columns = _q(StagedDossier), _q(Dossier), ", ".join(COLUMNS)
    codes = f"SELECT code FROM {staged} WHERE owner_id = %s AND NOT old AND id > %s AND id <= %s"
    after = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            end = _chunk_end(cursor, batch_id, False, after)
            if end is None:
                return
            bounds = [batch_id, after, end]
            insert = (
                f"INSERT INTO {dossiers} ({columns}) SELECT {columns} FROM {staged} "
                "WHERE owner_id = %s AND NOT old AND id > %s AND id <= %s"
            )
            try:
                if not fresh:
                    raise IntegrityError
                with transaction.atomic():
                    cursor.execute(insert, bounds)
            except IntegrityError:
                cursor.execute(
                    f"INSERT INTO {staged} (owner_id, old, procedure_code, {columns}) "
                    f"SELECT %s, %s, '', {columns} FROM {dossiers} WHERE code IN ({codes})",
                    [batch_id, True, *bounds],
                )
                cursor.execute(f"DELETE FROM {dossiers} WHERE code IN ({codes})", bounds)
                cursor.execute(insert, bounds)
            beat(batch_id)
        after = end
        between_batches("applied", batch_id)


def left_months(batch_id: int) -> set[tuple[int, dt.date]]:
    """The (unit id, month) pairs the dossier versions this import replaced were counted in."""
    return set(
        StagedDossier.objects.filter(owner_id=batch_id, old=True)
        .values_list("unit_id", "month")
        .distinct()
    )


def moves(batch_id: int) -> list[tuple[str, int, int]]:
    """(code, unit id before, unit id now) of the dossiers this import moved to another unit."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT o.code, o.unit_id, d.unit_id FROM {_q(StagedDossier)} o "
            f"JOIN {_q(Dossier)} d ON d.code = o.code "
            "WHERE o.owner_id = %s AND o.old AND o.unit_id <> d.unit_id ORDER BY o.code",
            [batch_id],
        )
        return [(code, before, now) for code, before, now in cursor.fetchall()]


def _each_chunk(cursor, batch_id: int, old: bool, work) -> None:
    """`work(end)` on each chunk of an import's staged rows (`old` versions or new rows, up to
    id `end`) that `work` takes out of the stage, a chunk per transaction: a crash loses at
    most the chunk being worked on, never half of it (decision 0094)."""
    while True:
        with transaction.atomic():
            end = _chunk_end(cursor, batch_id, old, 0)
            if end is None:
                return
            work(end)


def discard(batch_id: int) -> None:
    """Drop an import's staged rows, a chunk per transaction (nothing else was touched)."""
    delete = f"DELETE FROM {_q(StagedDossier)} WHERE owner_id = %s AND old = %s AND id <= %s"
    with connection.cursor() as cursor:
        for old in (True, False):
            _each_chunk(
                cursor,
                batch_id,
                old,
                lambda end, old=old: cursor.execute(delete, [batch_id, old, end]),
            )


def roll_back(batch_id: int) -> None:
    """Undo an import that was not published: its rows leave `Dossier`, the versions they
    replaced come back, then its staged rows and the batch itself are deleted."""
    staged, dossiers, columns = _q(StagedDossier), _q(Dossier), ", ".join(COLUMNS)
    with connection.cursor() as cursor:
        while True:  # its own rows are not seen while it is APPLYING: any order will do
            with transaction.atomic():
                ids = list(
                    Dossier.objects.filter(batch_id=batch_id).values_list("pk", flat=True)[
                        :APPLY_ROWS
                    ]
                )
                if not ids:
                    break
                Dossier.objects.filter(pk__in=ids).delete()

        def put_back(end):  # each old version moves back in one transaction: seen once, always
            cursor.execute(
                f"INSERT INTO {dossiers} ({columns}) SELECT {columns} FROM {staged} "
                "WHERE owner_id = %s AND old AND id <= %s",
                [batch_id, end],
            )
            cursor.execute(
                f"DELETE FROM {staged} WHERE owner_id = %s AND old AND id <= %s",
                [batch_id, end],
            )

        _each_chunk(cursor, batch_id, True, put_back)
    discard(batch_id)
    ImportBatch.objects.filter(pk=batch_id).delete()


def recover_abandoned(older_than: dt.timedelta = STALE_AFTER) -> int:
    """Roll back the imports a dead process left half-done; drop the staged rows a finished
    import left behind. Returns the number of imports rolled back."""
    limit = timezone.now() - older_than
    abandoned = list(
        ImportBatch.objects.filter(
            state__in=[ImportBatch.State.STAGING, ImportBatch.State.APPLYING],
            heartbeat__lt=limit,
        ).values_list("pk", flat=True)
    )
    for batch_id in abandoned:
        roll_back(batch_id)
    leftovers = (
        StagedDossier.objects.filter(owner__state=ImportBatch.State.DONE)
        .values_list("owner_id", flat=True)
        .distinct()
    )
    for batch_id in list(leftovers):
        discard(batch_id)
    if not ImportBatch.objects.filter(
        state__in=[ImportBatch.State.STAGING, ImportBatch.State.APPLYING]
    ).exists():
        upkeep.restore()  # the indexes a dead import had set aside (decision 0113)
    return len(abandoned)
