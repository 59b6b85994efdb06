"""A district plan's two appendices typed as Word tables (equal columns, borders) and printed
to PDF (decision 0170): the PDF reads as the Word file. The PDF is committed
(tests/fixtures/printed-appendix.pdf, made by `printed_appendix.py` with LibreOffice) so that
no test runs it."""

from __future__ import annotations

import io

import pytest

from cchc.importer.document import Cell, Document, Paragraph, Row, Table
from cchc.importer.parse import parse_bytes, parse_document
from cchc.importer.tests.printed_appendix import FIXTURES, plan_docx

FIELDS = ("ref", "area", "title", "lead", "coordinators", "products", "deadline", "due")


@pytest.fixture(scope="module")
def printed() -> dict:
    data = (FIXTURES / "printed-appendix.pdf").read_bytes()
    return parse_bytes(data, "printed-appendix.pdf")


@pytest.fixture(scope="module")
def word() -> dict:
    out = io.BytesIO()
    plan_docx().save(out)
    return parse_bytes(out.getvalue(), "ke-hoach.docx")


def test_targets_take_the_area_of_the_heading_wrapped_in_the_number_column(printed):
    # 'II. Cải\\ncách\\nTTHC' printed in the narrow STT column
    assert [(t["area"], t["value"]) for t in printed["targets"]] == [
        ("institutions", 100), ("procedures", 100), ("procedures", 95), ("organisation", 90),
    ]  # fmt: skip
    assert not any(t["area_guessed"] for t in printed["targets"])


def test_products_listed_with_dashes_are_one_product_each(printed):
    products = [t["products"] for t in printed["tasks"]]
    assert products[0] == [
        "Kế hoạch kiểm tra CCHC", "Quyết định thành lập Đoàn Kiểm tra", "Báo cáo kết quả kiểm tra",
    ]  # fmt: skip
    assert products[1] == ["Báo cáo năm 2024", "Kế hoạch tổ chức hội nghị tổng kết"]


def test_offices_named_across_lines_stay_whole(printed):
    coordinators = [t["coordinators"] for t in printed["tasks"]]
    assert coordinators[1] == ["Văn phòng HĐND&UBND thị xã"]
    assert coordinators[2] == ["Ban Pháp chế HĐND thị xã", "Các cơ quan chuyên môn"]


def test_an_abbreviation_wider_than_its_column_is_whole(printed):
    assert printed["tasks"][2]["title"] == "Tự kiểm tra, kiểm tra VBQPPL trên địa bàn thị xã."


def test_a_task_number_alone_at_the_foot_of_a_page_numbers_the_task(printed):
    assert [t["ref"] for t in printed["tasks"]] == ["1.1", "1.2", "2.1", "3.2", "3.3"]
    cut = printed["tasks"][3]
    assert cut["title"].startswith("Triển khai cơ chế tự chủ tài chính")
    assert cut["title"].endswith("Nghị định số 60/2021/NĐ-CP")
    assert cut["lead"] == ["Các cơ quan, đơn vị thuộc UBND thị xã"]
    assert cut["deadline"] == "Trong năm"


def test_the_printed_appendices_read_as_their_word_file(printed, word):
    assert [[t[f] for f in FIELDS] for t in printed["tasks"]] == [
        [t[f] for f in FIELDS] for t in word["tasks"]
    ]
    assert [(t["area"], t["text"]) for t in printed["targets"]] == [
        (t["area"], t["text"]) for t in word["targets"]
    ]


def test_a_target_under_a_heading_naming_no_area_has_its_area_guessed_and_said():
    # a printed heading cut in two ('I. Cải cách thể' / 'chế') names no area: the target's own
    # words tell it, and the warning says it was guessed, as for a target under no heading
    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Ghi chú"],
        ["I. Cải cách thể", "", "", ""],
        ["1", "Tối thiểu 95% hồ sơ TTHC được giải quyết đúng hạn", "Văn phòng", ""],
    ]
    table = Table([Row([Cell(t) for t in cells], k) for k, cells in enumerate(rows)], 2,
                  wrapped=True)  # fmt: skip
    caption = Paragraph("MỤC TIÊU, CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH", 1)
    plan = parse_document(Document([caption, table], "pdf", "ke-hoach.pdf"))
    assert [(t["area"], t["area_guessed"]) for t in plan["targets"]] == [("procedures", True)]
    assert any("lĩnh vực được đoán" in w for w in plan["warnings"])
