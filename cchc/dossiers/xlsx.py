"""Excel workbooks read without letting a hostile file hang the server.

Before openpyxl loads a workbook, its archive is checked: the parts read whole into memory must
unzip within `MAX_UNZIPPED_MB`, and no part may declare a DTD (entities that expand a few bytes
into gigabytes; Excel never writes one). Sheets are then streamed row by row, one column past
`MAX_COLUMNS` at most, and a sheet's size is looked for only in its head.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from typing import IO

from django.utils.translation import gettext as _

from cchc.documents.workbook import WorkbookError, check_workbook, entities_refused

from .limits import max_columns, max_unzipped_bytes, thousands
from .records import DossierFileError


def _entities_error() -> DossierFileError:
    return DossierFileError(
        _(
            "The Excel file declares XML entities (DOCTYPE/ENTITY), which Excel never writes: "
            "it may have been altered to hang the server, so it is not read."
        )
    )


def _check_workbook(stream: IO[bytes]) -> None:
    """Refuse a workbook before loading it (`cchc.documents.workbook.check_workbook`: the parts
    read into memory unzip beyond the limit, or a part declares a DTD), said for dossier files."""
    try:
        check_workbook(stream)
    except WorkbookError as exc:
        if exc.code == "entities":
            raise _entities_error() from None
        if exc.code == "too_large":
            raise DossierFileError(
                _(
                    "The Excel file unzips to %(size)s MB besides its sheets, over the limit "
                    "of %(limit)s MB (an unusual archive). Open it in Excel and save it again."
                )
                % {
                    "size": thousands(round(exc.size / 1_048_576)),
                    "limit": max_unzipped_bytes() // 1_048_576,
                }
            ) from None
        raise DossierFileError(
            _("The Excel file cannot be read (damaged or not a workbook): %(reason)s")
            % {"reason": exc.reason}
        ) from None
    finally:
        stream.seek(0)


def _sheet_size_from_its_head(worksheet) -> None:
    """`ReadOnlyWorksheet._get_size` without reading the whole sheet.

    openpyxl looks for the sheet's <dimension> element by parsing until the *end* of
    <sheetData>: a sheet without one (files from some exporters) is parsed whole, at load, only
    to find nothing — a minute for 3 million empty rows, before the first row is read. The
    dimension, when written, comes before <sheetData>, so looking stops where that starts;
    the result is the same (the bounds, or None without them)."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.constants import SHEET_MAIN_NS

    dimension, data = f"{{{SHEET_MAIN_NS}}}dimension", f"{{{SHEET_MAIN_NS}}}sheetData"
    with worksheet._get_source() as source:
        for event, element in iterparse(source, events=("start", "end")):
            if element.tag == data:
                return
            if event == "end" and element.tag == dimension:
                bounds = SheetDimension.from_tree(element).boundaries
                if bounds is not None:
                    (
                        worksheet._min_column,
                        worksheet._min_row,
                        worksheet._max_column,
                        worksheet._max_row,
                    ) = bounds
                return


def _bounded_sheets() -> None:
    """Install `_sheet_size_from_its_head` on openpyxl's read-only sheets (openpyxl 3.1 names;
    with another version the check is skipped and the empty-row limit still applies)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if getattr(ReadOnlyWorksheet, "_get_size", None) not in (None, _sheet_size_from_its_head):
        ReadOnlyWorksheet._get_size = _sheet_size_from_its_head


class SharedStrings(Sequence[str]):
    """A workbook's shared strings read as far as the cells read need them, each item as
    openpyxl's `read_string_table` reads it. Excel and LibreOffice keep every text of a sheet
    there — the code of each dossier: openpyxl read all 200,000 items (CPU seconds, and memory
    growing with the file) only for the header to be found, the block reader reading the rows
    with calamine (decision 0145)."""

    def __init__(self, data: bytes) -> None:
        from openpyxl.xml.functions import iterparse

        self.items: list[str] = []
        self.events = iterparse(io.BytesIO(data))
        self.done = False

    def _read_to(self, index: int) -> None:
        from openpyxl.cell.text import Text
        from openpyxl.xml.constants import SHEET_MAIN_NS

        tag = f"{{{SHEET_MAIN_NS}}}si"
        while not self.done and len(self.items) <= index:
            try:
                _event, node = next(self.events)
            except StopIteration:
                self.done = True
                return
            if node.tag == tag:
                self.items.append(Text.from_tree(node).content.replace("x005F_", ""))
                node.clear()

    def __getitem__(self, index):
        whole = isinstance(index, slice) or index < 0
        self._read_to(sys.maxsize if whole else index)
        return self.items[index]

    def __len__(self) -> int:
        self._read_to(sys.maxsize)
        return len(self.items)


def _load_workbook(openpyxl, stream: IO[bytes]):
    """`openpyxl.load_workbook(stream, read_only=True, data_only=True)`, its shared strings
    read lazily (`SharedStrings`)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is not None:
                with self.archive.open(found.PartName[1:]) as source:
                    self.shared_strings = SharedStrings(source.read())

    reader = Reader(stream, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def xlsx_rows(stream: IO[bytes], sheet: str | None) -> Iterator[Sequence[object]]:
    import openpyxl

    _check_workbook(stream)
    _bounded_sheets()
    try:
        book = _load_workbook(openpyxl, stream)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        # SyntaxError: XML that does not parse (lxml's and ElementTree's errors derive from it)
        if entities_refused(exc):  # openpyxl parses sheets with defusedxml
            raise _entities_error() from None
        raise DossierFileError(
            _("The Excel file cannot be read (damaged or not a workbook): %(reason)s")
            % {"reason": exc.__class__.__name__}
        ) from None
    try:
        if sheet:
            if sheet not in book.sheetnames:
                raise DossierFileError(
                    _("The workbook has no sheet named '%(name)s' (sheets: %(names)s).")
                    % {"name": sheet, "names": ", ".join(book.sheetnames)}
                )
            worksheet = book[sheet]
        else:
            worksheet = book.worksheets[0]
        read = 0
        try:
            # one column past the limit is enough to see a file is too wide
            for values in worksheet.iter_rows(values_only=True, max_col=max_columns() + 1):
                read += 1
                row = list(values)
                while row and row[-1] is None:  # openpyxl pads every row to max_col
                    row.pop()
                yield row
        except (ValueError, KeyError, TypeError, SyntaxError, EOFError, OSError, zlib.error) as exc:
            # a cell at a column Excel cannot have ("XFZZ2"), a sheet cut short, bad XML
            if entities_refused(exc):
                raise _entities_error() from None
            raise DossierFileError(
                _(
                    "Row %(row)s of the Excel file cannot be read (a damaged file, or one "
                    "written by a faulty program). Open it in Excel and save it again."
                )
                % {"row": read + 1}
            ) from None
    finally:
        book.close()
