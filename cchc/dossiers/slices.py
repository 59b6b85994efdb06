"""An Excel sheet cut into small workbooks of a few thousand rows each, for calamine.

calamine reads a sheet in Rust, but whole: a 200,000-row sheet (150 MB of XML) held 530 MB. Here
the sheet's XML is unzipped as a stream and cut after a `</row>` every `SLICE_BYTES`; each piece,
between the sheet's own opening tags and `</sheetData></worksheet>`, is stored as the same sheet
of a workbook holding the original's workbook, styles, shared strings and theme (what gives
dates and strings their values), which calamine reads as it would read the file. Only a slice
is in memory at a time.

A sheet is cut only where the cut is sure: its XML must name `sheetData` within its first
`HEAD_BYTES`, each slice's first row must carry its number (`r="…"`, which calamine places it by)
and come after the last slice's rows, and a slice must hold no comment, CDATA or processing
instruction (where a `</row>` could stand that ends no row). Otherwise `Unsliced` is raised, and
the caller reads the rest of the sheet with the reference (as it does where the archive turns
out damaged).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from typing import IO, Any

from cchc.documents.workbook import sheet_parts

SLICE_BYTES = 4 << 20  # about 5,000 rows of a one-stop export
HEAD_BYTES = 1 << 20
_READ = 1 << 20
_SHEET_DATA = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?sheetData\b[^>]*?(/?)>")
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")
_FIRST_ROW = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*)>")
_NUMBERED = re.compile(rb"\sr\s*=")


class Unsliced(Exception):
    """The sheet cannot be cut for sure from here on (see the module's doc)."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id → (type, target part name)."""
    from defusedxml.ElementTree import fromstring

    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, tuple[str, str]] = {}
    for node in fromstring(archive.read(rels)):
        target = node.get("Target", "")
        if node.get("TargetMode") == "External" or not target:
            continue
        full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[node.get("Id", "")] = (node.get("Type", ""), posixpath.normpath(full))
    return found


_KEPT = ("/styles", "/sharedStrings", "/theme")  # the workbook's parts that give cells values


def sheet_part(archive: zipfile.ZipFile, sheet: str | None) -> tuple[str, str, list[str]] | None:
    """(name, part) of the named sheet, or of the first worksheet (as openpyxl picks it), and
    the other parts a slice's workbook holds: the package's and the workbook's own, its
    styles, shared strings and theme."""
    from defusedxml.ElementTree import fromstring

    worksheets = sheet_parts(archive.read("[Content_Types].xml"))
    books = [t for kind, t in _relations(archive, "").values() if kind.endswith("/officeDocument")]
    if len(books) != 1:
        return None
    book = books[0]
    relations = _relations(archive, book)
    folder, base = posixpath.split(book)
    kept = [
        "[Content_Types].xml",
        "_rels/.rels",
        book,
        posixpath.join(folder, "_rels", base + ".rels"),
    ]
    kept += [target for kind, target in relations.values() if kind.endswith(_KEPT)]
    for node in fromstring(archive.read(book)).iter():
        if _local(node.tag) != "sheet":
            continue
        key = next((v for k, v in node.attrib.items() if _local(k) == "id"), "")
        part = relations.get(key, ("", ""))[1]
        if part in worksheets and (sheet is None or node.get("name") == sheet):
            names = set(archive.namelist())
            return node.get("name", ""), part, [name for name in kept if name in names]
    return None


