"""A plan text (.txt seed) as the Word file it was typed in: one Word paragraph per paragraph
(wrapped lines joined) and every table the text draws as a real Word table.

The text is read by the importer's own layout (`layout.build_blocks`), so each Word table holds
the cells the .txt import reads. A table cut by page breaks in the text becomes one Word table:
the header repeated after each break is dropped (Word repeats it, marked as a header row) and
a row cut at the break ('', '', 'quyền', …) is joined to the row it ends. A second header row
('Chủ trì | Phối hợp' under 'Phân công nhiệm vụ') stays a second row, with the cells above it
merged across and the cells beside it merged down, as a person draws it in Word.

    .venv/bin/python bench/formats/word_of_text.py SEED.txt OUT.docx\
        [--landscape] [--no-rules] [--equal]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from cchc.importer.columns import CONNECTORS
from cchc.importer.document import Paragraph, Row, Table
from cchc.importer.layout import build_blocks
from cchc.importer.readers import read_text
from cchc.importer.tables import _STRONG_END, _is_sub_header


def _texts(row: Row) -> list[str]:
    return [c.text.strip() for c in row.cells]


def _header(rows: list[Row]) -> list[Row]:
    """The header row, and the row under it when it is a second header row."""
    if len(rows) > 1 and _is_sub_header(_texts(rows[1])) and not _texts(rows[1])[0]:
        return rows[:2]
    return rows[:1]


_TASK = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?\s+\S")  # '1.5. Xây dựng …': a task with its number


def _is_cut_row(texts: list[str]) -> bool:
    """The end of a row cut at a page break or a blank line: no number, its text beginning in
    lower case."""
    filled = [t for t in texts if t]
    if any(_TASK.match(t) for t in filled):
        return False  # '', 'quyền điện tử …' (the group cell cut), '7.2. Tiếp tục …': a task
    return not texts[0] and bool(filled) and filled[0][:1].islower()


def _task_column(table: Table) -> int | None:
    counts: dict[int, int] = {}
    for row in table.rows:
        for k, text in enumerate(_texts(row)):
            if _TASK.match(text):
                counts[k] = counts.get(k, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _aligned(texts: list[str], width: int, task: int | None) -> list[str]:
    """A row that lost its leading tabs ('1.5 Xây dựng …' in the first column) as drawn: its
    task under the column the other rows' numbered tasks are in."""
    texts = texts + [""] * (width - len(texts))
    at = next((k for k, t in enumerate(texts) if t), None)
    if task is None or at is None or at >= task or not _TASK.match(texts[at]):
        return texts
    shifted = [""] * (task - at) + texts
    while len(shifted) > width and not shifted[-1]:
        shifted.pop()
    return shifted[:width]


def _word_rows(table: Table) -> tuple[list[list[str]], list[list[bool]], int]:
    """Rows as the author drew them: header once, cut rows joined; and which cells are bold."""
    head = _header(table.rows)
    width = max(len(r.cells) for r in table.rows)
    seen = [_texts(r) for r in head]
    task = _task_column(table)
    rows: list[list[str]] = []
    bold: list[list[bool]] = []
    for row in table.rows:
        texts = _aligned(_texts(row), width, task)
        flags = [c.bold for c in row.cells] + [False] * (width - len(row.cells))
        if rows[len(head) - 1 :] and _texts(row) in seen:
            continue  # the header repeated after a page break
        if len(rows) > len(head) and _is_cut_row(texts):
            short = len(row.cells) != width
            rows[-1] = _joined(rows[-1], texts, short)
            continue
        rows.append(texts)
        bold.append(flags)
    return rows, bold, len(head)


def _unfinished(text: str) -> bool:
    return bool(text) and bool(_STRONG_END.search(text) or text.split()[-1].lower() in CONNECTORS)


def _joined(above: list[str], cut: list[str], short: bool) -> list[str]:
    """The row cut at a break joined to the row above. A text row that lost a tab puts a
    fragment one column off: it goes under the neighbouring cell left unfinished ('… thuộc
    UBND' / 'thị xã, UBND các xã phường'), where the .txt import puts it."""
    out = list(above)
    for p, fragment in enumerate(cut):
        if not fragment:
            continue
        near = [k for k in (p, p + 1, p - 1) if 0 <= k < len(out) and _unfinished(out[k])]
        k = near[0] if short and near else p
        out[k] = f"{out[k]} {fragment}".strip()
    return out


def _merge_header(word_table, header: list[list[str]]) -> None:
    if len(header) < 2:
        return
    top, below = header
    for col, (label, sub) in enumerate(zip(top, below, strict=True)):
        if label and not sub:
            word_table.cell(0, col).merge(word_table.cell(1, col))
    col = 0
    while col < len(top):
        end = col
        while end + 1 < len(top) and not top[end + 1] and below[end + 1] and top[col]:
            end += 1
        if end > col:
            word_table.cell(0, col).merge(word_table.cell(0, end))
        col = end + 1


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    props.append(mark)


def _widths(rows: list[list[str]], usable_cm: float) -> list[float]:
    """Columns sized as a person sizes them: by how much their cells hold (the longest words
    kept whole), the number column narrow."""
    width = len(rows[0])
    longest = [max((len(w) for r in rows for w in r[c].split()), default=1) for c in range(width)]
    mean = [sum(len(r[c]) for r in rows) / max(len(rows), 1) + 1 for c in range(width)]
    floor = [0.25 * n + 0.4 for n in longest]  # cm for the longest word at 13 pt
    spare = max(usable_cm - sum(floor), 0)
    total = sum(mean)
    return [f + spare * m / total for f, m in zip(floor, mean, strict=True)]


def add_table(
    doc, table: Table, usable_cm: float, *, ruled: bool = True, sized: bool = True
) -> None:
    rows, bold, head = _word_rows(table)
    width = len(rows[0])
    word_table = doc.add_table(rows=len(rows), cols=width)
    if ruled:
        word_table.style = "Table Grid"
    widths = _widths(rows[head:], usable_cm)
    if sized:  # else Word's default: equal columns
        word_table.autofit = False
        for col, cm in zip(word_table.columns, widths, strict=True):
            col.width = Cm(cm)
    for r, (texts, flags) in enumerate(zip(rows, bold, strict=True)):
        for c, text in enumerate(texts):
            cell = word_table.cell(r, c)
            if sized:
                cell.width = Cm(widths[c])
            run = cell.paragraphs[0].add_run(text)
            run.bold = flags[c] or r < head
    for r in range(head):
        _repeat_header(word_table.rows[r])
    _merge_header(word_table, rows[:head])


def build(
    text: str, *, landscape: bool = False, ruled: bool = True, sized: bool = True
) -> WordDocument:
    doc = WordDocument()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    usable = (section.page_width - section.left_margin - section.right_margin) / 360000
    for block in build_blocks(read_text(text)):
        if isinstance(block, Table):
            add_table(doc, block, usable, ruled=ruled, sized=sized)
        elif isinstance(block, Paragraph):
            paragraph = doc.add_paragraph()
            paragraph.add_run(block.text).bold = block.bold or bool(block.heading_level)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--landscape", action="store_true")
    parser.add_argument("--no-rules", action="store_true", help="tables without borders")
    parser.add_argument("--equal", action="store_true", help="equal columns, as Word adds them")
    args = parser.parse_args(argv)
    doc = build(args.seed.read_text(encoding="utf-8"), landscape=args.landscape,
                ruled=not args.no_rules, sized=not args.equal)  # fmt: skip
    doc.save(str(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
