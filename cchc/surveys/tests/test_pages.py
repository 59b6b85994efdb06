"""The staff pages: scope, read-only roles, methods, query counts."""

import pytest
from django.utils import timezone

from cchc.surveys import actions

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_the_results_page_shows_the_index_and_the_counts_apart(
    client, world, campaign, login, django_assert_max_num_queries
):
    today = timezone.localdate()
    actions.submit(campaign, world.commune, form_data(campaign, "5"), today=today)
    actions.submit(campaign, world.commune, form_data(campaign, "2"), today=today)
    login(world.people.focal)
    with django_assert_max_num_queries(40):
        page = client.get(f"/khao-sat/don-vi/{world.commune.code}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "50,00%" in text or "50.00%" in text
    assert "0 đã xác thực bằng mã hồ sơ · 2 chưa xác thực" in text


def test_an_outsider_gets_404_on_results_excel_and_poster(client, world, campaign, login):
    login(world.people.outsider)
    base = f"/khao-sat/don-vi/{world.commune.code}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "excel/").status_code == 404
    assert client.get(base + f"ap-phich/{campaign.pk}/").status_code == 404


def test_the_excel_export_holds_the_figures(client, world, campaign, login):
    from io import BytesIO

    from openpyxl import load_workbook

    actions.submit(campaign, world.commune, form_data(campaign, "4"), today=timezone.localdate())
    login(world.people.leader)
    reply = client.get(f"/khao-sat/don-vi/{world.commune.code}/excel/")
    assert reply.status_code == 200
    sheet = load_workbook(BytesIO(reply.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    overall = next(r for r in rows if r[0] == "Chỉ số chung")
    assert overall[2] == 100
    # each question's kind in words ("Hài lòng"), never its stored code ("satisfaction")
    from cchc.surveys.choices import ItemKind

    kinds = {r[1] for r in rows[3:] if r[1]}
    assert kinds and kinds <= {str(kind.label) for kind in ItemKind}


def test_the_poster_draws_the_qr_code_on_the_server(client, world, campaign, login, settings):
    settings.SITE_URL = "https://cchc.example.vn"
    login(world.people.focal)
    page = client.get(f"/khao-sat/don-vi/{world.commune.code}/ap-phich/{campaign.pk}/")
    text = page.content.decode()
    assert "<svg" in text and "<script" not in text
    assert f"https://cchc.example.vn/y-kien/{campaign.pk}/xa-a/" in text


def test_campaign_progress_against_targets_and_a_read_only_role_cannot_close_it(
    client, world, campaign, login
):
    from cchc.org.choices import Role
    from cchc.testing.factories import UserFactory, member

    viewer = member(UserFactory(username="xem"), world.district, Role.VIEWER)
    actions.set_targets(campaign, {world.commune: 3, world.other: 2}, by=world.people.district)
    actions.submit(campaign, world.commune, form_data(campaign, "4"), today=timezone.localdate())
    login(world.people.district)
    page = client.get(f"/khao-sat/dot/{campaign.pk}/")
    assert page.status_code == 200
    assert 'max="3" value="1"' in page.content.decode()
    posters = client.get(f"/khao-sat/dot/{campaign.pk}/?in=poster")
    assert posters.content.decode().count("<svg") == 2
    assert client.get(f"/khao-sat/dot/{campaign.pk}/dong/").status_code == 405
    login(viewer)
    assert client.get(f"/khao-sat/dot/{campaign.pk}/").status_code == 200
    assert client.post(f"/khao-sat/dot/{campaign.pk}/dong/").status_code == 403
    campaign.refresh_from_db()
    assert not campaign.closed
    login(world.people.outsider)
    assert client.get(f"/khao-sat/dot/{campaign.pk}/").status_code == 404


def test_targets_only_for_units_the_campaign_covers(world, campaign):
    from cchc.testing.factories import UnitFactory

    stranger = UnitFactory(code="xa-ngoai", parent=world.province)
    with pytest.raises(actions.Refused):
        actions.set_targets(campaign, {stranger: 5}, by=world.people.district)
    assert campaign.targets.count() == 0


def test_the_upper_level_sets_sample_targets_for_its_communes(client, world, campaign, login):
    from cchc.audit.models import AuditEvent

    address = f"/khao-sat/dot/{campaign.pk}/"
    login(world.people.district)
    page = client.get(address)
    assert f'name="t{world.commune.pk}"' in page.content.decode()
    bad = client.post(address, {f"t{world.commune.pk}": "90", f"t{world.other.pk}": "-5"})
    assert bad.status_code == 400
    assert "Phường 2: số phiếu cần thu phải là số nguyên không âm." in bad.content.decode()
    assert campaign.targets.count() == 0
    client.post(address, {f"t{world.commune.pk}": "90", f"t{world.other.pk}": "60"})
    assert dict(campaign.targets.values_list("unit__code", "target")) == {"xa-a": 90, "xa-b": 60}
    assert AuditEvent.objects.filter(action="survey.targets_set").exists()
    login(world.people.focal)  # a commune does not set its own target
    assert client.post(address, {f"t{world.commune.pk}": "1"}).status_code == 404
    assert campaign.targets.get(unit=world.commune).target == 90


def test_the_upper_levels_campaign_is_linked_only_for_those_who_may_open_it(
    client, world, campaign, login
):
    # the campaign is the district's: the commune answers it, its focal point cannot open it
    link = f'href="/khao-sat/dot/{campaign.pk}/"'
    login(world.people.focal)
    assert client.get(f"/khao-sat/dot/{campaign.pk}/").status_code == 404
    results = client.get(f"/khao-sat/don-vi/{world.commune.code}/").content.decode()
    assert campaign.name in results and link not in results
    login(world.people.district)
    results = client.get(f"/khao-sat/don-vi/{world.commune.code}/").content.decode()
    assert link in results


def test_refused_targets_are_shown_as_typed_to_correct(client, world, campaign, login):
    actions.set_targets(campaign, {world.commune: 3, world.other: 2}, by=world.people.district)
    login(world.people.district)
    page = client.post(
        f"/khao-sat/dot/{campaign.pk}/",
        {f"t{world.commune.pk}": "12a", f"t{world.other.pk}": "40"},
    )
    text = page.content.decode()
    assert page.status_code == 400 and "số phiếu cần thu phải là số nguyên không âm" in text
    assert f'name="t{world.commune.pk}" value="12a"' in text
    assert f'name="t{world.other.pk}" value="40"' in text
