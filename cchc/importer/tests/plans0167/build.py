"""Make the Word file of each plan in this folder from its .txt, as its author typed it:
the letterhead in a two-column borderless table (issuer and number left, motto and date
right), paragraphs as typed, and every run of tab rows as a real Word table. Some authors
list several bodies in a cell on lines of their own beginning with "- " (`LINED`).

    .venv/bin/python cchc/importer/tests/plans0167/build.py   # writes NAME.docx beside NAME.txt
    soffice --headless --convert-to pdf NAME.docx               # the printed PDF, for a look
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as WordDocument

HERE = Path(__file__).resolve().parent
# plans whose lead/coordinator cells list their bodies on lines ("- A" / "- B") in Word
LINED = {"xa_muong_khuong": (2, 3), "phuong_kinh_bac": (4, 5), "xa_ea_kar": (2, 3, 4)}
_RIGHT = ("CỘNG HÒA", "Độc lập", ", ngày ")


def _letterhead(doc, lines: list[str]) -> None:
    left = [line for line in lines if not any(mark in line for mark in _RIGHT)]
    right = [line for line in lines if line not in left]
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)


def _cell(text: str, lined: bool) -> str:
    if lined and "; " in text:
        return "\n".join(f"- {part}" for part in text.split("; "))
    return text


def _table(doc, rows: list[list[str]], lined_columns: tuple[int, ...]) -> None:
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
            table.cell(r, c).text = _cell(value, c in lined_columns)


def plan_docx(txt: Path) -> bytes:
    lines = txt.read_text(encoding="utf-8").splitlines()
    split = next(i for i, line in enumerate(lines) if ", ngày " in line) + 1
    doc = WordDocument()
    _letterhead(doc, lines[:split])
    lined = LINED.get(txt.stem, ())
    rows: list[list[str]] = []
    for line in [*lines[split:], ""]:
        if line.count("\t") >= 2:
            rows.append(line.split("\t"))
            continue
        if rows:
            _table(doc, rows, lined)
            rows = []
        if line.strip():
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


if __name__ == "__main__":
    for path in sorted(HERE.glob("*.txt")):
        path.with_suffix(".docx").write_bytes(plan_docx(path))
