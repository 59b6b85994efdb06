"""The service index a unit published, on its public page and in its open data: points over
the maximum that had data, month by month with a chart, each correction with its reason, the
groups of the latest month — never who published it (the privacy test in test_public.py reads
the same pages with this publication in place)."""

from __future__ import annotations

import csv
import io
import json

from django.urls import reverse

from cchc.index766.actions import publish
from cchc.index766.models import Publication


def test_the_page_shows_each_published_month_with_its_correction(published, client, world):
    current = Publication.objects.get(unit=world.commune, revision=2)
    month = current.month
    text = client.get(reverse("public:unit", args=["xa-a"])).content.decode()
    assert "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766) công bố hằng tháng" in text
    assert f"{month:%m/%Y}" in text
    # as the site writes numbers: a decimal comma, no trailing zeros (10/40, 53,75/68)
    total, maximum = (
        f"{v:.2f}".rstrip("0").rstrip(".") for v in (current.total, current.max_points)
    )
    assert f"{total}/{maximum}".replace(".", ",") in text
    assert "Đính chính lần 2" in text and "Nhập bổ sung hồ sơ trực tuyến" in text
    assert "<svg" in text and "Điểm theo nhóm tiêu chí" in text


def test_the_open_data_carries_the_published_index(published, client, world):
    current = Publication.objects.get(unit=world.commune, revision=2)
    data = json.loads(client.get(reverse("public:json", args=["xa-a"])).content)
    [month] = data["index766"]
    assert month["month"] == f"{current.month:%Y-%m}"
    assert (month["points"], month["max"]) == (float(current.total), float(current.max_points))
    assert month["revision"] == 2
    assert [c["reason"] for c in month["corrections"]] == ["Nhập bổ sung hồ sơ trực tuyến"]
    groups = {g["code"] for g in month["groups"]}
    assert {"progress", "satisfaction"} <= groups
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("public:csv", args=["xa-a"])).content.decode("utf-8-sig")
            )
        )
    )
    total = next(r for r in rows if r[0] == "chi_so_766")
    assert total[1:3] == [f"{current.month:%Y-%m}", "tong"]
    assert total[6] == "lan_cong_bo=2"


def test_a_new_publication_refreshes_the_cached_page(published, client, world):
    url = reverse("public:unit", args=["xa-a"])
    assert "Đính chính lần 3" not in client.get(url).content.decode()
    month = Publication.objects.filter(unit=world.commune).first().month
    publish(world.commune, month, published.today, reason="Sửa số liệu thanh toán")
    text = client.get(url).content.decode()
    assert "Đính chính lần 3" in text and "Sửa số liệu thanh toán" in text


def test_the_published_share_rounds_half_up_as_every_rate_does():
    from decimal import Decimal

    from cchc.public.figures import _share

    assert _share(Decimal("12.5"), Decimal("80")) == 15.63  # 15.625: round() gave 15.62
    assert _share(Decimal("70"), Decimal("100")) == 70.0
    assert _share(None, Decimal("100")) is None
    assert _share(Decimal("1"), Decimal("0")) is None
