"""Blocks of valid rows (`columnar.RecordBlock`) checked and stored in bulk.

The same steps as `saving.DossierImport.add` and `flush` for one row, done for a block: the
unit (by code or e-ID code, within the importer's scope), the appointment computed from the
catalogue when the file left it empty, the procedures the catalogue lacks. Rows whose code
is already stored go the reference way (`DossierImport.accept`: compared with the stored
dossier, refused when another unit holds it); new ones — nearly every row of a first import —
get their derived fields (`classify.py`'s rules, written as column expressions) and are
written once, straight into the dossier table, hidden until the import is published
(decision 0103), in one COPY (PostgreSQL) or multi-row INSERTs (SQLite, `insert_rows`) per
block.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

import polars as pl
from django.db import IntegrityError, connection, transaction

from . import classify, staging
from .columnar import FIELDS, ZONE, RecordBlock
from .models import ALWAYS, NEVER, Dossier

if TYPE_CHECKING:
    from .saving import DossierImport

# the most variables one SQLite statement may hold (SQLITE_MAX_VARIABLE_NUMBER's default)
SQLITE_VARIABLES = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
INSERT_STATEMENTS = 4  # full multi-row statements per slice of a block turned into tuples
SHORT_INSERT = 32  # rows per statement of the rest


def add_block(run: DossierImport, block: RecordBlock) -> None:
    from .saving import no_due, unit_refusal

    frame = block.frame
    run.outcome.rows += frame.height
    units: dict[str, tuple[int, str]] = {}
    refused: dict[str, bool] = {}  # unit code -> unknown (or else outside the scope)
    for code in frame["unit_code"].unique().to_list():
        unit = run.units.get(code)
        if unit is None or not run.in_scope(unit[1]):
            refused[code] = unit is None
        else:
            units[code] = unit
    if refused:
        bad = frame.filter(pl.col("unit_code").is_in(list(refused)))
        for row, code in bad.select("row", "unit_code").iter_rows():
            run.refuse(unit_refusal(row, code, refused[code]))
        frame = frame.filter(~pl.col("unit_code").is_in(list(refused)))
    frame = frame.with_columns(
        unit_id=pl.col("unit_code").replace_strict(
            {code: unit[0] for code, unit in units.items()}, return_dtype=pl.Int64
        ),
        unit_path=pl.col("unit_code").replace_strict(
            {code: unit[1] for code, unit in units.items()}, return_dtype=pl.String
        ),
    )
    missing = frame.filter(pl.col("due").is_null())
    if missing.height:
        dues = {}
        for row, procedure, received, path in missing.select(
            "row", "procedure_code", "received", "unit_path"
        ).iter_rows():
            due = run.dues.due(procedure, received, path)
            if due is None:
                run.refuse(no_due(row, procedure))
            dues[row] = due
        computed = pl.DataFrame(
            {"row": list(dues), "computed": list(dues.values())},
            schema={"row": pl.Int64, "computed": pl.Datetime("us", ZONE)},
        )
        frame = (
            frame.join(computed, on="row", how="left")
            .with_columns(due=pl.coalesce("due", "computed"))
            .drop("computed")
            .filter(pl.col("due").is_not_null())
        )
    for code, row in frame.group_by("procedure_code").agg(pl.col("row").min()).iter_rows():
        run.note_procedure(row, code)
    if not frame.height:
        return
    stored = _stored_codes(frame["code"].to_list())
    if stored:
        old = frame.filter(pl.col("code").is_in(list(stored)))
        for record in RecordBlock(old.select(FIELDS)).records():
            run.accept(record)
        frame = frame.filter(~pl.col("code").is_in(list(stored)))
    run.outcome.created += frame.height
    if frame.height and not run.failing:
        _stage(run, frame)


def _stored_codes(codes: list[str]) -> set[str]:
    """The codes among `codes` that a stored dossier already has (raw SQL: the ORM spent
    more time building the IN lists than the database answering them)."""
    table = connection.ops.quote_name(Dossier._meta.db_table)
    found: set[str] = set()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT code FROM {table} WHERE code = ANY(%s)", [codes])
            return {code for (code,) in cursor.fetchall()}
        step = SQLITE_VARIABLES
        for start in range(0, len(codes), step):
            part = codes[start : start + step]
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(f"SELECT code FROM {table} WHERE code IN ({marks})", part)
            found.update(code for (code,) in cursor.fetchall())
    return found


def on_time_until() -> pl.Expr:
    """`classify.on_time_until` as a column expression (the same rules, the same dates)."""
    requested, supplied = pl.col("supplement_requested"), pl.col("supplement_supplied")
    ended, due = pl.col("processing_ended"), pl.col("due")
    both = requested.is_not_null() & supplied.is_not_null()
    wait = pl.when(both).then(supplied - requested).otherwise(pl.duration(seconds=0))
    finished = pl.col("status").is_in(sorted(classify.FINISHED_STATUSES)).fill_null(False)
    finished = finished | ended.is_not_null()
    end = pl.coalesce(ended, pl.col("returned"))
    waiting = requested.is_not_null() & supplied.is_null()
    limit = due + wait
    day = limit.dt.date()
    last_day = (
        pl.when(limit.dt.time() < pl.lit(dt.time(23, 59, 59)))
        .then(day - pl.duration(days=1))
        .otherwise(day)
    )
    always, never = pl.lit(ALWAYS), pl.lit(NEVER)
    return (
        pl.when(pl.col("supplements") >= 2)
        .then(never)
        .when(finished)
        .then(
            pl.when(end.is_null()).then(never).when(end - wait <= due).then(always).otherwise(never)
        )
        .when(waiting)
        .then(pl.when(requested <= due).then(always).otherwise(never))
        .otherwise(last_day)
    )


def _stage(run: DossierImport, frame: pl.DataFrame) -> None:
    """Store new dossiers: those of known procedures written once, straight into the dossier
    table (hidden until the import is published, decision 0103); those of procedures the
    catalogue lacks staged (their procedure is added when the import is applied), as are the
    rows of a block one of whose codes another import stored meanwhile."""
    batch_id = run.batch.pk
    procedures = {code: pk for code, pk in run.procedures.items() if pk is not None}
    frame = frame.with_columns(
        procedure_id=pl.col("procedure_code").replace_strict(
            procedures, default=None, return_dtype=pl.Int64
        ),
        received_on=pl.col("received").dt.date(),
        counted=(pl.col("status") != classify.REFUSED_AT_INTAKE).fill_null(True),
        on_time_until=on_time_until(),
    ).with_columns(month=pl.col("received_on").dt.month_start())
    run.touched.update(frame.select("unit_id", "month").unique().iter_rows())
    rows = frame.select(
        owner_id=pl.lit(batch_id, dtype=pl.Int64),
        old=pl.lit(False),
        procedure_code=pl.when(pl.col("procedure_id").is_null())
        .then(pl.col("procedure_code"))
        .otherwise(pl.lit("")),
        unit_id="unit_id",
        procedure_id="procedure_id",
        **{name: pl.col(name) for name in staging.COMPARED[2:]},
        received_on="received_on",
        month="month",
        counted="counted",
        on_time_until="on_time_until",
        batch_id=pl.lit(batch_id, dtype=pl.Int64),
        code="code",
    )
    known = pl.col("procedure_id").is_not_null()
    # in the order of the (unit, day) and (unit, month) indexes: each insert then finds its
    # index pages where the one before left them (a quarter less CPU on SQLite, RESULTS.md)
    direct = rows.filter(known).sort("unit_id", "received_on")
    staged = rows.filter(~known)
    if direct.height and not _write(run, direct.drop("owner_id", "old", "procedure_code")):
        staged = pl.concat([staged, direct])
    if staged.height:
        with transaction.atomic(), connection.cursor() as cursor:
            _insert(cursor, run.insert_head, run.copy_sql, staged, force_not_null=True)
            staging.beat(batch_id)
        staging.between_batches("staged", batch_id)


def _write(run: DossierImport, rows: pl.DataFrame) -> bool:
    """The rows written into the dossier table in one transaction; False, with nothing
    written, when a code is stored already (by another import since `_stored_codes`)."""
    run.aside.before_writing(rows.height)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            _insert(cursor, run.write_head, run.write_copy_sql, rows)
            staging.beat(run.batch.pk)
    except IntegrityError:
        return False
    staging.between_batches("written", run.batch.pk)
    return True


def _insert(cursor, head: str, copy_sql: str, rows: pl.DataFrame, **options) -> None:
    """One COPY (PostgreSQL) or multi-row INSERTs (SQLite) of the rows, columns in `rows`'
    order; `head` is the INSERT without its VALUES."""
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        rows.write_csv(buffer, include_header=False)
        csv_options = "FORMAT csv"
        if options.get("force_not_null"):
            csv_options += ", FORCE_NOT_NULL (procedure_code)"
        # (the raw cursor's errors wrapped as Django's: a taken code is an IntegrityError)
        copy_sql = f"{copy_sql} WITH ({csv_options})"
        with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
            copy.write(buffer.getvalue())
        return
    rows = rows.with_columns(
        [_sqlite_moment(name) for name in staging.MOMENTS]
        + [pl.col(name).cast(pl.String) for name in ("received_on", "month", "on_time_until")]
    )
    # Python tuples for a slice only, a whole number of full statements long
    step = rows_per_statement(rows.width) * INSERT_STATEMENTS
    for start in range(0, rows.height, step):
        insert_rows(cursor, head, rows.slice(start, step).rows())


def rows_per_statement(width: int) -> int:
    """How many rows of `width` columns one SQLite INSERT holds (its variable limit)."""
    return max(1, SQLITE_VARIABLES // width)


def insert_rows(cursor, head: str, rows: Sequence[Sequence[object]]) -> None:
    """SQLite: `rows` written by `head` ("INSERT INTO t (a, b, …)") in multi-row VALUES
    statements, each as many rows as SQLite's variable limit allows; the rest in statements
    of `SHORT_INSERT` rows, then of one.

    An `executemany` of a one-row INSERT runs a statement per row, and each run of one into
    a table with AUTOINCREMENT (the dossier table) also updates `sqlite_sequence`: the rows
    of an import written this way take less time (decision 0135). Three shapes of statement
    at most: each is prepared once and kept in the connection's statement cache, where a
    rest of its own length for every block (up to 1,364 rows of the dossier table, ~3 MB
    prepared) would have been one more. As before, a taken code raises `IntegrityError`
    and the caller's transaction rolls back whatever the earlier statements wrote."""
    if not rows:
        return
    width = len(rows[0])
    per = rows_per_statement(width)
    one = f"({', '.join(['%s'] * width)})"
    done = 0
    for size in sorted({per, min(SHORT_INSERT, per), 1}, reverse=True):
        count = (len(rows) - done) // size * size
        if count:
            sql = f"{head} VALUES {', '.join([one] * size)}"
            starts = range(done, done + count, size)
            params = [list(chain.from_iterable(rows[at : at + size])) for at in starts]
            cursor.executemany(sql, params)
            done += count


def _sqlite_moment(name: str) -> pl.Expr:
    """A moment as SQLite stores it from Django: UTC, without zone, `isoformat(" ")`."""
    utc = pl.col(name).dt.convert_time_zone("UTC")
    return (
        pl.when(utc.dt.microsecond() == 0)
        .then(utc.dt.strftime("%Y-%m-%d %H:%M:%S"))
        .otherwise(utc.dt.strftime("%Y-%m-%d %H:%M:%S%.6f"))
        .alias(name)
    )
