"""A report's dates (its signing date, its window and due date) are typed dd/mm/yyyy in a text
box, as officials write them, not the browser's date picker (decision 0155)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.reports import actions
from cchc.reports.models import Report
from cchc.testing.factories import PlanFactory

WRONG = "nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026."


@pytest.fixture
def draft(world):
    PlanFactory(unit=world.commune, year=2024, status="issued")
    return actions.open_report(world.commune, "q1", 2024, by=world.people.focal)


def test_the_window_is_read_and_shown_as_dd_mm_yyyy(world, draft, login):
    client = login(world.people.focal)
    window = {"start": "01/01/2024", "end": "29/02/2024", "due": "05/03/2024"}
    assert client.post(f"/reports/{draft.pk}/window", window).status_code == 302
    report = Report.objects.get(pk=draft.pk)
    assert report.due == dt.date(2024, 3, 5)  # 5 March, not 3 May
    page = client.get(f"/reports/{draft.pk}/").content.decode()
    assert 'name="due" value="05/03/2024"' in page and 'name="start" value="01/01/2024"' in page
    assert 'type="date"' not in page and 'placeholder="dd/mm/yyyy"' in page


def test_the_signing_date_is_read_as_dd_mm_yyyy(world, draft, login):
    client = login(world.people.focal)
    reply = client.post(
        f"/reports/{draft.pk}/edit", {"number": "5/BC-UBND", "signed_on": "08/03/2024"}
    )
    assert reply.status_code == 302
    assert Report.objects.get(pk=draft.pk).signed_on == dt.date(2024, 3, 8)
    page = client.get(f"/reports/{draft.pk}/").content.decode()
    assert 'name="signed_on" value="08/03/2024"' in page


def test_a_mistyped_window_date_is_refused_naming_the_field(world, draft, login):
    client = login(world.people.focal)
    before = Report.objects.get(pk=draft.pk)
    window = {"start": "01/01/2024", "end": "30/02/2024", "due": "05/03/2024"}
    reply = client.post(f"/reports/{draft.pk}/window", window)
    assert reply.status_code == 400
    page = reply.content.decode()
    assert f"Số liệu đến: {WRONG}" in page and 'value="30/02/2024"' in page
    after = Report.objects.get(pk=draft.pk)
    assert (after.start, after.end, after.due) == (before.start, before.end, before.due)
