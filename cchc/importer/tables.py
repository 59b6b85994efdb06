"""Plan tables → logical rows: header found by its text, page-break repeats skipped,
continuation rows merged, section rows told apart from task rows.

Works the same on Word tables, PDF tables, tab-separated text and stacked tables. Text
exports add two kinds of noise handled here: a row cut by a page break continues on a row
with no number (its cells begin in lower case), and rows whose first merged cells were
dropped are shifted left or right (the task cell, which begins with its number "1.5.", tells
where the row really starts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .areas import area_for_heading
from .columns import CONNECTORS, header_roles, is_header
from .document import Table
from .repair import clean_text, join_fragments, unwrap

ROMAN_REF = re.compile(r"^([IVXLC]{1,6})\.?$")
LETTER_REF = re.compile(r"^[a-zđ][.)]$")
PART_REF = re.compile(r"^[A-H][.)]?$")  # "A. NHIỆM VỤ TRỌNG TÂM"
TOTAL_ROW = re.compile(r"^(tổng cộng|tổng số|tổng kinh phí|cộng)\b", re.I)
DOTTED_REF = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
# '1.2. Phối hợp …', or a task's number alone on the last line of a printed page ('6.3.')
LEADING_REF = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+|\d{1,3})\.?(?:\s+(?=\S)|\s*$)")
YEAR_START = re.compile(r"^(19|20)\d\d\b(?![./-]\d)")
# the heading's text may wrap in its cell ('II. Cải\ncách\nTTHC' in a printed number column)
SECTION_TEXT = re.compile(r"^\s*([IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3})*)[.)]\s*(\S.*)$", re.S)
# Cells a task or target row fills and a heading row leaves empty.
_TASK_CELLS = (
    *("lead", "coordinators", "deadline", "start", "products", "requirement", "budget", "value"),
)
_STRONG_END = re.compile(r"[,;\-–]$|\b(ubnd|hđnd|số|ngày)$", re.I)


@dataclass
class Section:
    """A heading row of a table ('I. CẢI CÁCH THỂ CHẾ', or a 'Nội dung CCHC' group cell)."""

    ref: str
    title: str
    line: int
    level: int
    parent: Section | None = None

    @property
    def area(self) -> str:
        own = area_for_heading(self.title)
        if own:
            return own
        return self.parent.area if self.parent else "other"


@dataclass
class LogicalRow:
    """One task (or target) row: its cells by role, merged from however many lines."""

    cells: dict[str, str]
    line: int
    section: Section | None
    merged: set[str] = field(default_factory=set)
    raw: list[str] = field(default_factory=list)


@dataclass
class ParsedTable:
    roles: list[str | None]
    rows: list[LogicalRow]
    sections: list[Section]
    wrapped: bool = False
    parser: _RowParser | None = field(default=None, repr=False, compare=False)

    def header(self, role: str) -> str:
        """The header's words over the column of `role` ("Kinh phí (nghìn đồng)"), every
        header row's and page's; "" when the table has no such column."""
        parser = self.parser
        if parser is None or role not in parser.index:
            return ""
        return " ".join(sorted(parser.labels.get(parser.index[role], set())))


def parse_table(table: Table) -> ParsedTable | None:
    """Logical rows of a plan table, or None when the table has no recognisable header."""
    header_texts: list[str] = []
    header_at, roles = _find_header(table, header_texts)
    if header_at < 0:
        return None
    parser = _RowParser(roles, header_texts)
    parser.printed = table.wrapped
    parser.note_header(header_texts, len(table.rows[header_at].cells))
    for row in table.rows[header_at + 1 :]:
        parser.feed(row)
    return ParsedTable(roles, parser.rows, parser.sections, table.wrapped, parser)


def continue_table(previous: ParsedTable, table: Table) -> bool:
    """Read `table` as the rest of `previous` when it is the same table cut by a page break:
    it repeats the same header, or has no header and as many columns. Its rows keep the
    section they fall under, and a first row without a number whose text begins in lower case
    finishes the row cut at the break. Return False when `table` is another table."""
    parser = previous.parser
    if parser is None or not table.rows:
        return False
    header_texts: list[str] = []
    header_at, roles = _find_header(table, header_texts)
    width = max(len(r.cells) for r in table.rows)
    if header_at >= 0 and roles != previous.roles:
        return False
    if header_at < 0 and (width != len(previous.roles) or is_header(
        [clean_text(c.text) for c in table.rows[0].cells]
    )):  # fmt: skip
        return False
    parser.header_folded |= {clean_text(t).lower() for t in header_texts if t.strip()}
    if header_at >= 0:
        parser.note_header(header_texts, len(table.rows[header_at].cells))
    parser.after_break = True
    parser.printed = table.wrapped
    for row in table.rows[header_at + 1 :]:
        parser.feed(row)
    return True


def _find_header(table: Table, texts: list[str]) -> tuple[int, list[str | None]]:
    """Index and roles of the header row; `texts` receives every header cell's text, so that
    the header repeated at each page break can be recognised and skipped."""
    if table.header:
        texts.extend(c.text for c in table.rows[0].cells)
        return 0, list(table.header)
    for i, row in enumerate(table.rows[:4]):
        labels = [clean_text(c.text) for c in row.cells]
        if not is_header(labels):
            continue
        texts.extend(labels)
        if i + 1 < len(table.rows):
            below = [clean_text(c.text) for c in table.rows[i + 1].cells]
            if _is_sub_header(below) and not _year_cut_under_task(labels, below):
                texts.extend(below)
                labels = [f"{a} {b}".strip() for a, b in _pad(labels, below)]
                table.rows[i + 1].cells = []  # consumed: second header row
        return i, header_roles(labels)
    return -1, []


def _is_sub_header(texts: list[str]) -> bool:
    """A second header row ('Chủ trì | Phối hợp' under 'Phân công thực hiện'): short labels,
    at least one naming a column, no row number. A data row carried over a page break
    ('của tỉnh; trả kết quả …') names a column word by chance but is not short."""
    filled = [t for t in texts if t]
    refs = (DOTTED_REF, ROMAN_REF, PART_REF, LETTER_REF)
    if not filled or any(pattern.match(filled[0]) for pattern in refs):
        return False
    if any(len(t.split()) > 6 or t[:1].islower() for t in filled):
        return False
    return any(header_roles(texts))


def _year_cut_under_task(labels: list[str], below: list[str]) -> bool:
    """'2024' alone under the task column, first after a header repeated on a printed page:
    the end of the task cut at the break ('… CCHC năm' / '2024'), not a second header row
    ('Năm 2024' under a figure column is one)."""
    filled = [k for k, t in enumerate(below) if t]
    if len(filled) != 1 or not YEAR_START.match(below[filled[0]]):
        return False
    roles = header_roles(labels)
    return filled[0] < len(roles) and roles[filled[0]] == "title"


def _in_capitals(text: str) -> bool:
    """Two words or more, nearly all in capitals ('CẢI CÁCH THỂ CHẾ')."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(text.split()) < 2 or not letters or text[0].islower():
        return False
    return sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def _unnumbered_heading(text: str, bold: bool) -> bool:
    """A heading row with no number, alone in its row ('CẢI CÁCH THỦ TỤC HÀNH CHÍNH' across
    the table): in capitals, or bold and naming a reform area."""
    if len(text.split()) < 2 or not text or text[0].islower():
        return False
    if _in_capitals(text):
        return True
    return bold and area_for_heading(text) is not None and len(text.split()) <= 15


