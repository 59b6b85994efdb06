"""The index page: who may see it, who may publish, and its number of queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.index766.models import Publication
from cchc.org.choices import Role, UnitKind
from cchc.testing.factories import UnitFactory, UserFactory, member

PAGE = "/units/xa-a/index766/?period=2024-03"
PUBLISH = reverse("index766:publish", args=["xa-a"])


@pytest.fixture
def viewer(world):
    return member(UserFactory(username="xem"), world.commune, Role.VIEWER)


def test_the_page_shows_groups_criteria_points_and_the_total(march, login, no_feedback):
    html = login(march.people.focal).get(PAGE).content.decode()
    assert "Công khai, minh bạch" in html and "Tiến độ giải quyết" in html
    assert "37,03</strong> / 60" in html
    assert "chưa có dữ liệu" in html
    assert "33 / 43" in html  # progress numerator / denominator
    assert "index-chart" not in html  # a single month: no chart
    year = login(march.people.focal).get("/units/xa-a/index766/?period=2024").content.decode()
    assert "<svg" in year and 'class="index-chart"' in year and "cdn" not in year.lower()


def test_an_outsider_gets_404_and_read_only_roles_may_look(march, login, viewer):
    assert login(march.people.outsider).get(PAGE).status_code == 404
    assert login(viewer).get(PAGE).status_code == 200
    assert login(march.people.district).get(PAGE).status_code == 200
    assert login(march.people.leader).get(PAGE).status_code == 200


def test_publishing_is_refused_to_read_only_roles_and_to_get(march, login, viewer):
    data = {"month": "2024-03"}
    assert login(viewer).post(PUBLISH, data).status_code == 403
    assert login(march.people.district).post(PUBLISH, data).status_code == 403
    assert login(march.people.outsider).post(PUBLISH, data).status_code == 404
    assert login(march.people.focal).get(PUBLISH).status_code == 405
    assert not Publication.objects.exists()


def test_the_focal_point_publishes_and_a_correction_without_reason_is_refused(march, login):
    client = login(march.people.focal)
    response = client.post(PUBLISH, {"month": "2024-03"})
    assert response.status_code == 302
    assert Publication.objects.filter(unit=march.commune).count() == 1
    refused = client.post(PUBLISH, {"month": "2024-03", "reason": ""}, follow=True)
    assert "cần nêu lý do" in refused.content.decode()
    assert Publication.objects.filter(unit=march.commune).count() == 1
    bad = client.post(PUBLISH, {"month": "03/2024"}, follow=True)
    assert "không phải một tháng" in bad.content.decode()
    client.post(PUBLISH, {"month": "2024-03", "reason": "Số liệu tháng 3 nhập lại"})
    assert Publication.objects.filter(unit=march.commune).count() == 2
    page = client.get("/units/xa-a/index766/").content.decode()
    assert "đính chính 1 lần" in page


def test_the_page_reads_any_number_of_units_below_in_the_same_queries(
    march, login, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(march.people.district)
    url = "/units/thanh-pho/index766/?period=2024"
    # the feedback and publication criteria add ten queries, whatever the number of units
    with django_assert_max_num_queries(70), CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    for number in range(5):
        UnitFactory(code=f"xa-n{number}", kind=UnitKind.COMMUNE, parent=march.district)
    with CaptureQueriesContext(connection) as seven:
        client.get(url)
    assert len(seven) == len(two)


def test_the_menu_offers_the_index_page(world, login):
    html = login(world.people.focal).get("/units/xa-a/indicators/").content.decode()
    assert 'href="/units/xa-a/index766/"' in html and "Chỉ số 766" in html


def test_the_units_below_show_their_points_per_group_and_a_dash_without_data(
    march, login, no_feedback
):
    import re

    UnitFactory(code="xa-z", name="Xã Không Hồ Sơ", kind=UnitKind.COMMUNE, parent=march.district)
    response = login(march.people.district).get("/units/thanh-pho/index766/?period=2024-03")
    link = r'<a href="/units/([a-z-]+)/index766/\?period=2024-03">(.*?)</tr>'
    rows = dict(re.findall(link, response.content.decode(), re.S))
    groups = len(response.context["board"].score.groups)
    cell = r'<td class="text-end text-nowrap">([^<]*)</td>'
    shown = re.compile(r"—|[\d.,]+/[\d.,]+")  # a dash without data, else points/maximum
    # Thạnh Tân: its total, then one cell a group
    total, *cells = re.findall(cell, rows["xa-a"])
    assert total == "37,03 / 60" and len(cells) == groups
    assert all(shown.fullmatch(c) for c in cells)
    # a commune without dossiers: a dash also in the groups its dossiers would measure
    _total, *empty = re.findall(cell, rows["xa-z"])
    assert len(empty) == groups and all(shown.fullmatch(c) for c in empty)
    assert empty.count("—") > cells.count("—")


def test_the_upper_level_jumps_from_the_top_to_its_units_side_by_side(march, login):
    page = (
        login(march.people.district)
        .get("/units/thanh-pho/index766/?period=2024-03")
        .content.decode()
    )
    link = page.index('id="below-link" href="#below"')
    assert link < page.index('id="index-title"')  # above the criteria, on the first screen
    assert '<section class="mb-4" id="below"' in page
    commune = login(march.people.focal).get("/units/xa-a/index766/?period=2024-03")
    assert 'id="below-link"' not in commune.content.decode()  # no units below it


def test_the_index_page_reads_its_period_like_the_indicator_page(march, login):
    """Both pages show the one period picker: a window typed as from–to (its year among the
    year buttons, however old), a reversed window refused with the same warning."""
    client = login(march.people.focal)
    pages = ("/units/xa-a/index766/", "/units/xa-a/indicators/")
    for page in pages:
        html = client.get(f"{page}?from=2019-03-01&to=2019-03-31").content.decode()
        assert "01/03/2019 – 31/03/2019" in html and 'href="?period=2019"' in html
        assert "Ngày kết thúc trước ngày bắt đầu" not in html
        html = client.get(f"{page}?from=2019-03-31&to=2019-03-01").content.decode()
        assert "Ngày kết thúc trước ngày bắt đầu; đang hiển thị năm hiện tại." in html
        assert 'href="?period=2019"' not in html


def test_the_page_reads_nothing_twice(march, login):
    """The district's page reads each thing once: its units' levels serve both its
    breakdown and its transparency criteria; the succession links every scope."""
    from collections import Counter

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(march.people.district)
    with CaptureQueriesContext(connection) as read:
        assert client.get("/units/thanh-pho/index766/?period=2024").status_code == 200
    twice = [sql for sql, times in Counter(q["sql"] for q in read).items() if times > 1]
    assert twice == []


def test_a_refused_publication_keeps_the_month_and_reason_typed(march, login):
    # a redirect showed last month and an empty reason, the form closed: the next try would
    # publish a correction of another month than the one typed
    client = login(march.people.focal)
    client.post(PUBLISH, {"month": "2024-03"})
    refused = client.post(PUBLISH, {"month": "2024-03", "reason": ""})
    text = refused.content.decode()
    assert refused.status_code == 400 and "cần nêu lý do" in text
    assert 'name="month" value="2024-03"' in text and '<details class="small" open>' in text
    bad = client.post(PUBLISH, {"month": "tháng 3 năm 2024", "reason": "Số liệu nhập lại"})
    text = bad.content.decode()
    assert bad.status_code == 400
    assert "Tháng (NNNN-TT): " in text
    assert 'value="tháng 3 năm 2024"' in text and ">Số liệu nhập lại</textarea>" in text


def test_the_ratio_column_is_headed_with_a_capital_like_its_neighbours(march, login, no_feedback):
    html = login(march.people.focal).get(PAGE).content.decode()
    assert ">Tử số / mẫu số</th>" in html and 'data-label="Tử số / mẫu số"' in html


def test_the_month_under_way_is_marked_as_not_over_and_months_to_come_are_left_out(
    march, login, no_feedback, monkeypatch
):
    """On 20 March the March bar counts twenty days: pale and dashed, its column "đến 20/03",
    the page says not to compare it, and April to December are not there to be read (they
    used to show 7,88/29, the points the rules give when no feedback came in). On 2 April
    March is a month like the others and April is the one under way."""
    client = login(march.people.focal)
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2024, 3, 20))
    html = client.get("/units/xa-a/index766/?period=2024").content.decode()
    march_bar = re.search(r"<rect [^>]*>.*?</rect>", html).group(0)
    assert 'stroke-dasharray="4 3"' in march_bar
    assert "03/24: 61,72% (tháng chưa kết thúc)" in march_bar
    assert "Tháng 03/2024 chưa kết thúc" in html and "đến ngày 20/03/2024" in html
    assert "03/2024<br><span" in html and "đến 20/03" in html
    assert ">04/2024</th>" not in html and ">12/2024</th>" not in html
    assert ">03/24</text>" in html and ">04/24</text>" not in html  # the chart's months

    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2024, 4, 2))
    html = client.get("/units/xa-a/index766/?period=2024").content.decode()
    march_bar = re.search(r"<rect [^>]*>.*?</rect>", html).group(0)
    assert "stroke-dasharray" not in march_bar and "Tháng 03/2024 chưa kết thúc" not in html
    assert "03/24: 61,72%</title>" in march_bar
    assert "04/2024<br><span" in html and "đến 02/04" in html and ">05/2024</th>" not in html
