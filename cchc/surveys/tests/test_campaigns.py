"""Running a survey campaign from its pages: create, edit, close, the channels it takes
answers by, and who may do each (outsider 404, read-only 403, wrong method 405)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.audit.models import AuditEvent
from cchc.org.choices import Role
from cchc.surveys import actions
from cchc.surveys.models import Campaign, Questionnaire, SampleTarget
from cchc.testing.factories import UserFactory, member

from .conftest import form_data

pytestmark = pytest.mark.django_db


def _fields(version, **changes) -> dict:
    today = timezone.localdate()
    data = {
        "name": "Khảo sát quý",
        "version": version.pk,
        "starts_on": (today - dt.timedelta(days=1)).isoformat(),
        "ends_on": (today + dt.timedelta(days=60)).isoformat(),
        "aggregation": "elements",
        "margin": "0.05",
        "channels": ["qr", "dossier"],
        "target": "120",
    }
    data.update(changes)
    return data


@pytest.fixture
def version(campaign):
    return Questionnaire.objects.get(code="sipas-5").current()


def test_the_upper_level_creates_a_campaign_with_its_own_sample_and_reaches_its_qr_page(
    client, world, version, login
):
    login(world.people.district)
    form = client.get(f"/khao-sat/don-vi/{world.district.code}/dot-moi/")
    assert form.status_code == 200 and "Kênh nhận ý kiến" in form.content.decode()
    reply = client.post(f"/khao-sat/don-vi/{world.district.code}/dot-moi/", _fields(version))
    created = Campaign.objects.get(name="Khảo sát quý")
    assert reply["Location"] == f"/khao-sat/dot/{created.pk}/"
    assert (created.unit, created.version, created.channels) == (
        world.district,
        version,
        ["qr", "dossier"],
    )
    assert SampleTarget.objects.get(campaign=created, unit=world.district).target == 120
    event = AuditEvent.objects.get(action="survey.campaign_create")
    assert event.after["name"] == "Khảo sát quý" and event.after["channels"] == ["qr", "dossier"]
    page = client.get(reply["Location"]).content.decode()
    assert f"/y-kien/{created.pk}/{world.district.code}/" in page
    assert f"/khao-sat/don-vi/{world.district.code}/ap-phich/{created.pk}/" in page
    results = client.get(f"/khao-sat/don-vi/{world.district.code}/").content.decode()
    assert "Tạo đợt khảo sát" in results and f"/khao-sat/dot/{created.pk}/" in results


def test_bad_campaign_input_names_the_field_and_saves_nothing(client, world, version, login):
    login(world.people.district)
    address = f"/khao-sat/don-vi/{world.district.code}/dot-moi/"
    today = timezone.localdate()
    backwards = _fields(version, ends_on=(today - dt.timedelta(days=5)).isoformat())
    reply = client.post(address, backwards)
    assert reply.status_code == 400
    assert "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu." in reply.content.decode()
    reply = client.post(address, {**_fields(version), "channels": []})
    assert "Chọn ít nhất một kênh nhận ý kiến." in reply.content.decode()
    reply = client.post(address, _fields(version, target="-3"))
    assert (
        reply.status_code == 400 and "Số phiếu cần thu của đơn vị tổ chức" in reply.content.decode()
    )
    assert not Campaign.objects.filter(name="Khảo sát quý").exists()
    assert not AuditEvent.objects.filter(action="survey.campaign_create").exists()


def test_editing_keeps_the_version_once_answers_came_in(client, world, campaign, login):
    login(world.people.district)
    address = f"/khao-sat/dot/{campaign.pk}/sua/"
    assert client.get(address).status_code == 200
    client.post(address, _fields(campaign.version, name="Khảo sát năm nay (sửa)"))
    campaign.refresh_from_db()
    assert campaign.name == "Khảo sát năm nay (sửa)"
    assert AuditEvent.objects.get(action="survey.campaign_edit").before["name"] == (
        "Khảo sát năm nay"
    )
    actions.submit(campaign, world.commune, form_data(campaign, "4"), today=timezone.localdate())
    other = Questionnaire.objects.exclude(pk=campaign.version.questionnaire_id).first().current()
    reply = client.post(address, _fields(other))
    assert reply.status_code == 400
    assert "không đổi mẫu phiếu được nữa" in reply.content.decode()
    campaign.refresh_from_db()
    assert campaign.version_id != other.pk


def test_who_may_create_edit_and_close(client, world, campaign, login):
    viewer = member(UserFactory(username="chi-xem"), world.district, Role.VIEWER)
    new = f"/khao-sat/don-vi/{world.district.code}/dot-moi/"
    edit = f"/khao-sat/dot/{campaign.pk}/sua/"
    close = f"/khao-sat/dot/{campaign.pk}/dong/"
    login(world.people.outsider)  # a ward's focal point: the district is not theirs
    assert client.get(new).status_code == 404
    assert client.get(edit).status_code == 404
    assert client.post(close).status_code == 404
    login(viewer)
    assert client.get(new).status_code == 403
    assert client.post(edit, _fields(campaign.version, name="x")).status_code == 403
    assert client.post(close).status_code == 403
    login(world.people.focal)  # the commune's focal point runs the commune's own campaigns
    assert client.get(f"/khao-sat/don-vi/{world.commune.code}/dot-moi/").status_code == 200
    login(world.people.district)
    assert client.get(close).status_code == 405
    assert client.put(new).status_code == 405
    campaign.refresh_from_db()
    assert not campaign.closed and campaign.name == "Khảo sát năm nay"
    client.post(close)
    campaign.refresh_from_db()
    assert campaign.closed
    assert client.post(edit, _fields(campaign.version)).status_code == 400  # closed stays closed


def test_a_campaign_takes_answers_only_by_its_channels(client, world, campaign):
    campaign.channels = ["kiosk"]
    campaign.save()
    reply = client.post(f"/y-kien/{campaign.pk}/{world.commune.code}/", form_data(campaign))
    assert reply.status_code == 410
    assert "không nhận ý kiến qua kênh này" in reply.content.decode()
    _device, token = actions.issue_device(
        world.commune, "Máy 1", by=world.people.focal, today=timezone.localdate()
    )
    assert client.post(f"/y-kien/kiosk/{token}/", form_data(campaign)).status_code == 302
    campaign.channels = ["qr"]
    campaign.save()
    assert client.get(f"/y-kien/kiosk/{token}/").status_code == 410
    assert campaign.responses.count() == 1
