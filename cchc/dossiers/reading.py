"""Dossier and catalogue files (CSV or Excel) and API batches → validated records.

One validation path for the command line, the web import and the API: a row becomes a
`DossierRecord` or one `RowError` per bad cell, each naming the row as the user sees it in the
file, the canonical column, the value and the reason in Vietnamese. Files are read as a stream
(a 500 MB export never sits in memory); what cannot be read at all — not a CSV, a broken Excel
file, no header, a required column missing — raises `DossierFileError` before any row.

The file rules are the contract's (`specs/dossiers-and-indicators.md`): UTF-8 with or without
BOM, `,` or `;` (or tab) separated; dates `YYYY-MM-DD[ HH:MM[:SS]]`, `YYYY-MM-DDTHH:MM[:SS]`,
`dd/mm/yyyy[ HH:MM[:SS]]` in local time; booleans `1/0`, `true/false`, `có/không`, `x`/empty.
A date without a time is that day at 00:00, as written, except an appointment
(`NgayHenTra`), where it means the end of that day; an empty appointment is left for the
import to compute from the catalogue's legal time (`deadlines.py`).

The pieces live beside this module: the cell rules in `cells.py`, the file access in
`tables.py` (CSV) and `xlsx.py` (hardened Excel), the limits in `limits.py`, the procedure
catalogue in `catalogue.py`; their public names are kept here for the callers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from . import columns as cols
from .catalogue import read_procedures
from .cells import (
    LOCAL,
    CellError,
    as_text,
    channel,
    paid,
    parse_bool,
    parse_moment,
    required_code,
    small_int,
)
from .columns import Header
from .limits import max_columns, max_empty_rows, max_unzipped_bytes
from .records import DossierFileError, DossierRecord, RowError, split_results
from .tables import Table, blank, open_table

__all__ = [
    "LOCAL",
    "CellError",
    "DossierFileError",
    "DossierRows",
    "Preview",
    "Table",
    "iter_dossiers",
    "max_columns",
    "max_empty_rows",
    "max_unzipped_bytes",
    "open_table",
    "parse_bool",
    "parse_dossier_dicts",
    "parse_moment",
    "preview",
    "read_procedures",
]

# --- rows ----------------------------------------------------------------------------------
_MOMENTS = ("NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTraKetQua")
_SUPPLEMENT_MOMENTS = ("NgayYeuCauBoSung", "NgayBoSung")
FLAGS = {
    "ToanTrinh": "full_online",
    "CoPhiLePhi": "has_fee",
    "HoSoCoThanhPhanSoHoa": "digitised",
    "DuocSoHoa": "reused",
    "CoKetQuaDienTu": "e_result",
    "CoPhieuXinLoi": "apology",
}


class DossierRows:
    """Turns rows (sequences of cells, located by a header's mapping) into records or errors.

    It remembers the codes it has seen, so a `MaHoSo` that appears twice in one file (or one
    API batch) is reported on its second row.
    """

    def __init__(self, mapping: dict[str, int]) -> None:
        self.mapping = mapping
        self.seen: dict[str, int] = {}

    def read(self, number: int, row: Sequence[object]) -> DossierRecord | list[RowError]:
        mapping, size = self.mapping, len(row)

        def cell(name: str) -> object:
            index = mapping.get(name)
            return row[index] if index is not None and index < size else None

        errors: list[RowError] = []

        def fail(name: str, reason: str) -> None:
            errors.append(RowError(number, name, as_text(cell(name))[:200], reason))

        code = self._text(cell, fail, "MaHoSo", 80)
        procedure = self._text(cell, fail, "MaTTHC", 40)
        unit = self._text(cell, fail, "MaDonVi", 64)
        moments = self._moments(cell, fail, errors)
        values = self._values(cell, fail)
        received, due = moments["NgayTiepNhan"], moments["NgayHenTra"]
        requested, supplied = moments["NgayYeuCauBoSung"], moments["NgayBoSung"]
        if code:
            first = self.seen.get(code)
            if first is not None:
                fail(
                    "MaHoSo", _("The same dossier code is already on row %(row)s.") % {"row": first}
                )
            else:
                self.seen[code] = number
        if errors:
            return errors
        assert received is not None
        return DossierRecord(
            row=number,
            code=code,
            procedure_code=procedure,
            unit_code=unit,
            received=received,
            due=due,
            processing_ended=moments["NgayKetThucXuLy"],
            returned=moments["NgayTraKetQua"],
            status=values["TrangThaiHoSo"],
            channel=values["KenhThucHien"],
            full_online=values["full_online"],
            paid_online=values["DuocThanhToanTrucTuyen"],
            has_fee=values["has_fee"],
            digitised=values["digitised"],
            reused=values["reused"],
            e_result=values["e_result"] or bool(as_text(cell("DuongDanTepTinKetQua"))),
            supplements=values["SoLanBoSung"],
            supplement_requested=requested,
            supplement_supplied=supplied,
            apology=values["apology"],
        )

    @staticmethod
    def _moments(cell, fail, errors: list[RowError]) -> dict[str, dt.datetime | None]:
        """The row's dates, each checked against the reception date it must not precede."""
        moments: dict[str, dt.datetime | None] = {}
        for name in (*_MOMENTS, *_SUPPLEMENT_MOMENTS):
            try:
                moments[name] = parse_moment(cell(name), day_end=name == "NgayHenTra")
            except CellError as exc:
                fail(name, str(exc))
                moments[name] = None
        received, due = moments["NgayTiepNhan"], moments["NgayHenTra"]
        if received is None and not any(e.column == "NgayTiepNhan" for e in errors):
            fail("NgayTiepNhan", _("Required: the column is empty in this row."))
        if received is not None:
            if due is not None and due < received:
                fail("NgayHenTra", _("The appointment date is before the reception date."))
            for name in ("NgayKetThucXuLy", "NgayTraKetQua"):
                moment = moments[name]
                if moment is not None and moment < received:
                    fail(name, _("This date is before the reception date."))
        requested, supplied = moments["NgayYeuCauBoSung"], moments["NgayBoSung"]
        if requested and supplied and supplied < requested:
            fail("NgayBoSung", _("The supplement was supplied before it was requested."))
        return moments

    @staticmethod
    def _values(cell, fail) -> dict[str, Any]:
        """The row's flags and small numbers, by attribute or canonical name."""
        values: dict[str, Any] = {}
        for name, attribute in FLAGS.items():
            try:
                values[attribute] = parse_bool(cell(name))
            except CellError as exc:
                fail(name, str(exc))
        for name, reader in (
            ("TrangThaiHoSo", lambda v: small_int(v, 1, 10, None)),
            ("KenhThucHien", channel),
            ("DuocThanhToanTrucTuyen", paid),
            ("SoLanBoSung", lambda v: small_int(v, 0, 999, 0)),
        ):
            try:
                values[name] = reader(cell(name))
            except CellError as exc:
                fail(name, str(exc))
        return values

    @staticmethod
    def _text(cell, fail, name: str, limit: int) -> str:
        return required_code(cell(name), limit, fail, name)


def parse_dossier_dicts(
    items: Iterable[dict[str, object]], *, first_row: int = 1
) -> tuple[list[DossierRecord], list[RowError]]:
    """API batches: dicts keyed by canonical names; rows numbered from `first_row`."""
    names = list(cols.DOSSIER_COLUMNS)
    reader = DossierRows({name: index for index, name in enumerate(names)})
    return split_results(
        reader.read(number, [item.get(name) for name in names])
        for number, item in enumerate(items, start=first_row)
    )


def iter_dossiers(
    source: str | Path | IO[bytes],
    *,
    filename: str = "",
    sheet: str | None = None,
    mapping: dict[str, int | None] | None = None,
) -> Iterator[DossierRecord | RowError]:
    """Every data row of a dossier file as a record, or as its errors. Blank rows are skipped.

    The file is opened (and DossierFileError raised) on the first `next()`, so the caller's
    transaction already holds when a file-level problem is found.
    """
    table = open_table(source, filename=filename, sheet=sheet, mapping=mapping)
    reader = DossierRows(table.header.mapping)
    try:
        for number, row in table.rows:
            if blank(row):
                continue
            result = reader.read(number, row)
            if isinstance(result, list):
                yield from result
            else:
                yield result
    finally:
        table.close()


@dataclass
class Preview:
    """What the web import shows before anything is saved."""

    header: Header
    sample: list[tuple[int, list[str]]]  # the first data rows, as text
    kind: str


def preview(
    source: str | Path | IO[bytes],
    *,
    filename: str = "",
    sheet: str | None = None,
    mapping: dict[str, int | None] | None = None,
    rows: int = 8,
) -> Preview:
    """The header, its detected (or corrected) mapping, and the first rows of a dossier file.

    Unlike `open_table`, a missing required column is not an error here: the page shows it, so
    the user can point it at the right column.
    """
    table = open_table(source, filename=filename, sheet=sheet, mapping=mapping, required=())
    sample: list[tuple[int, list[str]]] = []
    try:
        for number, row in table.rows:
            if blank(row):
                continue
            sample.append((number, [as_text(cell) for cell in row]))
            if len(sample) >= rows:
                break
    finally:
        table.close()
    return Preview(header=table.header, sample=sample, kind=table.kind)
