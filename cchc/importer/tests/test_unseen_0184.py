"""Decision 0184: the rules the fifth round of unseen plans (plans0184/) needed, each on a
plan cut to what shows it. The six plans themselves run in `test_unseen_0167.py`."""

import io

from docx import Document as WordDocument

from cchc.importer.columns import is_header, split_items
from cchc.importer.parse import parse_bytes
from cchc.importer.targets import find_quantities

HEAD = (
    "ỦY BAN NHÂN DÂN\nXÃ HÒA THÀNH\nSố: 21/KH-UBND\n"
    "Hòa Thành, ngày 22 tháng 01 năm 2026\n\nKẾ HOẠCH\nCải cách hành chính năm 2026\n\n"
    "Căn cứ Kế hoạch số 40/KH-UBND ngày 12/01/2026 của Ủy ban nhân dân tỉnh Tây Ninh về cải "
    "cách hành chính năm 2026;\nỦy ban nhân dân xã Hòa Thành ban hành Kế hoạch như sau:\n\n"
)


def _plan(body: str) -> dict:
    return parse_bytes((HEAD + body).encode(), "ke_hoach.txt")


def test_a_percentage_written_in_words_is_a_percentage():
    (found,) = find_quantities(
        "Tỷ lệ văn bản điện tử gửi, nhận trên môi trường mạng đạt 98 phần trăm (trừ văn bản mật)."
    )
    assert (found.comparator, found.value, found.unit) == ("=", 98, "%")
    (spaced,) = find_quantities("Không quá 2 % hồ sơ bị trả lại")
    assert (spaced.comparator, spaced.value, spaced.unit) == ("<=", 2, "%")


def test_a_part_named_alone_opens_the_body_and_its_sections_are_headings():
    body = (
        "Phần I\nMỤC TIÊU, CHỈ TIÊU\nMục 1. Mục tiêu\n"
        "Xây dựng nền hành chính phục vụ người dân.\nMục 2. Chỉ tiêu\n"
        "1. Trên 92% người dân hài lòng với việc giải quyết thủ tục hành chính.\n\n"
        "Phần II\nTỔ CHỨC THỰC HIỆN\n"
        "Các bộ phận báo cáo năm trước ngày 15/12/2026.\n"
    )
    result = _plan(body)
    assert [(t["value"], t["comparator"]) for t in result["targets"]] == [(92, ">=")]
    assert [p["name"] for p in result["reporting_periods"]] == ["Năm 2026"]


def test_a_list_of_reports_is_the_schedule_not_tasks():
    rows = [
        "STT\tTên báo cáo\tĐơn vị thực hiện\tNơi nhận\tThời hạn gửi",
        "1\tBáo cáo cải cách hành chính 6 tháng đầu năm 2026\tVăn phòng HĐND và UBND xã\t"
        "Sở Nội vụ\tTrước ngày 14/6/2026",
        "2\tBáo cáo cải cách hành chính năm 2026\tVăn phòng HĐND và UBND xã\tSở Nội vụ\t"
        "Trước ngày 14/12/2026",
    ]
    body = (
        "I. TỔ CHỨC THỰC HIỆN\nCông chức chủ trì chịu trách nhiệm về tiến độ.\n\n"
        "PHỤ LỤC\nDANH MỤC BÁO CÁO ĐỊNH KỲ NĂM 2026\n" + "\n".join(rows) + "\n"
    )
    result = _plan(body)
    assert result["tasks"] == []
    assert [(p["name"], p["due"]) for p in result["reporting_periods"]] == [
        ("6 tháng/2026", "2026-06-14"),
        ("Năm 2026", "2026-12-14"),
    ]


def test_a_row_beginning_with_its_number_is_no_header():
    # the first row on a page of a table printed without its header repeated
    assert not is_header([
        "3", "Cập nhật, niêm yết bộ thủ tục hành chính lĩnh vực hộ tịch, chứng thực",
        "Công chức Tư pháp – Hộ tịch", "Bộ phận Một cửa", "5.2.2026", "Bộ thủ tục được niêm yết",
    ])  # fmt: skip
    assert is_header(["STT", "Nội dung công việc", "Người chủ trì", "Người phối hợp", "Thời hạn"])


def test_a_department_begins_a_unit_and_the_fatherland_does_not():
    # two units one under the other in a printed cell; one unit wrapped before "Tổ quốc"
    assert split_items("Trung tâm Chính trị xã\nSở Nội vụ", wrapped=True) == [
        "Trung tâm Chính trị xã", "Sở Nội vụ",
    ]  # fmt: skip
    assert split_items("Ủy ban Mặt trận\nTổ quốc Việt Nam xã", wrapped=True) == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã"
    ]


def test_a_list_of_reports_cut_by_a_page_is_still_the_schedule():
    # as the PDF reads it: the list's header and first row, then its last row on the next page
    doc = WordDocument()
    for line in (HEAD + "I. TỔ CHỨC THỰC HIỆN\nCông chức chủ trì báo cáo Chủ tịch.").split("\n"):
        doc.add_paragraph(line)
    doc.add_paragraph("DANH MỤC BÁO CÁO ĐỊNH KỲ NĂM 2026")
    first = doc.add_table(rows=2, cols=3)
    for cell, text in zip(first.rows[0].cells, ("STT", "Tên báo cáo", "Thời hạn gửi"), strict=True):
        cell.text = text
    for cell, text in zip(
        first.rows[1].cells,
        ("1", "Báo cáo 6 tháng đầu năm 2026", "Trước ngày 14/6/2026"),
        strict=True,
    ):
        cell.text = text
    doc.add_paragraph("")
    rest = doc.add_table(rows=1, cols=3)
    for cell, text in zip(
        rest.rows[0].cells, ("2", "Báo cáo năm 2026", "Trước ngày 14/12/2026"), strict=True
    ):
        cell.text = text
    out = io.BytesIO()
    doc.save(out)
    result = parse_bytes(out.getvalue(), "ke_hoach.docx")
    assert result["tasks"] == []
    assert [(p["name"], p["due"]) for p in result["reporting_periods"]] == [
        ("6 tháng/2026", "2026-06-14"),
        ("Năm 2026", "2026-12-14"),
    ]