def _pad(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    width = max(len(a), len(b))
    return list(zip(a + [""] * (width - len(a)), b + [""] * (width - len(b)), strict=True))


class _RowParser:
    def __init__(self, roles: list[str | None], header_texts: list[str]) -> None:
        self.roles = roles
        self.header_folded = {clean_text(t).lower() for t in header_texts if t.strip()}
        self.rows: list[LogicalRow] = []
        self.sections: list[Section] = []
        self.top: Section | None = None
        self.current: Section | None = None
        self.index = {role: i for i, role in enumerate(roles) if role}
        self.after_break = False  # the next row is the first after a page break
        self.printed = False  # … of a printed page (PDF), where rows are cut at the break
        self.last_section = False  # the last row read was a heading row
        self.labels: dict[int, set[str]] = {}  # header labels by column, every page's

    def note_header(self, texts: list[str], width: int) -> None:
        """The header's labels by column (a second header row's under the first's)."""
        for k, text in enumerate(texts):
            if text.strip():
                self.labels.setdefault(k % width if width else k, set()).add(text.lower())

    def feed(self, row) -> None:
        texts = [
            clean_text(c.text) if not row.cells[i].merged else "" for i, c in enumerate(row.cells)
        ]
        merged = {
            self.roles[i] for i, c in enumerate(row.cells) if c.merged and i < len(self.roles)
        }
        bold = any(c.bold for c in row.cells)
        texts = (texts + [""] * len(self.roles))[: max(len(self.roles), len(texts))]
        if not any(texts) or self._is_repeated_header(texts):
            return
        if any(TOTAL_ROW.match(t) for t in texts[:3]):
            return  # "Tổng cộng: 12 nhiệm vụ | … | 350": a sum, not a task
        shifted = row.physical and len(row.cells) != len(self.roles)
        if row.physical:
            texts = self._realign(texts)
        cells = {role: texts[i] for i, role in enumerate(self.roles) if role and i < len(texts)}
        ref = self._ref(cells)
        carried, self.after_break = self.after_break, False
        if carried and self.printed and self._cut_at_break(cells, texts, bold):
            self._finish_cut(texts, shifted)
            return
        if (
            (row.physical or carried)
            and self.rows
            and not ref
            and self._is_continuation(texts, carried)
        ):
            self._continue(texts, shifted)
            return
        if row.physical and self.rows:
            self._split_carried_text(cells)
        self.last_section = self._is_section(cells, ref, texts, bold)
        if self.last_section:
            self._section(cells, ref, texts, row.line)
            return
        self._group(cells, ref, row.line)
        cells["ref"] = self._task_ref(cells, ref)
        self._close_sibling_section(cells["ref"])
        self.rows.append(LogicalRow(cells, row.line, self.current, {r for r in merged if r}, texts))

    # --- row kinds ---------------------------------------------------------------------------

    def _is_repeated_header(self, texts: list[str]) -> bool:
        lowered = [t.lower() for t in texts]
        filled = [t for t in lowered if t]
        same = sum(1 for t in filled if t in self.header_folded)
        return bool(filled) and (same == len(filled) or (is_header(texts) and same >= 2))

    def _ref(self, cells: dict[str, str]) -> str:
        ref = cells.get("ref", "").strip()
        if DOTTED_REF.match(ref) or ROMAN_REF.match(ref):
            return ref.rstrip(".")
        if LETTER_REF.match(ref) or PART_REF.match(ref):
            return ref.rstrip(".)")  # 'a)' → 'a', as '1.' → '1'
        return ""

    def _is_continuation(self, texts: list[str], carried: bool = False) -> bool:
        """A row that finishes the one above: its text begins in lower case or punctuation, or,
        first after a page break, with a year ("2024 UBND xã." of "… Chỉ số CCHC năm")."""
        first = next((t for t in texts if t), "")
        if carried and YEAR_START.match(first):
            return True
        if any(re.match(r"^\d{1,3}\.\d{1,3}\.?\s+\S", t) for t in texts):
            return False
        if LEADING_REF.match(first) or SECTION_TEXT.match(first):
            return False
        return bool(first) and (first[0].islower() or first[0] in ",.;)-–")

    def _cut_at_break(self, cells: dict[str, str], texts: list[str], bold: bool) -> bool:
        """The first row of a printed page without a number, under a numbered row cut at the
        break: the rest of that row, whatever its case ('Hệ thống thông tin …', 'Platform) …',
        the rest of a heading row). An unnumbered heading alone in its row is its own row."""
        filled = [t for t in texts if t]
        if not filled or cells.get("ref") or LEADING_REF.match(cells.get("title", "")):
            return False  # numbered, in its own cell or before its task ('1.2. Phối hợp …')
        if self.last_section:
            return self.current is not None
        if not self.rows or not self.rows[-1].cells.get("ref"):
            return False
        return not (len(filled) == 1 and _unnumbered_heading(filled[0], bold))

    def _finish_cut(self, texts: list[str], shifted: bool) -> None:
        """Join a row cut at a page break to the row above. A short fragment that ends a
        header label is the header's last line printed under the repeated header, not text."""
        texts = ["" if self._header_word(k, t) else t for k, t in enumerate(texts)]
        if self.last_section and self.current is not None:
            rest = " ".join(t for t in texts if t)
            self.current.title = join_fragments(self.current.title, rest)
            return
        self._continue(texts, shifted)

    def _header_word(self, column: int, text: str) -> bool:
        """A word or two of the column's header label: the label's last line, printed under
        the header repeated on the page (LibreOffice draws it beyond the row it cuts)."""
        folded = f" {' '.join(text.lower().split())} "
        labels = self.labels.get(column, set())
        return len(text.split()) <= 2 and any(folded in f" {' '.join(h.split())} " for h in labels)

    def _is_section(self, cells: dict[str, str], ref: str, texts: list[str], bold: bool) -> bool:
        filled = [t for t in texts if t]
        numbered = SECTION_TEXT.match(filled[0]) if len(filled) == 1 else None
        if numbered and "title" in self.index:
            only = texts.index(filled[0])
            if only != self.index["title"] or ROMAN_REF.match(filled[0].split(".")[0]):
                return True
            # in the title column of a table with no number column, "1. CÔNG TÁC CHỈ ĐẠO" alone
            # in its row is a heading; "1.2. Phối hợp …" (a task numbered in its cell) is not
            return _in_capitals(numbered.group(2))
        if len(filled) == 1 and not ref and _unnumbered_heading(filled[0], bold):
            return True
        others = [cells.get(r, "") for r in _TASK_CELLS]
        if (ROMAN_REF.match(ref) or PART_REF.match(ref)) and not any(others):
            return True
        return bool(ref) and bool(cells.get("title")) and not any(others)

    def _section(self, cells: dict[str, str], ref: str, texts: list[str], line: int) -> None:
        title = cells.get("title", "") or cells.get("group", "")
        if not title or not ref:
            filled = next(t for t in texts if t)
            match = SECTION_TEXT.match(filled)
            ref, title = (match.group(1), match.group(2)) if match else (ref, filled)
        level = self._level(ref)
        parent = self.top if level > 1 else None
        section = Section(ref, " ".join(title.split()).strip(" *:"), line, level, parent)
        self.sections.append(section)
        if level == 1:
            self.top = section
        self.current = section

    def _level(self, ref: str) -> int:
        """Roman (and 'A.', 'B.') heading rows are the top level; numbered ones ('1', '2.1',
        'a') and unnumbered ones are one level below when the table has such parts, so that
        they take the part's area."""
        if ROMAN_REF.match(ref) or PART_REF.match(ref):
            return 1
        under_part = self.top is not None and not DOTTED_REF.match(self.top.ref)
        return ref.count(".") + (2 if under_part or LETTER_REF.match(ref + ")") else 1)

    def _close_sibling_section(self, ref: str) -> None:
        """A task numbered like the current sub-heading but not under it ('4' after the heading
        row '3. Kiểm tra … tại:' and its rows a), b)) belongs to the part above."""
        current = self.current
        if current is None or current is self.top or not ref or ref == current.ref:
            return
        if not DOTTED_REF.match(ref) or not DOTTED_REF.match(current.ref):
            return
        if ref.startswith(current.ref + ".") or ref.count(".") > current.ref.count("."):
            return
        self.current = current.parent

    def _group(self, cells: dict[str, str], ref: str, line: int) -> None:
        group = cells.get("group", "")
        if not group:
            return
        if group[0].islower() and self.current is not None:
            self.current.title = join_fragments(self.current.title, group)
            return
        title = unwrap(group) if self.printed else group  # 'Công\ntác chỉ\nđạo' printed narrow
        section = Section(ref or str(len(self.sections) + 1), title, line, 1)
        self.sections.append(section)
        self.top = self.current = section

    def _task_ref(self, cells: dict[str, str], ref: str) -> str:
        title = cells.get("title", "")
        match = LEADING_REF.match(title)
        if match and ("." in match.group(1) or not ref):
            cells["title"] = title[match.end() :].strip()
            return match.group(1)
        if "group" in self.index and cells.get("group"):
            return ref
        return ref

    # --- physical rows -----------------------------------------------------------------------

    def _realign(self, texts: list[str]) -> list[str]:
        """Shift a row whose task cell ('1.5. Xây dựng …') is not under the task column."""
        title_at = self.index.get("title")
        if title_at is None:
            return texts
        for k, text in enumerate(texts):
            if text and re.match(r"^\d{1,3}\.\d{1,3}\.?\s+\S", text):
                if k == title_at:
                    return texts
                shift = title_at - k
                shifted = [""] * shift + texts if shift > 0 else texts[-shift:]
                while len(shifted) > len(self.roles) and not shifted[-1]:
                    shifted.pop()
                return shifted + [""] * (len(self.roles) - len(shifted))
            if text and k != self.index.get("ref") and k != self.index.get("group"):
                return texts
        return texts

    def _split_carried_text(self, cells: dict[str, str]) -> None:
        """A new row's cell that starts with the end of the cell above ('riêng của đơn vị. 0'):
        give the sentence back to the row above and keep the rest."""
        last = self.rows[-1]
        for role, text in list(cells.items()):
            if role in ("title", "group", "ref") or not text or not text[0].islower():
                continue
            head, sep, rest = text.partition(". ")
            if sep and last.cells.get(role):
                last.cells[role] = join_fragments(last.cells[role], head + ".")
                cells[role] = rest.strip()

    def _continue(self, texts: list[str], shifted: bool) -> None:
        """Append a continuation row's fragments to the cells of the row above. When the row
        has more or fewer cells than the header, a fragment may sit one column off: it goes to
        the neighbouring cell whose text plainly stops mid-phrase."""
        last = self.rows[-1]
        for p, fragment in enumerate(texts):
            if not fragment or p >= len(self.roles):
                continue
            role = self._target_role(last, p) if shifted else self.roles[p]
            if role is None:
                continue
            if role == "group" and self.current is not None:
                self.current.title = join_fragments(self.current.title, fragment)
                continue
            last.cells[role] = join_fragments(last.cells.get(role, ""), fragment)

    def _target_role(self, last: LogicalRow, p: int) -> str | None:
        candidates = [p, p + 1, p - 1]
        roles = [
            (i, self.roles[i])
            for i in candidates
            if 0 <= i < len(self.roles) and self.roles[i] not in (None, "ref")
        ]
        for _i, role in roles:
            text = last.cells.get(role or "", "")
            if text and (_STRONG_END.search(text) or text.split()[-1].lower() in CONNECTORS):
                return role
        own = self.roles[p]
        return own if own != "ref" else None
