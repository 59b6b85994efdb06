"""The feedback form's dates are typed dd/mm/yyyy in a text box, as officials write them, not
the browser's date picker (decision 0155)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cchc.feedback.models import Feedback


def test_the_form_reads_and_shows_dates_as_dd_mm_yyyy(world, login):
    client = login(world.people.official)
    form = client.get(reverse("feedback:new", args=["xa-a"])).content.decode()
    assert 'name="received" placeholder="dd/mm/yyyy"' in form and 'type="date"' not in form
    data = {"code": "PA-1", "received": "05/03/2026", "answered": "10/03/2026"}
    assert client.post(reverse("feedback:new", args=["xa-a"]), data).status_code == 302
    item = Feedback.objects.get(code="PA-1")
    assert (item.received, item.answered) == (dt.date(2026, 3, 5), dt.date(2026, 3, 10))
    edit = client.get(reverse("feedback:edit", args=["xa-a", item.pk])).content.decode()
    assert 'name="received" value="05/03/2026"' in edit
    assert 'name="answered" value="10/03/2026"' in edit and 'type="date"' not in edit


def test_a_mistyped_date_is_refused_naming_the_field(world, login):
    client = login(world.people.official)
    data = {"code": "PA-2", "received": "05/03/2026", "answered": "31/04/2026"}
    reply = client.post(reverse("feedback:new", args=["xa-a"]), data)
    assert reply.status_code == 400
    page = reply.content.decode()
    assert "Ngày trả lời: nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026." in page
    assert 'value="31/04/2026"' in page
    assert not Feedback.objects.exists()
