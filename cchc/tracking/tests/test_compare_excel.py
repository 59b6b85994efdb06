"""The upper level takes the comparison of its units away as an Excel file (decision 0177):
the page had none. The file holds the page's rows, worst first, the shares as percentages."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cchc.formats import day

from .test_dashboards import upper  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_comparison_page_offers_its_rows_in_excel(upper, world, login, today):  # noqa: F811
    client = login(world.people.district)
    page = client.get(reverse("tracking:compare", args=["thanh-pho"])).content.decode()
    address = f"/units/thanh-pho/compare/excel/?year={today.year}"
    assert f'href="{address}">Tải Excel</a>' in page
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="so-sanh-thanh-pho-{today.year}.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == (
        f"So sánh các đơn vị thuộc thành phố Tây Ninh, năm {today.year}"
        f" — số liệu đến ngày {day(today)}"
    )
    header = "Đơn vị|Việc đến hạn đã xong|Cả kế hoạch đã xong|Quá hạn|Cập nhật gần nhất"
    assert [c.value for c in sheet[3]] == header.split("|")
    worst, best = sheet[4], sheet[5]
    assert [worst[0].value, worst[1].value, worst[3].value, worst[4].value] == [
        "Phường 2",
        0,
        3,
        "—",
    ]
    assert best[0].value == "Xã Thạnh Tân" and best[1].number_format == "0.0%"
    assert best[1].value == 0.667 and best[4].value.date() == today  # 66,7 %, as the page


def test_a_commune_focal_point_cannot_take_the_districts_file(upper, world, login):  # noqa: F811
    client = login(world.people.focal)
    assert client.get("/units/thanh-pho/compare/excel/").status_code == 404
