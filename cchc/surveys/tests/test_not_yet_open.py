"""A campaign whose first day is still to come (its poster already up at the counter): the
citizen was told "Đợt khảo sát này đã kết thúc" and the focal point's page said "Đang mở";
the citizen is now told from which day to come back, the page says it has not begun, and
nothing is saved (decision 0172)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.formats import day
from cchc.surveys.models import Response

from .conftest import form_data
from .test_answering import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(campaign):
    today = timezone.localdate()
    campaign.starts_on, campaign.ends_on = (
        today + dt.timedelta(days=10),
        today + dt.timedelta(days=90),
    )
    campaign.save()
    return campaign


def test_the_citizen_is_told_when_the_survey_opens_not_that_it_ended(client, world, later):
    page = client.get(url(later, world.commune))
    text = page.content.decode()
    assert page.status_code == 403
    assert f"Đợt khảo sát này nhận ý kiến từ ngày {day(later.starts_on)}" in text
    assert "đã kết thúc" not in text
    answer = client.post(url(later, world.commune), form_data(later, code="ABC-1"))
    assert answer.status_code == 403 and not Response.objects.exists()


def test_the_campaign_page_says_it_has_not_begun(client, world, later, login):
    page = login(world.people.district).get(f"/khao-sat/dot/{later.pk}/").content.decode()
    assert f"Chưa bắt đầu: nhận ý kiến từ {day(later.starts_on)}" in page
    assert "Đang mở" not in page


def test_the_campaign_page_says_when_its_days_are_over(client, world, campaign, login):
    today = timezone.localdate()
    campaign.starts_on, campaign.ends_on = (
        today - dt.timedelta(days=90),
        today - dt.timedelta(days=1),
    )
    campaign.save()
    page = login(world.people.district).get(f"/khao-sat/dot/{campaign.pk}/").content.decode()
    assert "Đã hết thời gian nhận ý kiến" in page and "Đang mở" not in page
