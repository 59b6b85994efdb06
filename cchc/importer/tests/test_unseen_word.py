"""Word plans the seeds do not cover, checked field by field against a person's reading.

The expected values are written here from the documents built in `unseen_word*.py`, not
taken from the importer's output.
"""

import pytest

from cchc.importer.parse import parse_bytes
from cchc.importer.tests.conftest import by_ref
from cchc.importer.tests.unseen_word import commune_2026_docx, department_docx
from cchc.importer.tests.unseen_word_more import (
    district_split_table_docx,
    ward_without_table_docx,
)

VP = "Văn phòng HĐND và UBND xã"
TTPV = "Trung tâm Phục vụ hành chính công xã"


@pytest.fixture(scope="module")
def commune():
    return parse_bytes(commune_2026_docx(), "tan-phu-2026.docx")


@pytest.fixture(scope="module")
def department():
    return parse_bytes(department_docx(), "so-noi-vu.docx")


@pytest.fixture(scope="module")
def ward():
    return parse_bytes(ward_without_table_docx(), "ba-dinh.docx")


@pytest.fixture(scope="module")
def district():
    return parse_bytes(district_split_table_docx(), "yen-phong.docx")


def header(result):
    plan = result["plan"]
    return plan["issuer"], plan["number"], plan["issued_on"], plan["year"], plan["title"]


def bases(result):
    return [(b["number"], b["issued_on"]) for b in result["legal_bases"]]


def targets(result):
    return [(t["area"], t["comparator"], t["value"], t["unit"]) for t in result["targets"]]


def periods(result):
    return [(p["name"], p["from"], p["to"], p["due"]) for p in result["reporting_periods"]]


def timing(task):
    return task["deadline"], task["due"], task["recurrence"]


# --- 1. commune 2026: header table, spanning section rows, merged lead, targets appendix ------


def test_commune_header_from_the_decree_30_table(commune):
    assert header(commune) == (
        "UBND xã Tân Phú", "15/KH-UBND", "2025-12-26", 2026,
        "Kế hoạch cải cách hành chính nhà nước năm 2026 trên địa bàn xã Tân Phú, tỉnh Đồng Nai",
    )  # fmt: skip
    assert commune["plan"]["theme"] is None


def test_commune_legal_bases_include_a_law_numbered_with_its_year(commune):
    assert bases(commune) == [
        ("72/2025/QH15", "2025-06-16"), ("76/NQ-CP", "2021-07-15"),
        ("412/KH-UBND", "2025-12-18"),
    ]  # fmt: skip


def test_commune_tasks_areas_from_spanning_section_rows(commune):
    tasks = commune["tasks"]
    assert [t["ref"] for t in tasks] == [str(n) for n in range(1, 14)]  # header repeat skipped
    areas = [t["area"] for t in tasks]
    assert areas == (
        ["direction"] * 3 + ["institutions"] * 2 + ["procedures"] * 2
        + ["organisation", "civil_service", "public_finance"] + ["digital_government"] * 2
        + ["impact"]
    )  # fmt: skip


def test_commune_cells_split_into_items(commune):
    first = by_ref(commune, "1")
    assert (first["lead"], first["coordinators"], first["products"]) == (
        [VP], ["Các phòng, ban, đơn vị thuộc UBND xã"], ["Kế hoạch"],
    )  # fmt: skip
    third = by_ref(commune, "3")
    assert third["title"] == (
        "Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị: - Kiểm tra theo kế "
        "hoạch; - Kiểm tra đột xuất khi có phản ánh."
    )
    assert third["coordinators"] == ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]
    assert third["products"] == ["Kế hoạch kiểm tra", "Báo cáo kết quả kiểm tra"]
    assert by_ref(commune, "7")["coordinators"] == ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]
    assert by_ref(commune, "12")["products"] == []  # "-": no product


