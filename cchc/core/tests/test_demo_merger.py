"""The demo shows a 2025 merger: Phường 1, 2 and 3 of Thị xã Kiến Tường became Phường Kiến
Tường on 1 July 2025 (org/demo.py MERGERS), with dossiers before it under the old wards and
after it under the new one, and the district's pages showing them together (decision 0147)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cchc.dossiers.models import Dossier
from cchc.org.models import Unit, UnitSuccession, User
from cchc.plans.models import Plan
from cchc.testing.demo import demo_fixtures
from cchc.tracking.models import ProgressUpdate

# after the merger: dossiers from 01/01/2025 (the year before the demo's today) to 09/03/2026
TODAY = dt.date(2026, 3, 10)
MERGED_ON = dt.date(2025, 7, 1)
OLD_WARDS = {"kt-phuong-1", "kt-phuong-2", "kt-phuong-3"}
NEW_WARD = "kt-phuong-kien-tuong"

# the demo is loaded once for the module (`_demo_once`): its tests run in one test process
pytestmark = pytest.mark.xdist_group("merger-demo")


_demo_once, demo = demo_fixtures(TODAY)  # the demo as of TODAY, loaded once


def received_in_2025(codes) -> int:
    """Dossiers received in 2025 by these units, as the indicator counts them (refused at
    intake left out)."""
    return Dossier.objects.filter(
        unit__code__in=codes, received_on__year=2025, counted=True
    ).count()


def test_the_demo_merges_three_wards_of_kien_tuong_into_one_in_force_from_july_2025(demo):
    new = Unit.objects.get(code=NEW_WARD)
    assert (new.name, new.parent.code, new.valid_from) == (
        "Phường Kiến Tường",
        "kien-tuong",
        MERGED_ON,
    )
    links = UnitSuccession.objects.filter(successor=new)
    assert {link.predecessor.code for link in links} == OLD_WARDS
    assert {(link.kind, link.effective_on) for link in links} == {("merge", MERGED_ON)}
    for old in Unit.objects.filter(code__in=OLD_WARDS):
        assert old.valid_to == MERGED_ON - dt.timedelta(days=1)
        assert not old.is_current(TODAY) and not old.is_current(dt.date.today())
        assert old.successor_in_force(TODAY) == new
    # the new ward's focal point, printed with the other logins
    focal = User.objects.get(username="phuongkientuong")
    assert [m.unit.code for m in focal.memberships.all()] == [NEW_WARD]
    assert "phuongkientuong" in [username for username, _who, _scope in demo.logins]


def test_the_district_indicator_page_gives_the_merged_ward_one_row_with_the_old_wards_dossiers(
    demo, client
):
    before = received_in_2025(OLD_WARDS)
    after = received_in_2025({NEW_WARD})
    # dossiers on both sides of the merger: the old wards' until June, the new ward's after
    assert before > 0 and after > 0
    assert not Dossier.objects.filter(unit__code__in=OLD_WARDS, received_on__gte=MERGED_ON)
    assert not Dossier.objects.filter(unit__code=NEW_WARD, received_on__lt=MERGED_ON)

    client.force_login(User.objects.get(username="kientuong"))
    page = client.get(reverse("indicators:unit", args=["kien-tuong"]), {"period": "2025"})
    assert page.status_code == 200
    # the units-side-by-side table: each row's unit (by its link) and its first figure, the
    # dossiers received
    rows = dict(
        re.findall(
            r'<a href="/units/([\w-]+)/indicators/\?period=2025">[^<]*</a></th>\s*'
            r"<td[^>]*>([\d.]+)</td>",
            page.content.decode(),
        )
    )
    assert NEW_WARD in rows and not OLD_WARDS & set(rows)
    assert int(rows[NEW_WARD].replace(".", "")) == before + after


def test_the_merged_wards_focal_point_lands_on_a_plan_in_use(demo, client):
    plan = Plan.objects.get(unit__code=NEW_WARD, year=TODAY.year)
    assert plan.title.endswith("Phường Kiến Tường, thị xã Kiến Tường")
    assert ProgressUpdate.objects.filter(occurrence__plan=plan).exists()
    client.force_login(User.objects.get(username="phuongkientuong"))
    assert plan.title in client.get(reverse("home"), follow=True).content.decode()


def test_the_merged_wards_login_reaches_the_old_wards_and_nothing_beside(demo, client):
    client.force_login(User.objects.get(username="phuongkientuong"))
    for code in (NEW_WARD, *sorted(OLD_WARDS)):  # its own and its predecessors' pages
        assert client.get(reverse("indicators:unit", args=[code])).status_code == 200, code
    # an old ward's page says where its work went, with a link to the same page of the new one
    page = client.get(reverse("figures:unit", args=["kt-phuong-2"])).content.decode()
    assert "Phường 2 không còn hoạt động từ ngày 01/07/2025" in page
    assert f'href="/units/{NEW_WARD}/figures/"' in page
    # a commune beside it, the district above it, another province: not found
    for code in ("kt-binh-hiep", "kien-tuong", "thanh-tan"):
        assert client.get(reverse("indicators:unit", args=[code])).status_code == 404, code
    thanh_tan = Plan.objects.filter(unit__code="thanh-tan").first()
    assert client.get(reverse("plans:detail", args=[thanh_tan.pk])).status_code == 404
