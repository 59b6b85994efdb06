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
sheets within `MAX_UNZIPPED_MB`). calamine holds a sheet whole, so it is given the sheet a slice
of rows at a time (`slices.py`, decision 0122): memory stays bounded whatever the sheet's size.
Where the sheet cannot be cut for sure, the rest of it is read by the streaming reference, its
rows going through the same blocks (openpyxl's values are what calamine's stand for).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import IO

import polars as pl

from .cells import as_text
from .columnar import BlockReader, Item, parse_block
from .limits import max_empty_rows
from .tables import Table

BLOCK_ROWS = 20_000
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


_KINDS = (str, float, bool, dt.datetime, dt.date, type(None))


def spelled_column(values: list[object]) -> pl.Series:
    """`_spelled` of every value of a column, computed by kind in Polars (the per-cell call
    was most of the time of reading a sheet). A kind calamine does not give (a time, an
    aware date-time) leaves the column to `_spelled`."""
    kinds = set(map(type, values))
    if not kinds <= set(_KINDS):
        return pl.Series(values=[_spelled(v) for v in values], dtype=pl.String)
    parts: list[pl.Expr] = []
    frame: dict[str, pl.Series] = {}
    for kind in kinds - {type(None)}:
        name = kind.__name__
        frame[name] = pl.Series(values=[v if type(v) is kind else None for v in values])
        if getattr(frame[name].dtype, "time_zone", None) is not None:  # aware: no spelling
            return pl.Series(values=[_spelled(v) for v in values], dtype=pl.String)
        parts.append(_spelling(kind, pl.col(name)))
    if float in kinds:  # numbers Polars does not spell as Python does: Python's text
        frame["float_text"] = pl.Series(
            values=[_odd_number(v) if type(v) is float else None for v in values],
            dtype=pl.String,
        )
        parts.append(pl.col("float_text"))
    if not parts:
        return pl.Series(values=[None] * len(values), dtype=pl.String)
    return pl.DataFrame(frame).select(pl.coalesce(parts).alias("text"))["text"]


def _odd_number(value: float) -> str | None:
    """A number's text where it is not a whole number below 10^15 (None where Polars spells
    it: its integer)."""
    return None if value.is_integer() and abs(value) < 1e15 else as_text(value)


def _spelling(kind: type, value: pl.Expr) -> pl.Expr:
    if kind is str:
        return pl.when(value != "").then(value)
    if kind is bool:
        return pl.when(value).then(pl.lit("1")).when(value.not_()).then(pl.lit("0"))
    if kind is float:
        return pl.when(pl.col("float_text").is_null()).then(value.cast(pl.Int64).cast(pl.String))
    if kind is dt.date:
        return value.dt.strftime("%Y-%m-%d")
    fraction = value.dt.microsecond() != 0
    midnight = value.dt.time() == dt.time(0)
    return (
        pl.when(value.is_null())
        .then(None)
        .when(fraction)
        .then(pl.lit(_NO_SPELLING))
        .when(midnight)
        .then(value.dt.strftime("%Y-%m-%d"))
        .otherwise(value.dt.strftime("%Y-%m-%d %H:%M:%S"))
    )


class SheetBlocks(BlockReader):
    """The data rows of an Excel sheet, BLOCK_ROWS at a time."""

    def __init__(self, table: Table, rows: Iterator[Sequence[object]]) -> None:
        super().__init__(table, _no_stream(), table.header.row)
        self.rows = rows  # every row of the sheet from its first

    def items(self) -> Iterator[Item]:
        mapped = sorted(set(self.mapping.values()))
        for _skip in range(self.table.header.row):
            if next(self.rows, None) is None:
                return
        while not self.ended:
            block: list[Sequence[object]] = []
            for row in self.rows:
                block.append(row)
                if len(block) >= BLOCK_ROWS:
                    break
            if not block:
                return
            raw = pl.DataFrame(
                {
                    f"c{index}": spelled_column(
                        [row[index] if index < len(row) else None for row in block]
                    )
                    for index in mapped
                }
            )
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


def sheet_items(table: Table, stream: IO[bytes], sheet: str | None) -> Iterator[Item]:
    """The items of the table's sheet, read by calamine a slice at a time."""
    return SheetBlocks(table, _sheet_rows(table, stream, sheet)).items()


def _sheet_rows(table: Table, stream: IO[bytes], sheet: str | None) -> Iterator[Sequence[object]]:
    """Every row of the sheet from its first, the empty ones too (as openpyxl gives them): by
    calamine slice after slice, then, where a slice cannot be read so, by the reference."""
    from .slices import Unsliced, sliced_rows

    given, stop = 0, max_empty_rows()
    try:
        for number, row in sliced_rows(stream, sheet):
            # rows left out between slices are empty: enough of them to end the table
            for _gap in range(min(number - given - 1, stop)):
                yield []
            given = number
            yield row
        return
    except Unsliced:
        pass
    if given < table.header.row:
        for _head in range(table.header.row - given):
            yield []
        given = table.header.row
    for number, cells in table.rows:
        if number > given:
            yield cells