def test_commune_vertically_merged_lead(commune):
    second = by_ref(commune, "2")
    assert second["lead"] == [VP]
    assert second["coordinators"] == [TTPV]
    assert "lead_from_row_above" in second["flags"]


def test_commune_deadlines(commune):
    expected = {
        "1": ("Tháng 01/2026", "2026-01-31", None),
        "2": ("Quý I/2026", "2026-03-31", None),
        "3": ("Quý II, III/2026", "2026-09-30", None),
        "4": ("Trước ngày 30/6/2026", "2026-06-30", None),
        "5": ("Thường xuyên", None, "regular"),
        "7": ("Tháng 3, 6, 9, 12", "2026-12-31", "quarterly"),
        "8": ("06 tháng đầu năm", "2026-06-30", None),
        "9": ("Hằng năm", "2026-12-31", None),
        "10": ("Trước 15/11/2026", "2026-11-15", None),
        "11": ("Năm 2026 và các năm tiếp theo", "2026-12-31", None),
        "13": ("Quý III/2026", "2026-09-30", None),
    }
    for ref, value in expected.items():
        assert timing(by_ref(commune, ref)) == value, ref
    assert all(t["budget_million_vnd"] is None for t in commune["tasks"])


def test_commune_targets_appendix_reads_indicator_and_planned_value(commune):
    assert targets(commune) == [
        ("procedures", ">=", 98, "%"), ("procedures", "<=", 2, "%"),
        ("procedures", ">=", 80, "%"), ("digital_government", "=", 100, "%"),
        ("digital_government", ">=", 90, "%"), ("impact", ">=", 90, "%"),
        ("impact", ">=", 85, "points"), ("impact", ">=", 2, "count"),
    ]  # fmt: skip
    assert commune["targets"][0]["text"].startswith("Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn")
    assert "98%" in commune["targets"][0]["text"]


def test_commune_report_windows_and_rule(commune):
    assert periods(commune) == [
        ("Quý I/2026", "2025-12-15", "2026-03-14", "2026-03-17"),
        ("6 tháng/2026", "2025-12-15", "2026-06-14", "2026-06-17"),
        ("9 tháng/2026", "2025-12-15", "2026-09-14", "2026-09-17"),
        ("Năm 2026", "2025-12-15", "2026-12-14", "2026-12-17"),
    ]


# --- 2. provincial department: five columns, a) b) sub-rows, budgets ---------------------------


def test_department_is_the_issuer_not_its_parent(department):
    assert header(department) == (
        "Sở Nội vụ tỉnh Quảng Ninh", "125/KH-SNV", "2025-01-10", 2025,
        "Kế hoạch cải cách hành chính năm 2025 của Sở Nội vụ",
    )  # fmt: skip
    assert bases(department) == [("245/KH-UBND", "2024-12-25"), ("1291/QĐ-BNV", "2024-12-27")]


def test_department_numbered_heading_rows_and_lettered_sub_rows(department):
    tasks = department["tasks"]
    assert [t["ref"] for t in tasks] == ["1", "2", "a", "b", "4", "5", "6", "7", "8", "9", "10"]
    assert [t["area"] for t in tasks] == (
        ["direction"] * 5 + ["organisation"] * 2 + ["civil_service"] * 2
        + ["digital_government", "quality_management"]
    )  # fmt: skip
    assert [by_ref(department, r)["section_ref"] for r in ("a", "b", "4")] == ["3", "3", "I"]
    assert by_ref(department, "a")["title"] == "Các sở, ban, ngành tỉnh"


def test_department_units_column_is_the_lead(department):
    assert by_ref(department, "2")["lead"] == ["Phòng Cải cách hành chính", "Văn phòng Sở"]
    assert by_ref(department, "6")["lead"] == [
        "Phòng Tổ chức - Biên chế", "Phòng Xây dựng chính quyền và Công tác thanh niên",
    ]  # fmt: skip
    assert by_ref(department, "7")["lead"] == ["Phòng Công chức, viên chức"]
    eight = by_ref(department, "8")
    assert eight["lead"] == ["Thanh tra Sở"]  # typed decomposed (NFD), read composed
    assert eight["title"] == "Theo dõi, đánh giá việc chấp hành kỷ luật, kỷ cương hành chính"


