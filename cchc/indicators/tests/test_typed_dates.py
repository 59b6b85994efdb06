"""A target's figure date and the indicator page's window are typed dd/mm/yyyy in a text box,
as officials write them, not the browser's date picker (decision 0155); ISO is still read
(old links and bookmarks)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.indicators.models import TargetFigure
from cchc.testing.factories import PlanFactory, TargetFactory

from .test_targets import PDF

WRONG = "nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026."


@pytest.fixture
def target(world):
    plan = PlanFactory(unit=world.commune, year=2024)
    return TargetFactory(plan=plan, comparator="=", value=100, unit="%", owner_post=world.justice)


def _figure(client, target, as_of):
    data = {"as_of": as_of, "value": "75", "note": "", "document": "Báo cáo số 12/BC-UBND"}
    data["evidence"] = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    return client.post(reverse("plans:target_figure", args=[target.pk]), data)


def test_a_figure_date_is_read_as_dd_mm_yyyy_in_a_text_box(world, login, target):
    client = login(world.people.official)
    page = client.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert 'name="as_of" placeholder="dd/mm/yyyy"' in page and 'type="date"' not in page
    assert _figure(client, target, "05/03/2024").status_code == 302
    assert TargetFigure.objects.get().as_of == dt.date(2024, 3, 5)  # 5 March, not 3 May


def test_a_mistyped_figure_date_is_refused_naming_the_field(world, login, target):
    reply = _figure(login(world.people.official), target, "31/06/2024")
    assert reply.status_code == 400
    page = reply.content.decode()
    assert f"Tính đến ngày: {WRONG}" in page and 'value="31/06/2024"' in page
    assert not TargetFigure.objects.exists()


def test_the_window_boxes_read_and_show_dd_mm_yyyy_and_old_iso_links(world, login):
    client = login(world.people.focal)
    url = reverse("indicators:unit", args=[world.commune.code])
    reply = client.get(url, {"from": "05/03/2024", "to": "2024-04-30"})
    assert reply.context["period"].start == dt.date(2024, 3, 5)
    assert reply.context["period"].end == dt.date(2024, 4, 30)
    page = reply.content.decode()
    assert 'name="from" value="05/03/2024"' in page and 'name="to" value="30/04/2024"' in page
    assert 'type="date"' not in page and WRONG not in page


def test_a_mistyped_window_date_names_the_box_keeps_it_and_shows_the_year(world, login):
    client = login(world.people.focal)
    url = reverse("indicators:unit", args=[world.commune.code])
    reply = client.get(url, {"from": "05/03/2024", "to": "31/04/2024"})
    assert reply.status_code == 200 and reply.context["period"].kind == "year"
    page = reply.content.decode()
    assert f"Đến ngày: {WRONG} Đang hiển thị năm hiện tại." in page
    assert 'name="to" value="31/04/2024"' in page and '<details class="mb-3 small" open>' in page
