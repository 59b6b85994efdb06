"""Readers: bytes of a .txt/.md, .docx or .pdf file → the neutral `Document`.

The format is decided from the content (magic bytes), the extension only picks the error
message when the two disagree: a `.docx` that is not a zip archive is reported as a broken
Word file, not as unknown text. Diacritics are repaired here, once, for every format.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from itertools import pairwise
from pathlib import Path

from cchc.documents import workbook

from . import errors
from .document import Block, Cell, Document, Paragraph, Row, Table
from .docx_numbering import Numbering
from .pdf_columns import BorderlessTables
from .pdf_overdrawn import without_overdrawn
from .repair import nfc, repair_diacritics

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word's copy of a text box for old readers, and text a tracked change moved elsewhere
_NOT_SHOWN = ("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
              _W + "moveFrom")  # fmt: skip


def read_bytes(data: bytes, name: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a plan file's bytes; raise `PlanImportError` for anything unreadable."""
    if len(data) > max_bytes:
        raise errors.too_large(len(data), max_bytes)
    if not data.strip():
        raise errors.empty_file()
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        return read_pdf(data, name)
    if data.startswith(b"PK\x03\x04"):
        if data[30:38] == b"mimetype" and b"opendocument" in data[38:120]:
            raise errors.other_document("OpenDocument (.odt, .ods) của LibreOffice/OpenOffice")
        if suffix in (".xlsx", ".xlsm") or workbook.is_workbook(data):
            return read_xlsx(data, name)
        return read_docx(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise errors.legacy_doc()
    if data.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        raise errors.other_document("RTF (.rtf)")
    if suffix == ".docx":
        raise errors.bad_docx()
    if suffix == ".pdf":
        raise errors.bad_pdf()
    return read_text(decode_text(data), name)


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    path = Path(path)
    if not path.is_file():
        raise errors.not_found(str(path))
    size = path.stat().st_size
    if size > max_bytes:
        raise errors.too_large(size, max_bytes)
    return read_bytes(path.read_bytes(), path.name, max_bytes=max_bytes)


# --- text ------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16, or Windows-1258; refuse binary data."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(codec, errors="replace"))
    head = data[:4096]
    if head.count(0) > len(head) // 4:
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return _checked(data.decode(codec))
        except UnicodeDecodeError:
            raise errors.unknown_format() from None
    for codec in ("utf-8", "cp1258"):
        try:
            return _checked(data.decode(codec))
        except UnicodeDecodeError:
            continue
    raise errors.unknown_format()


def _checked(text: str) -> str:
    """Refuse text that is mostly control characters or replacement marks (binary data)."""
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if not sample.strip() or bad > max(3, len(sample) // 100):
        raise errors.unknown_format()
    return text


def read_text(text: str, name: str = "") -> Document:
    """One raw paragraph per physical line; `layout.py` joins them later."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    limit = max_blocks()
    if text.count("\n") >= limit:
        raise errors.too_long(limit)
    text, repaired = repair_diacritics(nfc(text))
    blocks: list[Block] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for piece in line.split("\f"):
            blocks.append(Paragraph(piece, number, raw=True))
        if "\f" in line:
            blocks.append(Paragraph("\f", number, raw=True))
    fmt = "md" if name.lower().endswith(".md") else "txt"
    return Document(blocks, fmt, name, repaired_words=repaired)


# --- xlsx ------------------------------------------------------------------------------------


def read_xlsx(data: bytes, name: str = "") -> Document:
    """A task appendix kept in a workbook: each sheet's rows as one table, the lines above its
    header (a title such as 'PHỤ LỤC NHIỆM VỤ CCHC NĂM 2024') as paragraphs. Read with the
    shared hardened reader (`cchc.documents.workbook`): size and entity checks, read-only."""
    blocks: list[Block] = []
    line = 0
    try:
        for sheet in workbook.read_sheets(data, max_rows=max_blocks()):
            rows = sheet.rows
            start = next((i for i, (_, cells) in enumerate(rows) if _filled(cells) >= 2), None)
            for number, cells in rows[: len(rows) if start is None else start]:
                text = " ".join(c for c in cells if c)
                blocks.append(Paragraph(nfc(" ".join(text.split())), line + number))
            if start is not None:
                table_rows = [
                    Row([Cell(nfc(c)) for c in cells], line + number)
                    for number, cells in rows[start:]
                ]
                blocks.append(Table(table_rows, line + rows[start][0]))
            line += (rows[-1][0] if rows else 0) + 1
    except workbook.WorkbookError as exc:
        if exc.code == "too_large":
            raise errors.xlsx_too_large(exc.size, workbook.max_unzipped_bytes()) from None
        if exc.code == "entities":
            raise errors.xlsx_unsafe() from None
        raise errors.bad_xlsx() from None
    if not blocks:
        raise errors.xlsx_empty()
    return Document(blocks, "xlsx", name)


def _filled(cells: list[str]) -> int:
    return sum(1 for c in cells if c.strip())


# --- docx ------------------------------------------------------------------------------------


def _limit(name: str, default: int) -> int:
    from django.conf import settings

    return int(getattr(settings, name, default))


def max_unzipped_bytes() -> int:
    """Largest unzipped size of a Word package (every part: python-docx loads them all)."""
    return _limit("MAX_UNZIPPED_MB", 50) * 1024 * 1024


def max_blocks() -> int:
    """Most paragraphs + table rows (or lines of text) a plan document may have."""
    return _limit("MAX_DOCUMENT_BLOCKS", 5_000)


def check_package(archive: zipfile.ZipFile) -> None:
    """Refuse a Word package before any parsing: unzipped size over the limit (the sizes the
    archive declares, which `zipfile` enforces while reading), or a part declaring a DTD."""
    members = archive.infolist()
    total, limit = sum(info.file_size for info in members), max_unzipped_bytes()
    if total > limit:
        raise errors.too_expanded(total, limit)
    for info in members:
        xml = info.filename.lower().endswith((".xml", ".rels"))
        if xml and workbook.declares_dtd(archive.read(info)):
            raise errors.unsafe_xml()


def read_docx(data: bytes, name: str = "") -> Document:
    """Paragraphs and tables of the body in document order (merged cells resolved)."""
    from lxml.etree import XMLSyntaxError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise errors.bad_docx()
            check_package(archive)
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, EOFError, zlib.error) as exc:
        # XMLSyntaxError: a part cut in the middle, or one lxml refuses to expand; zlib.error:
        # damaged compressed data
        raise errors.bad_docx() from exc
    reader = _DocxReader(Numbering(document), max_blocks())
    reader.walk(document.element.body)
    if holds_lines(reader.blocks):
        for block in reader.blocks:
            if isinstance(block, Paragraph) and not block.heading_level:
                block.raw = True
    return Document(reader.blocks, "docx", name, repaired_words=reader.repaired)


def holds_lines(blocks: list[Block]) -> bool:
    """A Word file holding a text line by line (a .txt or a PDF's text opened in Word, a plan
    pasted from a PDF), or tab-separated rows instead of a table: its paragraphs are physical
    lines, read as a text file's are (wrapped lines joined, tab rows made tables). Told by its
    paragraphs: many go on, after a paragraph not ending a sentence, in lower case."""
    texts = [b.text.strip() for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    tab_rows = sum(1 for t in texts if t.count("\t") >= 2)
    wrapped = sum(
        1
        for before, after in pairwise(texts)
        if not before.endswith(_SENTENCE_END) and after[:1].islower()
    )
    return tab_rows >= 3 or (wrapped >= 5 and wrapped * 10 >= len(texts))


_SENTENCE_END = (".", "!", "?", ":", ";", "…")


class _DocxReader:
    def __init__(self, numbering: Numbering, limit: int = 5_000) -> None:
        self.blocks: list[Block] = []
        self.counter = 0
        self.repaired = 0
        self.numbering = numbering
        self.limit = limit

    def count(self) -> None:
        """One more paragraph or table row; past the limit, reading stops with an error."""
        self.counter += 1
        if self.counter > self.limit:
            raise errors.too_long(self.limit)

    def text(self, p) -> str:
        """A paragraph's text with the number Word draws before it ('II.', '1.', '-')."""
        label = self.numbering.label(p)
        text = _paragraph_text(p, tab="\t")  # a tab row is told by its tabs (`holds_lines`)
        return f"{label} {text}" if label and text.strip() else text

    def cell_paragraph(self, p) -> str:
        """In a cell an automatic number may be all there is: the STT column ('1.')."""
        label = self.numbering.label(p)
        text = _paragraph_text(p)
        if not label:
            return text
        return f"{label} {text}" if text.strip() else label

    def walk(self, parent) -> None:
        for child in parent.iterchildren():
            if child.tag == _W + "p":
                self.paragraph(child)
            elif child.tag == _W + "tbl":
                self.table(child)
            elif child.tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.walk(content)

    def fix(self, text: str) -> str:
        fixed, count = repair_diacritics(nfc(text))
        self.repaired += count
        return fixed

    def paragraph(self, p) -> None:
        self.count()
        text = self.fix(self.text(p))
        level = _heading_level(p)
        self.blocks.append(Paragraph(text, self.counter, heading_level=level, bold=_is_bold(p)))

    def table(self, tbl) -> None:
        rows: list[Row] = []
        start = self.counter + 1
        for tr in tbl.iterchildren(_W + "tr"):
            self.count()
            cells: list[Cell] = []
            for tc in tr.iterchildren(_W + "tc"):
                span, merged = _cell_props(tc)
                text = "" if merged else self.fix(_cell_text(tc, self.cell_paragraph))
                bold = all(_is_bold(p) for p in tc.iter(_W + "p") if _paragraph_text(p).strip())
                cells.append(Cell(text, merged=merged, bold=bold and bool(text.strip())))
                cells.extend(Cell("", merged=False) for _ in range(span - 1))
            rows.append(Row(cells, self.counter))
        self.blocks.append(Table(rows, start))


def _paragraph_text(p, tab: str = " ") -> str:
    """A paragraph's text as Word shows it: inserted text of tracked changes in, deleted text
    out (`w:delText`), a text box's lines on lines of their own, read once (Word also stores
    a copy for old readers, `mc:Fallback`), moved text where it was moved to."""
    parts: list[str] = []

    def walk(node) -> None:
        for child in node.iterchildren():
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "tab":
                parts.append(tab)
            elif tag == _W + "txbxContent":
                lines = (_paragraph_text(q, tab) for q in child.iter(_W + "p"))
                parts.append("\n" + "\n".join(line for line in lines if line.strip()) + "\n")
            elif tag not in _NOT_SHOWN:
                walk(child)

    walk(p)
    return "".join(parts)


def _cell_text(tc, text=_paragraph_text) -> str:
    """A cell's paragraphs one per line; a nested table's rows as lines of ' | '-joined cells.
    `text` reads one paragraph (with its automatic number)."""
    lines: list[str] = []
    for child in tc.iterchildren():
        if child.tag == _W + "p":
            lines.append(text(child))
        elif child.tag == _W + "tbl":
            for tr in child.iter(_W + "tr"):
                cells = [
                    _cell_text(tc2, text).replace("\n", " ") for tc2 in tr.iterchildren(_W + "tc")
                ]
                lines.append(" | ".join(c for c in cells if c.strip()))
    return "\n".join(line for line in lines if line.strip())


def _cell_props(tc) -> tuple[int, bool]:
    props = tc.find(_W + "tcPr")
    if props is None:
        return 1, False
    span_el = props.find(_W + "gridSpan")
    span = int(span_el.get(_W + "val", "1")) if span_el is not None else 1
    vmerge = props.find(_W + "vMerge")
    merged = vmerge is not None and vmerge.get(_W + "val", "continue") != "restart"
    return max(span, 1), merged


def _heading_level(p) -> int:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    if style is None:
        return 0
    match = re.search(r"(?:heading|tiêu đề|title)\s*(\d)?", style.get(_W + "val", ""), re.I)
    if not match:
        return 0
    return int(match.group(1) or 1)


def _is_bold(p) -> bool:
    runs = [r for r in p.iter(_W + "r") if "".join(t.text or "" for t in r.iter(_W + "t")).strip()]
    if not runs:
        return False
    for run in runs:
        b = run.find(f"{_W}rPr/{_W}b")
        if b is None or b.get(_W + "val", "true") in ("0", "false"):
            return False
    return True


# --- pdf -------------------------------------------------------------------------------------


def read_pdf(data: bytes, name: str = "") -> Document:
    """Text lines outside tables plus ruled tables, page by page, in vertical order."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise errors.bad_pdf() from exc
    except Exception as exc:  # pdfminer raises many private error types for bad files
        raise errors.bad_pdf() from exc
    blocks: list[Block] = []
    line = 0
    chars = images = 0
    borderless = BorderlessTables()
    with pdf:
        for page in pages:
            chars += len(page.chars)
            images += len(page.images)
            page_blocks, line = _pdf_page_blocks(page, line, borderless)
            blocks.extend(page_blocks)
            blocks.append(Paragraph("\f", line, raw=True))
    if chars < 20 * max(1, len(pages)) and not any(
        isinstance(b, Table) or b.text.strip("\f ") for b in blocks
    ):
        raise errors.scanned_pdf()
    if chars < 5 * max(1, len(pages)):
        raise errors.scanned_pdf()
    repaired = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            block.text, count = repair_diacritics(nfc(block.text))
            repaired += count
        else:
            for row in block.rows:
                for cell in row.cells:
                    cell.text, count = repair_diacritics(nfc(cell.text))
                    repaired += count
    return Document(blocks, "pdf", name, repaired_words=repaired)


def _pdf_page_blocks(page, line: int, borderless: BorderlessTables) -> tuple[list[Block], int]:
    """A page's text lines and tables in vertical order: ruled tables as pdfplumber finds
    them, then tables printed without lines, rebuilt from word positions (`pdf_columns`)."""
    page = without_overdrawn(page)
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    text_page = page.filter(_outside(boxes)) if boxes else page
    items: list[tuple[float, Table | str]] = []
    for table, (top, bottom) in borderless.page(text_page.extract_words()):
        items.append((top, table))
        boxes.append((0, top - 1, page.width, bottom + 1))
    if len(boxes) > len(tables):
        text_page = page.filter(_outside(boxes))
    for text_line in text_page.extract_text_lines(return_chars=False):
        items.append((text_line["top"], text_line["text"]))
    for found in tables:
        rows = [Row([Cell(t or "", merged=t is None) for t in r], 0) for r in found.extract()]
        items.append((found.bbox[1], Table(rows, 0, wrapped=True)))
    items.sort(key=lambda item: item[0])
    blocks: list[Block] = []
    for _top, payload in items:
        if isinstance(payload, str):
            line += 1
            blocks.append(Paragraph(payload, line, raw=True))
            continue
        payload.line = line + 1
        for row in payload.rows:
            line += 1
            row.line = row.end_line = line
        blocks.append(payload)
    return blocks, line


def _outside(boxes):
    def outside(obj) -> bool:
        x0, top = obj.get("x0", 0), obj.get("top", 0)
        x1, bottom = obj.get("x1", 0), obj.get("bottom", 0)
        return not any(
            x0 >= b[0] - 1 and x1 <= b[2] + 1 and top >= b[1] - 1 and bottom <= b[3] + 1
            for b in boxes
        )

    return outside
