"""Prose shapes met in real plans, each in a small text plan written here."""

from cchc.importer.parse import parse_bytes

PLAN = """UBND XÃ AN BÌNH
Số: 01/KH-UBND
KẾ HOẠCH
Cải cách hành chính năm 2026
I. MỤC TIÊU
1. Mục tiêu chung
Nâng cao chất lượng phục vụ người dân.
Chỉ tiêu cụ thể:
- 100% hồ sơ được số hóa.
- Tỷ lệ hài lòng đạt trên 90%.
II. NHIỆM VỤ
Thực hiện tốt các nhiệm vụ.
"""


def test_an_unnumbered_lead_in_opens_the_targets():
    result = parse_bytes(PLAN.encode(), "an-binh.txt")
    assert [(t["comparator"], t["value"]) for t in result["targets"]] == [("=", 100), (">=", 90)]


def test_a_blank_line_at_the_end_does_not_change_how_paragraphs_are_cut():
    with_blank = parse_bytes((PLAN + "\n\n").encode(), "an-binh.txt")
    assert len(with_blank["targets"]) == 2


LISTED_BASES = """UBND XÃ AN BÌNH
Số: 01/KH-UBND
KẾ HOẠCH
Cải cách hành chính năm 2026
Căn cứ các văn bản sau:
- Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
- Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND tỉnh;
UBND xã ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
Nâng cao chất lượng phục vụ.
"""


def test_legal_bases_listed_under_a_lead_in():
    bases = parse_bytes(LISTED_BASES.encode(), "an-binh.txt")["legal_bases"]
    assert [(b["number"], b["issued_on"]) for b in bases] == [
        ("76/NQ-CP", "2021-07-15"), ("12/KH-UBND", "2026-01-05"),
    ]  # fmt: skip
    assert bases[0]["text"].startswith("Nghị quyết số 76/NQ-CP")


DUTIES_PRINTED = """UBND PHƯỜNG 2
KẾ HOẠCH
Cải cách hành chính năm 2026
I. NHIỆM VỤ
Thực hiện tốt các nhiệm vụ.
II. TỔ CHỨC THỰC HIỆN
1. Công chức Tư pháp – Hộ tịch
- Thẩm định, kiểm tra, rà soát, hệ thống hóa các văn bản quy phạm pháp luật.
Kiểm tra việc tổ chức triển khai, thực hiện các văn bản của Phường.
- Thực hiện xin lỗi tổ chức, cá nhân bằng văn bản nếu có hồ sơ trễ hẹn.
2. Công chức Tài chính – Kế toán
- Tham mưu UBND Phường cấp kinh phí bảo đảm công tác cải cách hành chính.
Hướng dẫn các cơ quan, đơn vị quyết toán kinh phí theo quy định.
3. Công chức Văn hóa – Xã hội
- Cập nhật tin bài trên trang thông tin điện tử.
Trong quá trình thực hiện, có khó khăn báo cáo UBND Phường xem xét.
"""


def test_a_printed_line_that_begins_a_sentence_stays_in_its_duty():
    # a plan printed to PDF: a duty's line ends with its sentence and the next line begins
    # another sentence of the same duty; the bullet or office after it shows it is not the
    # plan's closing text (seed 002 printed from Word lost 6 of its 41 tasks)
    tasks = parse_bytes(DUTIES_PRINTED.encode(), "phuong-2.txt")["tasks"]
    assert [(t["ref"], t["title"]) for t in tasks] == [
        ("1.1", "Thẩm định, kiểm tra, rà soát, hệ thống hóa các văn bản quy phạm pháp luật. "
                "Kiểm tra việc tổ chức triển khai, thực hiện các văn bản của Phường."),
        ("1.2", "Thực hiện xin lỗi tổ chức, cá nhân bằng văn bản nếu có hồ sơ trễ hẹn."),
        ("2.1", "Tham mưu UBND Phường cấp kinh phí bảo đảm công tác cải cách hành chính. "
                "Hướng dẫn các cơ quan, đơn vị quyết toán kinh phí theo quy định."),
        ("3.1", "Cập nhật tin bài trên trang thông tin điện tử."),
    ]  # fmt: skip


def test_the_title_line_under_the_motto_is_found_in_a_pdf_without_blank_lines():
    # seed 000 printed from Word: the PDF's lines have no blank line between them and the motto,
    # "KẾ HOẠCH" and the subject ran into one paragraph; the plan had no title
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "XÃ AN PHÚ Độc lập - Tự do - Hạnh phúc\n"
        "KẾ HOẠCH\n"
        "Cải cách hành chính năm 2025 trên địa bàn xã An Phú\n"
        "I. MỤC TIÊU\n"
        "Nâng cao chất lượng phục vụ người dân.\n"
    )
    plan = parse_bytes(text.encode(), "an-phu.txt")["plan"]
    assert plan["title"] == "Kế hoạch cải cách hành chính năm 2025 trên địa bàn xã An Phú"
    assert plan["year"] == 2025
