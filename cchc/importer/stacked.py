"""Stacked tables: a PDF task table extracted as one cell per line (or several lines per cell).

pdftotext turns a ruled table into a column of short lines: the row number, the task's wrapped
lines, then the lead, coordinators, products and deadline cells, each wrapped over a few lines,
with no marker between cells. The row numbers follow each other (1, 2, 3 …), which tells rows
from page numbers; within a row, cells are told apart by the shape of the text (the task column
is wide, the others narrow) and by the vocabulary that opens a cell (“Công chức …” opens a lead,
“Kế hoạch …” a product, “Tháng …”/“Quý …” a deadline). Empty cells (merged with the row above in
the PDF) are left empty for the table parser, which inherits them with a warning.
"""

from __future__ import annotations

import re

from .columns import (
    CONNECTORS,
    INCOMPLETE_UNITS,
    PRODUCT_START,
    ROLE_LABELS,
    UNIT_START,
    column_role,
    is_product_text,
    starts_deadline,
)
from .document import Cell, Paragraph, Row, Table
from .repair import join_fragments, split_glued_words
from .vietnamese import fold

_HEADER_START = re.compile(r"^\s*(stt|tt|so tt)\b")
_ROMAN_HEADING = re.compile(r"^\s*([IVX]{1,5})[.)]?\s+(\S.*)$")
_REF_LINE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+(\S.*))?$")
# where a stacked table stops: its total, the next appendix, the signature block, or the plan's
# next part when the table stands in the body ("IV. TỔ CHỨC THỰC HIỆN")
_END = re.compile(
    r"^\s*(tong cong|tong so|phu luc|noi nhan"
    r"|[ivx]+\.\s+(to chuc thuc hien|kinh phi|che do bao cao|trach nhiem thuc hien))\b"
)
_KEYWORDS = (
    ("ref", r"\b(stt|so tt)\b|^tt\b"), ("title", r"nhiem vu|noi dung|tieu chi"),
    ("lead", r"chu tri|(?:don vi|co quan|bo phan|nguoi|cong chuc) thuc hien|trach nhiem"
     r"|phu trach"),
    ("coordinators", r"phoi hop"), ("products", r"san pham|ket qua"),
    ("deadline", r"thoi gian|thoi han|tien do|lo trinh"), ("budget", r"kinh phi"),
    ("requirement", r"yeu cau"), ("notes", r"ghi chu"),
)  # fmt: skip


def find_stacked_header(lines: list[Paragraph], start: int) -> tuple[list[str], int] | None:
    """If a stacked table's header begins at `start`, return (column roles, first data line)."""
    if not _HEADER_START.match(fold(lines[start].text)):
        return None
    header: list[str] = []
    end = start
    for i in range(start, min(len(lines), start + 14)):
        text = lines[i].text.strip()
        if i > start and (_ROMAN_HEADING.match(text) or _REF_LINE.match(text)):
            break
        header.append(text)
        end = i + 1
    folded = fold(" ".join(header))
    found: list[tuple[int, str]] = []
    for role, pattern in _KEYWORDS:
        match = re.search(pattern, folded)
        if match:
            found.append((match.start(), role))
    roles = [role for _, role in sorted(found)]
    if len(roles) < 4 or "title" not in roles or not ({"lead", "deadline"} & set(roles)):
        return None
    return roles, end


def parse_stacked(
    lines: list[Paragraph], start: int, header: tuple[list[str], int]
) -> tuple[Table, int]:
    """Parse rows from the data start until the table's end; return (table, next line index)."""
    roles, i = header
    records: list[tuple[str, int, list[str], bool]] = []  # ref, line, texts, is_section
    last_ref: str | None = None
    while i < len(lines):
        text = lines[i].text.strip()
        if _END.match(fold(text)):
            break
        i += 1
        if not text or text == "\f":
            continue
        section = _ROMAN_HEADING.match(text)
        if section and text[len(section.group(1)) :].strip(" .)")[:1].isupper():
            records.append((section.group(1), lines[i - 1].line, [section.group(2)], True))
            continue
        ref = _REF_LINE.match(text)
        if ref and _is_next_ref(ref.group(1), last_ref):
            last_ref = ref.group(1)
            records.append((ref.group(1), lines[i - 1].line, [ref.group(2) or ""], False))
            continue
        if ref and not ref.group(2) and len(ref.group(1)) <= 3 and "budget" not in roles:
            continue  # a page number inside the table
        if records:
            records[-1][2].append(text)
    widths = sorted(len(t) for _, _, texts, _ in records for t in texts if t)
    width = max(24, int(0.55 * widths[int(len(widths) * 0.9)])) if widths else 30
    rows = [Row([Cell(ROLE_LABELS.get(r, r)) for r in roles], lines[start].line)]
    for number, line, texts, is_section in records:
        if is_section:
            cells = {"ref": number, "title": texts[0]}
        else:
            cells = segment_record([split_glued_words(t) for t in texts if t], roles, width)
            cells["ref"] = number
        rows.append(Row([Cell(cells.get(role, "")) for role in roles], line))
    return Table(rows, lines[start].line, header=roles), i


