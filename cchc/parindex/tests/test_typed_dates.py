"""The PAR pages' date boxes (the explanation round's deadline, reopen until, the criteria set's
due date) take dd/mm/yyyy in a text box, not the browser's date picker (decision 0155); a
mistyped date is refused naming the box, what was typed kept, nothing saved."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from cchc.parindex import actions
from cchc.parindex.choices import Stage
from cchc.parindex.models import Assessment, CriteriaSet

from .test_assessment import _through_appraisal
from .test_builder import GOOD, _post, _url

pytestmark = pytest.mark.django_db

WRONG = "nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026."


def _in_the_bar(page: str) -> list[str]:
    """The refusals shown in the action bar at the page's end, beside the date box (where the
    form's address, ending in #par-actions, brings the browser back) — not at the page's top."""
    bar = page[page.index('id="par-actions"') :]
    assert WRONG not in page[: page.index('id="par-actions"')]
    return re.findall(r'<div class="alert alert-danger[^"]*" role="alert">([^<]*)</div>', bar)


def test_reopen_until_reads_dd_mm_yyyy(world, criteria_set, login):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    client = login(world.people.district)
    page = client.get(reverse("parindex:assessment", args=["xa-a", 2026])).content.decode()
    assert 'id="reopen-until" name="until" value="" placeholder="dd/mm/yyyy"' in page
    assert 'type="date"' not in page
    url = reverse("parindex:reopen", args=["xa-a", 2026])
    assert client.post(url, {"until": "05/03/2027", "reason": "Bổ sung"}).status_code == 302
    assert Assessment.objects.get(pk=found.pk).reopened_until == dt.date(2027, 3, 5)


@pytest.mark.parametrize("typed", ["30/02/2027", ""])
def test_a_mistyped_reopen_date_is_named_kept_and_nothing_saved(world, criteria_set, login, typed):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    client = login(world.people.district)
    url = reverse("parindex:reopen", args=["xa-a", 2026])
    reply = client.post(url, {"until": typed, "reason": "Bổ sung"})
    assert reply.status_code == 400
    page = reply.content.decode()
    assert _in_the_bar(page) == [f"Mở lại đến ngày: {WRONG}"]
    assert f'name="until" value="{typed}"' in page and 'value="Bổ sung"' in page
    assert Assessment.objects.get(pk=found.pk).reopened_until is None


def test_the_explanation_round_deadline_reads_dd_mm_yyyy(world, criteria_set, login):
    found = _through_appraisal(world, criteria_set)
    client = login(world.people.district)
    url = reverse("parindex:explanation_round", args=["xa-a", 2026])
    reply = client.post(url, {"deadline": "2026-13-01"})
    assert reply.status_code == 400
    page = reply.content.decode()
    assert _in_the_bar(page) == [f"Hạn giải trình: {WRONG}"]
    assert 'name="deadline" value="2026-13-01"' in page
    assert Assessment.objects.get(pk=found.pk).stage == Stage.SUBMITTED
    assert client.post(url, {"deadline": "05/01/2027"}).status_code == 302
    saved = Assessment.objects.get(pk=found.pk)
    assert (saved.stage, saved.explanation_deadline) == (Stage.EXPLAINING, dt.date(2027, 1, 5))


def test_the_criteria_sets_due_date_reads_and_shows_dd_mm_yyyy(world, login):
    client = login(world.people.province)
    assert client.post(_url(), _post(GOOD, submit_by="05/11/2027")).status_code == 302
    assert CriteriaSet.current(2027).submit_by == dt.date(2027, 11, 5)
    page = client.get(_url()).content.decode()
    assert 'name="submit_by" class="form-control" value="05/11/2027"' in page
    assert 'type="date"' not in page


def test_a_mistyped_criteria_due_date_is_named_kept_and_nothing_saved(world, login):
    client = login(world.people.province)
    reply = client.post(_url(), _post(GOOD, submit_by="31/11/2027"))
    assert reply.status_code == 400
    page = reply.content.decode()
    assert f"Hạn gửi tự đánh giá: {WRONG}" in page and 'value="31/11/2027"' in page
    assert CriteriaSet.current(2027) is None
