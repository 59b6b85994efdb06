"""The margin of error of a campaign as Vietnamese write it: the new-campaign page showed
"0.05" in a number box that refused "0,1"; it now shows 0,05 and takes 0,1 (decision 0172).
The questionnaire list opens on a sentence, not Django's "---------"."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from cchc.surveys.models import Campaign, Questionnaire

from .test_campaigns import _fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(campaign):
    return Questionnaire.objects.get(code="sipas-5").current()


def test_the_margin_is_shown_with_a_comma_and_the_list_asks_for_a_questionnaire(
    client, world, version, login
):
    login(world.people.district)
    page = client.get(f"/khao-sat/don-vi/{world.district.code}/dot-moi/").content.decode()
    margin = re.search(r"<input[^>]*name=\"margin\"[^>]*>", page).group(0)
    assert 'value="0,05"' in margin and 'type="number"' not in margin
    assert "— Chọn phiếu khảo sát —" in page and "---------" not in page


def test_a_margin_typed_with_a_comma_is_saved(client, world, version, login):
    login(world.people.district)
    data = _fields(version, margin="0,1")
    reply = client.post(f"/khao-sat/don-vi/{world.district.code}/dot-moi/", data)
    assert reply.status_code == 302
    assert Campaign.objects.get(name="Khảo sát quý").margin == Decimal("0.1")
