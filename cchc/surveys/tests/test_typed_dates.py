"""The campaign form and the results filter take dates typed dd/mm/yyyy in a text box, as
officials write them, not the browser's date picker (decision 0155)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.surveys.models import Campaign, Questionnaire, SampleTarget

pytestmark = pytest.mark.django_db

WRONG = "nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026."


def _fields(version, **changes) -> dict:
    year = timezone.localdate().year
    data = {
        "name": "Khảo sát quý",
        "version": version.pk,
        "starts_on": f"01/01/{year}",
        "ends_on": f"05/03/{year + 1}",
        "aggregation": "elements",
        "margin": "0.05",
        "channels": ["qr"],
    }
    return data | changes


def test_the_campaign_form_shows_and_reads_dates_as_dd_mm_yyyy(client, world, campaign, login):
    login(world.people.district)
    version = Questionnaire.objects.get(code="sipas-5").current()
    address = f"/khao-sat/don-vi/{world.district.code}/dot-moi/"
    year = timezone.localdate().year
    assert client.post(address, _fields(version)).status_code == 302
    created = Campaign.objects.get(name="Khảo sát quý")
    assert created.ends_on == dt.date(year + 1, 3, 5)  # 5 March, not 3 May
    form = client.get(f"/khao-sat/dot/{created.pk}/sua/").content.decode()
    assert f'value="05/03/{year + 1}"' in form and 'type="date"' not in form
    assert 'placeholder="dd/mm/yyyy"' in form


def test_a_mistyped_campaign_date_names_the_field_and_saves_nothing(client, world, campaign, login):
    login(world.people.district)
    version = Questionnaire.objects.get(code="sipas-5").current()
    address = f"/khao-sat/don-vi/{world.district.code}/dot-moi/"
    reply = client.post(address, _fields(version, ends_on="31/02/2027"))
    assert reply.status_code == 400
    page = reply.content.decode()
    assert f"Đến ngày: {WRONG}" in page and 'value="31/02/2027"' in page
    assert not Campaign.objects.filter(name="Khảo sát quý").exists()


def test_the_results_filter_reads_dd_mm_yyyy_and_old_iso_links(client, world, campaign, login):
    login(world.people.district)
    address = f"/khao-sat/don-vi/{world.district.code}/"
    page = client.get(address, {"from": "05/03/2025", "to": "2025-06-30"}).content.decode()
    assert 'name="from" value="05/03/2025"' in page and 'name="to" value="30/06/2025"' in page
    assert 'type="date"' not in page and WRONG not in page
    # the campaign's links to its units' results are written the same way
    SampleTarget.objects.create(campaign=campaign, unit=world.commune, target=10)
    links = client.get(f"/khao-sat/dot/{campaign.pk}/").content.decode()
    starts = campaign.starts_on.strftime("%d/%m/%Y")
    assert f"?from={starts}&amp;to=" in links


def test_a_mistyped_results_date_keeps_what_was_typed_and_shows_the_default_year(
    client, world, campaign, login
):
    login(world.people.district)
    address = f"/khao-sat/don-vi/{world.district.code}/"
    reply = client.get(address, {"from": "32/01/2025", "to": ""})
    assert reply.status_code == 200
    page = reply.content.decode()
    assert f"Từ ngày: {WRONG}" in page and 'name="from" value="32/01/2025"' in page
    year = timezone.localdate().year
    assert f'name="to" value="31/12/{year}"' in page
    excel = client.get(f"/khao-sat/don-vi/{world.district.code}/excel/", {"from": "32/01/2025"})
    assert excel.status_code == 200
