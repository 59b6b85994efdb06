"""Every export writes its tables through `write_table`: text that starts like a formula comes
back from the file as the same text, never as a formula; numbers and dates stay what they are."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook

from cchc.documents.excel import figures_as_numbers, workbook_bytes, write_table

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


def test_a_table_prints_on_a4_landscape_one_page_wide():
    sheet = load_workbook(io.BytesIO(_written([(["x", "y"], False)]))).active
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")  # 9: A4
    # fitToWidth is read only when the sheet fits to pages; as many pages tall as needed
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$3:$3"


def test_a_table_too_wide_to_read_on_one_page_runs_onto_pages_with_its_first_column():
    book = Workbook()
    write_table(book.active, "Bảng", ["Đơn vị"] + ["Chỉ số"] * 24, [34] + [14] * 24, [])
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage  # not shrunk to a third
    assert sheet.print_title_cols == "$A:$A"


def test_numbers_and_dates_are_shown_as_a_vietnamese_reader_expects():
    content = _written(
        [([1234, 96.5], False), ([dt.date(2024, 3, 31), dt.datetime(2024, 3, 31, 14, 5)], False)]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    # Excel writes the reader's separators: 1.234 and 96,5 on a Vietnamese computer
    assert (sheet["A4"].number_format, sheet["B4"].number_format) == ("#,##0", "#,##0.##")
    assert sheet["A5"].number_format == "DD/MM/YYYY"  # not openpyxl's yyyy-mm-dd
    assert sheet["B5"].number_format == "DD/MM/YYYY HH:MM:SS"


def test_a_row_of_long_wrapped_text_is_as_tall_as_its_lines():
    long = "Xây dựng kế hoạch cải cách hành chính năm 2026 trên địa bàn xã " * 3
    sheet = load_workbook(
        io.BytesIO(_written([([long, "ngắn"], False), (["a", "b"], False)]))
    ).active
    # 190 characters in a column 10 wide: many lines, none drawn over the next row
    assert sheet.row_dimensions[4].height >= 15 * (len(long) // 11)
    assert sheet.row_dimensions[5].height == 15


def test_figures_written_for_a_document_become_numbers_again():
    book = Workbook()
    write_table(
        book.active,
        "Bảng",
        ["A", "B", "C", "D"],
        [10] * 4,
        [(["1.234", "63,64", "97,66%", "—"], False)],
    )
    figures_as_numbers(book.active, 4)
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    assert [c.value for c in sheet[4]] == [1234, 63.64, 0.9766, "—"]
    assert [c.number_format for c in sheet[4]][:3] == ["#,##0", "#,##0.00", "0.00%"]
