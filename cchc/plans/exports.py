"""Excel export of a plan: one sheet for the task table, one for the targets.

The task sheet takes the same filtered tasks the page shows, with the same columns, so what
a user exports is what they were looking at.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.documents.excel import sheet_title, workbook_bytes, write_table

from .layout import Heading, targets_by_area, task_rows


def _lines(values) -> str:
    return "\n".join(values)


def plan_workbook(plan, tasks, sections, targets) -> bytes:
    """The plan's tasks and targets as an .xlsx file (bytes)."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Tasks"))
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
    write_table(sheet, plan.title, task_headers, [7, 60, 24, 24, 26, 16, 12, 12], rows)
    for row in sheet.iter_rows(min_row=4, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"

    target_sheet = book.create_sheet(sheet_title(_("Targets")))
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
    write_table(
        target_sheet,
        plan.title,
        ["", _("Target"), _("Comparator"), _("Value"), _("Measured in")],
        [6, 80, 16, 10, 14],
        target_rows,
    )
    return workbook_bytes(book)
