"""The PAR self-assessments waiting for a leader or an upper level on the page they land on
(decision 0161): the leader sends the unit's up, the upper level appraises its units'."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.parindex import actions, layout
from cchc.parindex.choices import Stage
from cchc.parindex.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_year(world, criteria_file):
    """Xã Thạnh Tân's self-assessment of this year, due in ten days."""
    today = timezone.localdate()
    actions.import_criteria(layout.read(criteria_file), year=today.year, source_name="tc.xlsx")
    deadline = today + dt.timedelta(days=10)
    return actions.open_assessment(
        world.commune, today.year, by=world.people.focal, deadline=deadline
    )


def test_the_leader_is_asked_to_send_the_self_assessment_up(world, login, this_year):
    page = login(world.people.leader).get("/", follow=True).content.decode()
    due = this_year.deadline.strftime("%d/%m/%Y")
    assert (
        f"Tự đánh giá Chỉ số CCHC năm {this_year.year} chờ anh/chị ký gửi cấp trên (hạn {due})"
        in page
    )
    url = reverse("parindex:assessment", args=["xa-a", this_year.year])
    assert f'href="{url}"' in page


def test_the_upper_level_is_asked_to_appraise_a_submitted_one(world, login, this_year):
    page = login(world.people.district).get("/", follow=True).content.decode()
    assert "chờ anh/chị thẩm định" not in page  # still being self-assessed
    Assessment.objects.filter(pk=this_year.pk).update(stage=Stage.SUBMITTED)
    page = login(world.people.district).get("/", follow=True).content.decode()
    text = f"Tự đánh giá Chỉ số CCHC năm {this_year.year} của Xã Thạnh Tân chờ anh/chị thẩm định"
    assert text in page
    assert f'href="{reverse("parindex:assessment", args=["xa-a", this_year.year])}"' in page


def test_the_leader_goes_from_the_top_to_the_step_of_sending_it_up(world, login, this_year):
    url = reverse("parindex:assessment", args=["xa-a", this_year.year])
    page = login(world.people.leader).get(url).content.decode()
    link = page.index('id="submit-link" href="#par-actions"')
    assert link < page.index("<table")  # on the first screen, above the criteria
    assert 'id="par-actions"' in page
    focal = login(world.people.focal).get(url).content.decode()
    assert 'id="submit-link"' not in focal  # the focal point scores; the leader sends it up
