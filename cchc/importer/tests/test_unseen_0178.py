"""Decision 0178: the rules the fourth round of unseen plans (plans0178/) needed, each on a
plan cut to what shows it. The six plans themselves run in `test_unseen_0167.py`."""

from cchc.importer.areas import guess_area, guess_target_area
from cchc.importer.columns import split_items
from cchc.importer.parse import parse_bytes
from cchc.importer.targets import find_quantities

HEAD = (
    "ỦY BAN NHÂN DÂN\nXÃ ĐỨC LINH\nSố: 07/KH-UBND\n"
    "Đức Linh, ngày 21 tháng 01 năm 2026\n\nKẾ HOẠCH\nCải cách hành chính năm 2026\n\n"
    "Căn cứ Quyết định số 95/QĐ-UBND ngày 08/01/2026 của Ủy ban nhân dân tỉnh Lâm Đồng ban "
    "hành Kế hoạch cải cách hành chính nhà nước tỉnh Lâm Đồng năm 2026;\n"
    "Ủy ban nhân dân xã Đức Linh ban hành Kế hoạch như sau:\n\n"
)


def _plan(body: str) -> dict:
    return parse_bytes((HEAD + body).encode(), "ke_hoach.txt")


def test_a_note_naming_the_national_target_programme_is_no_caption_of_targets():
    body = (
        "II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN\n"
        "Các từ viết tắt trong bảng: CC TP-HT là công chức Tư pháp - Hộ tịch; CTMTQG là "
        "Chương trình mục tiêu quốc gia.\n\n"
        "Lĩnh vực\tSTT\tNhiệm vụ\tChủ trì\tThời gian\tKinh phí (triệu đồng)\n"
        "Cải cách thể chế\t1\tRà soát văn bản quy phạm pháp luật\tCC TP-HT\tQuý II/2026\t"
        "Ngân sách xã\n"
        "Chính quyền số\t2\tHướng dẫn người dân sử dụng dịch vụ công trực tuyến\t"
        "Tổ công nghệ số cộng đồng\tĐịnh kỳ hằng tháng\tLồng ghép CTMTQG\n"
        "\t3\tTrang bị máy quét tài liệu\tPhòng Kinh tế\tQuý IV/2026\t45\n"
    )
    result = _plan(body)
    tasks = [(t["ref"], t["area"], t["budget_million_vnd"]) for t in result["tasks"]]
    assert tasks == [
        ("1", "institutions", None),
        ("2", "digital_government", None),
        ("3", "digital_government", 45),
    ]  # before: read as a targets table, no task at all
    assert result["qualitative_targets"] == []


def test_units_joined_by_a_plus_are_several():
    assert split_items("Sở Tư pháp + Sở Khoa học và Công nghệ + Văn phòng UBND tỉnh") == [
        "Sở Tư pháp", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh",
    ]  # fmt: skip
    # printed in a narrow PDF cell, the "+" ends the line
    assert split_items("Văn phòng Sở +\nUBND các xã, phường", wrapped=True) == [
        "Văn phòng Sở", "UBND các xã, phường",
    ]  # fmt: skip
    assert split_items("+ Văn phòng Sở\n+ Thanh tra Sở") == ["Văn phòng Sở", "Thanh tra Sở"]


def test_a_time_written_once_across_start_and_end_is_the_deadline():
    body = "III. NHIỆM VỤ\n" + "\n".join([
        "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tThời gian thực hiện\t\tSản phẩm",
        "\t\t\tBắt đầu\tHoàn thành\t",
        "1\tCải cách thủ tục hành chính\t\t\t\t",
        "1.1\tRà soát thủ tục hành chính\tTrung tâm Phục vụ hành chính công\tTháng 4/2026\t"
        "Trước 15/11\tBáo cáo",
        "1.2\tTheo dõi giải quyết hồ sơ\tTrung tâm Phục vụ hành chính công\tĐịnh kỳ hằng tháng\t"
        "\tBáo cáo",
        "1.3\tTuyên truyền cải cách hành chính\tPhòng Văn hóa - Xã hội\tThường xuyên\t\tTin bài",
    ]) + "\n"  # fmt: skip
    tasks = [(t["deadline"], t["due"], t["recurrence"]) for t in _plan(body)["tasks"]]
    assert tasks == [
        ("Trước 15/11", "2026-11-15", None),  # the end, not the start
        ("Định kỳ hằng tháng", None, "monthly"),  # before: "" (the start column was dropped)
        ("Thường xuyên", None, "regular"),
    ]


def test_a_footnote_mark_is_no_part_of_a_target():
    typed = find_quantities("Tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 97%¹.")
    printed = find_quantities("Tỷ lệ người dân hài lòng đạt từ 90% trở lên2.")
    assert [(q.text, q.value) for q in typed + printed] == [
        ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 97%", 97),
        ("Tỷ lệ người dân hài lòng đạt từ 90% trở lên", 90),
    ]
    # a figure standing apart stays: "năm 2026", "01 sáng kiến"
    [kept] = find_quantities("100% hồ sơ được số hóa trong năm 2026.")
    assert kept.text == "100% hồ sơ được số hóa trong năm 2026"
    # a unit of measure is no mark: "m²", "m³"
    [area] = find_quantities("Diện tích bộ phận một cửa đạt tối thiểu 40 m².")
    [water] = find_quantities("100% hộ dân dùng dưới 10 m³.")
    assert (area.text[-5:], water.text[-5:]) == ("40 m²", "10 m³")


def test_a_target_about_the_reform_s_own_work_is_its_direction():
    text = "100% xã, phường được hướng dẫn nghiệp vụ cải cách hành chính"
    assert guess_target_area(text) == "direction"  # before: other
    assert guess_target_area("Tối thiểu 80% hồ sơ được nộp trực tuyến toàn trình") == (
        "digital_government"
    )
    # an office's duty keeps its guess (the seeds' prose duties)
    assert guess_area("Tổng hợp tình hình cải cách hành chính trên địa bàn") == "other"
