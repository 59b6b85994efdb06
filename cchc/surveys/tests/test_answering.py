import datetime as dt
import logging
import re
from types import SimpleNamespace

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from cchc.surveys import actions, limits
from cchc.surveys.models import Rating, Response, UsedCode

from .conftest import form_data, items_of

pytestmark = pytest.mark.django_db


def url(campaign, unit):
    return f"/y-kien/{campaign.pk}/{unit.code}/"


def test_a_citizen_answers_without_login_and_the_answer_is_kept_unverified(client, world, campaign):
    page = client.get(url(campaign, world.commune))
    assert page.status_code == 200
    assert "Tiếp cận dịch vụ" in page.content.decode()
    response = client.post(url(campaign, world.commune), form_data(campaign, "4"))
    assert response.status_code == 302 and response["Location"] == "/y-kien/cam-on/"
    answer = Response.objects.get()
    assert (answer.unit, answer.verified, answer.channel) == (world.commune, False, "qr")
    assert Rating.objects.filter(response=answer, value=4).count() == len(items_of(campaign))


def test_the_public_page_with_its_stylesheet_weighs_under_100_kb(client, world, campaign):
    html = client.get(url(campaign, world.commune)).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', html)
    assert assets, "the page links its stylesheet"
    total = len(html)
    for asset in assets:
        with open(finders.find(asset.decode()), "rb") as f:
            total += len(f.read())
    assert b"bootstrap" not in html
    assert total < 100_000, total


def test_a_second_answer_for_the_same_dossier_code_is_refused_and_the_first_kept(
    client, world, campaign
):

    client.post(url(campaign, world.commune), form_data(campaign, "5", code="H01.1-250101-0001"))
    second = client.post(
        url(campaign, world.commune), form_data(campaign, "1", code=" h01.1-250101-0001 ")
    )
    assert second.status_code == 409
    assert "đã được dùng để trả lời" in second.content.decode()
    assert Response.objects.count() == 1
    assert set(Rating.objects.values_list("value", flat=True)) == {5}


def test_the_refusal_does_not_tell_whether_a_dossier_code_exists(client, world, campaign, dossier):
    replies = []
    for code in (dossier.code, "KHONG-CO-HO-SO-NAY"):
        client.post(url(campaign, world.commune), form_data(campaign, code=code))
        again = client.post(url(campaign, world.commune), form_data(campaign, code=code))
        text = again.content.decode().replace(code, "")
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
        replies.append((again.status_code, text))
    assert replies[0] == replies[1]
    # only the answer's flag knows, and nothing beside it names the code
    assert sorted(Response.objects.values_list("verified", flat=True)) == [False, True]


def test_an_answer_to_a_closed_campaign_is_refused_and_nothing_saved(client, world, campaign):
    campaign.closed = True
    campaign.save()
    response = client.post(url(campaign, world.commune), form_data(campaign, code="ABC-1"))
    assert response.status_code == 410
    assert "đã kết thúc" in response.content.decode()
    assert Response.objects.count() == 0 and UsedCode.objects.count() == 0


def test_an_answer_outside_the_scale_names_the_question_and_saves_nothing(client, world, campaign):
    data = form_data(campaign, "5", code="ABC-2")
    first = items_of(campaign)[0]
    data[f"q{first.pk}"] = "7"
    response = client.post(url(campaign, world.commune), data)
    assert response.status_code == 400
    assert first.text in response.content.decode()
    assert Response.objects.count() == 0 and Rating.objects.count() == 0
    assert UsedCode.objects.count() == 0
    # the code can still answer once the value is corrected
    data[f"q{first.pk}"] = "3"
    assert client.post(url(campaign, world.commune), data).status_code == 302


def test_a_unit_outside_the_campaign_gets_no_form(client, world, campaign):
    from cchc.testing.factories import UnitFactory

    stranger = UnitFactory(code="xa-khac", parent=world.province)
    assert client.get(url(campaign, stranger)).status_code == 404


