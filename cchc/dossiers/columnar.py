"""Dossier CSV files read a block of rows at a time and checked column by column (Polars).

The reference reader (`reading.DossierRows`) reads one row at a time in Python, which caps an
import near 20,000 rows/s (bench/dossiers/RESULTS.md). Here a block of lines is parsed by
Polars, and each cell is matched against a strict spelling of the contract's rules
(`2024-03-04 08:30`, `04/03/2024`, `1`, `có` …). A row whose every cell has such a spelling,
whose dates are in order and whose code appears once is read here, in bulk. Every other row —
an error, an unusual but valid spelling (`2024-3-4`, a Unicode digit), a code written twice, a
blank row — is handed with its cells, parsed again by Python's `csv` module exactly as the
reference reads them, to the reference reader. So the result is the reference's by
construction: this module only decides which rows it is sure of (decision 0091).

A row may span lines (a line break inside a quoted cell: a note typed on two lines): a block
ends after a line end outside quotes, and a row on several lines is told apart by Python's
`csv`, as the reference reads it; so is a quoted header or title above the data (decision
0144). What the block reader cannot vouch for sends the rest of the file to the reference: a
row above the header that `csv` reads otherwise, a line ending in a lone CR, a block where
Polars finds another number of records than the rows told apart, a block with an odd number
of quotes. A block that is not UTF-8 stops the file with the line named.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import polars as pl
from django.utils.translation import gettext as _

from . import columns as cols
from .csvlines import cut, data_start, records_of, row_cells
from .limits import max_columns, max_empty_rows
from .reading import FLAGS, DossierRows
from .records import DossierFileError, DossierRecord, RowError
from .tables import Table, blank, decode_error, open_table

CHUNK_BYTES = 4 << 20  # a block: about 33,000 rows of a one-stop export
# the codes read are held in sorted runs of at most this many (merging two makes a copy)
RUN_ROWS = 1 << 20
ZONE = "Asia/Ho_Chi_Minh"
_TRUE = ("1", "true", "có", "co", "x", "yes")
_FALSE = ("", "0", "false", "không", "khong", "no")
# control characters, spaces str.strip() removes but an ASCII strip does not, combining marks (NFD)
_NOT_PLAIN = (
    r"[\x00-\x1f\x7f-\x9f\x{a0}\x{300}-\x{36f}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}\x{0085}]"
)
_ISO = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?$"
_VN = r"^[0-9]{2}/[0-9]{2}/[0-9]{4}(?: [0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?$"
# Looser spellings the reference reads too (one-digit day, month or hour; milliseconds, dropped):
# parsed only in a block where the strict ones left a date cell unread (decision 0152).
_CLOCK = r"(?:(?P<H>[0-9]{1,2}):(?P<M>[0-9]{1,2})(?::(?P<S>[0-9]{1,2}))?(?:\.[0-9]+)?)"
_LOOSE_ISO = rf"^(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}})(?:[ T]{_CLOCK})?$"
_LOOSE_VN = rf"^(?P<d>[0-9]{{1,2}})/(?P<m>[0-9]{{1,2}})/(?P<y>[0-9]{{4}})(?: {_CLOCK})?$"
MOMENTS = {
    "NgayTiepNhan": "received",
    "NgayHenTra": "due",
    "NgayKetThucXuLy": "processing_ended",
    "NgayTraKetQua": "returned",
    "NgayYeuCauBoSung": "supplement_requested",
    "NgayBoSung": "supplement_supplied",
}
CODES = {"MaHoSo": ("code", 80), "MaTTHC": ("procedure_code", 40), "MaDonVi": ("unit_code", 64)}
# the columns of a block, as DossierRecord names them, in its order
FIELDS = tuple(field.name for field in dataclasses.fields(DossierRecord))


@dataclass
class RecordBlock:
    """Valid dossier rows read in bulk: one column per `DossierRecord` field (moments aware,
    in Asia/Ho_Chi_Minh; `due` null where the file left it empty)."""

    frame: pl.DataFrame

    def __len__(self) -> int:
        return self.frame.height

    def records(self) -> list[DossierRecord]:
        """The rows as the reference reader would have given them."""
        columns = [self.frame[name].to_list() for name in FIELDS]
        return [DossierRecord(*values) for values in zip(*columns, strict=True)]


Item = RecordBlock | DossierRecord | RowError


class SeenCodes:
    """The codes the block reader has read, each with the row where it first stands (a code
    written twice in a file is an error on its second row).

    Held as runs sorted by code, each at least twice the size of the next unless the two
    would pass RUN_ROWS (a block's codes make a new run, merged into the one before until
    that holds): a block's codes are found by binary search in each of the few runs — about
    log2 of the rows, and one more per RUN_ROWS past that, so that a merge never copies more
    than RUN_ROWS codes at once (at 10 million rows, merging all into one run had the reader
    peak 180 MB higher). Joining every block with one frame of all the codes read hashed
    them all again for each block: the work per block grew with the codes held, and the
    reader's memory by several times their own size (bench/dossiers/RESULTS.md, 10M rows)."""

    def __init__(self) -> None:
        self.runs: list[pl.DataFrame] = []

    def add(self, codes: pl.DataFrame) -> None:
        """Codes not held yet (columns `key`, `first`)."""
        self.runs.append(codes.sort("key"))
        while (
            len(self.runs) > 1
            and self.runs[-2].height < 2 * self.runs[-1].height
            and self.runs[-2].height + self.runs[-1].height <= RUN_ROWS
        ):
            newer = self.runs.pop()
            self.runs[-1] = self.runs[-1].merge_sorted(newer, key="key")

    def find(self, codes: pl.Series) -> pl.DataFrame:
        """(`key`, `first`) of those of `codes` already held."""
        found = [pl.DataFrame(schema={"key": pl.String, "first": pl.Int64})]
        for run in self.runs:
            keys = run["key"]
            at = keys.search_sorted(codes, side="left").clip(upper_bound=run.height - 1)
            found.append(run[at.filter(keys.gather(at) == codes)])
        return pl.concat(found)

    def rows(self) -> Iterator[tuple[str, int]]:
        for run in self.runs:
            yield from run.iter_rows()