def _head(source: IO[bytes]) -> tuple[bytes, bytes, bytes, bool]:
    """(opening, prefix, rest, empty): the sheet's XML up to and with `<sheetData>` reduced to
    the declaration and the root's opening tag, the namespace prefix of its elements, the bytes
    read past it, and whether the sheet has no rows at all (`<sheetData/>`)."""
    buffer = b""
    while True:
        piece = source.read(_READ)
        buffer += piece
        found = _SHEET_DATA.search(buffer)
        if found:
            break
        if not piece or len(buffer) > HEAD_BYTES:
            raise Unsliced
    prefix = found.group(1) + b":" if found.group(1) else b""
    root = re.search(rb"<" + re.escape(prefix) + rb"worksheet\b[^>]*>", buffer[: found.start()])
    if root is None or root.group(0).endswith(b"/>"):
        raise Unsliced
    declaration = _DECLARATION.match(buffer)
    opening = (declaration.group(0) if declaration else b"") + root.group(0)
    tag = b"<" + prefix + b"sheetData>"
    return opening + tag, prefix, buffer[found.end() :], bool(found.group(2))


def xml_slices(source: IO[bytes]) -> Iterator[bytes]:
    """The sheet's XML (a binary stream) as complete sheets of about SLICE_BYTES each."""
    opening, prefix, rest, empty = _head(source)
    if empty:
        return
    closing = b"</" + prefix + b"sheetData></" + prefix + b"worksheet>"
    end_row, end_data = b"</" + prefix + b"row>", b"</" + prefix + b"sheetData>"
    looked = 0
    while True:
        stop = rest.find(end_data, looked)
        if stop >= 0:
            yield _slice(opening, rest[:stop], closing)
            return
        if len(rest) >= SLICE_BYTES:
            cut = rest.rfind(end_row)
            if cut >= 0:
                cut += len(end_row)
                yield _slice(opening, rest[:cut], closing)
                rest = rest[cut:]
            elif len(rest) > 4 * SLICE_BYTES:
                raise Unsliced
        looked = max(0, len(rest) - len(end_data))
        piece = source.read(_READ)
        if not piece:
            raise Unsliced  # the sheet ends before its data does: the reference says where
        rest += piece


def _slice(opening: bytes, rows: bytes, closing: bytes) -> bytes:
    if b"<!" in rows or b"<?" in rows:
        raise Unsliced
    first = _FIRST_ROW.search(rows)
    if first is not None and not _NUMBERED.search(first.group(1)):
        raise Unsliced
    return opening + rows + closing


def _workbook(others: list[tuple[str, bytes]], part: str, xml: bytes) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in others:
            archive.writestr(name, data)
        archive.writestr(part, xml)
    out.seek(0)
    return out


def sliced_rows(stream: IO[bytes], sheet: str | None) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells from column A) of every row calamine finds in the sheet, slice after
    slice; raises `Unsliced` where the rest cannot be read so (nothing of that slice given)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        archive = zipfile.ZipFile(stream)
        located = sheet_part(archive, sheet)
    except Exception:  # any doubt: the reference reads it, and says why
        raise Unsliced from None
    if located is None:
        raise Unsliced
    name, part, kept = located
    with archive:
        others = [(kept_part, archive.read(kept_part)) for kept_part in kept]
        done = 0  # rows given so far
        with archive.open(part) as source:
            for xml in _guarded(xml_slices(source)):
                try:
                    found = CalamineWorkbook.from_filelike(_workbook(others, part, xml))
                    cells = found.get_sheet_by_name(name)
                    start, rows = cells.start, cells.to_python()
                except (CalamineError, ValueError, OSError):
                    raise Unsliced from None
                if start is None:
                    continue
                if start[0] < done:
                    raise Unsliced  # rows out of order, or numbered from 1 again
                yield from _numbered(rows, start)
                done = start[0] + len(rows)


def _guarded(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """The slices, a damaged archive (a bad deflate stream, a wrong checksum) said as Unsliced:
    the reference reads on, and names the row it cannot read."""
    try:
        yield from pieces
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise Unsliced from None


def _numbered(rows: Sequence[list[Any]], start: tuple[int, int]) -> Iterator[tuple[int, list[Any]]]:
    """A slice's rows numbered as in the sheet, the empty columns left of it put back."""
    padding: list[Any] = [None] * start[1]
    for index, row in enumerate(rows, start=start[0] + 1):
        yield index, padding + row if padding else row
