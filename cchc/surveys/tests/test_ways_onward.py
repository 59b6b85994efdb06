"""Where a citizen goes when no answer is taken (decision 0177): the counter's kiosk before a
campaign's first day says from which day to come back (it said only that nothing was open);
the page refusing a poster's or a link's answer leads on to the unit's public page (it was a
dead end); a kiosk stays on its own form, with no way out to the site."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.formats import day

from .test_answering import device, url  # noqa: F401 (the fixture)
from .test_not_yet_open import later  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_kiosk_before_the_campaign_says_from_which_day(client, later, device):  # noqa: F811
    _machine, token = device
    page = client.get(f"/y-kien/kiosk/{token}/")
    text = page.content.decode()
    assert page.status_code == 410
    assert "Hiện không có đợt khảo sát nào đang mở." in text
    assert f"Đợt khảo sát tiếp theo nhận ý kiến từ ngày {day(later.starts_on)}" in text
    assert "/cong-khai/" not in text


def test_a_refused_answer_leads_on_to_the_communes_public_page(client, world, later):  # noqa: F811
    text = client.get(url(later, world.commune)).content.decode()
    assert 'href="/cong-khai/xa-a/"' in text
    assert "Xem trang công khai của xã Thạnh Tân" in text
    assert client.get("/cong-khai/xa-a/").status_code == 200


def test_a_campaign_over_leads_on_too(client, world, campaign):
    today = timezone.localdate()
    campaign.starts_on = today - dt.timedelta(days=60)
    campaign.ends_on = today - dt.timedelta(days=1)
    campaign.save()
    page = client.get(url(campaign, world.commune))
    assert page.status_code == 410
    assert 'href="/cong-khai/xa-a/"' in page.content.decode()