def _cell(mapping: dict[str, int], name: str) -> pl.Expr:
    index = mapping.get(name)
    return pl.col(f"c{index}") if index is not None else pl.lit(None, dtype=pl.String)


def _text(expr: pl.Expr) -> pl.Expr:
    return expr.fill_null("").str.strip_chars(" ")


def _moment(text: pl.Expr, *, day_end: bool) -> pl.Expr:
    """A date cell (strict spellings only) as an aware datetime; null when empty or not one."""
    iso, vn = text.str.contains(_ISO), text.str.contains(_VN)
    day = (
        pl.when(iso)
        .then(text.str.slice(0, 10))
        .when(vn)
        .then(
            pl.concat_str(
                text.str.slice(6, 4), text.str.slice(3, 2), text.str.slice(0, 2), separator="-"
            )
        )
    )
    clock = text.str.slice(11)
    clock = (
        pl.when(clock.str.len_chars() == 0)
        .then(pl.lit("23:59:59" if day_end else "00:00:00"))
        .when(clock.str.len_chars() == 5)
        .then(clock + ":00")
        .otherwise(clock)
    )
    return _local(pl.concat_str(day, pl.lit(" "), clock))


def _loose_moment(text: pl.Expr, *, day_end: bool) -> pl.Expr:
    """A date cell in the strict or looser spellings (`_LOOSE_*`); null when empty or not one
    (31/02 included). Two regular expressions with groups a cell: slower than `_moment`."""
    iso, vn = text.str.extract_groups(_LOOSE_ISO), text.str.extract_groups(_LOOSE_VN)

    def part(name: str) -> pl.Expr:
        return pl.coalesce(iso.struct.field(name), vn.struct.field(name)).str.zfill(2)

    written = pl.concat_str(part("H"), part("M"), part("S").fill_null("00"), separator=":")
    clock = pl.when(part("H").is_null()).then(pl.lit("23:59:59" if day_end else "00:00:00"))
    day = pl.concat_str(part("y"), part("m"), part("d"), separator="-")
    return _local(pl.concat_str(day, pl.lit(" "), clock.otherwise(written)))