def test_department_budgets_and_deadlines(department):
    budgets = {t["ref"]: t["budget_million_vnd"] for t in department["tasks"]}
    assert budgets == {
        "1": None, "2": 15, "a": 20, "b": 20.5, "4": None, "5": None, "6": None, "7": 150,
        "8": None, "9": 200, "10": None,
    }  # fmt: skip
    assert by_ref(department, "5")["budget_text"] == "Ngân sách tỉnh"
    expected = {
        "a": ("Quý II/2025", "2025-06-30", None),
        "b": ("Quý III/2025", "2025-09-30", None),
        "4": ("Tháng 3, 6, 9, 12", "2025-12-31", "quarterly"),
        "5": ("Trước 30/6/2025", "2025-06-30", None),
        "6": ("06 tháng đầu năm", "2025-06-30", None),
        "7": ("Trong năm 2025", "2025-12-31", None),
        "8": ("Thường xuyên", None, "regular"),
        "9": ("Năm 2025 và các năm tiếp theo", "2025-12-31", None),
        "10": ("Hằng năm", "2025-12-31", None),
    }
    for ref, value in expected.items():
        assert timing(by_ref(department, ref)) == value, ref


def test_department_targets_and_reports(department):
    got = [(t["comparator"], t["value"], t["unit"]) for t in department["targets"]]
    assert got == [("top", 10, "rank"), ("=", 100, "%"), (">=", 80, "%"), ("<=", 1, "%"),
                   (">=", 95, "%")]  # fmt: skip
    # online public services and online records are digital government, as seeds 000/003 (0167)
    assert [t["area"] for t in department["targets"][1:]] == [
        "digital_government", "digital_government", "procedures", "impact",
    ]  # fmt: skip
    assert [(p["name"], p["due"]) for p in department["reporting_periods"]] == [
        ("Quý I/2025", "2025-03-10"), ("6 tháng/2025", "2025-06-10"),
        ("9 tháng/2025", "2025-09-10"), ("Năm 2025", "2025-12-10"),
    ]  # fmt: skip


# --- 3. ward plan without a task table ---------------------------------------------------------


def test_ward_header_with_number_and_date_on_one_line(ward):
    assert header(ward) == (
        "UBND phường Ba Đình", "08/KH-UBND", "2026-01-06", 2026,
        "Kế hoạch cải cách hành chính năm 2026 của UBND phường Ba Đình",
    )  # fmt: skip
    assert bases(ward) == [("05/KH-UBND", "2026-01-03")]


def test_ward_has_no_tasks_and_says_so(ward):
    assert ward["tasks"] == []
    assert any("Không tìm thấy bảng nhiệm vụ" in w for w in ward["warnings"])


def test_ward_targets_two_per_sentence_where_it_holds_two(ward):
    assert targets(ward)[1:] == [
        ("procedures", "=", 100, "%"),
        ("procedures", ">=", 95, "%"), ("procedures", "<=", 5, "%"),
        ("procedures", ">=", 90, "%"), ("procedures", ">=", 60, "%"),
        ("digital_government", "=", 100, "%"), ("digital_government", "=", 100, "%"),
        ("impact", ">=", 90, "%"), ("impact", ">=", 85, "points"), ("impact", ">=", 2, "count"),
    ]  # fmt: skip
    rank = ward["targets"][0]
    assert (rank["comparator"], rank["value"], rank["unit"]) == ("top", 10, "rank")
    assert ward["targets"][3]["text"] == "Không quá 5% hồ sơ trễ hạn"


