"""Physical lines → logical blocks: paragraphs, tab/pipe tables, and stacked tables.

Text exported from Word or PDF wraps every line at the page width, separates lines with
blank lines in some exports and not in others, drops page numbers in the middle of
sentences, and draws tables either as tab-separated rows or, after PDF extraction, one cell
per line ("stacked"). This module rebuilds what the author wrote: a paragraph ends where a
bullet, a numbering, a heading or a finished sentence followed by a capital begins.
"""

from __future__ import annotations

import re
from collections import Counter

from .document import Block, Cell, Document, Paragraph, Row, Table
from .repair import is_page_number, join_fragments, strip_heading_marks, strip_markup
from .stacked import find_stacked_header, parse_stacked
from .vietnamese import fold

BULLET = re.compile(r"^\s*([-–+•*▪●○]|\.\s)\s*")
NUMBERING = re.compile(
    r"^\s*(?:(?:[IVXLC]+)[.)]?\s+(?=\S)|\d+(?:\.\d+)*[.)](?=\s|\S)|\d+(?:\.\d+)+\s|[a-zđ][.)]\s)"
)
_STARTERS = re.compile(
    r"^(Căn cứ|Thực hiện|Nơi nhận|Trên đây|TM\.|KT\.|\(?(Ban hành )?[Kk]èm theo)\b"
)
_KIND_LINE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|BÁO CÁO|CHƯƠNG TRÌNH)\s*$")  # the title line
_RULE = re.compile(r"^\s*[-_=~*–—]{3,}\s*$")  # a drawn rule: "-------", "_____"
_TERMINAL = (".", "!", "?", ":", ";", "./.", "…")


def build_blocks(document: Document) -> list[Block]:
    """Turn a document's raw lines into paragraphs and tables; keep other blocks as they are."""
    out: list[Block] = []
    run: list[Paragraph] = []
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.raw:
            run.append(block)
            continue
        if run:
            out.extend(_layout_run(run))
            run = []
        if isinstance(block, Paragraph):
            text, _ = strip_markup(block.text)
            if text.strip():
                block.text = " ".join(text.split())
                out.append(block)
        else:
            out.append(block)
    if run:
        out.extend(_layout_run(run))
    return out


def _layout_run(lines: list[Paragraph]) -> list[Block]:
    """Split a run of physical lines into tables and prose, in order."""
    lines = _drop_page_headers(lines)
    out: list[Block] = []
    prose: list[Paragraph] = []
    i = 0
    while i < len(lines):
        end = _tab_table_end(lines, i)
        if end > i:
            out.extend(assemble_paragraphs(prose))
            prose = []
            out.append(_tab_table(lines[i:end]))
            i = end
            continue
        header = find_stacked_header(lines, i)
        if header is not None:
            out.extend(assemble_paragraphs(prose))
            prose = []
            table, i = parse_stacked(lines, i, header)
            out.append(table)
            continue
        prose.extend(_split_tabbed(lines[i]))
        i += 1
    out.extend(assemble_paragraphs(prose))
    return out


def _split_tabbed(line: Paragraph) -> list[Paragraph]:
    """A line of a two-column letterhead exported with one tab ('Số: 9/KH-UBND<TAB>Đông Hòa,
    ngày …') holds two paragraphs."""
    text = line.text.strip()
    if "\t" not in text:
        return [line]
    return [Paragraph(part, line.line, raw=True) for part in text.split("\t") if part.strip()]


# --- tables drawn in text ----------------------------------------------------------------------


# the rules of a grid table (pandoc, org-mode): "+-----+------+", "+=====+======+"
_GRID_RULE = re.compile(r"^\s*\+[-=:+]+\+\s*$")


def _is_table_line(text: str) -> bool:
    """A row of a table typed in text: tab-separated, a Markdown row ('| a | b |'), or cells
    separated by bars without the outer ones ('1 | Rà soát … | Phòng Nội vụ | Quý I')."""
    stripped = text.strip()
    return (
        bool(_GRID_RULE.match(stripped))
        or ("\t" in text.strip("\n") and stripped != "")
        or bool(re.match(r"^\|.*\|$", stripped) and stripped.count("|") >= 3)
        or (stripped.count("|") >= 2 and not re.search(r"https?://", stripped))
    )


