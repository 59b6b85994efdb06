"""Dossier and catalogue files (CSV or Excel) and API batches → validated records.

One validation path for the command line, the web import and the API: a row becomes a
`DossierRecord` or one `RowError` per bad cell, each naming the row as the user sees it in the
file, the canonical column, the value and the reason in Vietnamese. Files are read as a stream
(a 500 MB export never sits in memory); what cannot be read at all — not a CSV, a broken Excel
file, no header, a required column missing — raises `DossierFileError` before any row.

The file rules are the contract's (`specs/dossiers-and-indicators.md`): UTF-8 with or without
BOM, `,` or `;` (or tab) separated; dates `YYYY-MM-DD[ HH:MM[:SS]]`, `YYYY-MM-DDTHH:MM[:SS]`,
`dd/mm/yyyy[ HH:MM[:SS]]` in local time; booleans `1/0`, `true/false`, `có/không`, `x`/empty.
A date without a time is that day at 00:00, as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _

from . import columns as cols
from .columns import Header
from .records import DossierRecord, ProcedureRecord, RowError

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
csv.field_size_limit(1 << 24)


class DossierFileError(Exception):
    """A file that cannot be read as a dossier or catalogue table; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- cells ---------------------------------------------------------------------------------
class CellError(ValueError):
    """A cell that does not hold what its column needs; the argument is the Vietnamese reason."""


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date_error() -> CellError:
    return CellError(
        _("Not a valid date (expected dd/mm/yyyy or yyyy-mm-dd, optionally with hh:mm[:ss]).")
    )


def _clock(text: str) -> tuple[int, int, int]:
    parts = text.split(".", 1)[0].split(":")  # milliseconds, when written, are dropped
    if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) <= 2 for p in parts):
        raise _date_error()
    hour, minute = int(parts[0]), int(parts[1])
    second = int(parts[2]) if len(parts) == 3 else 0
    return hour, minute, second


