"""A commune formed by a merger: its results carry its predecessors' answers and dossiers, a
predecessor's dossier code verifies an answer, and a dissolved commune is asked for nothing."""

import pytest
from django.utils import timezone

from cchc.org.in_force import UnitNotInForce
from cchc.surveys import actions
from cchc.surveys.models import Campaign, KioskDevice, Response

from .conftest import form_data, make_dossier
from .test_campaigns import _fields

pytestmark = pytest.mark.django_db


def test_a_merged_communes_results_count_its_predecessors_answers_and_dossiers(
    client, world, campaign, merged, login
):
    today = timezone.localdate()
    make_dossier(world.commune, "H01.1-250101-0042")
    make_dossier(world.commune, "H01.1-250101-0043")
    actions.submit(campaign, world.commune, form_data(campaign, "5"), today=today)
    code = "H01.1-250101-0042"
    actions.submit(campaign, world.commune, form_data(campaign, "2"), today=today, code=code)
    login(merged.focal)
    text = client.get("/khao-sat/don-vi/xa-moi/").content.decode()
    assert "1 đã xác thực bằng mã hồ sơ · 1 chưa xác thực" in text
    assert "50,00%" in text and "trên 2 hồ sơ tiếp nhận trong kỳ" in text
    login(world.people.outsider)  # another commune counts none of it
    text = client.get("/khao-sat/don-vi/xa-b/").content.decode()
    assert "0 đã xác thực bằng mã hồ sơ · 0 chưa xác thực" in text
    assert "trên 2 hồ sơ" not in text


def test_a_dossier_filed_with_the_predecessor_verifies_an_answer_to_the_merged_commune(
    client, world, campaign, merged
):
    make_dossier(world.commune, "H01.1-250101-0042")
    client.post(f"/y-kien/{campaign.pk}/xa-moi/", form_data(campaign, code="H01.1-250101-0042"))
    client.post(f"/y-kien/{campaign.pk}/xa-b/", form_data(campaign, code="H01.1-250101-0043"))
    make_dossier(world.commune, "H01.1-250101-0044")
    client.post(f"/y-kien/{campaign.pk}/xa-b/", form_data(campaign, code="H01.1-250101-0044"))
    answers = Response.objects.values_list("unit__code", "verified")
    assert sorted(answers) == [("xa-b", False), ("xa-b", False), ("xa-moi", True)]


def test_the_upper_level_sets_targets_for_the_merged_commune_not_the_dissolved_one(
    client, world, campaign, merged, login
):
    address = f"/khao-sat/dot/{campaign.pk}/"
    login(world.people.district)
    page = client.get(address).content.decode()
    assert f'name="t{merged.pk}"' in page and f'name="t{world.other.pk}"' in page
    assert f'name="t{world.commune.pk}"' not in page
    client.post(address, {f"t{merged.pk}": "90", f"t{world.commune.pk}": "60"})
    assert dict(campaign.targets.values_list("unit__code", "target")) == {"xa-moi": 90}


def test_an_old_posters_address_gives_the_answer_to_the_commune_in_force(
    client, world, campaign, merged, login
):
    # a QR code printed for Xã Thạnh Tân before it was merged into Xã Mới
    old, new = f"/y-kien/{campaign.pk}/xa-a/", f"/y-kien/{campaign.pk}/xa-moi/"
    response = client.get(old + "?ma=H01.1-250101-0042")
    assert response.status_code == 302
    assert response["Location"] == new + "?ma=H01.1-250101-0042"
    assert merged.name in client.get(response["Location"]).content.decode()
    # a form opened before the merger and sent after it: the answer is the new commune's
    client.post(old, form_data(campaign, "4"))
    assert list(Response.objects.values_list("unit__code", flat=True)) == ["xa-moi"]
    # and counts towards the sample the district set for it
    actions.set_targets(campaign, {merged: 10}, by=world.people.district)
    login(world.people.district)
    rows = client.get(f"/khao-sat/dot/{campaign.pk}/").context["rows"]
    assert [(unit.code, target, answers) for unit, target, answers in rows] == [("xa-moi", 10, 1)]


def test_a_dissolved_commune_runs_no_new_campaign_and_gets_no_kiosk(world, campaign, merged, login):
    client = login(merged.focal)
    address = f"/khao-sat/don-vi/{world.commune.code}/dot-moi/"
    reply = client.post(address, _fields(campaign.version, name="Khảo sát xã cũ"))
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "do Xã Mới tiếp nhận; đợt khảo sát do đơn vị đó tổ chức." in html
    assert 'value="Khảo sát xã cũ"' in html  # what was typed stays
    assert not Campaign.objects.filter(unit=world.commune).exists()
    with pytest.raises(UnitNotInForce):
        actions.issue_device(
            world.commune, "Máy xã cũ", by=merged.focal, today=timezone.localdate()
        )
    assert not KioskDevice.objects.exists()
    # the successor runs its own
    reply = client.post(f"/khao-sat/don-vi/{merged.code}/dot-moi/", _fields(campaign.version))
    assert reply.status_code == 302
    assert Campaign.objects.filter(unit=merged).exists()


def test_a_dissolved_communes_device_page_says_why_instead_of_offering_one(world, merged, login):
    client = login(merged.focal)
    html = client.get(f"/khao-sat/don-vi/{world.commune.code}/thiet-bi/").content.decode()
    assert 'id="no-device"' in html and "hãy cấp thiết bị cho đơn vị đó." in html
    assert 'name="name"' not in html
    html = client.get(f"/khao-sat/don-vi/{merged.code}/thiet-bi/").content.decode()
    assert 'id="no-device"' not in html and 'name="name"' in html


def test_a_dissolved_communes_pages_say_why_instead_of_offering_a_new_campaign(
    world, merged, login
):
    """The form would only be refused on saving: its results page and the new campaign's
    address give the reason up front, and the successor's pages still offer it."""
    client = login(merged.focal)
    old = world.commune.code
    results = client.get(f"/khao-sat/don-vi/{old}/").content.decode()
    assert 'id="no-campaign"' in results and "đợt khảo sát do đơn vị đó tổ chức." in results
    assert f"/khao-sat/don-vi/{old}/dot-moi/" not in results
    form = client.get(f"/khao-sat/don-vi/{old}/dot-moi/").content.decode()
    assert 'id="no-campaign"' in form and "do Xã Mới tiếp nhận" in form
    assert 'name="name"' not in form and 'name="ends_on"' not in form
    results = client.get(f"/khao-sat/don-vi/{merged.code}/").content.decode()
    assert 'id="no-campaign"' not in results
    assert f"/khao-sat/don-vi/{merged.code}/dot-moi/" in results
    form = client.get(f"/khao-sat/don-vi/{merged.code}/dot-moi/").content.decode()
    assert 'name="name"' in form


def test_a_dissolved_communes_results_start_on_its_last_half_year_not_the_empty_year_since(
    world, merged, login
):
    client = login(merged.focal)
    html = client.get(f"/khao-sat/don-vi/{world.commune.code}/").content.decode()
    assert 'name="from" value="01/01/2025"' in html and 'name="to" value="30/06/2025"' in html
    html = client.get(f"/khao-sat/don-vi/{merged.code}/").content.decode()
    year = timezone.localdate().year
    assert f'name="from" value="01/01/{year}"' in html and f'name="to" value="31/12/{year}"' in html
