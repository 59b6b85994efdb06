"""Make the Word file of each unseen plan (plans0167/, plans0169/, plans0174/, plans0178/)
from its .txt, as its author typed it: the letterhead in a two-column borderless table (issuer
and number left, motto and date right; a line typed as both columns side by side, "UỶ BAN
NHÂN DÂN   CỘNG HOÀ …", is split at its gap), paragraphs as typed, and every run of tab rows
as a real Word table. Some authors write a cell's items on lines of their own (`LINED`: the
column and the mark each line begins with, "- " for bodies, "" for a deadline cell "Quý I" /
"Quý III"). Some print their appendices on landscape pages (`LANDSCAPE`: a new landscape
section from the first "PHỤ LỤC" line on). Since 0178: a table whose header is two rows
(`TWO_ROW_HEAD`: "Thời gian thực hiện" merged over "Bắt đầu | Hoàn thành", and a body cell
that fills both, "Thường xuyên", merged across them); a column merged down the rows of its
group (`VMERGED`: the area column, typed once per area in the .txt); a signature block typed
beside "Nơi nhận:" (rows of one tab: a borderless two-column table); footnotes ("¹" in the
text, "¹ …" at the end: real Word footnotes); a .txt copied from the PDF (`FROM_PDF`: its
printed lines are joined back for the Word file the author typed: a row with no number
continues the row above, cell by cell, and a line not ending a sentence or a clause runs on
into the next).

    .venv/bin/python cchc/importer/tests/unseen_build.py plans0169   # NAME.docx beside NAME.txt
    soffice --headless --convert-to pdf --outdir FOLDER FOLDER/NAME.docx   # the printed PDF
"""

from __future__ import annotations

import io
import re
import sys
from itertools import zip_longest
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION

HERE = Path(__file__).resolve().parent
LINED: dict[str, dict[int, str]] = {
    "xa_muong_khuong": {2: "- ", 3: "- "},
    "phuong_kinh_bac": {4: "- ", 5: "- "},
    "xa_ea_kar": {2: "- ", 3: "- ", 4: "- "},
    "xa_tan_hoi": {2: "", 4: "- "},
    "huyen_chau_thanh": {3: "- "},
}
LANDSCAPE = {"xa_phuoc_long"}
TWO_ROW_HEAD = {"phuong_long_hoa"}
VMERGED = {"xa_duc_linh": 0}
FROM_PDF = {"xa_my_an"}
PIPES = {"xa_thoi_lai"}
PAGED = {"xa_vinh_thanh"}
_SUPERSCRIPT = "¹²³⁴⁵⁶⁷⁸⁹"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RIGHT = ("CỘNG HÒA", "CỘNG HOÀ", "Độc lập")
_DATE_LINE = re.compile(r",\s+ngày\s")
_GAP = re.compile(r"\s{3,}")


def _letterhead(doc, lines: list[str]) -> None:
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        parts = _GAP.split(line.strip(), maxsplit=1)
        if len(parts) == 2 and not parts[0].startswith(_RIGHT):
            left.append(parts[0])  # the two columns typed side by side
            right.append(parts[1])
        elif line.startswith(_RIGHT) or _DATE_LINE.search(line):
            right.append(line)
        else:
            left.append(line)
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)


def _cell(text: str, mark: str | None) -> str:
    if mark is not None and "; " in text:
        return "\n".join(f"{mark}{part}" for part in text.split("; "))
    return text


