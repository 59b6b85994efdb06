"""Every export writes its tables through `write_table`: text that starts like a formula comes
back from the file as the same text, never as a formula; numbers and dates stay what they are."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook

from cchc.documents.excel import workbook_bytes, write_table

RISKY = [
    '=HYPERLINK("http://evil.example/x","Bấm")',
    "+84 cán bộ",
    "-5 ngày so với kế hoạch",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def _written(rows, title="Bảng") -> bytes:
    book = Workbook()
    write_table(book.active, title, ["A", "B"], [10, 10], rows)
    return workbook_bytes(book)


def test_text_that_starts_like_a_formula_is_stored_as_the_same_text():
    content = _written([([text, "bình thường"], False) for text in RISKY])
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=4)]
    assert [c.value for c in cells] == RISKY
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not sheet["B4"].quotePrefix  # ordinary text is left as it is
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_the_title_and_the_headers_are_kept_as_text_too():
    book = Workbook()
    write_table(book.active, "=cmd|' /C calc'!A0", ["=A1", "B"], [10, 10], [])
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("=cmd|' /C calc'!A0", "s")
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("=A1", "s")


def test_numbers_negative_numbers_and_dates_stay_numbers_and_dates():
    content = _written([([-5, 2.5], False), ([dt.date(2024, 3, 31), 0], True)])
    sheet = load_workbook(io.BytesIO(content)).active
    assert (sheet["A4"].value, sheet["A4"].data_type) == (-5, "n")
    assert sheet["B4"].value == 2.5
    assert sheet["A5"].value.date() == dt.date(2024, 3, 31)
    assert sheet["A5"].font.bold  # a heading row
