"""Every page of a commune dissolved by a merger says so, names the unit that took its work over
and links to the same page of that unit (decision 0148); a unit in force shows nothing."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cchc.feedback.models import Feedback

pytestmark = pytest.mark.django_db


def _notice(html: str) -> str | None:
    found = re.search(
        r'<div class="alert alert-warning[^"]*" role="status" id="not-in-force">(.*?)</div>',
        html,
        re.S,
    )
    return found.group(1) if found else None


@pytest.mark.parametrize(
    ("name", "args", "successor_page"),
    [
        ("figures:unit", ["xa-a"], "/units/xa-moi/figures/"),
        ("reports:unit", ["xa-a"], "/units/xa-moi/reports/"),
        ("parindex:assessment", ["xa-a", 2026], "/par/xa-moi/2026/"),
        ("indicators:unit", ["xa-a"], "/units/xa-moi/indicators/"),
        ("feedback:register", ["xa-a"], "/units/xa-moi/feedback/"),
    ],
)
def test_a_dissolved_communes_page_links_to_the_same_page_of_its_successor(
    world, merged, login, name, args, successor_page
):
    client = login(merged.focal)
    response = client.get(reverse(name, args=args))
    notice = _notice(response.content.decode())
    assert notice is not None, name
    assert "Xã Thạnh Tân không còn hoạt động từ ngày 01/07/2025" in notice
    assert "công việc của đơn vị đã do Xã Mới tiếp nhận" in notice
    assert f'href="{successor_page}"' in notice and "Sang trang này của Xã Mới" in notice
    # on a phone the notice is what happened and the link; what stays here shows from a tablet up
    wide_only = re.findall(r'<span class="d-none d-md-inline">(.*?)</span>', notice, re.S)
    assert "công việc của đơn vị đã do" not in "".join(wide_only)
    assert any("vẫn xem được tại đây" in text for text in wide_only)
    assert client.get(successor_page).status_code == 200
    assert _notice(client.get(successor_page).content.decode()) is None


def test_a_records_page_links_to_the_successors_dashboard(world, merged, login):
    item = Feedback.objects.create(
        code="PA-1",
        unit=world.commune,
        received=dt.date(2025, 5, 2),
        answer_due=dt.date(2025, 5, 12),
        source=Feedback.Source.ENTRY,
    )
    client = login(merged.focal)
    notice = _notice(client.get(reverse("feedback:edit", args=["xa-a", item.pk])).content.decode())
    assert f'href="{reverse("tracking:dashboard", args=["xa-moi"])}"' in notice


def test_a_unit_in_force_and_a_split_one(world, login):
    client = login(world.people.focal)
    assert _notice(client.get(reverse("figures:unit", args=["xa-a"])).content.decode()) is None
    world.commune.valid_to = dt.date(2025, 6, 30)  # split: no one successor
    world.commune.save(update_fields=["valid_to"])
    notice = _notice(client.get(reverse("figures:unit", args=["xa-a"])).content.decode())
    assert "đơn vị không nhận số liệu, báo cáo, phản ánh hay đánh giá mới" in notice
    assert "href" not in notice


@pytest.mark.parametrize(
    "name",
    ["tracking:dashboard", "indicators:unit", "index766:unit", "reports:unit", "figures:table"],
)
def test_a_dissolved_communes_pages_open_on_its_last_year_in_force(world, merged, login, name):
    """Xã Thạnh Tân ended on 30/06/2025: its plan, figures and reports are of 2025, and a page
    that opened on this year showed an empty one ("no plan for this year")."""
    client = login(merged.focal)
    assert _year_shown(client.get(reverse(name, args=["xa-a"])).content.decode()) == 2025, name
    html = client.get(reverse(name, args=["xa-moi"])).content.decode()
    assert _year_shown(html) == dt.date.today().year, name


def _year_shown(html: str) -> int | None:
    """The year a page's picker shows chosen: a selected option, a year box, a pressed button."""
    for pattern in (
        r'<option value="(\d{4})"[^>]* selected',
        r'<input type="number" name="year" value="(\d{4})"',
        r'href="\?year=(\d{4})" aria-current="true"',
    ):
        found = re.search(pattern, html)
        if found:
            return int(found.group(1))
    return None
