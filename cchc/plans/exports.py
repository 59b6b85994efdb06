"""Excel export of a plan: one sheet for the task table, one for the targets.

The task sheet takes the same filtered tasks the page shows, with the same columns, so what
a user exports is what they were looking at.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook

from cchc.documents.excel import sheet_title, workbook_bytes, write_table

from .layout import Heading, targets_by_area, task_rows


def _lines(values) -> str:
    return "\n".join(values)


_TASK_HEADERS = (
    gettext_noop("No."),
    gettext_noop("Task"),
    gettext_noop("Lead"),
    gettext_noop("Coordinators"),
    gettext_noop("Expected products"),
    gettext_noop("Deadline"),
    gettext_noop("Due date"),
    gettext_noop("Budget (million VND)"),
)


def _task_sheet(sheet, plan, tasks, sections) -> None:
    rows = []
    for item in task_rows(tasks, sections):
        if isinstance(item, Heading):
            rows.append(([item.ref, item.title, "", "", "", "", "", ""], True))
            continue
        cells = [item.ref, item.title, _lines(item.leads), _lines(item.coordinators)]
        cells += [_lines(item.products), item.deadline_text, item.due, item.budget_million_vnd]
        rows.append((cells, False))
    headers = [_(h) for h in _TASK_HEADERS]
    write_table(sheet, plan.title, headers, [7, 60, 24, 24, 26, 16, 12, 12], rows)
    for row in sheet.iter_rows(min_row=4, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"


def _target_value(target):
    """The figure, the date of a "before the date" target, or nothing for one in words."""
    if target.value is not None:
        return float(target.value)
    return target.by_date


def _target_sheet(sheet, plan, targets) -> None:
    rows = []
    for group in targets_by_area(targets):
        rows.append(([group.ref, group.label, "", "", ""], True))
        for target in group.items:
            cells = ["", target.text, target.get_comparator_display(), _target_value(target)]
            rows.append(([*cells, target.get_unit_display()], False))
    write_table(
        sheet,
        plan.title,
        ["", _("Target"), _("Comparator"), _("Value"), _("Measured in")],
        [6, 80, 16, 10, 14],
        rows,
    )
    for row in sheet.iter_rows(min_row=4, min_col=4, max_col=4):
        for cell in row:
            if hasattr(cell.value, "year"):
                cell.number_format = "DD/MM/YYYY"


def plan_workbook(plan, tasks, sections, targets) -> bytes:
    """The plan's tasks and targets as an .xlsx file (bytes)."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Tasks"))
    _task_sheet(sheet, plan, tasks, sections)
    _target_sheet(book.create_sheet(sheet_title(_("Targets"))), plan, targets)
    return workbook_bytes(book)