def _table(doc, rows: list[list[str]], lined: dict[int, str], stem: str = "") -> None:
    width = max(len(row) for row in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    head = 2 if stem in TWO_ROW_HEAD else 1
    if stem in PAGED:  # the header row repeats on every page
        from docx.oxml import parse_xml

        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{_W}"/>'))
    spans = _two_row_head(table, rows) if head == 2 else set()
    down = VMERGED.get(stem)
    start = 2 if head == 2 else 0  # a two-row header is written already
    for r, row in enumerate(rows[start:], start=start):
        filled = [i for i, value in enumerate(row) if value.strip()]
        if r >= head and len(filled) <= 2 and filled and filled[0] == 0 and width > 3:
            table.cell(r, 0).text = row[0]  # a section row: its heading spans the rest
            table.cell(r, 1).merge(table.cell(r, width - 1)).text = row[1]
            continue
        for c, value in enumerate(row):
            if c - 1 in spans and not value and row[c - 1]:
                table.cell(r, c - 1).merge(table.cell(r, c))  # one time for both columns
            elif c == down and not value and r > head:
                table.cell(r - 1, c).merge(table.cell(r, c))  # the group's cell runs on down
            else:
                table.cell(r, c).text = _cell(value, lined.get(c))


def _two_row_head(table, rows: list[list[str]]) -> set[int]:
    """Write a header of two rows; the columns whose top cell spans two below it."""
    spans: set[int] = set()
    width = max(len(rows[0]), len(rows[1]))
    top, below = (row + [""] * (width - len(row)) for row in rows[:2])
    for c, value in enumerate(top):
        if not value:
            continue
        if c + 1 < len(top) and not top[c + 1] and below[c + 1]:
            table.cell(0, c).merge(table.cell(0, c + 1)).text = value
            spans.add(c)
        elif not below[c]:
            table.cell(0, c).merge(table.cell(1, c)).text = value
    for c, value in enumerate(below):
        if value:
            table.cell(1, c).text = value
    return spans


def _signature(doc, rows: list[list[str]]) -> None:
    """The signature typed beside "Nơi nhận:": a borderless table of two columns."""
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(row[0] for row in rows if row[0].strip())
    table.cell(0, 1).text = "\n".join(row[1] for row in rows)


def _unwrap(lines: list[str]) -> list[str]:
    """The plan as typed, from its text copied out of the PDF (`FROM_PDF`)."""
    out: list[str] = []
    for line in lines:
        cells = line.split("\t")
        if out and len(cells) > 2 and not cells[0] and out[-1].count("\t") >= 2:
            above = out[-1].split("\t")
            out[-1] = "\t".join(" ".join(filter(None, pair)) for pair in zip_longest(above, cells))
        elif line and out and _wrapped(out[-1]):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _pipes(lines: list[str]) -> list[str]:
    """A table pasted from a chat tool ("| STT | Nội dung |", "|---|", "**I**", "<br>")
    as the Word table its author made of it (`PIPES`)."""
    out: list[str] = []
    for line in lines:
        if not line.startswith("|"):
            out.append(line)
        elif line.replace("|", "").strip("-: "):
            cells = line.strip().strip("|").split("|")
            out.append("\t".join(c.strip().replace("**", "").replace("<br>", "\n") for c in cells))
    return out


def _paged(lines: list[str]) -> list[str]:
    """A table pasted page by page (`PAGED`): the header repeated on the next page is dropped
    and the row cut by the page break is joined cell by cell; Word repeats the header."""
    out: list[str] = []
    head = ""
    for line in lines:
        cells = line.split("\t")
        if len(cells) > 2 and not head:
            head = line
        elif line == head:
            continue
        elif len(cells) > 2 and not cells[0] and out and out[-1].count("\t") >= 2:
            above = out[-1].split("\t")
            out[-1] = "\t".join(" ".join(filter(None, pair)) for pair in zip_longest(above, cells))
            continue
        out.append(line)
    return out


def _wrapped(line: str) -> bool:
    """A printed line that the next one continues: prose cut before its end (not a heading
    in capitals, not a row, not ending a sentence or a clause)."""
    return (
        bool(line.strip())
        and "\t" not in line
        and line != line.upper()
        and not (line.rstrip().endswith((".", ";", ":")))
    )


def _footnotes(doc, lines: list[str]) -> list[str]:
    """Lines "¹ …" at the end become the Word file's footnotes; the rest is returned."""
    notes = [line for line in lines if line and line[0] in _SUPERSCRIPT]
    if not notes:
        return lines
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(
        f'<w:footnote w:id="{_SUPERSCRIPT.index(note[0]) + 1}"><w:p><w:r><w:rPr>'
        f'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t '
        f'xml:space="preserve">{note[1:]}</w:t></w:r></w:p></w:footnote>'
        for note in notes
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:footnote>{body}</w:footnotes>"
    )
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), kind, xml.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    return [line for line in lines if line not in notes]


def _paragraph(doc, line: str) -> None:
    """A paragraph; a "¹" in it is a footnote's mark."""
    from docx.oxml import parse_xml

    para = doc.add_paragraph()
    for piece in re.split(f"([{_SUPERSCRIPT}])", line):
        if len(piece) == 1 and piece in _SUPERSCRIPT:
            para._p.append(parse_xml(
                f'<w:r xmlns:w="{_W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{_SUPERSCRIPT.index(piece) + 1}"/></w:r>'
            ))  # fmt: skip
        elif piece:
            para.add_run(piece)


def _landscape(doc) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def plan_docx(txt: Path) -> bytes:
    lines = txt.read_text(encoding="utf-8").splitlines()
    split = next(i for i, line in enumerate(lines) if _DATE_LINE.search(line)) + 1
    doc = WordDocument()
    _letterhead(doc, lines[:split])
    lined = LINED.get(txt.stem, {})
    body = _unwrap(lines[split:]) if txt.stem in FROM_PDF else lines[split:]
    body = _pipes(body) if txt.stem in PIPES else body
    body = _paged(body) if txt.stem in PAGED else body
    body = _footnotes(doc, body)
    rows: list[list[str]] = []
    signed: list[list[str]] = []
    turn = txt.stem in LANDSCAPE
    for line in [*body, ""]:
        if line.count("\t") >= 2:
            rows.append(line.split("\t"))
            continue
        if line.count("\t") == 1:
            signed.append(line.split("\t"))
            continue
        if rows:
            _table(doc, rows, lined, txt.stem)
            rows = []
        if signed:
            _signature(doc, signed)
            signed = []
        if turn and line.startswith("PHỤ LỤC"):
            _landscape(doc)
            turn = False
        if line.strip():
            _paragraph(doc, line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        for path in sorted((HERE / folder).glob("*.txt")):
            path.with_suffix(".docx").write_bytes(plan_docx(path))