def _local(stamp: pl.Expr) -> pl.Expr:
    """`YYYY-MM-DD HH:MM:SS` text as a local aware datetime (null when no such moment)."""
    parsed = stamp.str.strptime(pl.Datetime("us"), "%Y-%m-%d %H:%M:%S", strict=False)
    return parsed.dt.replace_time_zone(ZONE, ambiguous="earliest", non_existent="null")


def _loosely(parsed: pl.DataFrame) -> pl.DataFrame:
    """The block's date columns where the strict spellings left a cell unread, parsed loosely."""
    unread = parsed.select(
        ((_t(name) != "") & pl.col(field).is_null()).any().alias(field)
        for name, field in MOMENTS.items()
    ).row(0, named=True)
    again = {
        field: _loose_moment(_t(name), day_end=name == "NgayHenTra")
        for name, field in MOMENTS.items()
        if unread[field]
    }
    return parsed.with_columns(**again) if again else parsed


def parse_block(raw: pl.DataFrame, mapping: dict[str, int], first: int) -> pl.DataFrame:
    """Every row of `raw` (columns c0…, strings) parsed: the FIELDS, plus `ok` (the row is
    surely valid). Computed in stages, each naming the columns of the one before: one large
    expression took Polars' optimiser seconds per block."""
    names = list(cols.DOSSIER_COLUMNS)
    plain = [
        _cell(mapping, name).is_null() | ~_cell(mapping, name).str.contains(_NOT_PLAIN)
        for name in names
    ]
    texts = raw.select(
        row=pl.int_range(first, first + raw.height, dtype=pl.Int64),
        plain=pl.all_horizontal(plain).fill_null(False),
        **{f"t_{name}": _text(_cell(mapping, name)) for name in names},
    )
    parsed = _loosely(texts.with_columns(**_values()))
    return parsed.select(*FIELDS, ok=_checks())


def _t(name: str) -> pl.Expr:
    return pl.col(f"t_{name}")


def _values() -> dict[str, pl.Expr]:
    """The FIELDS from the stripped texts `t_<column>` (where a cell has a strict spelling)."""
    t = _t
    values: dict[str, pl.Expr] = {}
    for name, (field, _limit) in CODES.items():
        values[field] = t(name)
    for name, field in MOMENTS.items():
        values[field] = _moment(t(name), day_end=name == "NgayHenTra")
    for name, field in FLAGS.items():
        values[field] = t(name).str.to_lowercase().is_in(_TRUE)
    values["e_result"] = values["e_result"] | (t("DuongDanTepTinKetQua") != "")
    status = t("TrangThaiHoSo")
    values["status"] = (
        pl.when(status == "").then(None).otherwise(status.str.to_integer(strict=False))
    ).cast(pl.Int64)
    channel = t("KenhThucHien")
    values["channel"] = (
        pl.when(channel.is_in(["", "1"])).then(1).otherwise(channel.str.to_integer(strict=False))
    ).cast(pl.Int64)
    paid = t("DuocThanhToanTrucTuyen").str.to_lowercase()
    values["paid_online"] = (
        pl.when(paid.is_in(["1", "2"]))
        .then(paid.str.to_integer(strict=False))
        .when(paid.is_in(_FALSE))
        .then(0)
        .otherwise(1)
    ).cast(pl.Int64)
    supplements = t("SoLanBoSung")
    values["supplements"] = (
        pl.when(supplements == "").then(0).otherwise(supplements.str.to_integer(strict=False))
    ).cast(pl.Int64)
    return values


def _checks() -> pl.Expr:
    """Whether the row is surely valid: every cell plain and strictly spelled, dates in order."""
    t = _t
    status, channel = t("TrangThaiHoSo"), t("KenhThucHien")
    paid, supplements = t("DuocThanhToanTrucTuyen").str.to_lowercase(), t("SoLanBoSung")
    checks = [pl.col("plain"), pl.col("received").is_not_null()]
    for field, limit in CODES.values():
        size = pl.col(field).str.len_chars()
        checks.append((size > 0) & (size <= limit))
    for name, field in MOMENTS.items():
        year = pl.col(field).dt.year()
        checks.append((t(name) == "") | ((year >= 1976) & (year <= 2200)))
    for name in FLAGS:
        checks.append(t(name).str.to_lowercase().is_in((*_TRUE, *_FALSE)))
    checks += [
        (status == "")
        | (status.str.contains(r"^[0-9]{1,2}$") & pl.col("status").is_between(1, 10)),
        channel.is_in(["", "1", "2", "3"]),
        paid.is_in(["1", "2", *_FALSE, *_TRUE]),
        (supplements == "") | supplements.str.contains(r"^[0-9]{1,3}$"),
    ]
    received, due = pl.col("received"), pl.col("due")
    checks += [
        due.is_null() | (due >= received),
        pl.col("processing_ended").is_null() | (pl.col("processing_ended") >= received),
        pl.col("returned").is_null() | (pl.col("returned") >= received),
        pl.col("supplement_requested").is_null()
        | pl.col("supplement_supplied").is_null()
        | (pl.col("supplement_supplied") >= pl.col("supplement_requested")),
    ]
    ok = pl.lit(True)
    for check in checks:
        ok = ok & check.fill_null(False)
    return ok