def _is_next_ref(ref: str, last: str | None) -> bool:
    parts = [int(p) for p in ref.split(".")]
    if last is None:
        return parts[-1] in (1, 0) or (len(parts) == 1 and parts[0] <= 2)
    prev = [int(p) for p in last.split(".")]
    candidates = [[*prev[:-1], prev[-1] + 1], [*prev, 1]]
    for depth in range(1, len(prev)):
        candidates.append([*prev[: depth - 1], prev[depth - 1] + 1])
    if len(prev) > 1:
        candidates.append([prev[0] + 1])
    return parts in candidates


def segment_record(texts: list[str], roles: list[str], width: int) -> dict[str, str]:
    """Cut one row's lines into its cells (title, lead, coordinators, products, deadline)."""
    if not texts:
        return {}
    title, rest = _take_title(texts, width)
    cells: dict[str, str] = {"title": title}
    if "deadline" in roles:
        deadline, rest = _take_deadline(rest)
        cells["deadline"] = deadline
    groups = _group_cells(rest)
    units = [g for g in groups if not is_product_text(g) and UNIT_START.match(g)]
    products = [g for g in groups if g not in units]
    unit_roles = [r for r in roles if r in ("lead", "coordinators")]
    for role, value in zip(unit_roles, units, strict=False):
        cells[role] = value
    if len(units) > len(unit_roles) and unit_roles:
        cells[unit_roles[-1]] = "; ".join(units[len(unit_roles) - 1 :])
    if products:
        key = "products" if "products" in roles else "notes"
        cells[key] = "; ".join(products)
    return cells


def _take_title(texts: list[str], width: int) -> tuple[str, list[str]]:
    title = [texts[0]]
    k = 1
    tail = _glued_tail(texts[0]) if len(texts[0]) >= width else None
    while tail is None and k < len(texts):
        ahead = " ".join(texts[k : k + 2])
        if not _continues_title(title[-1], texts[k], ahead, width):
            break
        title.append(texts[k])
        tail = _glued_tail(texts[k])
        k += 1
    rest = texts[k:]
    if tail is not None:
        head, glued = tail
        title[-1] = head
        rest = [glued, *rest]
    text = ""
    for piece in title:
        text = join_fragments(text, piece)
    return text, rest


def _continues_title(prev: str, cur: str, ahead: str, width: int) -> bool:
    if len(prev) < width:
        return False
    first = cur[0]
    if first.islower() or first.isdigit() or first in '–-(“"':
        return True
    if cur.rstrip().endswith("."):
        return True
    if prev.rstrip().endswith((".", ";", ":")):
        return False
    return not (UNIT_START.match(ahead) or PRODUCT_START.match(ahead) or starts_deadline(ahead))


def _glued_tail(line: str) -> tuple[str, str] | None:
    """'… năm 2023. Công chức' → ('… năm 2023.', 'Công chức'): the next cell's first line
    printed on the same baseline as the task's last line."""
    match = re.match(r"^(.*\S[.;:)])\s+(\S.{0,24})$", line)
    if match and match.group(2)[0].isupper() and UNIT_START.match(match.group(2)):
        return match.group(1), match.group(2)
    return None


def _take_deadline(rest: list[str]) -> tuple[str, list[str]]:
    """The deadline cell is the last one: the shortest tail of the row that opens like a time,
    extended backwards over time-only pieces ('Quý IV/2023,' before 'Quý I/2024')."""
    for k in range(len(rest) - 1, -1, -1):
        line = rest[k]
        starts = [0] + [m.start() + 1 for m in re.finditer(r" (?=\S)", line)]
        for pos in reversed(starts):
            candidate = " ".join([line[pos:], *rest[k + 1 :]])
            if starts_deadline(candidate) and not candidate.strip()[0].isdigit():
                head = line[:pos].strip()
                deadline = ""
                for piece in [line[pos:], *rest[k + 1 :]]:
                    deadline = join_fragments(deadline, piece)
                return deadline, [*rest[:k], *([head] if head else [])]
    return "", rest


def _group_cells(lines: list[str]) -> list[str]:
    groups: list[str] = []
    for i, line in enumerate(lines):
        ahead = " ".join(lines[i : i + 2])
        if groups and not _opens_cell(groups[-1], line, ahead):
            groups[-1] = join_fragments(groups[-1], line)
        else:
            groups.append(line)
    return groups


def _opens_cell(current: str, line: str, ahead: str) -> bool:
    first = line[0]
    if first.islower() or first.isdigit() or first in "–-,;":
        return False
    last_word = current.split()[-1].lower() if current.split() else ""
    if current.endswith((",", ";", "-", "–")) or last_word in CONNECTORS:
        return False
    if current.lower() in INCOMPLETE_UNITS:
        return False
    return bool(UNIT_START.match(ahead) or PRODUCT_START.match(ahead))


__all__ = ["column_role", "find_stacked_header", "parse_stacked", "segment_record"]