def parse_moment(value: object) -> dt.datetime | None:
    """A cell as an aware local date-time; None when empty; CellError when not a date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=LOCAL)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=LOCAL)
    text = _as_text(value)
    if not text:
        return None
    day_part, _sep, time_part = text.replace("T", " ", 1).partition(" ")
    time_part = time_part.strip()
    try:
        if len(day_part) == 10 and day_part[4] == "-" and day_part[7] == "-":
            year, month, day = int(day_part[:4]), int(day_part[5:7]), int(day_part[8:])
        else:
            pieces = day_part.split("/")
            if len(pieces) != 3 or len(pieces[2]) != 4 or not all(p.isdigit() for p in pieces):
                raise _date_error()
            day, month, year = int(pieces[0]), int(pieces[1]), int(pieces[2])
        hour, minute, second = _clock(time_part) if time_part else (0, 0, 0)
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=LOCAL)
    except ValueError as exc:
        if isinstance(exc, CellError):
            raise
        raise _date_error() from None


_TRUE = frozenset({"1", "true", "có", "co", "x", "yes"})
_FALSE = frozenset({"", "0", "false", "không", "khong", "no"})


def parse_bool(value: object) -> bool:
    text = _as_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("Expected 1/0, có/không, true/false or x/empty."))


def _small_int(value: object, low: int, high: int, default: int | None) -> int | None:
    text = _as_text(value)
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise CellError(
            _("Expected a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return int(text)


def _channel(value: object) -> int:
    text = _as_text(value)
    if text in ("", "1"):
        return 1
    if text in ("2", "3"):
        return int(text)
    raise CellError(_("Expected 1 (in person), 2 (online), 3 (postal) or empty."))


def _paid(value: object) -> int:
    text = _as_text(value).lower()
    if text in ("1", "2"):
        return int(text)
    if text in _FALSE:
        return 0
    if text in _TRUE:
        return 1
    raise CellError(_("Expected 1 (national portal), 2 (local gateway), 0 or empty."))


def _code(value: object, limit: int) -> str:
    text = _as_text(value)
    if len(text) > limit:
        raise CellError(_("Longer than %(n)s characters.") % {"n": limit})
    if any(unicodedata.category(c) == "Cc" for c in text):
        # a NUL byte is refused by PostgreSQL and hides the rest of a code in most tools
        raise CellError(_("Contains a control character (NUL, tab, line break, …)."))
    return text


# --- rows ----------------------------------------------------------------------------------
_MOMENTS = ("NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTraKetQua")
_SUPPLEMENT_MOMENTS = ("NgayYeuCauBoSung", "NgayBoSung")
_FLAGS = {
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
            errors.append(RowError(number, name, _as_text(cell(name))[:200], reason))

        code = self._text(cell, fail, "MaHoSo", 80)
        procedure = self._text(cell, fail, "MaTTHC", 40)
        unit = self._text(cell, fail, "MaDonVi", 64)
        moments: dict[str, dt.datetime | None] = {}
        for name in (*_MOMENTS, *_SUPPLEMENT_MOMENTS):
            try:
                moments[name] = parse_moment(cell(name))
            except CellError as exc:
                fail(name, str(exc))
                moments[name] = None
        received, due = moments["NgayTiepNhan"], moments["NgayHenTra"]
        for name in ("NgayTiepNhan", "NgayHenTra"):
            if moments[name] is None and not any(e.column == name for e in errors):
                fail(name, _("Required: the column is empty in this row."))
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
        values: dict[str, Any] = {}
        for name, attribute in _FLAGS.items():
            try:
                values[attribute] = parse_bool(cell(name))
            except CellError as exc:
                fail(name, str(exc))
        for name, reader in (
            ("TrangThaiHoSo", lambda v: _small_int(v, 1, 10, None)),
            ("KenhThucHien", _channel),
            ("DuocThanhToanTrucTuyen", _paid),
            ("SoLanBoSung", lambda v: _small_int(v, 0, 999, 0)),
        ):
            try:
                values[name] = reader(cell(name))
            except CellError as exc:
                fail(name, str(exc))
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
        assert received is not None and due is not None
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
            e_result=values["e_result"] or bool(_as_text(cell("DuongDanTepTinKetQua"))),
            supplements=values["SoLanBoSung"],
            supplement_requested=requested,
            supplement_supplied=supplied,
            apology=values["apology"],
        )

    @staticmethod
    def _text(cell, fail, name: str, limit: int) -> str:
        try:
            text = _code(cell(name), limit)
        except CellError as exc:
            fail(name, str(exc))
            return ""
        if not text:
            fail(name, _("Required: the column is empty in this row."))
        return text


def parse_dossier_dicts(
    items: Iterable[dict[str, object]], *, first_row: int = 1
) -> tuple[list[DossierRecord], list[RowError]]:
    """API batches: dicts keyed by canonical names; rows numbered from `first_row`."""
    names = list(cols.DOSSIER_COLUMNS)
    reader = DossierRows({name: index for index, name in enumerate(names)})
    records: list[DossierRecord] = []
    errors: list[RowError] = []
    for number, item in enumerate(items, start=first_row):
        result = reader.read(number, [item.get(name) for name in names])
        if isinstance(result, list):
            errors.extend(result)
        else:
            records.append(result)
    return records, errors


# --- limits --------------------------------------------------------------------------------
# A small file must not tie the server up: these are checked before the work they bound
# (settings documented in docs/configuration.md).
def max_columns() -> int:
    return int(getattr(settings, "MAX_COLUMNS", 200))


def max_empty_rows() -> int:
    """A run of this many empty rows ends the table: what follows is not read."""
    return int(getattr(settings, "MAX_EMPTY_ROWS", 1000))


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "MAX_UNZIPPED_MB", 50)) * 1024 * 1024


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# Sheets are streamed row by row; every other part of a workbook is read whole into memory.
# openpyxl finds parts by their content type, so that is what tells a sheet (not its name).
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"))


def _entities_refused(exc: BaseException | None) -> bool:
    """Whether defusedxml refused entities somewhere in the chain (openpyxl wraps errors)."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _entities_error() -> DossierFileError:
    return DossierFileError(
        _(
            "The Excel file declares XML entities (DOCTYPE/ENTITY), which Excel never writes: "
            "it may have been altered to hang the server, so it is not read."
        )
    )


