"""Excel files as every export writes them: a titled table, and text that stays text.

One table layout: the title in bold on the first row, a blank row, a header row (bold, shaded,
wrapped, frozen and repeated on every printed page), then the rows, bordered and wrapped, the
heading rows (plan sections, totals) in bold on grey; printed on A4 landscape, one page wide
(as many pages tall as it takes). A row is as tall as its longest wrapped text needs (openpyxl
writes no height, and LibreOffice then draws wrapped lines over each other). Whole numbers are
shown with a thousands separator, decimals with up to two places, dates as dd/mm/yyyy: Excel
writes the separators of the reader's locale, so a Vietnamese reader sees 1.234 and 96,57.

Text that starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) is written
as a string with Excel's quote prefix: it is shown exactly as typed and never evaluated, so a
task title such as `=HYPERLINK("http://…")` cannot become a live link or a command in an
official's spreadsheet (decision 0037). Numbers and dates stay numbers and dates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
HEADING_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")

# what a spreadsheet reads as the start of a formula (or of a DDE command)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# a row of a table: its values, and whether it is a heading (section, total) shown in bold
TableRow = tuple[Sequence[object], bool]


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def append_row(sheet: Worksheet, values: Iterable[object]) -> int:
    """Append `values` as the next row, text kept as text; return the row's number."""
    sheet.append(list(values))
    row = sheet.max_row
    for cell in sheet[row]:
        if looks_like_formula(cell.value):
            cell.data_type = "s"  # openpyxl took the leading "=" for a formula
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return row


def write_table(
    sheet: Worksheet,
    title: str,
    headers: Sequence[str],
    widths: Sequence[float],
    rows: Iterable[TableRow],
) -> int:
    """Write a titled table on an empty sheet; return the header row's number."""
    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    header_row = append_row(sheet, headers)
    for col, width in enumerate(widths, start=1):
        cell = sheet.cell(row=header_row, column=col)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(col)].width = width
    for values, is_heading in rows:
        row = append_row(sheet, values)
        for col in range(1, len(headers) + 1):
            cell = sheet.cell(row=row, column=col)
            cell.alignment = WRAP
            cell.border = BORDER
            if is_heading:
                cell.font = Font(bold=True)
                cell.fill = HEADING_FILL
            _show_as_figure(cell)
        sheet.row_dimensions[row].height = _height(sheet, row, widths)
    sheet.row_dimensions[header_row].height = _height(sheet, header_row, widths, bold=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    print_on_a4(sheet, sum(widths))
    return header_row


# the widest table (in characters) printed on one page's width: A4 landscape holds about 140
# characters at full size, so a table up to this width prints at 45 % or more, never smaller
WIDEST_ON_ONE_PAGE = 320


def print_on_a4(sheet: Worksheet, width: float) -> None:
    """A4 landscape, every column on one page's width, as many pages tall as the rows need
    (`fitToWidth` is read only when the sheet says it fits to pages). A table too wide to be
    read so (a column per unit and indicator) runs onto pages to the right instead, its
    first column repeated on each."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.print_options.horizontalCentered = True
    if width > WIDEST_ON_ONE_PAGE:
        sheet.print_title_cols = "A:A"
        return
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _show_as_figure(cell) -> None:
    """Dates as dd/mm/yyyy (openpyxl would show 2024-03-31), a moment with its time (to the
    second: the audit trail's order); numbers
    with a thousands separator, decimals with up to two places. A format set before is kept."""
    value = cell.value
    if isinstance(value, dt.datetime):
        cell.number_format = DAY if value.time() == dt.time() else DAY + " HH:MM:SS"
    elif isinstance(value, dt.date):
        cell.number_format = DAY
    elif cell.number_format != "General" or isinstance(value, bool):
        return
    elif isinstance(value, int):
        cell.number_format = "#,##0"
    elif isinstance(value, float):
        cell.number_format = "#,##0" if value.is_integer() else "#,##0.##"


DAY = "DD/MM/YYYY"
LINE_POINTS = 15  # one line of 11-point text


def _height(sheet: Worksheet, row: int, widths: Sequence[float], *, bold=False) -> float:
    """The height of the row's longest wrapped cell: its lines (at the column's width in
    characters, a little less for bold text), at least one."""
    lines = 1
    for col, width in enumerate(widths, start=1):
        value = sheet.cell(row=row, column=col).value
        if not isinstance(value, str):
            continue
        per_line = max(1, int(width * (0.95 if bold else 1.1)))
        lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
    return LINE_POINTS * lines


# a figure as a Word table writes it: 1.234 / 63,64 / 97,66%
WRITTEN_FIGURE = re.compile(r"(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d+))?(%?)")


def figures_as_numbers(sheet: Worksheet, first_row: int) -> None:
    """Cells from `first_row` holding a figure written as text for a document ("1.234",
    "63,64", "97,66%") made numbers again, shown the same way: a reader can sum them."""
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            found = isinstance(cell.value, str) and WRITTEN_FIGURE.fullmatch(cell.value.strip())
            if not found:
                continue
            whole, decimals, percent = found.groups()
            number = float(f"{whole.replace('.', '')}.{decimals or 0}")
            if percent:
                cell.value, cell.number_format = round(number / 100, 6), "0.00%"
            elif decimals:
                cell.value, cell.number_format = number, "#,##0.00"
            else:
                cell.value, cell.number_format = int(number), "#,##0"
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right")


def sheet_title(name: object) -> str:
    """A sheet name as Excel accepts it (at most 31 characters)."""
    return str(name)[:31]


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file, ready for an HTTP response."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
