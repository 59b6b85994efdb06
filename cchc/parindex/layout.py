"""The provinces' Excel layout of a PAR criteria set, read and written.

Columns: STT | area / criterion / sub-criterion | max points | scoring guidance | evidence
required. Title rows may stand above the header (the row whose first cell says "STT"); they are
kept and written back. STT is text: `1` is an area, `1.1` a criterion, `1.1.1` a sub-criterion
(`3.10` is not `3.1`). An area whose name says "điều tra xã hội học" is the survey (its max is
the survey's weight); one whose name says "điểm thưởng" or "điểm trừ" is the bonus/penalty area:
no maximum, its rows carry positive (bonus) or negative (penalty) points. The scoring rule is
read from the guidance (rules.parse_rule), so the guidance is the one place it is written.

A file is read whole and checked before anything is saved: each problem names its row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side

from cchc.documents.excel import append_row, print_on_a4

from .choices import AreaRole, NodeKind

HEADERS = [
    "STT",
    "Lĩnh vực, tiêu chí, tiêu chí thành phần",
    "Điểm tối đa",
    "Hướng dẫn chấm điểm",
    "Tài liệu kiểm chứng",
]
WIDTHS = [8, 60, 10, 50, 40]
STT = re.compile(r"^\d+(\.\d+){0,2}$")
MAX_ROWS = 2000


class LayoutError(ValueError):
    """The file is refused; `problems` lists each row's reason."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Row:
    line: int  # the row's number in the sheet
    stt: str
    name: str
    max_points: Decimal | None
    guidance: str = ""
    evidence_required: str = ""
    bad_points: bool = False
    kind: str = NodeKind.AREA
    area_role: str = AreaRole.SCORED
    parent_stt: str | None = None
    children: list[Row] = field(default_factory=list)


@dataclass
class ParsedSet:
    title_rows: list[list[str]]
    rows: list[Row]