def _tab_table(lines: list[Paragraph]) -> Table:
    """Rows of a text table. Whether the bars at the ends of a line are outer borders
    (Markdown) or separate an empty first cell is decided once, by the header line."""
    grid = any(_GRID_RULE.match(line.text) for line in lines)
    markdown = grid or lines[0].text.strip().startswith("|")
    split: list[tuple[Paragraph, list[str]]] = []
    for line in lines:
        text = line.text.rstrip("\n")
        if not text.strip() or text == "\f":
            continue
        if _GRID_RULE.match(text):
            split.append((line, []))  # a rule: the grid row above is complete
            continue
        if markdown and text.strip().startswith("|"):
            parts = text.strip()[1:].removesuffix("|").split("|")
        elif "|" in text:
            parts = text.strip("\n").split("|")
        else:
            parts = text.split("\t")
        if all(re.fullmatch(r"\s*:?[-+]{2,}:?\s*", p) or not p.strip() for p in parts):
            continue  # Markdown separator row
        split.append((line, parts))
    rows: list[Row] = []
    merged = _grid_rows(split) if grid else _join_broken_rows(split)
    for line, parts in merged:
        cells = []
        for part in parts:
            value, bold = strip_markup(part)
            cells.append(Cell(value.strip(), bold=bold and bool(value.strip())))
        rows.append(Row(cells, line.line, physical=True))
    return Table(rows, lines[0].line, wrapped=grid)  # a grid cell's lines are wrapped text


def _grid_rows(split: list[tuple[Paragraph, list[str]]]):
    """A grid table's row runs from one rule to the next; its cells' lines are joined."""
    out: list[tuple[Paragraph, list[str]]] = []
    current: tuple[Paragraph, list[list[str]]] | None = None
    # a last rule, in case the text has none
    closing: list[tuple[Paragraph, list[str]]] = [(split[-1][0], [])] if split else []
    for line, parts in [*split, *closing]:
        if not parts:
            if current is not None:
                out.append((current[0], ["\n".join(p for p in col if p) for col in current[1]]))
            current = None
            continue
        if current is None:
            current = (line, [[] for _ in parts])
        for k, part in enumerate(parts[: len(current[1])]):
            current[1][k].append(part.strip())
    return out


def _join_broken_rows(split: list[tuple[Paragraph, list[str]]]):
    """A tab row copied from a web page breaks where a cell holds a line break: 'Phòng Nội vụ'
    ends one line and 'Phòng Tư pháp<TAB>UBND các xã<TAB>…' begins the next. Lines whose
    cells add up to the table's width (one cell shared) are one row, that cell keeping the
    break."""
    width = max((len(parts) for _, parts in split), default=0)
    out: list[tuple[Paragraph, list[str]]] = []
    for line, parts in split:
        if out and 1 < len(parts) < width and "|" not in line.text:
            last_line, last = out[-1]
            if len(last) < width and len(last) + len(parts) - 1 <= width:
                out[-1] = (last_line, [*last[:-1], f"{last[-1]}\n{parts[0]}", *parts[1:]])
                continue
        if out and len(parts) == 1 and 1 < len(out[-1][1]) < width:
            last_line, last = out[-1]  # a middle line of the broken cell, with no tab
            out[-1] = (last_line, [*last[:-1], f"{last[-1]}\n{parts[0]}"])
            continue
        out.append((line, parts))
    return out


def _tab_table_end(lines: list[Paragraph], start: int) -> int:
    """End index of a table whose rows are tab- or pipe-separated lines (blank lines allowed);
    a line without a tab between two rows is kept when it sits inside a broken row."""
    first = lines[start].text
    rule = bool(_GRID_RULE.match(first)) and start + 1 < len(lines)
    if rule and not lines[start + 1].text.strip().startswith("|"):
        return start
    if not rule and (not _is_table_line(first) or first.count("\t") + first.count("|") < 2):
        return start
    width = lines[start].text.count("\t") + 1
    end = start
    i = start
    while i < len(lines):
        text = lines[i].text
        if _is_table_line(text):
            end = i + 1
        elif _inside_broken_row(lines, i, end, width):
            pass
        elif text.strip() and text != "\f":
            break
        i += 1
    return end


