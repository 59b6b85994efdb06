"""A Word plan printed to PDF (decision 0166): its task table, in narrow columns under a
two-row header and cut by page breaks, reads as the Word file does. The PDFs are committed
(tests/fixtures/, made by `printed_word.py` with LibreOffice) so that no test runs it."""

from __future__ import annotations

import io

import pytest

from cchc.importer.document import Cell, Document, Row, Table
from cchc.importer.parse import parse_bytes, parse_document
from cchc.importer.tests.printed_word import FIXTURES, plan_docx

FIELDS = ("ref", "title", "lead", "coordinators", "deadline", "due", "recurrence")


def _word(ruled: bool) -> dict:
    out = io.BytesIO()
    plan_docx(ruled=ruled).save(out)
    return parse_bytes(out.getvalue(), "ke-hoach.docx")


def _printed(name: str) -> dict:
    return parse_bytes((FIXTURES / f"{name}.pdf").read_bytes(), f"{name}.pdf")


@pytest.fixture(scope="module", params=["printed-ruled", "printed-bare"])
def printed(request) -> dict:
    return _printed(request.param)


def test_each_task_keeps_its_number_deadline_and_offices(printed):
    tasks = printed["tasks"]
    assert [t["ref"] for t in tasks] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    assert [t["deadline"] for t in tasks] == [
        "Năm 2024-2025", "Quý II/2025", "Thường xuyên", "Tháng 11/2025", "Trước ngày 15/12/2025",
    ]  # fmt: skip
    assert [t["due"] for t in tasks] == [
        "2025-12-31", "2025-06-30", None, "2025-11-30", "2025-12-15",
    ]  # fmt: skip
    assert [t["lead"] for t in tasks] == [
        ["Công chức Tài chính - Kế toán"], ["Công chức Tư pháp - Hộ tịch"],
        ["Văn phòng HĐND và UBND xã"], ["Công chức Văn hóa - Xã hội"], ["Bộ phận Một cửa"],
    ]  # fmt: skip
    assert [t["coordinators"] for t in tasks] == [
        ["Văn phòng HĐND và UBND xã"], ["Các công chức chuyên môn"], ["Bộ phận Một cửa"],
        ["Ban Chỉ huy Quân sự xã"], ["Công chức Địa chính - Xây dựng"],
    ]  # fmt: skip


def test_a_number_or_a_date_wrapped_in_a_narrow_cell_is_joined_back(printed):
    first, last = printed["tasks"][0], printed["tasks"][-1]
    assert "Nghị định số 60/2021/NĐ-CP của Chính phủ" in first["title"]
    assert first["deadline"] == "Năm 2024-2025"
    assert (last["deadline"], last["due"]) == ("Trước ngày 15/12/2025", "2025-12-15")


def test_the_row_cut_by_the_page_breaks_stays_one_task(printed):
    listed = printed["tasks"][2]["title"]
    assert listed.startswith("Công khai thủ tục hành chính, kết quả giải quyết hồ sơ trên:")
    assert listed.endswith("Nhóm Zalo của các ấp; Loa truyền thanh của xã.")
    assert listed.count("Hệ thống thông tin giải quyết TTHC của tỉnh;") == 2
    assert printed["warnings"] == []


def test_the_requirement_column_gives_each_target_on_one_line(printed):
    assert [(t["text"], t["value"]) for t in printed["targets"]] == [
        ("100% đơn vị sự nghiệp được giao tự chủ", 100),
        ("Tối thiểu 95% văn bản được rà soát", 95),
        ("100% TTHC được công khai đúng quy định", 100),
        ("Mức độ hài lòng đạt tối thiểu 90%", 90),
        ("Đạt 100% hồ sơ được số hóa", 100),
    ]


@pytest.mark.parametrize(("name", "ruled"), [("printed-ruled", True), ("printed-bare", False)])
def test_the_printed_plan_reads_as_its_word_file(name, ruled):
    word, printed = _word(ruled), _printed(name)
    assert [[t[f] for f in FIELDS] for t in printed["tasks"]] == [
        [t[f] for f in FIELDS] for t in word["tasks"]
    ]
    assert [t["text"] for t in printed["targets"]] == [t["text"] for t in word["targets"]]


def test_a_number_column_whose_label_wrapped_is_still_the_number_column():
    # 'STT' in a column narrower than the word prints as 'ST' over 'T' (seed 000 in Word with
    # its columns sized to their cells)
    header = ["ST\nT", "Nhiệm vụ", "Chủ trì", "Phối\nhợp", "Thời gian"]
    row = ["1", "Rà soát, công bố\nthủ tục hành chính", "Văn phòng\nUBND xã", "Bộ phận\nMột cửa",
           "Quý I/2025"]  # fmt: skip
    table = Table([Row([Cell(t) for t in cells], k) for k, cells in enumerate([header, row])], 1,
                  wrapped=True)  # fmt: skip
    tasks = parse_document(Document([table], "pdf", "ke-hoach.pdf"))["tasks"]
    assert [(t["ref"], t["title"], t["lead"], t["deadline"]) for t in tasks] == [
        ("1", "Rà soát, công bố thủ tục hành chính", ["Văn phòng UBND xã"], "Quý I/2025")
    ]


def test_a_year_cut_to_the_next_page_ends_its_task_not_the_header():
    # '… thúc đẩy CCHC năm' at the foot of a page, '2024' alone under the repeated header
    header = ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]
    pages = [
        [header, ["8", "Thực hiện sáng kiến khoa học\nthúc đẩy CCHC năm", "Văn phòng", "Quý I"]],
        [header, ["", "2024", "", ""], ["9", "Rà soát văn bản", "Tư pháp", "Quý II/2024"]],
    ]
    tables = [
        Table([Row([Cell(t) for t in cells], k) for k, cells in enumerate(rows)], 1, wrapped=True)
        for rows in pages
    ]
    tasks = parse_document(Document(tables, "pdf", "ke-hoach.pdf"))["tasks"]
    assert [(t["ref"], t["title"]) for t in tasks] == [
        ("8", "Thực hiện sáng kiến khoa học thúc đẩy CCHC năm 2024"),
        ("9", "Rà soát văn bản"),
    ]