def _sheet_parts(content_types: bytes) -> set[str]:
    """The names of the parts `[Content_Types].xml` declares as worksheets."""
    from defusedxml.ElementTree import fromstring

    if any(mark in content_types for mark in _DTD_MARKS):
        raise _entities_error()
    return {
        str(node.get("PartName", "")).lstrip("/")
        for node in fromstring(content_types)
        if node.tag.endswith("Override") and node.get("ContentType") == _SHEET_TYPE
    }


def _check_workbook(stream: IO[bytes]) -> None:
    """Refuse a workbook before loading it: the parts read into memory unzip beyond the limit
    (sizes the archive declares; `zipfile` stops at them while reading), or a part declares a
    DTD (entities that expand a few bytes into gigabytes; Excel never writes one)."""
    limit = max_unzipped_bytes()

    def too_large(size: int) -> DossierFileError:
        return DossierFileError(
            _(
                "The Excel file unzips to %(size)s MB besides its sheets, over the limit "
                "of %(limit)s MB (an unusual archive). Open it in Excel and save it again."
            )
            % {"size": _number(round(size / 1_048_576)), "limit": limit // 1_048_576}
        )

    try:
        with zipfile.ZipFile(stream) as archive:
            types = archive.getinfo("[Content_Types].xml")
            if types.file_size > limit:
                raise too_large(types.file_size)
            sheets = _sheet_parts(archive.read(types))
            members = archive.infolist()
            size = sum(m.file_size for m in members if m.filename not in sheets)
            if size > limit:
                raise too_large(size)
            for member in members:
                if not member.filename.endswith((".xml", ".rels")):
                    continue
                if member.filename not in sheets:
                    head = archive.read(member)
                else:  # a sheet: its prolog, where a DTD must stand (defusedxml guards the rest)
                    with archive.open(member) as part:
                        head = part.read(65536)
                if any(mark in head for mark in _DTD_MARKS):
                    raise _entities_error()
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error, KeyError, SyntaxError) as exc:
        raise DossierFileError(
            _("The Excel file cannot be read (damaged or not a workbook): %(reason)s")
            % {"reason": exc.__class__.__name__}
        ) from None
    finally:
        stream.seek(0)


# --- files ---------------------------------------------------------------------------------
@dataclass
class Table:
    """An open file: its header and the data rows after it, as (row number, cells)."""

    header: Header
    rows: Iterator[tuple[int, Sequence[object]]]
    kind: str  # "csv" or "xlsx"
    stream: IO[bytes] | None = None  # the file this module opened (closed by `close`)
    rows_read: int = 0  # rows taken from the file so far, header rows and empty rows included

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


def _decode_error(line: int) -> DossierFileError:
    return DossierFileError(
        _(
            "Line %(line)s is not UTF-8 text. Save the file as 'CSV UTF-8' (Excel: File → Save "
            "As → CSV UTF-8) and import it again."
        )
        % {"line": line}
    )


def _csv_rows(stream: IO[bytes]) -> Iterator[Sequence[object]]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    head: list[str] = []
    try:
        for line in text:
            head.append(line)
            if len(head) >= cols.HEADER_SEARCH_ROWS:
                break
    except UnicodeDecodeError:
        raise _decode_error(len(head) + 1) from None
    # The separator is the one that cuts some line of the top into the most cells: the first
    # line alone may be a title ("DANH SÁCH HỒ SƠ THÁNG 3/2024") with none at all.
    delimiter = max(
        (",", ";", "\t"), key=lambda sep: max((ln.count(sep) for ln in head), default=0)
    )
    reader = csv.reader(_chain_first(head, text), delimiter=delimiter)
    try:
        yield from reader
    except UnicodeDecodeError:
        raise _decode_error(reader.line_num + 1) from None
    except csv.Error as exc:
        raise DossierFileError(
            _("Line %(line)s cannot be read as CSV: %(reason)s")
            % {"line": reader.line_num, "reason": exc}
        ) from None


