"""Reading an uploaded Excel workbook (.xlsx) safely: the checks before loading, and its rows.

Any app that takes a workbook from a user reads it through here (the plan importer's task
appendix; the dossier import, which streams its sheet itself, calls `check_workbook` first):

- before loading, the parts read into memory must not unzip beyond `MAX_UNZIPPED_MB` (the
  sizes the archive declares, which `zipfile` enforces while reading), and no XML part may
  declare a DTD (entities that expand a few bytes into gigabytes; Excel never writes one);
- the workbook is opened read-only (sheets streamed row by row), values only (no formulas);
- a sheet is read up to `MAX_COLUMNS` columns, and a run of `MAX_EMPTY_ROWS` empty rows ends it.

Problems are raised as `WorkbookError` with a stable `code` (`damaged`, `too_large`,
`entities`, `empty`); the caller words the message for its own users.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.conf import settings

from cchc.formats import DAY

_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# A DTD can declare entities that expand a few bytes into gigabytes; Office never writes one.
_DTD_MARKS = (
    b"<!DOCTYPE",
    b"<!ENTITY",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!DOCTYPE".encode("utf-16-be"),
)


def declares_dtd(xml: bytes) -> bool:
    """Whether a part of an Office package (workbook, Word document) declares a DTD: the one
    test every reader of uploaded Office files refuses a part by."""
    return any(mark in xml for mark in _DTD_MARKS)


class WorkbookError(Exception):
    """A workbook that is not read; `code` tells why, `size` the unzipped bytes if too large,
    `reason` the name of the error met in a damaged one."""

    def __init__(self, code: str, size: int = 0, reason: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.size = size
        self.reason = reason


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "MAX_UNZIPPED_MB", 50)) * 1024 * 1024


def max_columns() -> int:
    return int(getattr(settings, "MAX_COLUMNS", 200))


def max_empty_rows() -> int:
    """A run of this many empty rows ends the table: what follows is not read."""
    return int(getattr(settings, "MAX_EMPTY_ROWS", 1000))


def is_workbook(data: bytes) -> bool:
    """Whether the bytes are a zip archive holding an Excel workbook."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error):
        return False


def check_workbook(data: bytes | IO[bytes]) -> None:
    """Refuse a workbook (its bytes, or a seekable binary file) before openpyxl loads it (see
    the module's first rule)."""
    limit = max_unzipped_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
            types = archive.getinfo("[Content_Types].xml")
            if types.file_size > limit:
                raise WorkbookError("too_large", types.file_size)
            sheets = sheet_parts(archive.read(types))
            members = archive.infolist()
            size = sum(m.file_size for m in members if m.filename not in sheets)
            if size > limit:
                raise WorkbookError("too_large", size)
            for member in members:
                if not member.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(member) as part:  # a sheet: its prolog, where a DTD stands
                    head = part.read() if member.filename not in sheets else part.read(65536)
                if declares_dtd(head):
                    raise WorkbookError("entities")
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error, KeyError, SyntaxError) as exc:
        raise WorkbookError("damaged", reason=exc.__class__.__name__) from None


def sheet_parts(content_types: bytes) -> set[str]:
    """The names of the parts `[Content_Types].xml` declares as worksheets (refused as
    `entities` when it declares a DTD)."""
    from defusedxml.ElementTree import fromstring

    if declares_dtd(content_types):
        raise WorkbookError("entities")
    return {
        str(node.get("PartName", "")).lstrip("/")
        for node in fromstring(content_types)
        if node.tag.endswith("Override") and node.get("ContentType") == _SHEET_TYPE
    }


@dataclass
class SheetRows:
    """One sheet: its title and its rows (1-based row number, cell texts), empty rows left out."""

    title: str
    rows: list[tuple[int, list[str]]]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time):  # openpyxl's date and time cells
        return value.strftime(DAY)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def read_sheets(data: bytes, *, max_rows: int) -> Iterator[SheetRows]:
    """The checked workbook's sheets in order, each row as text cells (at most `max_rows` rows
    in all; a longer workbook raises `WorkbookError("too_large")`)."""
    from openpyxl import load_workbook

    check_workbook(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl wraps what it meets in many exception types
        raise WorkbookError("entities" if entities_refused(exc) else "damaged") from None
    width, gap = max_columns(), max_empty_rows()
    taken = 0
    try:
        for sheet in workbook.worksheets:
            rows: list[tuple[int, list[str]]] = []
            empty = 0
            for number, values in enumerate(
                sheet.iter_rows(max_col=width, values_only=True), start=1
            ):
                cells = [_text(v) for v in values]
                if not any(cells):
                    empty += 1
                    if empty >= gap:
                        break
                    continue
                empty = 0
                taken += 1
                if taken > max_rows:
                    raise WorkbookError("too_large")
                while cells and not cells[-1]:
                    cells.pop()
                rows.append((number, cells))
            yield SheetRows(sheet.title, rows)
    except WorkbookError:
        raise
    except Exception as exc:
        raise WorkbookError("entities" if entities_refused(exc) else "damaged") from None
    finally:
        workbook.close()


def entities_refused(exc: BaseException | None) -> bool:
    """Whether defusedxml refused entities somewhere in the chain (openpyxl wraps errors): the
    one test, for every reader of Excel files, that a file was refused as hostile."""
    from defusedxml.common import DefusedXmlException

    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
