"""Deadline cells as plans write them, read into due dates, periods and recurrences."""

from datetime import date

import pytest

from cchc.plans.deadlines import parse_deadline

PLAN_YEAR = 2024

# text, due, recurrence, number of periods, needs_date
CASES = [
    ("Tháng 03/2024", date(2024, 3, 31), None, 1, False),
    ("Tháng 01 năm 2024", date(2024, 1, 31), None, 1, False),
    ("Quý I năm 2024", date(2024, 3, 31), None, 1, False),
    ("Quý II, III/2024", date(2024, 9, 30), None, 2, False),
    ("Quý I, II, III và cả năm 2024", date(2024, 12, 31), None, 4, False),
    ("Quý IV/2023, Quý I/2024", date(2024, 3, 31), None, 2, False),
    ("Quý I, IV/2024", date(2024, 12, 31), None, 2, False),
    ("Quý IV /2024", date(2024, 12, 31), None, 1, False),
    ("Quý 2/2024", date(2024, 6, 30), None, 1, False),
    ("Trong năm 2024", date(2024, 12, 31), None, 1, False),
    ("Năm 2024", date(2024, 12, 31), None, 1, False),
    ("Năm 2024-2025", date(2025, 12, 31), None, 1, False),
    ("Năm 2024 -2025", date(2025, 12, 31), None, 1, False),
    ("Giai đoạn 2022 – 2025", date(2025, 12, 31), None, 1, False),
    ("6 tháng đầu năm", date(2024, 6, 30), None, 1, False),
    ("6 tháng cuối năm", date(2024, 12, 31), None, 1, False),
    ("9 tháng năm 2024", date(2024, 9, 30), None, 1, False),
    ("trước ngày 15/3/2026", date(2026, 3, 15), None, 1, False),
    ("Chậm nhất trước ngày 31/12/2024", date(2024, 12, 31), None, 1, False),
    ("Trước 31/12/2024", date(2024, 12, 31), None, 1, False),
    ("ngày 15 tháng 3 năm 2026", date(2026, 3, 15), None, 1, False),
    ("Từ tháng 3 đến tháng 6/2024", date(2024, 6, 30), None, 1, False),
    # the last month of each quarter: a quarterly task, due at the last one
    ("Tháng 3, 6, 9 và 12/2024", date(2024, 12, 31), "quarterly", 4, False),
    ("Tháng 3, 6, 9, 12", date(2024, 12, 31), "quarterly", 4, False),
    ("Tháng 6 và tháng 12/2024", date(2024, 12, 31), None, 2, False),
    # every year: this plan year's occurrence
    ("Hằng năm", date(2024, 12, 31), None, 1, False),
    ("Hàng năm", date(2024, 12, 31), None, 1, False),
    ("Trước ngày 15/12 hằng năm", date(2024, 12, 15), None, 1, False),
    ("Năm 2025 và các năm tiếp theo", date(2025, 12, 31), None, 1, False),
    ("06 tháng đầu năm", date(2024, 6, 30), None, 1, False),
    ("6 tháng đầu năm 2024", date(2024, 6, 30), None, 1, False),
    ("Định kỳ 6 tháng", None, "regular", 0, False),
    ("Tháng 6-7/2024", date(2024, 7, 31), None, 2, False),
    ("Tháng 12/2023 - 01/2024", date(2024, 1, 31), None, 2, False),
    ("Quý I/2023; Trước ngày 5/12/2024", date(2024, 12, 5), None, 2, False),
    ("Năm 2024 (khi có hướng dẫn của Tỉnh).", date(2024, 12, 31), None, 1, False),
    ("Thường xuyên", None, "regular", 0, False),
    ("Hàng tháng", None, "monthly", 0, False),
    ("Hằng tháng", None, "monthly", 0, False),
    ("Hàng quý", None, "quarterly", 0, False),
    # a day in the last month of every quarter: quarterly, no one date
    ("Trước ngày 25 của tháng cuối quý", None, "quarterly", 0, False),
    ("Định kỳ trong năm", date(2024, 12, 31), "regular", 1, False),
    ("Theo quy định của cấp trên", None, None, 0, True),
    ("Theo tiến độ thời gian", None, None, 0, True),
    ("Sau khi tính công bố", None, None, 0, True),
    ("khi có hướng dẫn", None, None, 0, True),
    ("Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh", None, None, 0, True),
    ("", None, None, 0, True),
    # Cells with no year take the plan's year.
    ("Quý I", date(2024, 3, 31), None, 1, False),
    ("Tháng 5", date(2024, 5, 31), None, 1, False),
    ("Trong năm", date(2024, 12, 31), None, 1, False),
    ("Trong năm (theo phân kỳ)", date(2024, 12, 31), None, 1, False),
    # Typed without diacritics.
    ("Quy II, III/2024", date(2024, 9, 30), None, 2, False),
    ("Thang 3/2024", date(2024, 3, 31), None, 1, False),
    ("Truoc ngay 15/3/2026", date(2026, 3, 15), None, 1, False),
    ("Thuong xuyen", None, "regular", 0, False),
    ("Hang thang", None, "monthly", 0, False),
    ("Trong nam 2024", date(2024, 12, 31), None, 1, False),
    # Bare days in a deadline cell are dates, though no "ngày" or "trước" says so.
    ("30/6 và 31/12", date(2024, 12, 31), None, 2, False),
    ("30/6; 31/12/2025", date(2025, 12, 31), None, 2, False),
    ("15/3", date(2024, 3, 15), None, 1, False),
    ("Từ 01/3 - 30/4", date(2024, 4, 30), None, 2, False),
    # Tết Nguyên đán is the lunar new year (10/02/2024, 29/01/2025): due on its eve; a year
    # written after it is Tết's year, not the whole year.
    ("Trước Tết Nguyên đán", date(2024, 2, 9), None, 1, False),
    ("Trước Tết Nguyên đán năm 2025", date(2025, 1, 28), None, 1, False),
    ("Hoàn thành trước Tết Nguyên đán 2025", date(2025, 1, 28), None, 1, False),
    ("Sau Tết Nguyên đán 2024", None, None, 0, True),
    ("Trước Tết Dương lịch", None, None, 0, True),
]