def _chain_first(first: list[str], rest: IO[str]) -> Iterator[str]:
    yield from first
    yield from rest


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


def _xlsx_rows(stream: IO[bytes], sheet: str | None) -> Iterator[Sequence[object]]:
    import openpyxl

    _check_workbook(stream)
    _bounded_sheets()
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        # SyntaxError: XML that does not parse (lxml's and ElementTree's errors derive from it)
        if _entities_refused(exc):  # openpyxl parses sheets with defusedxml
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
            if _entities_refused(exc):
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
    raw = _xlsx_rows(stream, sheet) if kind == "xlsx" else _csv_rows(stream)
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

    table = Table(header=header, rows=iter(()), kind=kind, stream=stream if owned else None)
    table.rows_read = len(top)
    table.rows = _data_rows(table, top[header.row :], raw, limit)
    return table


def _width(row: Sequence[object]) -> int:
    """The number of cells up to the last one that is not empty."""
    width = len(row)
    while width and _blank(row[width - 1 : width]):
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
    raise DossierFileError(message % {"row": number, "n": _number(width), "limit": limit})


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
        if _blank(row):
            run += 1
            if run >= stop:
                return
        else:
            run = 0
        yield number, row[:limit] if len(row) > limit else row


def _blank(row: Sequence[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


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
            if _blank(row):
                continue
            result = reader.read(number, row)
            if isinstance(result, list):
                yield from result
            else:
                yield result
    finally:
        table.close()


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


def _procedure_rows(table: Table) -> tuple[list[ProcedureRecord], list[RowError]]:
    index = table.header.mapping
    records: list[ProcedureRecord] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, row in table.rows:
        if _blank(row):
            continue

        def cell(name: str, row=row) -> object:
            position = index.get(name)
            return row[position] if position is not None and position < len(row) else None

        row_errors: list[RowError] = []
        code, name = _as_text(cell("MaTTHC")), _as_text(cell("TenTTHC"))
        for column, text, limit in (("MaTTHC", code, 40), ("TenTTHC", name, 1000)):
            if not text:
                row_errors.append(
                    RowError(number, column, "", _("Required: the column is empty in this row."))
                )
            elif len(text) > limit:
                row_errors.append(
                    RowError(
                        number,
                        column,
                        text[:200],
                        _("Longer than %(n)s characters.") % {"n": limit},
                    )
                )
        if code in seen:
            row_errors.append(
                RowError(
                    number,
                    "MaTTHC",
                    code,
                    _("The same procedure code is already on row %(row)s.") % {"row": seen[code]},
                )
            )
        elif code:
            seen[code] = number
        flags: dict[str, bool] = {}
        for column, attribute in (
            ("DuDieuKienToanTrinh", "full_online_eligible"),
            ("CoPhiLePhi", "has_fee"),
            ("TichHopThanhToan", "payment_integrated"),
            ("TraKetQuaGiayTo", "returns_document"),
        ):
            try:
                flags[attribute] = parse_bool(cell(column))
            except CellError as exc:
                row_errors.append(RowError(number, column, _as_text(cell(column))[:200], str(exc)))
        if row_errors:
            errors.extend(row_errors)
            continue
        records.append(
            ProcedureRecord(
                row=number,
                code=code,
                name=name,
                field=_as_text(cell("LinhVuc"))[:255],
                level=_as_text(cell("CapThucHien"))[:100],
                legal_time=_as_text(cell("ThoiGianGiaiQuyet"))[:40],
                time_unit=_as_text(cell("DonViTinh"))[:40],
                **flags,
            )
        )
    return records, errors


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
            if _blank(row):
                continue
            sample.append((number, [_as_text(cell) for cell in row]))
            if len(sample) >= rows:
                break
    finally:
        table.close()
    return Preview(header=table.header, sample=sample, kind=table.kind)
