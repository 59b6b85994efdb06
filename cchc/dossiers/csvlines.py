"""A CSV file's bytes cut into rows as Python's `csv` reads them, for the block reader.

A row may span lines: a line break inside a quoted cell (a note typed on two lines). Lines are
joined while their quotes are odd in number, and each row so joined is read by Python's `csv` —
the reference's reader, fed the same lines — which must give one row of exactly those lines.
A single line with an even number of quotes is taken for one row, as the block reader always
did (Polars must then find as many rows in the block). Decision 0144.
"""

from __future__ import annotations

import csv
from typing import IO

from .tables import Table


def cut(chunk: bytes) -> int:
    """Where a block of `chunk` ends: after its last line end outside a quoted cell (an even
    number of quotes before it; a line break inside a quoted cell is no end of a row), or
    after its last line end where there is none such (the block then has an odd number of
    quotes, and the reference reads on); 0 when the chunk holds no line end."""
    last = end = chunk.rfind(b"\n") + 1
    quotes = chunk.count(b'"', 0, end)
    while quotes % 2 and end > 0:
        earlier = chunk.rfind(b"\n", 0, end - 1) + 1
        quotes -= chunk.count(b'"', earlier, end)
        end = earlier
    return end or last


_END = "\x1f"  # the row a sentinel line makes, seen only if the row before it ended


def records_of(block: bytes, delimiter: str) -> list[list[bytes]] | None:
    """The lines of each row of a block whose lines are not all rows (a line break inside a
    quoted cell). Lines are joined while the quotes are odd in number, as the block reader
    tells a line for a row elsewhere (an even number of quotes); each row so joined is read
    by Python's csv reader — the reference's, fed the same lines — and must be one row that
    ends with its last line, or None."""
    lines = block.split(b"\n")
    tail = lines.pop()  # what follows the last line end (the end of the file)
    rows: list[list[bytes]] = []
    current: list[bytes] = []
    odd = False
    for line in lines:
        current.append(line)
        if line.count(b'"') % 2:
            odd = not odd
        if not odd:
            if len(current) > 1 and not one_row(current, delimiter):
                return None
            rows.append(current)
            current = []
    if current:
        return None
    if tail:
        rows.append([tail])
    return rows


def one_row(lines: list[bytes], delimiter: str) -> bool:
    """Whether Python's csv reads the lines as one row ending with the last of them: a line
    after them (`_END`) is then a row of its own."""
    texts = [line.decode("utf-8") + "\n" for line in lines]
    read = list(csv.reader([*texts, _END + "\n"], delimiter=delimiter))
    return len(read) == 2 and read[1] == [_END]


def row_cells(lines: list[bytes], delimiter: str) -> list[str]:
    """A row's cells, its lines read by Python's csv as the reference reads them."""
    texts = [line.decode("utf-8") + "\n" for line in lines]
    return next(csv.reader(texts, delimiter=delimiter), [])


def data_start(table: Table) -> tuple[IO[bytes], int, int] | None:
    """(stream, byte offset, lines before) of the first data line of a CSV table; None when
    the block reader cannot find it for sure (Excel, a lone CR above it, a row above it that
    the reference's reader does not read as one row of those lines)."""
    stream = table.source
    if table.kind != "csv" or stream is None or not stream.seekable():
        return None
    stream.seek(0)
    head = stream.read(1 << 20)
    offset = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    lines = 0
    for _row in range(table.header.row):
        row: list[bytes] = []
        odd = False
        while not row or odd:  # the lines of one row: until its quotes are even in number
            end = head.find(b"\n", offset)
            if end < 0:
                return None
            line = head[offset:end]
            if b"\r" in line[:-1]:
                return None
            row.append(line)
            offset = end + 1
            odd ^= line.count(b'"') % 2 == 1
        lines += len(row)
        # a quoted header ("MaHoSo","MaTTHC",…) or title: one row, as the reference read it
        if any(b'"' in line for line in row):
            try:
                if not one_row(row, table.delimiter):
                    return None
            except UnicodeDecodeError:
                return None
    return stream, offset, lines