def test_ward_quarterly_reports_and_a_dated_annual_report(ward):
    assert periods(ward) == [
        ("Quý I/2026", None, None, "2026-03-14"),
        ("Quý II/2026", None, None, "2026-06-14"),
        ("Quý III/2026", None, None, "2026-09-14"),
        ("Năm 2026", None, None, "2026-12-10"),
    ]


# --- 8. district plan: two-row header, table cut in two, Arabic heading rows, '-' rows ---------


def test_district_header_and_bases(district):
    assert header(district)[:4] == ("UBND huyện Yên Phong", "36/KH-UBND", "2025-02-14", 2025)
    assert bases(district) == [
        ("76/NQ-CP", "2021-07-15"), ("721/KH-UBND", "2024-12-30"), ("20-CT/HU", "2024-01-05"),
    ]  # fmt: skip


def test_district_rows_across_both_tables(district):
    tasks = district["tasks"]
    assert [t["ref"] for t in tasks] == ["1.1", "1.2", "2.1", "1", "", "", "2", "3", "1", "2"]
    assert [t["area"] for t in tasks] == (
        ["institutions"] * 3 + ["procedures"] * 5 + ["civil_service"] * 2
    )  # fmt: skip
    assert [t["section_ref"] for t in tasks[:3]] == ["1", "1", "2"]
    third = tasks[7]
    assert third["title"].startswith("Duy trì Bộ phận Một cửa huyện")
    assert (third["section_ref"], third["budget_million_vnd"]) == ("II", 20.5)


def test_district_two_row_header_gives_lead_and_coordinators(district):
    tasks = district["tasks"]
    assert tasks[1]["lead"] == ["Phòng Tư pháp"]
    assert tasks[1]["coordinators"] == ["Phòng Nội vụ", "UBND các xã, thị trấn"]
    review = tasks[6]
    assert review["lead"] == ["Phòng Nội vụ", "Phòng Tư pháp"]
    assert review["coordinators"] == ["Văn phòng HĐND và UBND huyện"]
    assert (review["budget_million_vnd"], review["budget_text"]) == (None, "Ngân sách huyện")
    assert tasks[0]["products"] == ["Báo cáo kết quả rà soát"]


def test_district_dash_rows_share_the_merged_lead(district):
    parent, web, radio = district["tasks"][3:6]
    assert (parent["title"], parent["deadline"], parent["due"]) == (
        "Tuyên truyền về cải cách thủ tục hành chính", "", None,
    )  # fmt: skip
    for row in (web, radio):
        assert row["lead"] == ["Phòng Văn hóa và Thông tin"]
        assert row["coordinators"] == ["Trung tâm Văn hóa, Thông tin và Thể thao huyện"]
        assert "lead_from_row_above" in row["flags"]
    assert (web["title"], web["products"]) == ("Trên Trang thông tin điện tử huyện", ["Tin, bài"])
    assert (timing(web), web["budget_million_vnd"]) == (("Hằng tháng", None, "monthly"), 5)
    assert (timing(radio), radio["budget_million_vnd"]) == (
        ("Quý II, IV/2025", "2025-12-31", None), 10,
    )  # fmt: skip


def test_district_deadlines_targets_reports(district):
    tasks = district["tasks"]
    assert [t["due"] for t in tasks[8:]] == ["2025-12-15", "2025-09-30"]
    assert [t["budget_million_vnd"] for t in tasks[8:]] == [None, 50]
    got = [(t["comparator"], t["value"]) for t in district["targets"]]
    assert got == [(">=", 85), (">=", 30), (">=", 2)]
    # records received and settled online: digital government; online payment: procedures (0167)
    assert [t["area"] for t in district["targets"][:2]] == ["digital_government", "procedures"]
    assert [(p["name"], p["due"]) for p in district["reporting_periods"]] == [
        ("6 tháng/2025", "2025-06-05"), ("Năm 2025", "2025-12-05"),
    ]  # fmt: skip