def _inside_broken_row(lines: list[Paragraph], i: int, end: int, width: int) -> bool:
    previous = lines[end - 1].text
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    return (
        end == i
        and "\t" in previous
        and previous.count("\t") + 1 < width
        and "\t" in following
        and bool(lines[i].text.strip())
    )


# --- prose --------------------------------------------------------------------------------------


def _drop_page_headers(lines: list[Paragraph]) -> list[Paragraph]:
    """Remove lines repeated right after page breaks (running headers) and the breaks."""
    after_break: Counter[str] = Counter()
    for i, line in enumerate(lines):
        if line.text == "\f":
            for nxt in lines[i + 1 : i + 3]:
                if nxt.text.strip() and not _is_table_line(nxt.text):
                    after_break[nxt.text.strip()] += 1
                    break
    repeated = {text for text, count in after_break.items() if count >= 2}
    return [ln for ln in lines if ln.text != "\f" and ln.text.strip() not in repeated]


def assemble_paragraphs(lines: list[Paragraph]) -> list[Paragraph]:
    """Join wrapped lines into paragraphs; drop page numbers.

    Exports differ in what a blank line means: some separate paragraphs with one, others put
    one after every line, PDF text has none. Only in the first case is a blank line a break;
    otherwise a finished sentence followed by a capital letter is.
    """
    lines = [ln for ln in lines if not is_page_number(ln.text)]
    nonblank = [i for i, ln in enumerate(lines) if ln.text.strip()]
    last = nonblank[-1] if nonblank else -1  # blank lines after the text end say nothing
    followed = sum(1 for i in nonblank if i < last and not lines[i + 1].text.strip())
    lengths = sorted(len(lines[i].text.strip()) for i in nonblank)
    long_lines = bool(lengths) and lengths[len(lengths) // 2] > 110
    share = followed / len(nonblank) if nonblank else 0
    blank_separates = bool(nonblank) and ((0.05 < share < 0.7 and followed > 1) or long_lines)
    out: list[Paragraph] = []
    current: Paragraph | None = None
    blank_before = False
    for line in lines:
        if _RULE.match(line.text):
            current, blank_before = None, True  # the rule under a letterhead ends a paragraph
            continue
        text, level = strip_heading_marks(line.text)
        text, bold = strip_markup(text)
        text = " ".join(text.split())
        if not text:
            blank_before = True
            continue
        if current is not None and not _starts_paragraph(
            current, text, level, blank=blank_before, blank_separates=blank_separates
        ):
            current.text = join_fragments(current.text, text)
            current.end_line = line.line
        else:
            current = Paragraph(text, line.line, heading_level=level, bold=bold)
            out.append(current)
        blank_before = False
    return out


def _starts_paragraph(
    current: Paragraph, text: str, level: int, *, blank: bool, blank_separates: bool
) -> bool:
    prev = current.text
    first = text[0]
    if level or current.heading_level:
        return True
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalnum():
        return False
    if NUMBERING.match(text) or _STARTERS.match(text) or _KIND_LINE.match(text):
        return True
    if re.sub(r"[^a-z]+", " ", fold(prev)).endswith("tu do hanh phuc"):
        return True  # the motto ends the letterhead (a PDF without blank lines runs on)
    if BULLET.match(text):
        after = BULLET.sub("", text, count=1)
        return not (after[:1].islower() and not prev.endswith(_TERMINAL))
    if first.islower():
        return False
    if is_heading_like(prev) or (_is_capitals(text) and not prev[-1:].isalpha()):
        return True
    if blank_separates:
        return blank
    return prev.endswith(_TERMINAL) and (first.isupper() or first.isdigit() or first in '(“"')


def _is_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) / len(letters) > 0.9


def is_heading_like(text: str) -> bool:
    """A short all-capital line or a short numbered title without a final full stop."""
    letters = [ch for ch in text if ch.isalpha()]
    words = text.split()
    if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8 and len(words) <= 25:
        return True
    if NUMBERING.match(text) and len(words) <= 12 and not text.rstrip().endswith((".", ",", ";")):
        return fold(words[-1]) not in {"va", "cua", "cac", "voi", "theo", "cho", "tai", "ve"}
    return False