def area_role_of(name: str) -> str:
    low = name.lower()
    if "điều tra xã hội học" in low:
        return AreaRole.SURVEY
    if "điểm thưởng" in low or "điểm trừ" in low:
        return AreaRole.BONUS
    return AreaRole.SCORED


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _points(value, line: int, problems: list[str]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        problems.append(
            _("Row %(line)s: max points “%(value)s” is not a number.")
            % {"line": line, "value": value}
        )
        return None
    if not number.is_finite() or abs(number) > 1000:
        problems.append(
            _("Row %(line)s: max points “%(value)s” is not a number.")
            % {"line": line, "value": value}
        )
        return None
    return number.quantize(Decimal("0.01"))


def row_of(line: int, values, problems: list[str]) -> Row | None:
    """One row under the header as a Row, or None for an empty or unreadable one (its problem
    noted)."""
    cells = [_text(v) for v in values[:5]] + [""] * (5 - len(values[:5]))
    if not any(cells):
        return None
    stt, name = cells[0], cells[1]
    if not STT.match(stt):
        problems.append(
            _("Row %(line)s: STT “%(stt)s” is not of the form 1, 1.1 or 1.1.1.")
            % {"line": line, "stt": stt}
        )
        return None
    if not name:
        problems.append(
            _("Row %(line)s (STT %(stt)s): the name is empty.") % {"line": line, "stt": stt}
        )
    before = len(problems)
    points = _points(values[2] if len(values) > 2 else None, line, problems)
    return Row(
        line=line,
        stt=stt,
        name=name,
        max_points=points,
        guidance=cells[3],
        evidence_required=cells[4],
        bad_points=len(problems) > before,
    )


def _title_cells(values) -> list[str]:
    cells = [_text(v) for v in values[:5]]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def read(source) -> ParsedSet:
    """Read the first sheet of an .xlsx file (path or file object) into rows, or raise
    LayoutError naming every row that is wrong."""
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise LayoutError(
            [_("The file is not an Excel workbook (.xlsx): %(error)s") % {"error": exc}]
        ) from exc
    title_rows: list[list[str]] = []
    rows: list[Row] = []
    problems: list[str] = []
    header_seen = False
    for line, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
        if line > MAX_ROWS:
            problems.append(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
            break
        if not header_seen:
            header_seen = _text(values[0] if values else None).upper() == "STT"
            if not header_seen:
                title_rows.append(_title_cells(values))
            continue
        row = row_of(line, values, problems)
        if row is not None:
            rows.append(row)
    book.close()
    if not header_seen:
        raise LayoutError([_("No header row: the first column of the header must say “STT”.")])
    return checked(title_rows, rows, problems)


def checked(title_rows: list[list[str]], rows: list[Row], problems: list[str]) -> ParsedSet:
    """The rows as a set once the tree is checked, or LayoutError naming every problem (those
    found while reading included). The Excel import and the page that builds a set by hand
    both end here, so a set is valid by the same rules whichever way it came."""
    if not rows and not problems:
        problems.append(_("The file holds no criteria."))
    check_tree(rows, problems)
    if problems:
        raise LayoutError(problems)
    return ParsedSet(title_rows=title_rows, rows=rows)


def _link(rows: list[Row], problems: list[str]) -> tuple[dict[str, Row], list[Row]]:
    """Each row joined to its parent (the STT without its last part); the areas."""
    by_stt: dict[str, Row] = {}
    areas: list[Row] = []
    for row in rows:
        where = {"line": row.line, "stt": row.stt}
        if row.stt in by_stt:
            problems.append(_("Row %(line)s: STT %(stt)s appears twice.") % where)
            continue
        depth = row.stt.count(".")
        row.kind = [NodeKind.AREA, NodeKind.CRITERION, NodeKind.SUB][depth]
        row.children = []
        if depth:
            row.parent_stt = row.stt.rsplit(".", 1)[0]
            parent = by_stt.get(row.parent_stt)
            if parent is None:
                problems.append(
                    _("Row %(line)s: STT %(stt)s has no parent %(parent)s above it.")
                    % {**where, "parent": row.parent_stt}
                )
                continue
            parent.children.append(row)
            row.area_role = parent.area_role
        else:
            row.area_role = area_role_of(row.name)
            areas.append(row)
        by_stt[row.stt] = row
    return by_stt, areas


def _check_bonus(row: Row, where: dict, problems: list[str]) -> None:
    if row.kind == NodeKind.AREA and row.max_points is not None:
        problems.append(
            _(
                "Row %(line)s (STT %(stt)s): the bonus/penalty area has no maximum; "
                "leave its points empty."
            )
            % where
        )
    if row.kind != NodeKind.AREA and not row.children and not row.max_points:
        problems.append(
            _(
                "Row %(line)s (STT %(stt)s): a bonus or penalty row needs its points "
                "(positive for a bonus, negative for a penalty)."
            )
            % where
        )


def _check_points(row: Row, problems: list[str]) -> None:
    where = {"line": row.line, "stt": row.stt}
    if row.area_role == AreaRole.BONUS:
        _check_bonus(row, where, problems)
        return
    if row.max_points is None:
        if not row.bad_points:
            problems.append(_("Row %(line)s (STT %(stt)s): max points are missing.") % where)
        return
    if row.max_points < 0:
        problems.append(
            _(
                "Row %(line)s (STT %(stt)s): max points cannot be negative outside the "
                "bonus/penalty area."
            )
            % where
        )
    if row.children and row.area_role != AreaRole.SURVEY:
        total = sum((c.max_points or Decimal(0) for c in row.children), Decimal(0))
        if total != row.max_points:
            problems.append(
                _(
                    "Row %(line)s (STT %(stt)s): max points %(max)s differ from the sum of "
                    "its parts %(sum)s."
                )
                % {**where, "max": _fmt(row.max_points), "sum": _fmt(total)}
            )


def check_tree(rows: list[Row], problems: list[str]) -> None:
    """Link rows into the tree and check it: parents exist, points add up, the scored areas
    and the survey make 100, bonus/penalty rows are signed and the area has no maximum."""
    by_stt, areas = _link(rows, problems)
    for row in by_stt.values():
        _check_points(row, problems)
    total = sum(
        (a.max_points or Decimal(0) for a in areas if a.area_role != AreaRole.BONUS), Decimal(0)
    )
    if areas and total != 100:
        problems.append(
            _("The areas (with the survey) add up to %(sum)s points, not 100.")
            % {"sum": _fmt(total)}
        )
    if sum(1 for a in areas if a.area_role == AreaRole.SURVEY) > 1:
        problems.append(_("Only one area may be the sociological survey."))


def _fmt(number: Decimal | None):
    """Points as a spreadsheet shows them: 10 not 10.00, 2.5 not 2.50."""
    if number is None:
        return None
    normal = number.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def write(criteria_set, criteria) -> Workbook:
    """The set in the layout `read` takes, its title rows above the header."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Bộ tiêu chí"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    titles = criteria_set.title_rows or [
        [f"BỘ TIÊU CHÍ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {criteria_set.year}"],
        [],
    ]
    for title in titles:
        append_row(sheet, title)
        if title:
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    header = append_row(sheet, HEADERS)
    for col, width in enumerate(WIDTHS, start=1):
        cell = sheet.cell(row=header, column=col)
        cell.font = Font(bold=True)
        cell.border = border
        sheet.column_dimensions[cell.column_letter].width = width
    for c in criteria:
        row = append_row(
            sheet,
            [c.stt, c.name, _fmt(c.max_points), c.guidance or None, c.evidence_required or None],
        )
        sheet.cell(row=row, column=1).number_format = "@"
        for col in range(1, 6):
            cell = sheet.cell(row=row, column=col)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if c.kind == NodeKind.AREA:
                cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    sheet.print_title_rows = f"{header}:{header}"
    print_on_a4(sheet, sum(WIDTHS))
    return book
