"""The unit's indicator page and its Excel file, on dossiers whose figures are counted by hand.

Thạnh Tân (xa-a) received three dossiers in 2024: two on time (4/3 and 2/4) and one late
(4/3, finished 11/3). Phường 2 (xa-b) received three in March, all on time. The city
(thanh-pho) received one itself, on time. So for 2024 on time is 2/3 in Thạnh Tân, 3/3 in
Phường 2, and 6/7 for the city, which counts its own dossier and its communes'.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cchc.dossiers.records import DossierRecord, ProcedureRecord
from cchc.dossiers.saving import import_dossiers, import_procedures
from cchc.org.choices import UnitKind
from cchc.plans.choices import ReportKind
from cchc.plans.models import ReportingPeriod
from cchc.testing.factories import PlanFactory, UnitFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), VN)


def dossier(code, unit, received, due, ended) -> DossierRecord:
    return DossierRecord(
        row=0,
        code=code,
        procedure_code="1.001",
        unit_code=unit,
        received=at(received),
        due=at(due, 17),
        processing_ended=at(ended),
        status=10,
    )


@pytest.fixture
def data(world):
    import_procedures([ProcedureRecord(1, "1.001", "Đăng ký khai sinh", returns_document=True)])
    outcome = import_dossiers(
        [
            dossier("A1", "xa-a", "2024-03-04", "2024-03-08", "2024-03-07"),
            dossier("A2", "xa-a", "2024-03-04", "2024-03-08", "2024-03-11"),
            dossier("A3", "xa-a", "2024-04-02", "2024-04-05", "2024-04-03"),
            dossier("B1", "xa-b", "2024-03-05", "2024-03-08", "2024-03-06"),
            dossier("B2", "xa-b", "2024-03-06", "2024-03-08", "2024-03-07"),
            dossier("B3", "xa-b", "2024-03-07", "2024-03-12", "2024-03-08"),
            dossier("C1", "thanh-pho", "2024-05-02", "2024-05-06", "2024-05-03"),
        ]
    )
    assert outcome.saved
    return world


def page(client, unit, **query):
    return client.get(reverse("indicators:unit", args=[unit.code]), query)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def row_of(tables, code):
    return next(r for r in tables.rows if r.definition.code == code)


def test_a_commune_sees_its_values_month_by_month_and_no_data_where_none(data, login):
    response = page(login(data.people.focal), data.commune, period="2024")
    assert response.status_code == 200
    tables = response.context["tables"]
    on_time = row_of(tables, "on_time_rate")
    assert (on_time.total.numerator, on_time.total.denominator) == (2, 3)
    shown = text_of(response)
    assert "66,67%" in shown and "2 / 3" in shown
    months = dict(zip(tables.month_keys, on_time.months, strict=True))
    assert (months["2024-03"].numerator, months["2024-03"].denominator) == (1, 2)
    assert (months["2024-04"].numerator, months["2024-04"].denominator) == (1, 1)
    assert not months["2024-01"].has_data  # no dossier in January: no figure, not 0%
    # no procedure of the catalogue can be done fully online: no data, never 0% or 100%
    full_online = row_of(tables, "full_online_rate")
    assert full_online.total.denominator == 0 and full_online.shown(full_online.total) is None
    assert "không có dữ liệu" in shown
    assert "So sánh các đơn vị cấp dưới" not in shown  # a commune has no units below


def test_the_upper_level_sees_its_units_rolled_up_and_sorted_by_any_indicator(data, login):
    client = login(data.people.district)
    response = page(client, data.district, period="2024", sort="on_time_rate")
    tables = response.context["tables"]
    assert [r.unit.code for r in tables.below] == ["xa-a", "xa-b"]  # worst first
    by_unit = {r.unit.code: r.values["on_time_rate"] for r in tables.below}
    assert (by_unit["xa-a"].numerator, by_unit["xa-a"].denominator) == (2, 3)
    assert (by_unit["xa-b"].numerator, by_unit["xa-b"].denominator) == (3, 3)
    own = tables.own["on_time_rate"]
    assert (own.numerator, own.denominator) == (1, 1)
    total = row_of(tables, "on_time_rate").total
    # the roll-up is the sum of the rows below it (numerators and denominators), not a mean
    assert total.numerator == by_unit["xa-a"].numerator + by_unit["xa-b"].numerator + 1
    assert total.denominator == by_unit["xa-a"].denominator + by_unit["xa-b"].denominator + 1
    assert "85,71%" in text_of(response)
    reverse_order = page(client, data.district, period="2024", sort="on_time_rate", order="desc")
    assert [r.unit.code for r in reverse_order.context["tables"].below] == ["xa-b", "xa-a"]


def test_each_unit_below_links_to_its_page_and_shows_its_rate_with_its_ratio(data, login):
    UnitFactory(code="xa-c", name="Xã An Bình", kind=UnitKind.COMMUNE, parent=data.district)
    client = login(data.people.district)
    html = page(client, data.district, period="2024", sort="on_time_rate").content.decode()
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\" class=\"fw-normal sticky-col\">(.*?)</tr>", html, re.S
    )
    links = [(re.search(r'<a href="([^"]+)"', row), row) for row in rows]
    by_unit = {link.group(1): row for link, row in links if link}  # the units below
    thanh_tan = by_unit["/units/xa-a/indicators/?period=2024"]
    # on time 2 of 3, its ratio on hover; the count of dossiers as a whole number
    assert '<td class="text-end text-nowrap" title="2/3">66,67%</td>' in thanh_tan
    assert '<td class="text-end text-nowrap">3</td>' in thanh_tan
    no_data = by_unit["/units/xa-c/indicators/?period=2024"]
    assert '<span class="text-secondary no-data">không có dữ liệu</span>' in no_data
    assert "title=" not in no_data.split("</th>", 1)[1]  # no ratio where nothing was counted


def test_units_without_data_come_last_whichever_way_the_column_is_sorted(data, login):
    UnitFactory(code="xa-c", name="Xã An Bình", kind=UnitKind.COMMUNE, parent=data.district)
    client = login(data.people.district)
    for order in ("asc", "desc"):
        response = page(client, data.district, period="2024", sort="on_time_rate", order=order)
        assert [r.unit.code for r in response.context["tables"].below][-1] == "xa-c"


def test_the_period_picker_narrows_the_window(data, login):
    client = login(data.people.focal)
    march = page(client, data.commune, period="2024-03").context["tables"]
    assert row_of(march, "dossiers_received").total.numerator == 2
    second_quarter = page(client, data.commune, period="2024-q2").context["tables"]
    assert row_of(second_quarter, "dossiers_received").total.numerator == 1
    window = page(client, data.commune, **{"from": "2024-03-05", "to": "2024-04-30"})
    assert row_of(window.context["tables"], "dossiers_received").total.numerator == 1
    assert window.context["period"].start == dt.date(2024, 3, 5)


def test_a_wrong_period_says_so_and_shows_the_current_year(data, login):
    response = page(login(data.people.focal), data.commune, period="2024-13")
    assert response.status_code == 200
    assert "không phải là một kỳ" in text_of(response)
    assert response.context["period"].kind == "year"


def test_a_plan_report_window_is_offered_and_another_units_is_refused(data, login):
    own_plan = PlanFactory(unit=data.district, year=2024)
    window = ReportingPeriod.objects.create(
        plan=own_plan,
        kind=ReportKind.Q1,
        name="Báo cáo quý I",
        start=dt.date(2023, 12, 15),
        end=dt.date(2024, 3, 14),
    )
    foreign = ReportingPeriod.objects.create(
        plan=PlanFactory(unit=data.other, year=2024),
        kind=ReportKind.Q1,
        name="Báo cáo quý I của phường",
        start=dt.date(2023, 12, 15),
        end=dt.date(2024, 3, 14),
    )
    client = login(data.people.focal)
    # the city's plan sets the window for its communes too
    response = page(client, data.commune, period="2024")
    offered = [p.key for _label, group in response.context["choices"] for p in group]
    assert f"r{window.pk}" in offered and f"r{foreign.pk}" not in offered
    in_window = page(client, data.commune, period=f"r{window.pk}")
    assert row_of(in_window.context["tables"], "dossiers_received").total.numerator == 2
    refused = page(client, data.commune, period=f"r{foreign.pk}")
    assert refused.context["period"].kind == "year"
    assert "không thuộc kế hoạch của đơn vị" in text_of(refused)


def test_another_commune_cannot_read_the_page_or_its_excel(data, login):
    client = login(data.people.outsider)
    assert page(client, data.commune).status_code == 404
    export = client.get(reverse("indicators:export", args=[data.commune.code]))
    assert export.status_code == 404
    assert page(client, data.district).status_code == 404  # nor its upper level's
    assert page(client, data.other).status_code == 200


def test_the_excel_file_holds_the_values_the_months_and_the_units_below(data, login):
    client = login(data.people.district)
    response = client.get(
        reverse("indicators:export", args=[data.district.code]), {"period": "2024"}
    )
    assert response.status_code == 200
    assert "chi-so-thanh-pho-2024.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Chỉ số", "Theo tháng", "Đơn vị cấp dưới"]
    values = {row[0]: row for row in book["Chỉ số"].iter_rows(min_row=4, values_only=True)}
    on_time = values["Tỷ lệ hồ sơ giải quyết đúng hạn"]
    assert on_time[3:] == (85.71, 6, 7)  # a number Excel can compute with, not text
    assert values["Tỷ lệ hồ sơ trực tuyến toàn trình"][3] == "không có dữ liệu"
    below = list(book["Đơn vị cấp dưới"].iter_rows(min_row=4, values_only=True))
    names = [row[0] for row in below]
    assert names == [
        "Phường 2",
        "Xã Thạnh Tân",
        "Riêng Thành phố Tây Ninh",
        "Tổng, Thành phố Tây Ninh",
    ]
    header = next(book["Đơn vị cấp dưới"].iter_rows(min_row=3, max_row=3, values_only=True))
    column = header.index("Tỷ lệ hồ sơ giải quyết đúng hạn")
    assert below[1][column] == 66.67 and below[1][column + 1] == "2/3"


def test_the_menu_leads_each_person_to_their_units_indicators(data, login):
    response = login(data.people.focal).get(reverse("plans:list"))
    assert reverse("indicators:unit", args=["xa-a"]) in response.content.decode()
    response = login(data.people.district).get(reverse("plans:list"))
    assert reverse("indicators:unit", args=["thanh-pho"]) in response.content.decode()


def test_the_page_reads_all_units_below_in_the_same_number_of_queries(
    data, login, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(data.people.district)
    with CaptureQueriesContext(connection) as two_units:
        page(client, data.district, period="2024")
    for number in range(5):
        UnitFactory(code=f"xa-n{number}", kind=UnitKind.COMMUNE, parent=data.district)
    with CaptureQueriesContext(connection) as seven_units:
        page(client, data.district, period="2024")
    assert len(seven_units) == len(two_units)


def test_the_ratio_column_is_headed_with_a_capital_like_its_neighbours_even_on_a_phone(data, login):
    html = page(login(data.people.focal), data.commune, period="2024").content.decode()
    assert ">Tử số / mẫu số</th>" in html and 'data-label="Tử số / mẫu số"' in html
    assert "tử số / mẫu số" not in html


def test_the_month_under_way_is_headed_with_the_day_its_figures_reach(data, login, monkeypatch):
    """On 10 April 2024 April counts ten days: its column is headed "đến 10/04", the chart's
    last point is labelled so and drawn dashed (its index in the chart's data), and the page
    says not to compare it; on 2 May April is a month like the others."""
    from django.utils import timezone

    client = login(data.people.focal)
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2024, 4, 10))
    response = page(client, data.commune, period="2024")
    html = response.content.decode()
    assert "04/2024<br><span" in html and "đến 10/04" in html
    assert "Tháng 04/2024 chưa kết thúc: số liệu chỉ tính đến ngày 10/04/2024" in html
    chart = json.loads(re.search(r'id="indicator-chart-data"[^>]*>(.*?)</script>', html).group(1))
    assert chart["unfinished"] == 3 and chart["labels"][3] == ["04/2024", "đến 10/04"]
    assert chart["labels"][2] == "03/2024"
    # the Excel file made that day says so in its title and April's column
    exported = client.get(reverse("indicators:export", args=["xa-a"]), {"period": "2024"})
    months = load_workbook(io.BytesIO(exported.content))["Theo tháng"]
    title = months.cell(1, 1).value
    header = [c.value for c in months[3]]
    assert title == "Chỉ số của Xã Thạnh Tân, năm 2024 — số liệu đến ngày 10/04/2024"
    assert header[3:5] == ["03/2024", "04/2024 (đến 10/04)"]

    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2024, 5, 2))
    html = page(client, data.commune, period="2024").content.decode()
    assert "04/2024<br><span" not in html and "Tháng 04/2024 chưa kết thúc" not in html
    chart = json.loads(re.search(r'id="indicator-chart-data"[^>]*>(.*?)</script>', html).group(1))
    assert chart["unfinished"] == 4 and chart["labels"][3] == "04/2024"
