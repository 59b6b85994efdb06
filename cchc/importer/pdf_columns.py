"""Task tables printed without ruling lines, rebuilt from the position of each word on a PDF page.

With no lines to find cells by, pdfplumber returns such a table as text lines that mix the
columns ("1 Văn phòng HĐND và UBND xã Quý I/2026") and puts the wrapped lines of a tall cell
above or below the row's number when cells are vertically centred. Here the header line is
found by its vocabulary ('STT … Nhiệm vụ … Chủ trì … Thời gian'), its labels give the column
boundaries, every word below goes to the column it starts in, and each line goes to the row
whose number (or Roman section) is nearest to it vertically.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .columns import is_header
from .document import Cell, Row, Table

_GAP = 7.0  # points between two header labels; a space between words is about 2.5
_REF = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđA-H][.)])$")
_END = re.compile(r"^(tổng cộng|nơi nhận|trên đây|tm\.|kt\.)", re.I)


@dataclass
class _Line:
    top: float
    bottom: float
    words: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


def _lines(words: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1].top) < 2.5:
            lines[-1].words.append(word)
            lines[-1].bottom = max(lines[-1].bottom, word["bottom"])
        else:
            lines.append(_Line(word["top"], word["bottom"], [word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _labels(line: _Line) -> list[list[dict]]:
    """A header line cut into labels where the gap between words is wide."""
    groups: list[list[dict]] = []
    for word in line.words:
        if groups and word["x0"] - groups[-1][-1]["x1"] < _GAP:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


@dataclass
class _Columns:
    """The columns of a table that ran to the bottom of a page, for the page after it."""

    header: list[str]
    bounds: list[float]
    height: float
    top: bool = False  # cells aligned at the top


class BorderlessTables:
    """Finds tables printed without lines, page after page: a table that runs to the bottom of
    a page and goes on at the top of the next without its header keeps its columns."""

    def __init__(self) -> None:
        self.carry: _Columns | None = None
        # tables read so far, by header: a header repeated on the next page keeps the table's
        # alignment even when that page begins with the end of a cut row
        self.seen: dict[tuple[str, ...], bool] = {}

    def page(self, words: list[dict]) -> list[tuple[Table, tuple[float, float]]]:
        """Tables among a page's words, each with its vertical extent (top, bottom)."""
        lines = _lines(words)
        for end in (-1, 0):  # a page number printed at the top or the foot of the page
            if lines and _PAGE_NUMBER.match(lines[end].text):
                lines.pop(end)
        out: list[tuple[Table, tuple[float, float]]] = []
        carry, self.carry = self.carry, None
        i = 0
        if carry is not None and lines and not _header_labels(lines[0]):
            found, i = _carried_table(lines, carry)
            if found is not None:
                out.append(found)
        while i < len(lines):
            labels = _header_labels(lines[i])
            if labels is None:
                i += 1
                continue
            found, columns, i = _read_table(lines, i, labels, self.seen)
            out.append(found)
            self.carry = columns if i >= len(lines) else None
        return out


def borderless_tables(words: list[dict]) -> list[tuple[Table, tuple[float, float]]]:
    """Tables printed without lines among the words of one page."""
    return BorderlessTables().page(words)


_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$")


def _header_labels(line: _Line) -> list[list[dict]] | None:
    labels = _labels(line)
    texts = [" ".join(w["text"] for w in group) for group in labels]
    return labels if len(labels) >= 3 and is_header(texts) else None


def _carried_table(lines: list[_Line], carry: _Columns):
    """The rest of a table from the page before, read with its columns."""
    body, i = _body(lines, 0, carry.height)
    if not any(_anchor(line, carry.bounds) for line in body):
        return None, 0
    rows = [Row([Cell(text) for text in carry.header], 0)]
    rows += _rows(body, carry.bounds, len(carry.header), carried=True, top=carry.top)
    return (Table(rows, 0, wrapped=True), (body[0].top, body[-1].bottom)), i


def _body(lines: list[_Line], i: int, height: float) -> tuple[list[_Line], int]:
    body: list[_Line] = []
    while i < len(lines):
        line = lines[i]
        if _END.match(line.text) or (body and line.top - body[-1].bottom > 3.5 * height):
            break
        body.append(line)
        i += 1
    return body, i


