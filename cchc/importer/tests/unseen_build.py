"""Make the Word file of each unseen plan (plans0167/, plans0169/, plans0174/) from its .txt, as its
author typed it: the letterhead in a two-column borderless table (issuer and number left,
motto and date right; a line typed as both columns side by side, "UỶ BAN NHÂN DÂN   CỘNG HOÀ
…", is split at its gap), paragraphs as typed, and every run of tab rows as a real Word table.
Some authors write a cell's items on lines of their own (`LINED`: the column and the mark
each line begins with, "- " for bodies, "" for a deadline cell "Quý I" / "Quý III"). Some
print their appendices on landscape pages (`LANDSCAPE`: a new landscape section from the first
"PHỤ LỤC" line on).

    .venv/bin/python cchc/importer/tests/unseen_build.py plans0169   # NAME.docx beside NAME.txt
    soffice --headless --convert-to pdf --outdir FOLDER FOLDER/NAME.docx   # the printed PDF
"""

from __future__ import annotations

import io
import re
import sys
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


def _table(doc, rows: list[list[str]], lined: dict[int, str]) -> None:
    width = max(len(row) for row in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        filled = [i for i, value in enumerate(row) if value.strip()]
        if r and len(filled) <= 2 and filled and filled[0] == 0 and width > 3:
            table.cell(r, 0).text = row[0]  # a section row: its heading spans the rest
            table.cell(r, 1).merge(table.cell(r, width - 1)).text = row[1]
            continue
        for c, value in enumerate(row):
            table.cell(r, c).text = _cell(value, lined.get(c))


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
    rows: list[list[str]] = []
    turn = txt.stem in LANDSCAPE
    for line in [*lines[split:], ""]:
        if line.count("\t") >= 2:
            rows.append(line.split("\t"))
            continue
        if rows:
            _table(doc, rows, lined)
            rows = []
        if turn and line.startswith("PHỤ LỤC"):
            _landscape(doc)
            turn = False
        if line.strip():
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        for path in sorted((HERE / folder).glob("*.txt")):
            path.with_suffix(".docx").write_bytes(plan_docx(path))