class BlockReader:
    """Reads the data lines of a CSV file, block by block, into items (see module doc)."""

    def __init__(self, table: Table, data: IO[bytes], start: int) -> None:
        self.table = table
        self.data = data
        self.mapping = table.header.mapping
        self.width = len(table.header.names)
        self.reference = DossierRows(self.mapping)  # the slow rows, and the codes they hold
        self.seen = SeenCodes()
        self.number = table.header.row  # the number of the last row read
        self.line = start  # physical lines before the block (for messages)
        self.run, self.last_blank, self.stop = 0, -1, max_empty_rows()
        self.ended = False

    def items(self) -> Iterator[Item]:
        rest = b""
        while not self.ended:
            piece = self.data.read(CHUNK_BYTES)
            chunk = rest + piece
            if not chunk:
                return
            end = cut(chunk) if piece else len(chunk)
            if end == 0:  # one line longer than a block: read on
                rest = chunk
                continue
            block, rest = chunk[:end], chunk[end:]
            handled = self._block(block)
            if handled is None:  # the block reader cannot vouch for this: the reference reads on
                yield from self._reference(_Chained(block + rest, self.data))
                return
            yield from handled

    def _block(self, block: bytes) -> list[Item] | None:
        try:
            block.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise decode_error(self.line + block.count(b"\n", 0, exc.start) + 1) from None
        lines = block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
        if block.count(b'"') % 2 or block.count(b"\r") != block.count(b"\r\n"):
            return None
        try:
            raw = pl.read_csv(
                block,
                has_header=False,
                schema={f"c{i}": pl.String for i in range(self.width)},
                separator=self.table.delimiter,
                truncate_ragged_lines=True,
                raise_if_empty=False,
            )
        except pl.exceptions.PolarsError:
            return None
        first, delimiter = self.number + 1, self.table.delimiter
        records: list[list[bytes]] | None = None  # each row's lines, where rows span lines
        if raw.height != lines:  # a line break inside a quoted cell, or more than a block
            records = records_of(block, delimiter)
            if records is None or len(records) != raw.height:
                return None
        parsed = parse_block(raw, self.mapping, first)
        split: list[bytes] = []

        def row_of(number: int) -> Sequence[object]:
            """A slow row's cells as Python's csv reads them (the reference's reader)."""
            if records is not None:
                return row_cells(records[number - first], delimiter)
            if not split:
                split.extend(block.split(b"\n"))
            text = split[number - first].decode("utf-8")
            return next(csv.reader([text], delimiter=delimiter), [])

        items = self.split(parsed, row_of)
        self.number += raw.height
        self.line += lines
        return items

    def split(self, parsed: pl.DataFrame, row_of: Callable[[int], Sequence[object]]) -> list[Item]:
        """The block's fast rows (one RecordBlock) and its slow rows (reference items)."""
        counts = parsed.group_by("code").len()
        repeated = counts.filter(pl.col("len") > 1)["code"]
        earlier = parsed.join(
            self.seen.find(parsed["code"]), left_on="code", right_on="key", how="inner"
        )
        known = set(self.reference.seen)
        fast = pl.col("ok") & ~pl.col("code").is_in(repeated.implode())
        fast = fast & ~pl.col("code").is_in(earlier["code"].implode())
        fast = fast & ~pl.col("code").is_in(pl.Series(list(known), dtype=pl.String).implode())
        parsed = parsed.with_columns(fast=fast)
        slow = parsed.filter(~pl.col("fast")).select("row")["row"].to_list()
        firsts = dict(earlier.select("code", "first").unique("code").iter_rows())
        items: list[Item] = []
        end = self._slow_rows(slow, row_of, firsts, items, self.number + parsed.height + 1)
        good = parsed.filter(pl.col("fast") & (pl.col("row") < end))
        if good.height:
            self.seen.add(good.select(key=pl.col("code"), first=pl.col("row")))
            items.append(RecordBlock(good.select(FIELDS)))
        return items

    def _slow_rows(
        self,
        slow: list[int],
        row_of: Callable[[int], Sequence[object]],
        firsts: dict[str, int],
        items: list[Item],
        end: int,
    ) -> int:
        """Read the slow rows with the reference reader; returns the row number where the table
        ends (a long run of empty rows), or `end`, one past the block."""
        for number in slow:
            read = self._read_row(number, row_of(number), firsts)
            if read is None:
                self.ended = True
                return number
            items.extend(read)
        return end

    def _read_row(
        self, number: int, row: Sequence[object], firsts: dict[str, int]
    ) -> list[Item] | None:
        """One row by the reference reader: its record or its errors (nothing for an empty
        row), or None where a long run of empty rows ends the table. `firsts` holds the rows
        where codes the fast path took first stand, so a repeat is told where."""
        row = row[: max_columns()]
        if blank(row):
            self.run = self.run + 1 if number == self.last_blank + 1 else 1
            self.last_blank = number
            return None if self.run >= self.stop else []
        code = _code_of(row, self.mapping)
        if code in firsts and code not in self.reference.seen:
            self.reference.seen[code] = firsts[code]
        result = self.reference.read(number, row)
        return list(result) if isinstance(result, list) else [result]

    def _reference(self, rest: io.RawIOBase) -> Iterator[Item]:
        """The rest of the file read row by row, as `reading.iter_dossiers` does."""
        codes = dict(self.seen.rows())
        text = io.TextIOWrapper(io.BufferedReader(rest), encoding="utf-8", newline="")
        reader = csv.reader(text, delimiter=self.table.delimiter)
        number = self.number
        try:
            for row in reader:
                number += 1
                read = self._read_row(number, row, codes)
                if read is None:
                    return
                yield from read
        except UnicodeDecodeError:
            raise decode_error(self.line + reader.line_num + 1) from None
        except csv.Error as exc:
            raise DossierFileError(
                _("Line %(line)s cannot be read as CSV: %(reason)s")
                % {"line": self.line + reader.line_num, "reason": exc}
            ) from None


