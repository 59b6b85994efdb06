"""Excel export of a plan: one sheet for the task table, one for the targets.

The task sheet takes the same filtered tasks the page shows, with the same columns, so what
a user exports is what they were looking at.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .layout import Heading, targets_by_area, task_rows

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
HEADING_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def _lines(values) -> str:
    return "\n".join(values)


def _write_table(sheet, title: str, headers, widths, rows) -> None:
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(list(headers))
    header_row = sheet.max_row
    for col, width in enumerate(widths, start=1):
        cell = sheet.cell(row=header_row, column=col)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(col)].width = width
    for values, is_heading in rows:
        sheet.append(values)
        row = sheet.max_row
        for col in range(1, len(headers) + 1):
            cell = sheet.cell(row=row, column=col)
            cell.alignment = WRAP
            cell.border = BORDER
            if is_heading:
                cell.font = Font(bold=True)
                cell.fill = HEADING_FILL
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1


def plan_workbook(plan, tasks, sections, targets) -> bytes:
    """The plan's tasks and targets as an .xlsx file (bytes)."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Tasks")[:31]
    task_headers = [
        _("No."),
        _("Task"),
        _("Lead"),
        _("Coordinators"),
        _("Expected products"),
        _("Deadline"),
        _("Due date"),
        _("Budget (million VND)"),
    ]
    rows = []
    for item in task_rows(tasks, sections):
        if isinstance(item, Heading):
            rows.append(([item.ref, item.title, "", "", "", "", "", ""], True))
            continue
        rows.append(
            (
                [
                    item.ref,
                    item.title,
                    _lines(item.leads),
                    _lines(item.coordinators),
                    _lines(item.products),
                    item.deadline_text,
                    item.due,
                    item.budget_million_vnd,
                ],
                False,
            )
        )
    _write_table(sheet, plan.title, task_headers, [7, 60, 24, 24, 26, 16, 12, 12], rows)
    for row in sheet.iter_rows(min_row=4, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"

    target_sheet = book.create_sheet(_("Targets")[:31])
    target_rows = []
    for group in targets_by_area(targets):
        target_rows.append(([group.ref, group.label, "", "", ""], True))
        for target in group.items:
            target_rows.append(
                (
                    [
                        "",
                        target.text,
                        target.get_comparator_display(),
                        float(target.value),
                        target.get_unit_display(),
                    ],
                    False,
                )
            )
    _write_table(
        target_sheet,
        plan.title,
        ["", _("Target"), _("Comparator"), _("Value"), _("Measured in")],
        [6, 80, 16, 10, 14],
        target_rows,
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
