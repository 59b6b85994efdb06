"""The procedure catalogue file (TTHC): its rows as `ProcedureRecord`s or `RowError`s.

A catalogue holds a few thousand procedures at most, so it is read whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from . import columns as cols
from .cells import CellError, as_text, parse_bool
from .columns import Header
from .records import ProcedureRecord, RowError, split_results
from .tables import Table, blank, open_table


def read_procedures(
    source: str | Path | IO[bytes],
    *,
    filename: str = "",
    sheet: str | None = None,
    mapping: dict[str, int | None] | None = None,
) -> tuple[list[ProcedureRecord], list[RowError], Header]:
    """The catalogue rows of a file (a few thousand at most, so read whole)."""
    table = open_table(
        source,
        filename=filename,
        sheet=sheet,
        columns=cols.PROCEDURE_COLUMNS,
        required=cols.PROCEDURE_REQUIRED,
        mapping=mapping,
    )
    try:
        records, errors = _procedure_rows(table)
    finally:
        table.close()
    return records, errors, table.header


_FLAGS = (
    ("DuDieuKienToanTrinh", "full_online_eligible"),
    ("CoPhiLePhi", "has_fee"),
    ("TichHopThanhToan", "payment_integrated"),
    ("TraKetQuaGiayTo", "returns_document"),
)


def _procedure_rows(table: Table) -> tuple[list[ProcedureRecord], list[RowError]]:
    index = table.header.mapping
    seen: dict[str, int] = {}

    def cells(row) -> dict[str, object]:
        return {
            name: row[position] if position is not None and position < len(row) else None
            for name, position in index.items()
        }

    return split_results(
        _procedure(number, cells(row), seen) for number, row in table.rows if not blank(row)
    )


def _procedure(
    number: int, cells: dict[str, object], seen: dict[str, int]
) -> ProcedureRecord | list[RowError]:
    """One catalogue row; `seen` (code -> first row) finds a code written twice."""

    def text(name: str) -> str:
        return as_text(cells.get(name))

    errors: list[RowError] = []
    code, name = text("MaTTHC"), text("TenTTHC")
    for column, value, limit in (("MaTTHC", code, 40), ("TenTTHC", name, 1000)):
        if not value:
            errors.append(
                RowError(number, column, "", _("Required: the column is empty in this row."))
            )
        elif len(value) > limit:
            reason = _("Longer than %(n)s characters.") % {"n": limit}
            errors.append(RowError(number, column, value[:200], reason))
    if code in seen:
        reason = _("The same procedure code is already on row %(row)s.") % {"row": seen[code]}
        errors.append(RowError(number, "MaTTHC", code, reason))
    elif code:
        seen[code] = number
    flags: dict[str, bool] = {}
    for column, attribute in _FLAGS:
        try:
            flags[attribute] = parse_bool(cells.get(column))
        except CellError as exc:
            errors.append(RowError(number, column, text(column)[:200], str(exc)))
    if errors:
        return errors
    return ProcedureRecord(
        row=number,
        code=code,
        name=name,
        field=text("LinhVuc")[:255],
        level=text("CapThucHien")[:100],
        legal_time=text("ThoiGianGiaiQuyet")[:40],
        time_unit=text("DonViTinh")[:40],
        **flags,
    )