class _Chained(io.RawIOBase):
    """Bytes already read, then the rest of a stream, as one binary stream."""

    def __init__(self, first: bytes, rest: IO[bytes]) -> None:
        self.first, self.rest = first, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.first:
            self.first = self.rest.read(len(buffer))
        size = min(len(buffer), len(self.first))
        buffer[:size] = self.first[:size]
        self.first = self.first[size:]
        return size


def _code_of(row: Sequence[object], mapping: dict[str, int]) -> str:
    index = mapping.get("MaHoSo")
    if index is None or index >= len(row):
        return ""
    value = row[index]
    return "" if value is None else str(value).strip()


def read_dossiers(
    source: str | Path | IO[bytes],
    *,
    filename: str = "",
    sheet: str | None = None,
    mapping: dict[str, int | None] | None = None,
) -> Iterator[Item]:
    """The rows of a dossier file as blocks of valid rows, single records and errors — the
    same rows, values and errors as `reading.iter_dossiers`, faster. Excel sheets are read
    by `sheets.py`; CSV files whose top the block reader cannot place by the reference."""
    from .reading import iter_dossiers

    table = open_table(source, filename=filename, sheet=sheet, mapping=mapping)
    try:
        if table.kind == "xlsx" and table.source is not None:
            from .sheets import sheet_items

            yield from sheet_items(table, table.source, sheet)
            return
        start = data_start(table)
        if start is None:
            table.close()
            yield from iter_dossiers(source, filename=filename, sheet=sheet, mapping=mapping)
            return
        data, offset, lines = start
        data.seek(offset)
        yield from BlockReader(table, data, lines).items()
    finally:
        table.close()
