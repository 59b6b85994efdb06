"""The PAR assessment of a year is the commune's in force at the year's end (decision 0148):
a commune dissolved during the year is assessed through its successor."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.parindex import actions
from cchc.parindex.models import Assessment
from cchc.testing.factories import merge

pytestmark = pytest.mark.django_db


def test_a_commune_dissolved_during_the_year_gets_no_assessment_of_it(
    world, merged, criteria_set, login
):
    with pytest.raises(ValidationError) as refused:
        actions.open_assessment(world.commune, 2026, by=merged.focal)
    assert "31/12/2026" in refused.value.messages[0]
    assert "việc đánh giá Chỉ số CCHC do đơn vị đó thực hiện" in refused.value.messages[0]
    # through the page: the reason is shown, nothing is opened
    client = login(merged.focal)
    page = client.post(reverse("parindex:open", args=[world.commune.code, 2026]), follow=True)
    assert "do Xã Mới tiếp nhận" in page.content.decode()
    assert not Assessment.objects.exists()
    assert actions.open_assessment(merged, 2026, by=merged.focal).unit == merged


def test_dissolved_on_the_first_of_july_of_the_year_itself(world, criteria_set):
    merge(world.other, into=world.commune, on=dt.date(2026, 7, 1))  # in force half of 2026
    with pytest.raises(ValidationError):
        actions.open_assessment(world.other, 2026, by=world.people.outsider)
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    assert found.unit == world.commune


def test_the_page_of_a_year_the_commune_did_not_finish_says_so_instead_of_opening(
    world, merged, criteria_set, login
):
    client = login(merged.focal)
    html = client.get(reverse("parindex:assessment", args=[world.commune.code, 2026])).content
    html = html.decode()
    assert 'id="not-assessed"' in html and "do Xã Mới tiếp nhận" in html
    assert reverse("parindex:open", args=[world.commune.code, 2026]) not in html
    html = client.get(reverse("parindex:assessment", args=[merged.code, 2026])).content.decode()
    assert 'id="not-assessed"' not in html
    assert reverse("parindex:open", args=[merged.code, 2026]) in html
