"""A procedure's publication dates are typed dd/mm/yyyy in a text box, as officials write
them, not the browser's date picker (decision 0155)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cchc.dossiers.models import Procedure


def _edit(client, admin_user, **dates):
    Procedure.objects.get_or_create(code="1.002", defaults={"name": "Thủ tục 1.002"})
    client.force_login(admin_user)
    url = reverse("dossiers:publication_edit", args=["1.002"])
    data = {"deciding_act": "QĐ 5", "act_effective": "", "publication_decided": "", **dates}
    return url, client.post(url, data)


def test_the_publication_dates_are_read_and_shown_as_dd_mm_yyyy(db, client, admin_user):
    url, reply = _edit(client, admin_user, act_effective="05/03/2024")
    assert reply.status_code == 302
    assert Procedure.objects.get(code="1.002").act_effective == dt.date(2024, 3, 5)
    page = client.get(url).content.decode()
    assert 'name="act_effective" value="05/03/2024"' in page and 'type="date"' not in page
    assert 'placeholder="dd/mm/yyyy"' in page


def test_a_mistyped_publication_date_is_refused_naming_the_field(db, client, admin_user):
    _url, reply = _edit(client, admin_user, publication_decided="2024-02-30")
    assert reply.status_code == 400
    page = reply.content.decode()
    assert "Ngày quyết định công bố: nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026." in page
    assert 'value="2024-02-30"' in page
    assert Procedure.objects.get(code="1.002").deciding_act == ""
