"""The one period type: keys, windows and report kinds, as deadlines, the importer and the
indicators read them."""

import datetime as dt
from types import SimpleNamespace

import pytest

from cchc import periods
from cchc.importer.schedule import reporting_periods
from cchc.plans.deadlines import parse_deadline


@pytest.mark.parametrize(
    ("key", "start", "end", "kind"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year"),
        ("2024-q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31), "quarter"),
        ("2024-6m", dt.date(2024, 1, 1), dt.date(2024, 6, 30), "6m"),
        ("2024-9m", dt.date(2024, 1, 1), dt.date(2024, 9, 30), "9m"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2024-01-15_2024-03-14", dt.date(2024, 1, 15), dt.date(2024, 3, 14), "custom"),
    ],
)
def test_a_key_gives_its_window_and_the_window_gives_the_key_back(key, start, end, kind):
    period = periods.parse(key)
    assert (period.start, period.end, period.kind) == (start, end, kind)
    assert period.key == key


@pytest.mark.parametrize("key", ["2024-13", "2024-q5", "2024-7m", "1800", "2024-03-01_2024-02-01"])
def test_a_text_that_is_no_period_is_refused(key):
    with pytest.raises(ValueError):
        periods.parse(key)


def test_a_report_window_key_is_looked_up_and_keeps_its_due_date():
    row = SimpleNamespace(
        pk=12, name="Quý I/2024", start=dt.date(2023, 12, 15), end=dt.date(2024, 3, 14),
        due=dt.date(2024, 3, 18),
    )  # fmt: skip
    period = periods.parse("r12", find_report={12: row}.get)
    assert (period.start, period.end, period.due, period.kind) == (
        dt.date(2023, 12, 15), dt.date(2024, 3, 14), dt.date(2024, 3, 18), "report",
    )  # fmt: skip
    assert period.label == "Quý I/2024 (15/12/2023 – 14/03/2024)"
    with pytest.raises(ValueError):
        periods.parse("r13", find_report={12: row}.get)
    with pytest.raises(ValueError):  # nobody to ask
        periods.parse("r12")


def test_a_window_is_cut_into_calendar_months_clipped_to_it():
    months = periods.window(dt.date(2023, 12, 15), dt.date(2024, 2, 10)).months()
    assert months == [
        ("2023-12", dt.date(2023, 12, 15), dt.date(2023, 12, 31)),
        ("2024-01", dt.date(2024, 1, 1), dt.date(2024, 1, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 10)),
    ]


def test_a_date_read_from_text_past_the_month_end_is_the_last_day_and_nonsense_is_none():
    assert periods.safe_date(2023, 2, 30) == dt.date(2023, 2, 28)
    assert periods.safe_date(2024, 2, 30) == dt.date(2024, 2, 29)
    assert periods.safe_date(2024, 13, 1) is None


def test_the_deadline_parser_names_the_same_windows_as_the_indicator_picker():
    assert parse_deadline("Quý II/2024").periods == (periods.parse("2024-q2").span,)
    assert parse_deadline("6 tháng đầu năm 2024").periods == (periods.parse("2024-6m").span,)
    assert parse_deadline("9 tháng năm 2024").periods == (periods.parse("2024-9m").span,)
    assert parse_deadline("6 tháng cuối năm 2024").periods == (
        (dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    )


def test_the_importer_names_reports_as_plans_write_them_and_dates_them_in_their_last_month():
    found, _warnings = reporting_periods(
        [("Báo cáo quý I, 6 tháng, 9 tháng và năm trước ngày 12 của tháng cuối kỳ báo cáo", 3)],
        2024,
    )
    assert [(p["name"], p["due"]) for p in found] == [
        ("Quý I/2024", "2024-03-11"),
        ("6 tháng/2024", "2024-06-11"),
        ("9 tháng/2024", "2024-09-11"),
        ("Năm 2024", "2024-12-11"),
    ]


def test_the_month_under_way_is_the_month_of_a_day_inside_the_window():
    year = periods.whole_year(2024)
    assert year.under_way(dt.date(2024, 4, 10)) == "2024-04"
    assert year.under_way(dt.date(2024, 12, 31)) == "2024-12"  # the last day is not over yet
    assert year.under_way(dt.date(2025, 1, 1)) is None  # the year is over
    assert year.under_way(dt.date(2023, 12, 31)) is None  # not begun
    assert year.under_way(None) is None  # a dissolved unit: every month is over
    # a report window from 15/12: on 20/12 its clipped December is under way
    window = periods.window(dt.date(2023, 12, 15), dt.date(2024, 3, 14))
    assert window.under_way(dt.date(2023, 12, 20)) == "2023-12"
