"""A Word plan whose numbers are Word's automatic numbering, with appendix shapes the seeds
lack; expected values read from the document built in `unseen_word_numbered.py`."""

import pytest

from cchc.importer.parse import parse_bytes
from cchc.importer.tests.test_unseen_word import bases, header, periods, targets, timing
from cchc.importer.tests.unseen_word_numbered import numbered_ward_docx


@pytest.fixture(scope="module")
def plan():
    return parse_bytes(numbered_ward_docx(), "long-bien.docx")


def test_subject_over_two_lines_gives_the_year(plan):
    assert header(plan) == (
        "UBND phường Long Biên", "02/KH-UBND", "2025-12-31", 2026,
        "Kế hoạch cải cách hành chính nhà nước năm 2026 của phường Long Biên",
    )  # fmt: skip
    assert bases(plan) == [("330/KH-UBND", "2025-12-24")]


def test_automatic_section_numbers_are_read(plan):
    prose = [(s["ref"], s["title"]) for s in plan["sections"] if not s["in_table"]]
    assert prose[:5] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "MỤC TIÊU, CHỈ TIÊU"), ("III", "NHIỆM VỤ, GIẢI PHÁP"),
        ("1", "Cải cách thủ tục hành chính"), ("2", "Xây dựng chính quyền số"),
    ]  # fmt: skip


def test_automatic_row_numbers_parts_headings_and_total(plan):
    tasks = plan["tasks"]
    assert [t["ref"] for t in tasks] == ["1", "2", "3", "4"]  # no "Tổng cộng" row
    assert [t["area"] for t in tasks] == [
        "procedures", "procedures", "digital_government", "direction",
    ]  # fmt: skip
    assert [t["lead"] for t in tasks[:2]] == [
        ["Văn phòng HĐND và UBND phường"], ["Trung tâm Phục vụ hành chính công phường"],
    ]  # fmt: skip
    table = [s["title"] for s in plan["sections"] if s["in_table"]]
    assert "CẢI CÁCH THỦ TỤC HÀNH CHÍNH" in table and "NHIỆM VỤ TRỌNG TÂM" in table


def test_time_and_budget_columns_by_other_names(plan):
    tasks = plan["tasks"]
    assert [timing(t) for t in tasks] == [
        ("Quý I/2026", "2026-03-31", None), ("Đến hết năm 2026", "2026-12-31", None),
        ("Tháng 6-7/2026", "2026-07-31", None), ("Định kỳ 6 tháng", None, "regular"),
    ]  # fmt: skip
    assert "due_year_assumed" not in tasks[2]["flags"]
    assert [t["budget_million_vnd"] for t in tasks] == [50, 20, 15, None]


def test_bulleted_targets_under_an_automatic_heading(plan):
    got = [(t["comparator"], t["value"], t["unit"]) for t in plan["targets"]]
    assert got == [(">=", 85, "points"), (">=", 1, "count"), (">=", 98, "%"), (">=", 80, "%")]
    assert [(p["name"], p["due"]) for p in plan["reporting_periods"]] == [
        ("6 tháng/2026", "2026-06-10"), ("Năm 2026", "2026-12-10"),
    ]  # fmt: skip
    assert targets(plan)[2][0] == "procedures"
    assert periods(plan)[0][1:3] == (None, None)