def _read_table(lines: list[_Line], start: int, labels: list[list[dict]], seen: dict):
    height = max(lines[start].bottom - lines[start].top, 6.0)
    first = start
    if start > 0 and _short_line_close(lines[start - 1], lines[start], height, above=True):
        first = start - 1  # 'Thời gian' printed above the header line, 'hoàn thành' below
    end = start + 1
    while end < len(lines) and _short_line_close(lines[end], lines[end - 1], height, above=False):
        end += 1
    labels, header, i = _header(lines, (first, start, end), labels, seen)
    body, i = _body(lines, i, height)
    cells = [line for line in body if not line.text.isupper()]  # not heading rows across
    bounds = _boundaries(labels, [w for line in cells for w in line.words])
    rows = [Row([Cell(text) for text in header], 0)]
    anchors = [k for k, line in enumerate(body) if _anchor(line, bounds)]
    known = seen.get(tuple(header))
    top = known if known is not None else _top_aligned(body, anchors, bounds)
    seen[tuple(header)] = top
    rows += _rows(body, bounds, len(header), carried=known is not None, top=top)
    end_y = body[-1].bottom if body else lines[i - 1].bottom
    table = Table(rows, 0, wrapped=True)
    return (table, (lines[first].top, end_y)), _Columns(header, bounds, height, top), i


def _header(lines: list[_Line], span: tuple[int, int, int], labels: list[list[dict]], seen: dict):
    """The header's labels and texts, and where its lines end. A header repeated on the next
    page is the one seen before: short lines under it that would make another header are the
    end of a row cut at the break ('truyền', 'thanh của xã.'), not labels."""
    first, start, end = span
    found = None
    for stop in range(end, start, -1):
        merged = _merge_labels(labels, [lines[k] for k in range(first, stop) if k != start])
        texts = [" ".join(w["text"] for w in sorted(g, key=lambda w: (w["top"], w["x0"])))
                 for g in merged]  # fmt: skip
        found = found or (merged, texts, stop)
        if tuple(texts) in seen:
            return merged, texts, stop
    assert found is not None
    return found


def _short_line_close(line: _Line, other: _Line, height: float, *, above: bool) -> bool:
    """A line of header labels just above or below the main header line: short labels and
    nothing that looks like a row number."""
    gap = other.top - line.bottom if above else line.top - other.bottom
    groups = _labels(line)
    first = groups[0][0]["text"] if groups else ""
    return (
        -height <= gap < 0.8 * height  # overlapping: a second header row beside a wrapped label
        and not _REF.match(first)
        and all(len(group) <= 6 for group in groups)
    )


def _merge_labels(labels: list[list[dict]], extra: list[_Line]) -> list[list[dict]]:
    """Add the words of the other header lines to the label they stand over or under; a group
    under no label starts a column of its own. Two groups of one line under one label make it
    a spanning label ('Phân công nhiệm vụ' over 'Chủ trì | Phối hợp'): each group is a column,
    the spanning words go to the first one's label (as a second header row reads) and no
    longer count for where the columns are."""
    merged = [list(group) for group in labels]
    for line in extra:
        homes: dict[int, list[list[dict]]] = {}
        for group in _labels(line):
            home = _home(merged, group)
            if home is None:
                merged.append(list(group))
            else:
                homes.setdefault(home, []).append(group)
        for home, groups in homes.items():
            if len(groups) > 1:
                spanning = [{**w, "span": True} for w in merged[home]]
                merged[home] = spanning + list(groups[0])
                merged.extend(list(group) for group in groups[1:])
            else:
                merged[home].extend(groups[0])
    return sorted(merged, key=_left)


def _home(labels: list[list[dict]], group: list[dict]) -> int | None:
    """The label a group stands under: the one it overlaps most."""
    x0, x1 = group[0]["x0"], group[-1]["x1"]
    best, overlap = None, 0.0
    for k, label in enumerate(labels):
        shared = min(x1, _right(label) + 3) - max(x0, _left(label) - 3)
        if shared > overlap:
            best, overlap = k, shared
    return best


def _placed(group: list[dict]) -> list[dict]:
    """The words that place a label: not the spanning words over several columns."""
    return [w for w in group if not w.get("span")] or group


def _left(group: list[dict]) -> float:
    return min(w["x0"] for w in _placed(group))


def _right(group: list[dict]) -> float:
    return max(w["x1"] for w in _placed(group))


