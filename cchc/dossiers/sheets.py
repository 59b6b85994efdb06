"""Dossier Excel files read a block of rows at a time (python-calamine, then `columnar`).

openpyxl, which the reference reads Excel with (`xlsx.py`), turns each cell into a Python
object in Python code: near 10,000 rows/s. calamine reads the sheet in Rust. Its cells have the
values openpyxl gives (numbers as floats, dates as dates, empty cells as ""), which the cell
rules read the same way (`as_text(1.0) == "1"`, a date is a date-time at midnight). Each cell
is written as the text the block reader's strict spellings accept — a date-time without its
zone and without a fraction, a date at midnight as a date alone (what an appointment written
as a date means: decision 0090) — or, when it has no such spelling (a time, a fraction of a
second), as a control character, which makes its row slow: that row's own cells then go to
the reference reader, as they would from openpyxl.

The workbook has passed `xlsx.py`'s checks when its header was found (no DTD, parts other than
sheets within `MAX_UNZIPPED_MB`); calamine loads a whole sheet, so a workbook whose sheets
unzip beyond `MAX_SHEET_MB` is left to the streaming reference.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from typing import IO

import polars as pl

from cchc.documents.workbook import sheet_parts

from .cells import as_text
from .columnar import BlockReader, Item, parse_block
from .tables import Table

BLOCK_ROWS = 50_000
MAX_SHEET_MB = 150
_NO_SPELLING = "\x00"


def _spelled(value: object) -> str | None:
    """A cell as the text the block reader reads the same way the reference reads the cell."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None or value.microsecond:
            return _NO_SPELLING
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool | int | float):
        return as_text(value)
    return _NO_SPELLING


def sheet_size_ok(stream: IO[bytes]) -> bool:
    """Whether the workbook's sheets unzip within MAX_SHEET_MB (calamine holds a sheet whole)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            sheets = sheet_parts(archive.read("[Content_Types].xml"))
            size = sum(m.file_size for m in archive.infolist() if m.filename in sheets)
    except Exception:  # any doubt: the reference reads it, and says why
        return False
    finally:
        stream.seek(0)
    return size <= MAX_SHEET_MB * 1024 * 1024


class SheetBlocks(BlockReader):
    """The data rows of an Excel sheet, BLOCK_ROWS at a time."""

    def __init__(self, table: Table, rows: Iterator[Sequence[object]], offset: int) -> None:
        super().__init__(table, _no_stream(), table.header.row)
        self.rows = rows
        self.offset = offset  # empty columns left of the sheet's used range

    def items(self) -> Iterator[Item]:
        mapped = sorted(set(self.mapping.values()))
        for _skip in range(self.table.header.row):
            if next(self.rows, None) is None:
                return
        while not self.ended:
            block: list[Sequence[object]] = []
            for row in self.rows:
                block.append([None] * self.offset + list(row) if self.offset else row)
                if len(block) >= BLOCK_ROWS:
                    break
            if not block:
                return
            columns = {
                f"c{index}": [_spelled(row[index]) if index < len(row) else None for row in block]
                for index in mapped
            }
            raw = pl.DataFrame(columns, schema={name: pl.String for name in columns})
            parsed = parse_block(raw, self.mapping, self.number + 1)
            yield from self.split(parsed, _rows_of(block, self.number + 1))
            self.number += len(block)


def _rows_of(block: list[Sequence[object]], first: int):
    return lambda number: _as_openpyxl(block[number - first])


def _as_openpyxl(row: Sequence[object]) -> list[object]:
    """A slow row's cells as openpyxl gives them: a date cell is a date-time at midnight."""
    return [
        dt.datetime.combine(cell, dt.time(0))
        if isinstance(cell, dt.date) and not isinstance(cell, dt.datetime)
        else cell
        for cell in row
    ]


def _no_stream() -> IO[bytes]:
    import io

    return io.BytesIO()


def sheet_items(table: Table, stream: IO[bytes], sheet: str | None) -> Iterator[Item] | None:
    """The items of the table's sheet read by calamine; None when it should not read it."""
    from python_calamine import CalamineWorkbook

    if not sheet_size_ok(stream):
        return None
    try:
        book = CalamineWorkbook.from_filelike(stream)
        found = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
    except Exception:  # the reference reads it, and says what is wrong
        return None
    finally:
        stream.seek(0)
    start = found.start
    offset = start[1] if start else 0
    return SheetBlocks(table, iter(found.iter_rows()), offset).items()
