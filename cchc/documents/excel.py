"""Excel files as every export writes them: a titled table, and text that stays text.

One table layout: the title in bold on the first row, a blank row, a header row (bold, shaded,
wrapped, frozen and repeated on every printed page), then the rows, bordered and wrapped, the
heading rows (plan sections, totals) in bold on grey; printed landscape, one page wide.

Text that starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) is written
as a string with Excel's quote prefix: it is shown exactly as typed and never evaluated, so a
task title such as `=HYPERLINK("http://…")` cannot become a live link or a command in an
official's spreadsheet (decision 0037). Numbers and dates stay numbers and dates.
"""

from __future__ import annotations

import io
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
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    return header_row


def sheet_title(name: object) -> str:
    """A sheet name as Excel accepts it (at most 31 characters)."""
    return str(name)[:31]


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file, ready for an HTTP response."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
