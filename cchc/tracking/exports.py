"""The comparison of the units below as an Excel file (decision 0177): what the page shows, a
row a unit, worst first; the shares as percentages a reader can sort, sum or chart, a unit
without a plan said in words, never 0 %."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.documents.excel import sheet_title, workbook_bytes, write_table
from cchc.formats import day
from cchc.org.names import in_sentence

from .dashboards import Rate, UnitRow

WIDTHS = (40, 20, 20, 12, 16)


def comparison_workbook(unit, year: int, rows: list[UnitRow], today: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Units compared"))
    title = _("Units of %(unit)s compared, %(year)s") % {
        "unit": in_sentence(unit.name),
        "year": year,
    }
    title += " — " + _("figures up to %(day)s") % {"day": day(today)}
    headers = [_("Unit"), _("Work due so far done"), _("Plan done"), _("Overdue")]
    header_row = write_table(
        sheet, title, [*headers, _("Last update")], WIDTHS, ((_values(r), False) for r in rows)
    )
    for line in sheet.iter_rows(min_row=header_row + 1, min_col=2, max_col=3):
        for cell in line:
            if isinstance(cell.value, float):
                cell.number_format = "0.0%"
    return workbook_bytes(book)


def _values(row: UnitRow) -> list[object]:
    updated = timezone.localtime(row.last_update).date() if row.last_update else "—"
    if not row.total:
        return [row.unit.name, _("no plan"), "—", row.overdue, updated]
    return [row.unit.name, _share(row.on_schedule), _share(row.completion), row.overdue, updated]


def _share(rate: Rate) -> float | str:
    return "—" if rate.percent is None else round(rate.percent / 100, 4)
