"""Report schedules as plans phrase them, read into periods and due dates (plan year 2026)."""

import pytest

from cchc.importer.schedule import reporting_periods

CASES = [
    (
        "Định kỳ báo cáo kết quả về UBND xã trước ngày 10/6 (báo cáo 6 tháng) và trước ngày "
        "10/12 (báo cáo năm).",
        [("6 tháng/2026", "2026-06-10"), ("Năm 2026", "2026-12-10")],
    ),
    (
        "Các cơ quan gửi báo cáo quý I trước ngày 15/3, báo cáo 6 tháng trước ngày 15/6, báo "
        "cáo 9 tháng trước ngày 15/9 và báo cáo năm trước ngày 15/12/2026.",
        [("Quý I/2026", "2026-03-15"), ("6 tháng/2026", "2026-06-15"),
         ("9 tháng/2026", "2026-09-15"), ("Năm 2026", "2026-12-15")],
    ),
    ("Báo cáo năm gửi trước ngày 10/01.", [("Năm 2026", "2027-01-10")]),
    (
        "Báo cáo quý trước ngày 20 của tháng cuối quý; báo cáo 6 tháng trước ngày 20/6; báo cáo "
        "năm trước ngày 20/12.",
        [("Quý I/2026", "2026-03-19"), ("6 tháng/2026", "2026-06-20"),
         ("Quý III/2026", "2026-09-19"), ("Năm 2026", "2026-12-20")],
    ),
    (
        "Các bộ phận báo cáo hằng quý trước ngày 10 của tháng cuối quý.",
        [("Quý I/2026", "2026-03-09"), ("Quý II/2026", "2026-06-09"),
         ("Quý III/2026", "2026-09-09"), ("Quý IV/2026", "2026-12-09")],
    ),
    ("Thực hiện báo cáo theo quy định của UBND tỉnh.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_report_schedule_phrasings(text, expected):
    periods, _ = reporting_periods([(text, 1)], 2026)
    assert [(p["name"], p["due"]) for p in periods] == expected


# the cut-off window written once as a rule for every report (decision 0169)
WINDOW_RULES = [
    (
        "Báo cáo định kỳ quý, 6 tháng, 9 tháng và năm; số liệu tính từ ngày 15 tháng trước kỳ "
        "báo cáo đến ngày 14 của tháng cuối kỳ, gửi trước ngày 18 của tháng cuối kỳ báo cáo.",
        [("Quý I/2026", "2025-12-15", "2026-03-14", "2026-03-17"),
         ("6 tháng/2026", "2025-12-15", "2026-06-14", "2026-06-17"),
         ("9 tháng/2026", "2025-12-15", "2026-09-14", "2026-09-17"),
         ("Năm 2026", "2025-12-15", "2026-12-14", "2026-12-17")],
    ),
    (  # a report of each quarter counts from the month before that quarter
        "Các bộ phận báo cáo hằng quý, số liệu tính từ ngày 15 của tháng trước quý đến ngày 14 "
        "của tháng cuối quý.",
        [("Quý I/2026", "2025-12-15", "2026-03-14", None),
         ("Quý II/2026", "2026-03-15", "2026-06-14", None),
         ("Quý III/2026", "2026-06-15", "2026-09-14", None),
         ("Quý IV/2026", "2026-09-15", "2026-12-14", None)],
    ),
    (
        "Báo cáo 6 tháng và báo cáo năm: số liệu từ ngày 15 tháng 12 năm trước đến ngày 14 của "
        "tháng cuối kỳ.",
        [("6 tháng/2026", "2025-12-15", "2026-06-14", None),
         ("Năm 2026", "2025-12-15", "2026-12-14", None)],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), WINDOW_RULES)
def test_a_window_rule_dates_every_report(text, expected):
    periods, _ = reporting_periods([(text, 1)], 2026)
    assert [(p["name"], p["from"], p["to"], p["due"]) for p in periods] == expected
