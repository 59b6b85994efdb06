"""Decision 0174: the rules the third round of unseen plans (plans0174/) needed, each on a
plan cut to what shows it. The six plans themselves run in `test_unseen_0167.py`."""

from cchc.importer.columns import budget_unit, parse_budget
from cchc.importer.parse import parse_bytes

HEAD = (
    "ỦY BAN NHÂN DÂN\nHUYỆN CHÂU THÀNH\nSố: 18/KH-UBND\n"
    "Châu Thành, ngày 25 tháng 01 năm 2024\n\nKẾ HOẠCH\nCải cách hành chính năm 2024\n\n"
    "Căn cứ Kế hoạch số 245/KH-UBND ngày 29/12/2023 của Ủy ban nhân dân tỉnh Long An về cải "
    "cách hành chính năm 2024;\nỦy ban nhân dân huyện Châu Thành ban hành Kế hoạch như sau:\n\n"
)


def _plan(body: str) -> dict:
    return parse_bytes((HEAD + body).encode(), "ke_hoach.txt")


def _table(header: str, *rows: str) -> str:
    return "\n".join([header, *rows]) + "\n"


def test_a_budget_column_in_thousands_of_dong_is_read_in_millions():
    body = "II. NHIỆM VỤ\n" + _table(
        "STT\tNhiệm vụ\tChủ trì\tThời gian\tKinh phí (nghìn đồng)",
        "I\tCông tác chỉ đạo, điều hành\t\t\t",
        "1\tKiểm tra công tác cải cách hành chính\tPhòng Nội vụ\tQuý III/2024\t15.000",
        "2\tNâng cấp hệ thống hội nghị trực tuyến\tPhòng Nội vụ\tQuý II/2024\t350.000",
        "3\tTổ chức Hội thi tìm hiểu cải cách hành chính\tPhòng Nội vụ\tTháng 9/2024\t7.500",
    )
    budgets = [t["budget_million_vnd"] for t in _plan(body)["tasks"]]
    assert budgets == [15, 350, 7.5]  # before: 15000, 0.35 (taken as đồng), 7500


def test_a_budget_column_in_dong_and_a_cell_that_names_its_own_unit():
    body = "II. NHIỆM VỤ\n" + _table(
        "STT\tNhiệm vụ\tChủ trì\tThời gian\tKinh phí (đồng)",
        "I\tCông tác chỉ đạo, điều hành\t\t\t",
        "1\tTuyên truyền cải cách hành chính\tCông chức Văn hóa - Xã hội\tHằng tháng\t12.000.000",
        "2\tKiểm tra công tác cải cách hành chính\tChủ tịch UBND xã\tQuý III/2024\t50.000",
        "3\tTổ chức hội nghị đối thoại\tChủ tịch UBND xã\tQuý IV/2024\t5 triệu đồng",
    )
    budgets = [t["budget_million_vnd"] for t in _plan(body)["tasks"]]
    assert budgets == [12, 0.05, 5]  # before: 50.000 was read as 50000 million


def test_the_unit_is_the_header_s_bracket_not_a_word_of_its_name():
    assert budget_unit("Kinh phí (ĐVT: nghìn đồng)") == 1000
    assert budget_unit("Kinh phí (triệu đồng)") == 1
    assert budget_unit("Kinh phí hoạt động") is None  # "động" is no đồng
    assert parse_budget("1.200", budget_unit("Kinh phí")) == 1200  # no unit: as before


def test_a_task_table_without_area_headings_guesses_each_area_and_says_so():
    body = "II. NHIỆM VỤ\n" + _table(
        "STT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời gian",
        "1\tCông khai thủ tục hành chính tại Bộ phận Một cửa\tMột cửa\tVăn phòng\tThường xuyên",
        "2\tHướng dẫn nộp phí, lệ phí trực tuyến\tMột cửa\tTổ công nghệ số\tHằng tháng",
        "3\tKhảo sát mức độ hài lòng của người dân\tVăn phòng\tCông chức Tư pháp\tQuý III/2024",
    )
    result = _plan(body)
    assert [t["area"] for t in result["tasks"]] == ["procedures", "procedures", "impact"]
    assert (
        "3 nhiệm vụ không nằm dưới đề mục lĩnh vực nào; lĩnh vực được đoán theo nội dung: 1, 2, 3."
        in result["warnings"]
    )


def test_a_target_after_a_label_naming_it_in_an_amending_plan():
    body = (
        "I. NỘI DUNG ĐIỀU CHỈNH, BỔ SUNG\n"
        "1. Bổ sung nhiệm vụ 4.3 (chi tiết tại Phụ lục kèm theo).\n"
        "2. Điều chỉnh chỉ tiêu số hóa: tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả "
        "giải quyết đạt tối thiểu 90%.\n"
        "3. Các nội dung khác giữ nguyên theo Kế hoạch số 12/KH-UBND ngày 20/01/2024.\n"
    )
    targets = [
        (t["area"], t["text"], t["comparator"], t["value"], t["unit"])
        for t in _plan(body)["targets"]
    ]
    assert targets == [(
        "digital_government",
        "Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả giải quyết đạt tối thiểu 90%",
        ">=", 90, "%",
    )]  # fmt: skip


def test_the_plan_s_results_reported_by_a_day_of_december_is_the_annual_report():
    body = (
        "I. TỔ CHỨC THỰC HIỆN\nPhòng Nội vụ theo dõi, tổng hợp, báo cáo kết quả thực hiện "
        "Kế hoạch trước ngày 10/12/2024.\n"
    )
    periods = [(p["name"], p["due"]) for p in _plan(body)["reporting_periods"]]
    assert periods == [("Năm 2024", "2024-12-10")]
    # a task's report by another day names no report of the plan
    other = "I. TỔ CHỨC THỰC HIỆN\nBáo cáo kết quả thực hiện Kế hoạch trước ngày 15/3/2024.\n"
    assert _plan(other)["reporting_periods"] == []