@pytest.mark.parametrize(("text", "due", "recurrence", "periods", "needs_date"), CASES)
def test_deadline_cells_read_as_plans_mean_them(text, due, recurrence, periods, needs_date):
    spec = parse_deadline(text, PLAN_YEAR)
    assert spec.due == due
    assert spec.recurrence == recurrence
    assert len(spec.periods) == periods
    assert spec.needs_date is needs_date
    assert spec.dated is (due is not None)


def test_a_fraction_is_not_a_day():
    assert parse_deadline("1/2 số xã hoàn thành", PLAN_YEAR).due is None


def test_multi_period_cell_lists_each_quarter_and_the_year():
    spec = parse_deadline("Quý I, II, III và cả năm 2024", PLAN_YEAR)
    assert spec.periods == (
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2024, 4, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 9, 30)),
    )


def test_a_cell_without_a_year_says_the_year_was_assumed():
    assert parse_deadline("Quý III", 2025).year_assumed
    assert not parse_deadline("Quý III/2025", 2025).year_assumed


def test_a_cell_without_a_year_and_no_plan_year_has_no_due_date():
    assert parse_deadline("Quý III", None).due is None


def test_half_yearly_and_yearly_are_kept_as_frequency_only():
    assert parse_deadline("Hàng năm", 2024).frequency == "yearly"
    assert parse_deadline("Hàng năm", 2024).recurrence is None


def test_the_text_is_kept_as_written_with_spaces_tidied():
    assert parse_deadline("  Quý I năm\n2024 ", 2024).text == "Quý I năm 2024"


def test_a_monthly_task_due_on_a_given_day_keeps_that_day():
    from cchc.plans.deadlines import parse_deadline

    spec = parse_deadline("Trước ngày 20 hằng tháng", 2026)
    assert (spec.recurrence, spec.day_of_month) == ("monthly", 20)
    assert parse_deadline("Hàng tháng", 2026).day_of_month is None
