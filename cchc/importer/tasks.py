"""Logical table rows → the contract's task and target entries.

A task's lead, coordinators and products become lists; its deadline is kept as written (items
of a multi-line cell joined with "; ") and read into a due date and recurrence by
`cchc.plans.deadlines`. An empty lead cell is a cell merged with the row above: the row above's
lead is taken, and a warning says so. Every guess is listed in the task's `flags`.
"""

from __future__ import annotations

import re

from cchc.plans.deadlines import parse_deadline

from .areas import guess_area, guess_target_area
from .checks import task_label
from .columns import budget_unit, parse_budget, split_items, starts_deadline
from .repair import unwrap
from .tables import LogicalRow, ParsedTable
from .targets import Quantity, find_quantities, split_sentences


def build_tasks(
    table: ParsedTable, year: int | None, warnings: list[str], area: str | None = None
) -> list[dict]:
    """Task dicts for every row of a task table, in order, with inherited merged cells;
    `area` is the area of the prose heading the table sits under, for rows with no section.
    A row under neither has its area guessed from its own words, and a warning says so."""
    tasks: list[dict] = []
    previous: dict | None = None
    unit = budget_unit(table.header("budget"))
    guessed: list[str] = []
    for row in table.rows:
        task = _task(row, year, table.wrapped, unit)
        if row.section is None and area:
            task["area"] = area
        elif row.section is None:
            task["area"] = guess_area(task["title"])
            task["flags"].append("area_guessed")
            guessed.append(task_label(task))
        if previous is not None:
            _inherit(task, previous, row, year, warnings)
        tasks.append(task)
        previous = task
    if guessed:
        warnings.append(
            f"{len(guessed)} nhiệm vụ không nằm dưới đề mục lĩnh vực nào; lĩnh vực được đoán "
            f"theo nội dung: {', '.join(guessed)}."
        )
    return tasks


def _task(row: LogicalRow, year: int | None, wrapped: bool, unit: float | None = None) -> dict:
    cells = row.cells
    # "Thường xuyên" across "Bắt đầu | Hoàn thành" (merged, or typed under the start alone):
    # the one time the row gives is its deadline
    time = cells.get("deadline", "").strip() or cells.get("start", "")
    deadline = _deadline_text(time, wrapped)
    spec = parse_deadline(deadline, year)
    budget_text = cells.get("budget", "").strip()
    if wrapped:  # a figure cut by a narrow printed cell: "12.000.0" / "00"
        budget_text = re.sub(r"(?<=[\d.,])\n(?=[\d.,])", "", budget_text)
    budget = parse_budget(budget_text, unit) if budget_text else None
    if budget is None and budget_text:
        budget = _trailing_number(budget_text, unit)
    flags: list[str] = []
    if spec.year_assumed:
        flags.append("due_year_assumed")
    if deadline and spec.due is None and spec.recurrence is None:
        flags.append("deadline_without_date")
    if budget_text and budget is None:
        flags.append("budget_not_a_number")
    task = {
        "ref": cells.get("ref", ""),
        "area": row.section.area if row.section else "other",
        "title": _title(cells.get("title", ""), wrapped),
        "lead": split_items(cells.get("lead", ""), kind="units", wrapped=wrapped),
        "coordinators": split_items(cells.get("coordinators", ""), kind="units", wrapped=wrapped),
        "products": split_items(cells.get("products", ""), kind="products", wrapped=wrapped),
        "deadline": deadline,
        "due": spec.due.isoformat() if spec.due else None,
        "recurrence": spec.recurrence,
        "budget_million_vnd": budget,
        "source_line": row.line,
        "section_ref": row.section.ref if row.section else None,
        "periods": [[a.isoformat(), b.isoformat()] for a, b in spec.periods],
        "needs_date": spec.needs_date,
        "flags": flags,
        "source_text": " | ".join(t for t in row.raw if t),
    }
    for extra in ("requirement", "notes"):
        if cells.get(extra):
            task[extra] = cells[extra]
    if budget_text and budget is None:
        task["budget_text"] = budget_text
    return task


