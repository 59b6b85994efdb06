"""Plans in layouts the seeds do not have: Word tables, a PDF, a text plan written here."""

from cchc.importer.parse import parse_bytes
from cchc.importer.tests.builders import nested_docx, plan_docx, plan_pdf
from cchc.importer.tests.conftest import by_ref

TEXT_PLAN = """UBND HUYỆN ĐÔNG SƠN
UBND XÃ ĐÔNG HÒA
Số: 09/KH-UBND\tĐông Hòa, ngày 03/01/2025

KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025

Thực hiện Kế hoạch số 120/KH-UBND ngày 20/12/2024 của UBND huyện Đông Sơn về cải cách hành
chính năm 2025, UBND xã Đông Hòa ban hành kế hoạch như sau:

I. MỤC TIÊU CỤ THỂ
1. Cai cach thu tuc hanh chinh
- Phấn đấu 100% hồ sơ được giải quyết đúng hạn.
- Tỷ lệ thanh toán trực tuyến đạt trên 40%.
II. PHÂN CÔNG NHIỆM VỤ
| Thời gian | Nội dung công việc | Cơ quan chủ trì | Sản phẩm | STT |
|---|---|---|---|---|
| Quý I/2025 | Ban hành kế hoạch kiểm soát TTHC | Văn phòng UBND | Kế hoạch | 1 |
| 6 tháng đầu năm | Rà soát TTHC lĩnh vực đất đai | Công chức Địa chính | Báo cáo | 2 |
| Hàng quý | Công khai kết quả giải quyết hồ sơ |  | Thông báo | 3 |
"""


def test_a_word_plan_with_merged_cells_and_columns_in_another_order():
    result = parse_bytes(plan_docx(), "ke-hoach.docx")
    plan = result["plan"]
    assert (plan["issuer"], plan["number"], plan["issued_on"], plan["year"]) == (
        "UBND phường Hòa Bình", "15/KH-UBND", "2025-02-05", 2025,
    )  # fmt: skip
    assert [(b["number"], b["issued_on"]) for b in result["legal_bases"]] == [
        ("1200/QĐ-UBND", "2024-12-20"), ("88/KH-UBND", "2024-12-25"),
    ]  # fmt: skip
    assert [t["ref"] for t in result["tasks"]] == ["1", "2", "3", "4"]
    first = by_ref(result, "1")
    assert first["area"] == "procedures"
    assert first["lead"] == ["Công chức Văn phòng – Thống kê"]
    assert first["coordinators"] == ["Công chức Tư pháp – Hộ tịch", "Công chức Địa chính"]
    assert (first["due"], first["budget_million_vnd"]) == ("2025-09-30", 15)


def test_a_word_plan_vertically_merged_lead_is_inherited_with_a_warning():
    result = parse_bytes(plan_docx(), "ke-hoach.docx")
    second = by_ref(result, "2")
    assert second["lead"] == ["Công chức Văn phòng – Thống kê"]
    assert "lead_from_row_above" in second["flags"]
    assert second["products"] == ["Bảng niêm yết", "Báo cáo"]
    assert (second["recurrence"], second["due"], second["budget_million_vnd"]) == (
        "regular", None, 0,
    )  # fmt: skip
    assert any(w.startswith("Nhiệm vụ 2: ô chủ trì để trống") for w in result["warnings"])


def test_a_word_plan_multi_line_deadline_and_heading_rows_spanning_the_table():
    result = parse_bytes(plan_docx(), "ke-hoach.docx")
    third = by_ref(result, "3")
    assert third["area"] == "digital_government"
    assert third["deadline"] == "Quý IV/2024; Quý I/2025"
    assert third["due"] == "2025-03-31"
    assert third["budget_million_vnd"] is None
    assert by_ref(result, "4")["recurrence"] == "monthly"
    targets = [(t["comparator"], t["value"]) for t in result["targets"]]
    assert targets == [(">=", 92), ("<=", 2), (">=", 90)]
    assert [p["due"] for p in result["reporting_periods"]] == [
        "2025-03-14", "2025-06-14", "2025-09-14", "2025-12-14",
    ]  # fmt: skip


def test_a_word_letterhead_table_and_a_nested_table_in_a_cell():
    result = parse_bytes(nested_docx(), "an-phu.docx")
    plan = result["plan"]
    assert (plan["issuer"], plan["number"], plan["issued_on"]) == (
        "UBND xã An Phú", "07/KH-UBND", "2025-01-10",
    )  # fmt: skip
    assert plan["title"] == "Kế hoạch cải cách hành chính năm 2025"
    (task,) = result["tasks"]
    assert task["title"].startswith("Rà soát văn bản QPPL")
    assert "Đợt 1" in task["title"]
    assert task["area"] == "institutions"
    assert task["due"] == "2025-06-30"


def test_a_pdf_with_a_text_layer_and_a_ruled_table():
    result = parse_bytes(plan_pdf(), "tan-hung.pdf")
    plan = result["plan"]
    assert (plan["issuer"], plan["number"], plan["issued_on"]) == (
        "UBND xã Tân Hưng", "21/KH-UBND", "2025-01-12",
    )  # fmt: skip
    assert [(t["ref"], t["title"], t["lead"], t["due"]) for t in result["tasks"]] == [
        ("1", "Công khai thủ tục hành chính", ["Văn phòng UBND"], "2025-03-31"),
        ("2", "Đo lường sự hài lòng", ["Công chức Văn hóa"], "2025-09-30"),
    ]
    assert [(t["area"], t["value"]) for t in result["targets"]] == [("procedures", 98)]


def test_a_text_plan_with_a_pipe_table_in_another_column_order():
    result = parse_bytes(TEXT_PLAN.encode("utf-8"), "dong-hoa.md")
    plan = result["plan"]
    assert plan["issuer"] == "UBND xã Đông Hòa"
    assert (plan["number"], plan["issued_on"]) == ("09/KH-UBND", "2025-01-03")
    assert [(b["number"], b["issued_on"]) for b in result["legal_bases"]] == [
        ("120/KH-UBND", "2024-12-20")
    ]
    tasks = result["tasks"]
    assert [(t["ref"], t["lead"], t["products"], t["due"]) for t in tasks] == [
        ("1", ["Văn phòng UBND"], ["Kế hoạch"], "2025-03-31"),
        ("2", ["Công chức Địa chính"], ["Báo cáo"], "2025-06-30"),
        ("3", ["Công chức Địa chính"], ["Thông báo"], None),
    ]
    assert tasks[2]["recurrence"] == "quarterly"
    assert [(t["area"], t["comparator"], t["value"]) for t in result["targets"]] == [
        ("procedures", "=", 100), ("procedures", ">=", 40),
    ]  # fmt: skip


def test_text_in_other_encodings_reads_the_same():
    for encoding in ("utf-8-sig", "utf-16"):
        result = parse_bytes(TEXT_PLAN.encode(encoding), "plan.txt")
        assert result["plan"]["issuer"] == "UBND xã Đông Hòa"
        assert len(result["tasks"]) == 3
