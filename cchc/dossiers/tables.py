"""A CSV or Excel file opened as a table: its header found, its data rows numbered as in the file.

CSV is UTF-8 with or without BOM, `,` or `;` (or tab) separated; Excel goes through `xlsx.py`.
What cannot be read at all — not a CSV, a broken Excel file, no header, a required column
missing, a header wider than the limit — raises `DossierFileError` before any row.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from . import columns as cols
from .columns import Header
from .limits import max_columns, max_empty_rows, thousands
from .records import DossierFileError
from .xlsx import xlsx_rows

csv.field_size_limit(1 << 24)


@dataclass
class Table:
    """An open file: its header and the data rows after it, as (row number, cells)."""

    header: Header
    rows: Iterator[tuple[int, Sequence[object]]]
    kind: str  # "csv" or "xlsx"
    stream: IO[bytes] | None = None  # the file this module opened (closed by `close`)
    rows_read: int = 0  # rows taken from the file so far, header rows and empty rows included
    source: IO[bytes] | None = None  # the file read (the block reader reads it again)
    delimiter: str = ","  # of a CSV file, as detected

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()


def _kind(head: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DossierFileError(
            _("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx or CSV.")
        )
    if suffix in (".xlsx", ".xlsm"):
        raise DossierFileError(
            _("The file is named .xlsx but is not an Excel file (it may be damaged).")
        )
    if not head.strip(b"\xef\xbb\xbf \r\n\t"):
        raise DossierFileError(_("The file is empty."))
    if b"\x00" in head:
        raise DossierFileError(
            _("The file is not a CSV text file nor an Excel file (it looks like binary data).")
        )
    return "csv"


def decode_error(line: int) -> DossierFileError:
    return DossierFileError(
        _(
            "Line %(line)s is not UTF-8 text. Save the file as 'CSV UTF-8' (Excel: File → Save "
            "As → CSV UTF-8) and import it again."
        )
        % {"line": line}
    )


def _csv_rows(stream: IO[bytes], found: dict[str, str]) -> Iterator[Sequence[object]]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from _csv_text_rows(text, found)
    finally:
        with contextlib.suppress(ValueError):  # already closed by its owner
            text.detach()  # the stream is the caller's: dropping this must not close it


def _csv_text_rows(text: io.TextIOWrapper, found: dict[str, str]) -> Iterator[Sequence[object]]:
    head: list[str] = []
    try:
        for line in text:
            head.append(line)
            if len(head) >= cols.HEADER_SEARCH_ROWS:
                break
    except UnicodeDecodeError:
        raise decode_error(len(head) + 1) from None
    # The separator is the one that cuts some line of the top into the most cells: the first
    # line alone may be a title ("DANH SÁCH HỒ SƠ THÁNG 3/2024") with none at all.
    delimiter = max(
        (",", ";", "\t"), key=lambda sep: max((ln.count(sep) for ln in head), default=0)
    )
    found["delimiter"] = delimiter
    reader = csv.reader(_chain_first(head, text), delimiter=delimiter)
    try:
        yield from reader
    except UnicodeDecodeError:
        raise decode_error(reader.line_num + 1) from None
    except csv.Error as exc:
        raise DossierFileError(
            _("Line %(line)s cannot be read as CSV: %(reason)s")
            % {"line": reader.line_num, "reason": exc}
        ) from None


def _chain_first(first: list[str], rest: IO[str]) -> Iterator[str]:
    yield from first
    yield from rest


def open_table(
    source: str | Path | IO[bytes],
    *,
    filename: str = "",
    sheet: str | None = None,
    columns: dict[str, tuple[str, ...]] = cols.DOSSIER_COLUMNS,
    required: Sequence[str] = cols.DOSSIER_REQUIRED,
    mapping: dict[str, int | None] | None = None,
) -> Table:
    """Open a CSV or Excel file, find its header and check the required columns are there.

    `mapping` (canonical name -> column index, or None to leave a column out) corrects what
    was detected, as the web import lets the user do.
    """
    owned = isinstance(source, str | Path)
    if isinstance(source, str | Path):
        stream: IO[bytes] = open(source, "rb")  # noqa: SIM115 - closed by Table.close()
    else:
        stream = source
    try:
        return _open(
            stream,
            filename or str(getattr(source, "name", source)),
            sheet,
            columns,
            required,
            mapping,
            owned,
        )
    except BaseException:
        if owned:
            stream.close()
        raise


def _open(
    stream: IO[bytes],
    filename: str,
    sheet: str | None,
    columns: dict[str, tuple[str, ...]],
    required: Sequence[str],
    mapping: dict[str, int | None] | None,
    owned: bool,
) -> Table:
    head = stream.read(8192)
    stream.seek(0)
    kind = _kind(head, filename)
    found: dict[str, str] = {}
    raw = xlsx_rows(stream, sheet) if kind == "xlsx" else _csv_rows(stream, found)
    limit = max_columns()
    top: list[Sequence[object]] = []
    widths: list[int] = []
    for row in raw:
        widths.append(_width(row))
        top.append(row[: limit + 1])  # the header is searched in at most limit + 1 columns
        if len(top) >= cols.HEADER_SEARCH_ROWS:
            break
    header = cols.find_header(top, columns)
    if header is None:
        raise DossierFileError(
            _(
                "No header row was found: the first rows name none of the expected columns "
                "(%(names)s)."
            )
            % {"names": ", ".join(required or list(columns)[:5])}
        )
    _check_width(widths[header.row - 1], header.row, limit, kind)
    if mapping:
        header = cols.remap(header, mapping)
    missing = header.missing(required)
    if missing:
        raise DossierFileError(
            _(
                "Required columns are missing: %(names)s. The header row (row %(row)s) has: "
                "%(found)s."
            )
            % {
                "names": ", ".join(missing),
                "row": header.row,
                "found": ", ".join(n for n in header.names if n) or "—",
            }
        )

    table = Table(
        header=header,
        rows=iter(()),
        kind=kind,
        stream=stream if owned else None,
        source=stream,
        delimiter=found.get("delimiter", ","),
    )
    table.rows_read = len(top)
    table.rows = _data_rows(table, top[header.row :], raw, limit)
    return table


def _width(row: Sequence[object]) -> int:
    """The number of cells up to the last one that is not empty."""
    width = len(row)
    while width and blank(row[width - 1 : width]):
        width -= 1
    return width


def _check_width(width: int, number: int, limit: int, kind: str) -> None:
    """A header wider than the limit stops the file: the preview would offer every column of
    it for every field (100,000 columns made a 100 MB page)."""
    if width <= limit:
        return
    if kind == "xlsx":  # the sheet was read one column past the limit
        message = _(
            "Row %(row)s has more than %(limit)s columns, the most a dossier or catalogue file "
            "may have. Delete the unused columns and import the file again."
        )
    else:
        message = _(
            "Row %(row)s has %(n)s columns, more than the %(limit)s a dossier or catalogue file "
            "may have. Delete the unused columns and import the file again."
        )
    raise DossierFileError(message % {"row": number, "n": thousands(width), "limit": limit})


def _data_rows(
    table: Table, first: list[Sequence[object]], raw: Iterator[Sequence[object]], limit: int
) -> Iterator[tuple[int, Sequence[object]]]:
    """The rows after the header, numbered as in the file and cut to `limit` cells (nothing
    past it is mapped). A run of `max_empty_rows()` empty rows ends the table: an Excel sheet
    with millions of formatted empty rows is not read to its end."""
    number, run, stop = table.header.row, 0, max_empty_rows()

    def counted() -> Iterator[Sequence[object]]:
        yield from first
        for row in raw:
            table.rows_read += 1
            yield row

    for row in counted():
        number += 1
        if blank(row):
            run += 1
            if run >= stop:
                return
        else:
            run = 0
        yield number, row[:limit] if len(row) > limit else row


def blank(row: Sequence[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)