def _boundaries(labels: list[list[dict]], words: list[dict]) -> list[float]:
    """Where each column ends: in the space between two header labels, the widest stretch
    that no word of the table body crosses (left-aligned and centred cells both leave one)."""
    bounds: list[float] = []
    for left, right in itertools.pairwise(labels):
        a, b = _right(left), _left(right) + 1
        covered = sorted((w["x0"], w["x1"]) for w in words if w["x1"] > a and w["x0"] < b)
        free: list[tuple[float, float]] = []
        cursor = a
        for x0, x1 in covered:
            if x0 > cursor:
                free.append((cursor, x0))
            cursor = max(cursor, x1)
        if cursor < b:
            free.append((cursor, b))
        best = max(free, key=lambda g: (g[1] - g[0], g[1]), default=(a, b))
        bounds.append((best[0] + best[1]) / 2)
    return bounds


def _column(x: float, bounds: list[float]) -> int:
    return sum(1 for b in bounds if x >= b - 1)


def _split(line: _Line, bounds: list[float]) -> dict[int, str]:
    cells: dict[int, list[str]] = {}
    for word in line.words:
        cells.setdefault(_column(word["x0"], bounds), []).append(word["text"])
    return {col: " ".join(parts) for col, parts in cells.items()}


def _anchor(line: _Line, bounds: list[float]) -> bool:
    """A line holding a row number (or a section numeral) in the first column."""
    first = _split(line, bounds).get(0, "")
    return bool(first) and bool(_REF.match(first.split()[0]))


def _rows(
    body: list[_Line], bounds: list[float], width: int, *, carried: bool = False, top: bool = False
) -> list[Row]:
    """One row per numbered line, with the lines that belong to it: in a table whose cells
    are aligned at the top, the lines under it; else (cells centred) the lines nearest to it.
    On a page that carries a table over, the lines above the first number finish the row cut
    at the break: all of them under cells aligned at the top, else those in lower case."""
    anchors = [k for k, line in enumerate(body) if _anchor(line, bounds)]
    if not anchors:  # a page holding only the middle of a row cut at both ends
        return [_row(body, bounds, width)] if carried and top and body else []
    if carried and anchors[0] > 0 and (top or body[0].text[:1].islower()):
        cut = [ln for ln in body[: anchors[0]] if top or ln.text[:1].islower()]
        rest = _rows([ln for ln in body if ln not in cut], bounds, width, top=top)
        return [_row(cut, bounds, width), *rest]
    groups: dict[int, list[_Line]] = {a: [body[a]] for a in anchors}
    owners = [a for a in anchors if not body[a].text.isupper()] or anchors  # not heading rows
    for k, line in enumerate(body):
        if k in groups:
            continue
        if top:
            groups[max((a for a in anchors if a < k), default=anchors[0])].append(line)
            continue
        centre = (line.top + line.bottom) / 2
        nearest = min(owners, key=lambda a: abs((body[a].top + body[a].bottom) / 2 - centre))
        groups[nearest].append(line)
    return [_row(groups[anchor], bounds, width) for anchor in anchors]


def _top_aligned(body: list[_Line], anchors: list[int], bounds: list[float]) -> bool:
    """Cells aligned at the top (Word's default): the table's first line holds a number, and
    on the lines that hold one, the widest column (the task) begins its text: a capital or a
    digit, where a centred cell would show a line from its middle or nothing."""
    if not anchors or anchors[0] != 0 or len(bounds) < 2:
        return False
    chars: dict[int, int] = {}
    for line in body:
        for col, text in _split(line, bounds).items():
            chars[col] = chars.get(col, 0) + len(text)
    chars.pop(0, None)
    if not chars:
        return False
    task = max(chars, key=lambda col: chars[col])
    starts = [_split(body[a], bounds).get(task, "")[:1] for a in anchors]
    begun = sum(1 for first in starts if first.isupper() or first.isdigit())
    return begun >= 0.8 * len(anchors)


def _row(lines: list[_Line], bounds: list[float], width: int) -> Row:
    cells: list[list[str]] = [[] for _ in range(width)]
    for line in sorted(lines, key=lambda ln: ln.top):
        for col, text in _split(line, bounds).items():
            cells[min(col, width - 1)].append(text)
    return Row([Cell("\n".join(parts)) for parts in cells], 0)