def test_a_flood_from_one_address_is_refused_and_logged_without_the_address(
    client, world, campaign, settings, caplog, monkeypatch
):
    settings.SURVEY_RATE_PER_ADDRESS = 3
    # the five answers fall in one counting minute even on a slow run (the count starts again
    # each minute: a run that crossed a minute's end let a fourth answer through)
    monkeypatch.setattr(limits, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))
    codes = []
    with caplog.at_level(logging.INFO):
        for _n in range(5):
            r = client.post(
                url(campaign, world.commune), form_data(campaign), REMOTE_ADDR="203.0.113.7"
            )
            codes.append(r.status_code)
    assert codes == [302, 302, 302, 429, 429]
    assert Response.objects.count() == 3
    assert "rate limit" in caplog.text and "203.0.113.7" not in caplog.text
    # another address is not held back
    other = client.post(
        url(campaign, world.commune), form_data(campaign), REMOTE_ADDR="198.51.100.2"
    )
    assert other.status_code == 302


@pytest.fixture
def device(world):
    return actions.issue_device(
        world.commune, "Máy tính bảng 1", by=world.people.focal, today=timezone.localdate()
    )


def test_a_kiosk_answers_and_returns_to_an_empty_form(client, world, campaign, device):
    machine, token = device
    page = client.get(f"/y-kien/kiosk/{token}/")
    assert page.status_code == 200
    assert b"survey-kiosk.js" in page.content and b"data-kiosk-idle" in page.content
    answer = client.post(f"/y-kien/kiosk/{token}/", form_data(campaign, "3"))
    assert answer["Location"] == f"/y-kien/kiosk/{token}/cam-on/"
    thanks = client.get(answer["Location"])
    assert f'content="5;url=/y-kien/kiosk/{token}/"'.encode() in thanks.content
    saved = Response.objects.get()
    assert (saved.channel, saved.unit) == ("kiosk", world.commune)
    assert token not in str(list(machine.__class__.objects.values()))


def test_a_forged_revoked_or_expired_kiosk_token_is_refused(client, world, campaign, device):
    machine, token = device
    assert client.get("/y-kien/kiosk/gia-mao-token-123/").status_code == 403
    assert client.post("/y-kien/kiosk/gia-mao-token-123/", form_data(campaign)).status_code == 403
    machine.expires_on = timezone.localdate() - dt.timedelta(days=1)
    machine.save()
    assert client.post(f"/y-kien/kiosk/{token}/", form_data(campaign)).status_code == 403
    machine.expires_on = timezone.localdate() + dt.timedelta(days=10)
    machine.save()
    actions.revoke_device(machine, by=world.people.focal)
    assert client.post(f"/y-kien/kiosk/{token}/", form_data(campaign)).status_code == 403
    assert Response.objects.count() == 0


def test_a_flood_from_one_kiosk_device_is_refused(client, world, campaign, device, settings):
    settings.SURVEY_RATE_PER_DEVICE = 2
    _machine, token = device
    codes = [
        client.post(f"/y-kien/kiosk/{token}/", form_data(campaign)).status_code for _ in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Response.objects.count() == 2


def test_the_focal_point_issues_and_revokes_a_device_and_others_may_not(client, world, login):
    from cchc.surveys.models import KioskDevice

    address = f"/khao-sat/don-vi/{world.commune.code}/thiet-bi/"
    login(world.people.leader)
    assert client.post(address, {"name": "x"}).status_code == 403
    login(world.people.outsider)
    assert client.get(address).status_code == 404
    login(world.people.focal)
    page = client.post(address, {"name": "Quầy 1"})
    assert page.status_code == 200
    token_url = re.search(r"/y-kien/kiosk/([^/<]+)/", page.content.decode()).group(1)
    device = KioskDevice.objects.get()
    assert device.key_hash != token_url and token_url not in device.key_hash
    client.post(address, {"revoke": device.pk})
    device.refresh_from_db()
    assert device.revoked
    client.logout()
    assert client.get(f"/y-kien/kiosk/{token_url}/").status_code == 403
