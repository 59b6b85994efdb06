"""A unit with nothing measured never reads a perfect score (decision 0163).

In a new installation (`world`: no procedure list, no dossier, no feedback, no figure entered)
the only points a commune gets are the 6 of "feedback handled on time", given in full when there
is nothing to handle — which used to read "6 / 6 điểm", 100 % on its page, in the comparison of
units, on the chart, in its published month and on the public page. With `march`, Thạnh Tân
(xa-a) has its March dossiers and Phường 2 (xa-b) only the shared procedure list: one
criterion of 3 points measured."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from cchc.index766.actions import publish

EMPTY = "/units/xa-b/index766/?period=2024-03"
DISTRICT = "/units/thanh-pho/index766/?period=2024-03"
MARCH = dt.date(2024, 3, 1)


def text_of(html: str) -> str:
    """The page's text as a reader sees it: tags out, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def row_of(html: str, code: str) -> list[str]:
    """The cells' texts of a unit's row in the units-side-by-side table."""
    link = rf'<a href="/units/{code}/index766/\?period=2024-03">(.*?)</tr>'
    row = re.search(link, html, re.S)
    assert row is not None
    return [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_a_unit_with_nothing_measured_reads_no_data_not_six_of_six(world, login):
    html = login(world.people.district).get(EMPTY).content.decode()
    total = text_of(re.search(r'<p class="index-total.*?</p>', html, re.S).group(0))
    assert total == "chưa có dữ liệu"
    text = text_of(html)
    assert "Đo được 0/19 tiêu chí (0/100 điểm)" in text
    assert "Kỳ này chưa đo được tiêu chí nào" in text
    footer = text_of(re.search(r"<tfoot>.*?</tfoot>", html, re.S).group(0))
    assert "chưa có dữ liệu" in footer and "6 / 6" not in footer


def test_a_unit_with_data_shows_its_total_with_what_was_measured(march, login):
    html = login(march.people.focal).get("/units/xa-a/index766/?period=2024-03").content.decode()
    text = text_of(html)
    assert "37,03 / 60 điểm" in text
    assert "Đo được 8/19 tiêu chí (54/100 điểm)" in text
    assert "chưa đến một nửa" not in text


def test_the_chart_draws_no_bar_for_months_with_nothing_measured(world, login):
    response = login(world.people.district).get("/units/xa-b/index766/?period=2024")
    chart = str(response.context["chart"])
    assert "<rect" not in chart and "100,00" not in chart
    months = text_of(
        re.search(
            r'<div class="table-responsive months-table">.*?</table>',
            response.content.decode(),
            re.S,
        ).group(0)
    )
    assert "6/6" in months  # the satisfaction group keeps its points, by the official rule
    assert "Tổng — — —" in months  # but no month's total reads 6/6
    assert "Tiêu chí đo được 0/19 0/19" in months


def test_the_comparison_shows_no_total_and_no_share_for_nothing_measured(world, login):
    html = login(world.people.district).get(DISTRICT).content.decode()
    for code in ("xa-a", "xa-b"):
        assert row_of(html, code)[:3] == ["chưa có dữ liệu", "—", "0/19"]


def test_a_total_measured_on_under_half_the_index_is_not_a_percentage(march, login):
    html = login(march.people.district).get(DISTRICT).content.decode()
    assert row_of(html, "xa-a")[:3] == ["37,03 / 60", "61,72", "8/19"]
    # one criterion of 3 points measured, out of 100: the total with its coverage, no "87,56"
    assert row_of(html, "xa-b")[:3] == ["7,88 / 9", "—", "1/19"]
    assert html.index("/units/xa-a/index766/") < html.index("/units/xa-b/index766/")
    page = text_of(login(march.people.district).get(EMPTY).content.decode())
    assert "7,88 / 9 điểm" in page and "Đo được 1/19 tiêu chí (3/100 điểm)" in page
    assert "chiếm chưa đến một nửa 100 điểm của bộ chỉ số" in page


def test_the_published_month_of_a_unit_with_nothing_measured_reads_no_data(world, login):
    publish(world.other, MARCH, dt.date(2024, 4, 10))
    user = world.people.district
    listed = text_of(login(user).get(EMPTY).content.decode())
    assert "03/2024 : chưa có dữ liệu (đo được 0/19 tiêu chí (0/100 điểm))" in listed
    url = reverse("index766:published", args=["xa-b", "2024-03"])
    html = login(user).get(url).content.decode()
    footer = text_of(re.search(r"<tfoot>.*?</tfoot>", html, re.S).group(0))
    assert "chưa có dữ liệu" in footer and "6 / 6" not in footer


def test_the_command_keeps_the_official_points_and_adds_the_coverage(world):
    out = StringIO()
    call_command(
        "index766",
        "--unit",
        "xa-b",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-31",
        "--format",
        "json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    # the contract's fields keep their meaning (6 points for nothing to handle)…
    assert (result["total"], result["max"]) == (6.0, 6.0)
    # …and the added ones say that nothing was measured
    assert result["measured_criteria"] == 0 and result["criteria_count"] == 19
    assert (result["measured_max"], result["full_max"]) == (0.0, 100.0)
    assert result["share"] is None
    table = StringIO()
    call_command(
        "index766", "--unit", "xa-b", "--from", "2024-03-01", "--to", "2024-03-31", stdout=table
    )
    first = table.getvalue().splitlines()[0]
    assert first.endswith(": chưa có dữ liệu — đo được 0/19 tiêu chí (0.00/100.00 điểm)")


def test_the_public_page_never_shows_a_citizen_100_for_nothing_measured(world, client):
    publish(world.other, MARCH, dt.date(2024, 4, 10))
    html = client.get(reverse("public:unit", args=["xa-b"])).content.decode()
    table = text_of(
        re.search(r'<table class="table table-sm mb-0">.*?</table>', html, re.S).group(0)
    )
    assert "03/2024 không có dữ liệu đo được 0/19 tiêu chí (0/100 điểm) —" in table
    assert "100" not in table.replace("0/100 điểm", "")
    assert "<rect" not in html  # no bar on the chart
    data = json.loads(client.get(reverse("public:json", args=["xa-b"])).content)
    [month] = data["index766"]
    assert month["share"] is None and month["measured_criteria"] == 0
