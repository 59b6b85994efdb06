"""Table shapes met in real appendices, each in a small Word plan built here: a targets table
with a unit column, and a time column split into start and end."""

from docx import Document as WordDocument

from cchc.importer.parse import parse_bytes
from cchc.importer.tests.unseen_word import paragraphs, save, task_table

HEAD = ["UBND XÃ AN BÌNH", "Số: 01/KH-UBND", "KẾ HOẠCH", "Cải cách hành chính năm 2026"]


def test_targets_table_with_a_unit_column():
    doc = WordDocument()
    paragraphs(doc, [*HEAD, "I. MỤC TIÊU, CHỈ TIÊU"])
    task_table(doc, ["STT", "Nội dung chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm 2026", "Ghi chú"], [
        ["1", "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "%", "98", ""],
        ["2", "Chỉ số cải cách hành chính của xã", "Điểm", "≥ 85", ""],
        ["3", "Sáng kiến CCHC được công nhận", "Sáng kiến", "2", ""],
        ["4", "Tỷ lệ hồ sơ trễ hạn", "%", "≤ 2", ""],
    ])  # fmt: skip
    result = parse_bytes(save(doc), "an-binh.docx")
    assert result["tasks"] == []
    assert [(t["area"], t["comparator"], t["value"], t["unit"]) for t in result["targets"]] == [
        ("procedures", "=", 98, "%"), ("impact", ">=", 85, "points"),
        ("direction", "=", 2, "count"), ("procedures", "<=", 2, "%"),
    ]  # fmt: skip


def test_time_split_into_start_and_end_takes_the_end():
    doc = WordDocument()
    paragraphs(doc, [*HEAD, "I. NHIỆM VỤ"])
    table = task_table(doc, ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện", ""], [
        ["", "", "", "Bắt đầu", "Hoàn thành"],
        ["1", "Rà soát TTHC", "Văn phòng HĐND và UBND xã", "Tháng 01/2026", "Tháng 5/2026"],
    ])  # fmt: skip
    table.cell(0, 3).merge(table.cell(0, 4))
    for col in range(3):
        table.cell(0, col).merge(table.cell(1, col))
    (task,) = parse_bytes(save(doc), "an-binh.docx")["tasks"]
    assert (task["ref"], task["deadline"], task["due"]) == ("1", "Tháng 5/2026", "2026-05-31")
    assert task["lead"] == ["Văn phòng HĐND và UBND xã"]


GRID = """UBND XÃ AN BÌNH
Số: 01/KH-UBND
KẾ HOẠCH
Cải cách hành chính năm 2026
I. NHIỆM VỤ

+-----+----------------------+------------------+-------------+
| STT | Nhiệm vụ             | Chủ trì          | Thời gian   |
+=====+======================+==================+=============+
| I   | CẢI CÁCH THỦ TỤC     |                  |             |
|     | HÀNH CHÍNH           |                  |             |
+-----+----------------------+------------------+-------------+
| 1   | Rà soát TTHC lĩnh    | Văn phòng HĐND   | Quý I/2026  |
|     | vực đất đai          | và UBND xã       |             |
+-----+----------------------+------------------+-------------+
| 2   | Số hóa hồ sơ         | Bộ phận Một cửa; | Thường      |
|     |                      | Công chức Văn    | xuyên       |
|     |                      | phòng            |             |
+-----+----------------------+------------------+-------------+

II. TỔ CHỨC THỰC HIỆN
"""


def test_a_grid_table_in_markdown_joins_the_lines_of_each_row():
    tasks = parse_bytes(GRID.encode(), "an-binh.md")["tasks"]
    assert [(t["ref"], t["area"], t["title"]) for t in tasks] == [
        ("1", "procedures", "Rà soát TTHC lĩnh vực đất đai"),
        ("2", "procedures", "Số hóa hồ sơ"),
    ]  # fmt: skip
    assert tasks[0]["lead"] == ["Văn phòng HĐND và UBND xã"]
    assert tasks[1]["lead"] == ["Bộ phận Một cửa", "Công chức Văn phòng"]
    assert (tasks[1]["deadline"], tasks[1]["recurrence"]) == ("Thường xuyên", "regular")


