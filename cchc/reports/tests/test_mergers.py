"""A commune dissolved by the 2025 merger keeps the reports of windows it lived through and owes
none after (decision 0148): its successor prepares them, and no reminder asks the old one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.reports import actions
from cchc.reports.models import Report
from cchc.reports.my_work import owed

pytestmark = pytest.mark.django_db


def test_a_report_of_a_window_ending_after_the_merger_is_the_successors(world, merged):
    actions.open_report(world.commune, "h1", 2025, by=world.people.focal)  # ends 14/06/2025
    with pytest.raises(ValidationError) as refused:
        actions.open_report(world.commune, "m9", 2025, by=merged.focal)  # ends 14/09/2025
    assert "do Xã Mới tiếp nhận; báo cáo do đơn vị đó lập." in refused.value.messages[0]
    assert list(Report.objects.values_list("unit__code", "kind")) == [("xa-a", "h1")]
    assert actions.open_report(merged, "m9", 2025, by=merged.focal).unit == merged


def test_the_old_commune_owes_no_report_after_it_and_its_page_says_who_prepares_it(
    world, merged, login
):
    merged.valid_from = dt.date(2025, 7, 1)
    merged.save(update_fields=["valid_from"])
    june, september = dt.date(2025, 6, 10), dt.date(2025, 9, 10)
    # in June the old commune owes its half-year's report (and the overdue first quarter's)…
    assert [kind for kind, *_ in owed(world.commune, june)] == ["q1", "h1"]
    # …from July nothing (no reminder, no line in “My tasks”); the successor owes the next
    assert [kind for kind, *_ in owed(world.commune, september)] == []
    assert [kind for kind, *_ in owed(merged, september)] == ["m9"]
    html = login(merged.focal).get(
        reverse("reports:unit", args=[world.commune.code]) + "?year=2025"
    )
    html = html.content.decode()
    assert html.count("Do đơn vị tiếp nhận lập") == 2  # 9 months and the year
    assert "Xã Thạnh Tân không còn hoạt động từ ngày 01/07/2025" in html


def test_the_new_communes_page_gives_its_windows_before_it_to_the_communes_it_replaced(
    world, merged, login
):
    merged.valid_from = dt.date(2025, 7, 1)
    merged.save(update_fields=["valid_from"])
    html = login(merged.focal).get(reverse("reports:unit", args=[merged.code]) + "?year=2025")
    html = html.content.decode()
    assert html.count("Do các đơn vị trước sắp xếp lập") == 2  # the first quarter, the half-year
    assert "Do đơn vị tiếp nhận lập" not in html
    assert html.count("Chưa bắt đầu") == 2  # 9 months and the year: its own