def _title(text: str, wrapped: bool) -> str:
    """The task cell on one line; a printed cell's lines joined where they wrapped."""
    return unwrap(text) if wrapped else " ".join(text.split())


# a line of a printed time cell that is a time by itself: it has a figure, or it is "Thường
# xuyên", "… tháng", or a quarter named alone ("Quý I" / "Quý III", one under the other)
_WHOLE_TIME = re.compile(r"\d|xuyên|tháng$|^quý\s+[ivx]+$", re.I)


def _deadline_text(text: str, wrapped: bool) -> str:
    """The time cell as written; items of a multi-line or bulleted cell joined with '; '."""
    if not text.strip():
        return ""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    whole = [ln for ln in lines if starts_deadline(ln) and re.search(_WHOLE_TIME, ln)]
    if wrapped and len(lines) > 1 and len(whole) == len(lines):
        pass  # a PDF cell whose every line is a time of its own: 'Quý I/2026' / 'Quý III/2026'
    elif wrapped or len(lines) == 1:
        joined = unwrap("\n".join(lines))
        parts = re.split(r"(?:^|\s+)[-–•+]\s+", joined)
        parts = [p for p in parts if p.strip()]
        lines = parts if len(parts) > 1 and all(starts_deadline(p) for p in parts) else [joined]
    items = [re.sub(r"^[-–•+]\s*", "", ln).strip().rstrip(".;,") for ln in lines]
    return "; ".join(item for item in items if item)


def _trailing_number(text: str, unit: float | None = None) -> int | float | None:
    """A figure written with its source: '50 (ngân sách xã)', 'Ngân sách xã: 15', '…. 20'."""
    match = re.search(r"(?:^|\.\s)(\d+(?:[.,]\d+)?)$", text.strip())
    if match:
        return parse_budget(match.group(1), unit)
    bare = re.sub(r"\([^)]*\)", " ", text)
    bare = re.sub(r"^[^\d:]{1,40}:\s*", "", bare.strip())
    return parse_budget(bare, unit) if bare.strip() and bare.strip() != text.strip() else None


def _inherit(task: dict, previous: dict, row: LogicalRow, year: int | None, warnings) -> None:
    """Fill a merged (empty) lead/coordinators/deadline cell from the row above."""
    if task["lead"] or not previous["lead"]:
        return
    task["lead"] = list(previous["lead"])
    task["flags"].append("lead_from_row_above")
    note = f"Nhiệm vụ {task_label(task)}: ô chủ trì để trống, lấy theo dòng trên (ô gộp)"
    if not task["coordinators"] and previous["coordinators"]:
        task["coordinators"] = list(previous["coordinators"])
        task["flags"].append("coordinators_from_row_above")
        note += "; cả ô phối hợp"
    if not task["deadline"] and previous["deadline"]:
        for key in ("deadline", "due", "recurrence", "periods", "needs_date"):
            task[key] = previous[key]
        task["flags"].append("deadline_from_row_above")
        note += "; cả ô thời gian"
    warnings.append(note + ".")


def targets_from_rows(table: ParsedTable, column: str) -> list[dict]:
    """Targets stated in one column of a table (a targets appendix, or the 'Yêu cầu' column).
    A targets table with a planned-value column ('Chỉ tiêu | Kế hoạch năm 2025 | Ghi chú')
    states each target as the indicator plus its value, and sometimes a second one in the
    notes ('Trong đó thanh toán trực tuyến tối thiểu 50%')."""
    out: list[dict] = []
    for row in table.rows:
        if "value" in table.roles:
            name = row.cells.get("title", "")
            value = _with_unit(row.cells.get("value", ""), row.cells.get("unit", ""))
            pieces = [(value, f"{name}: "), (row.cells.get("notes", ""), "")]
        else:
            name = ""
            pieces = [(row.cells.get(column, ""), "")]
        for k, (text, prefix) in enumerate(pieces):
            text = _unwrapped(text) if table.wrapped else text
            read = _value_quantities if "value" in table.roles and k == 0 else find_quantities
            for sentence in split_sentences(text):
                for quantity in read(sentence):
                    out.append(_row_target(row, quantity, prefix, name or text, text))
    return out