STACKED_IN_BODY = """UBND XÃ AN BÌNH
Số: 01/KH-UBND
KẾ HOẠCH
Cải cách hành chính năm 2026
I. NHIỆM VỤ
TT
Nội dung
Đơn vị thực hiện
Thời hạn
I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH
1
Rà soát, công bố danh mục thủ tục hành chính thuộc thẩm quyền
giải quyết của UBND xã
Công chức Văn phòng - Thống kê
Quý I/2026
II. TỔ CHỨC THỰC HIỆN
Các bộ phận báo cáo 6 tháng trước ngày 15/6/2026.
"""


def test_a_stacked_table_in_the_body_names_its_lead_and_stops_at_the_next_part():
    result = parse_bytes(STACKED_IN_BODY.encode(), "an-binh.txt")
    (task,) = result["tasks"]
    assert task["title"] == (
        "Rà soát, công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã"
    )
    assert (task["area"], task["lead"], task["due"]) == (
        "procedures", ["Công chức Văn phòng - Thống kê"], "2026-03-31",
    )  # fmt: skip
    assert [(p["name"], p["due"]) for p in result["reporting_periods"]] == [
        ("6 tháng/2026", "2026-06-15"),
    ]  # fmt: skip


def test_targets_table_with_last_year_and_plan_year_columns():
    doc = WordDocument()
    paragraphs(doc, [*HEAD, "I. MỤC TIÊU, CHỈ TIÊU"])
    task_table(doc, ["STT", "Chỉ tiêu", "Năm 2025 (thực hiện)", "Năm 2026 (kế hoạch)"], [
        ["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "96%", "Trên 98%"],
        ["2", "Tỷ lệ thanh toán trực tuyến", "45%", "Tối thiểu 60%"],
    ])  # fmt: skip
    result = parse_bytes(save(doc), "an-binh.docx")
    assert [(t["comparator"], t["value"]) for t in result["targets"]] == [(">=", 98), (">=", 60)]


def test_a_table_without_a_number_column_takes_its_numbered_headings_in_capitals():
    doc = WordDocument()
    paragraphs(doc, [*HEAD, "II. NHIỆM VỤ"])
    task_table(doc, ["Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"], [
        ["1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", ""],
        ["Ban hành Kế hoạch CCHC năm 2026", "Văn phòng HĐND và UBND", "Các công chức", "Tháng 01"],
        ["Kiểm tra công tác CCHC", "Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội", "Quý III"],
        ["2. CẢI CÁCH THỂ CHẾ", "", "", ""],
        ["Rà soát văn bản quy phạm pháp luật", "Công chức Tư pháp - Hộ tịch", "", "Quý II/2026"],
    ])  # fmt: skip
    result = parse_bytes(save(doc), "an-binh.docx")
    assert [(t["area"], t["title"], t["lead"], t["coordinators"], t["due"])
            for t in result["tasks"]] == [
        ("direction", "Ban hành Kế hoạch CCHC năm 2026", ["Văn phòng HĐND và UBND"],
         ["Các công chức"], "2026-01-31"),
        ("direction", "Kiểm tra công tác CCHC", ["Văn phòng HĐND và UBND"],
         ["Phòng Văn hóa - Xã hội"], "2026-09-30"),
        ("institutions", "Rà soát văn bản quy phạm pháp luật", ["Công chức Tư pháp - Hộ tịch"],
         [], "2026-06-30"),
    ]  # fmt: skip
    # a task without a number is named in a warning by where it stands and its words
    (warning,) = [w for w in result["warnings"] if "không ghi năm" in w]
    assert "nhiệm vụ ở dòng" in warning and "(“Ban hành Kế hoạch CCHC năm 2026”)" in warning
