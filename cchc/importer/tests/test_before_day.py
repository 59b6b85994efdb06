""" "trước ngày N" (decision 0054): a dated deadline — a task's, a report's — is due on day N
itself; the report rule "trước ngày N của tháng cuối kỳ" is read as the contract's example reads
it, day N − 1 of the period's last month."""

import datetime as dt

from cchc.importer.schedule import reporting_periods
from cchc.plans.deadlines import before_day, parse_deadline


def test_dated_deadlines_fall_due_on_day_n_and_the_report_rule_as_the_contract_reads_it():
    task = parse_deadline("Trước ngày 12/3/2024", 2024)
    monthly = parse_deadline("Trước ngày 12 hằng tháng", 2024)
    rule, _ = reporting_periods(
        [("Báo cáo quý I, 6 tháng trước ngày 12 của tháng cuối kỳ báo cáo.", 1)], 2024
    )
    dated, _ = reporting_periods([("Báo cáo quý I gửi trước ngày 12/3/2024.", 1)], 2024)
    assert task.due == dt.date(2024, 3, 12)
    assert monthly.day_of_month == 12
    assert rule[0]["name"] == "Quý I/2024" and rule[0]["due"] == "2024-03-11"
    assert rule[1]["due"] == "2024-06-11"
    assert dated[0]["due"] == "2024-03-12"
    assert before_day(2024, 3, 12) == dt.date(2024, 3, 12)


def test_the_warning_says_the_day_that_was_used():
    _, warnings = reporting_periods([("Báo cáo quý trước ngày 20 của tháng cuối quý.", 1)], 2024)
    assert warnings == [
        "Hạn nộp báo cáo “trước ngày 20 của tháng cuối quý” được hiểu là chậm nhất ngày 19 "
        "của tháng cuối kỳ."
    ]