def _unwrapped(text: str) -> str:
    """A printed cell's lines are where the text wrapped: one line, except where a bullet
    begins an item."""
    items = re.split(r"\n(?=\s*[-–•+])", text)
    return "\n".join(unwrap(item) for item in items).strip()


def qualitative_rows(table: ParsedTable, found: list[dict]) -> list[dict]:
    """Rows of a targets appendix that state an objective without a figure ("Tiếp tục rà soát
    …", or a value column reading "Tốt"): qualitative targets, kept with their text (and the
    value's words) and no comparator or value, so that the plan still lists every objective
    it sets."""
    quantified = {(t["source_line"], t.get("task_ref")) for t in found}
    out: list[dict] = []
    for row in table.rows:
        text = " ".join(row.cells.get("title", "").split())
        ref = row.cells.get("ref") or None
        if not text or (row.line, ref) in quantified:
            continue
        value = " ".join(row.cells.get("value", "").split())
        text = f"{text}: {value}" if value else text
        area = row.section.area if row.section else None
        out.append(
            {
                "area": area or guess_area(text),
                "text": text,
                "comparator": None,
                "value": None,
                "unit": None,
                "source_line": row.line,
                "task_ref": ref,
                "lead": split_items(row.cells.get("lead", ""), kind="units"),
                "source_text": " | ".join(t for t in row.raw if t),
                "area_guessed": area is None,
            }
        )
    return out


def _with_unit(value: str, unit: str) -> str:
    """A bare figure with its 'Đơn vị tính': '98' + '%' → '98%', '85' + 'điểm' → '85 điểm',
    '2' + 'sáng kiến' → '2 sáng kiến'."""
    value = value.strip()
    # the figure may follow the words that compare it ('Tối thiểu 90', 'Trên 80', 'Đạt 95')
    match = re.fullmatch(rf"((?:{_COMPARING_WORDS})\s+|[≥≤<>=]*\s*)(\d+(?:[.,]\d+)?)", value, re.I)
    if not unit.strip() or not match:
        return value
    unit = unit.strip()
    return f"{value}%" if unit in ("%", "Tỷ lệ %") else f"{value} {unit}"


_COMPARING_WORDS = "tối thiểu|ít nhất|trên|dưới|không quá|không dưới|tối đa|đạt|từ"


def _value_quantities(text: str) -> list[Quantity]:
    """Targets in a planned-value cell; a bare count ('2 sáng kiến', '≥ 3') is one too."""
    found = find_quantities(text)
    match = re.match(r"^\s*([≥≤<>]=?|=)?\s*(\d+(?:[.,]\d+)?)\b(?!\s*[%/])", text)
    if found or not match:
        return found
    comparator = {"≥": ">=", ">": ">=", ">=": ">=", "≤": "<=", "<": "<=", "<=": "<="}
    number = float(match.group(2).replace(",", "."))
    value = int(number) if number.is_integer() else number
    return [Quantity(text.strip(), comparator.get(match.group(1) or "", "="), value, "count", 0)]


def _row_target(row: LogicalRow, quantity, prefix: str, context: str, source: str) -> dict:
    area = row.section.area if row.section else None
    area = None if area == "other" else area  # a heading naming no area: guessed, and said
    return {
        "area": area or guess_target_area(context, source),
        "text": " ".join((prefix + quantity.text).split()),  # a cell's lines are one text
        "comparator": quantity.comparator,
        "value": quantity.value,
        "unit": quantity.unit,
        "source_line": row.line,
        "task_ref": row.cells.get("ref") or None,
        "source_text": source,
        "area_guessed": area is None,
    }
