"""The assessment table on a phone: below 768 px the site's `stack-sm` style turns each
criterion into a card (number and name, then each column as "label: value", the inputs full
width) and hides the cells with nothing to show through CSS `:empty`. The table must therefore
carry the class, a label on every cell but the number and the name, and cells with nothing to
show written empty (no blank text, which `:empty` does not ignore) — at every stage, as each
viewer sees it. The browser check of the layout itself is in test_phone_browser.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cchc.parindex import actions

from .test_assessment import _by_stt, _through_appraisal
from .test_pages import _submitted

pytestmark = pytest.mark.django_db

LABELS = {"Tối đa", "Gợi ý", "Tự chấm", "Minh chứng", "Thẩm định", "Giải trình", "Chính thức"}


class _Cells(HTMLParser):
    """Each <td> of the assessment table's body: its attributes, whether it holds an element,
    and its text as written (blank text kept)."""

    def __init__(self):
        super().__init__()
        self.table_class: str | None = None
        self.cells: list[dict] = []
        self._in_table = self._in_body = False
        self._cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "par-table":
            self._in_table, self.table_class = True, attrs.get("class", "")
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "td":
            self._cell = {"attrs": attrs, "elements": 0, "text": ""}
            self.cells.append(self._cell)
        elif self._cell is not None:
            self._cell["elements"] += 1

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None
        elif tag == "table":
            self._in_table = self._in_body = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def _cells(client, year: int = 2026) -> _Cells:
    page = client.get(reverse("parindex:assessment", args=["xa-a", year]))
    assert page.status_code == 200
    parsed = _Cells()
    parsed.feed(page.content.decode())
    assert parsed.cells, "no assessment table"
    return parsed


def _check_stacks(parsed: _Cells) -> None:
    assert "stack-sm" in parsed.table_class.split()
    for cell in parsed.cells:
        classes = set(cell["attrs"].get("class", "").split())
        if not classes & {"cell-ref", "cell-title"}:
            assert cell["attrs"].get("data-label") in LABELS, cell
        # a cell with nothing to show is written empty, so `:empty` hides its label too
        if not cell["elements"] and not cell["text"].strip():
            assert cell["text"] == "", cell


def _explaining(world, criteria_set):
    found = _through_appraisal(world, criteria_set)
    scores = _by_stt(found)
    adjusted = scores["1.1"].criterion_id
    actions.appraise(found, {adjusted: (Decimal(8), "Thiếu QĐ")}, by=world.people.district)
    actions.open_explanation(found, by=world.people.district, deadline=dt.date(2026, 12, 30))
    return found


def test_the_self_assessment_stacks_into_labelled_cards_for_the_unit_and_the_upper_level(
    world, criteria_set, login
):
    actions.open_assessment(world.commune, 2026, by=world.people.focal)
    focal = _cells(login(world.people.focal))
    assert any(c["attrs"].get("data-label") == "Tự chấm" and c["elements"] for c in focal.cells)
    _check_stacks(focal)
    _check_stacks(_cells(login(world.people.district)))


def test_the_appraisal_stacks_into_labelled_cards_for_the_appraiser_and_the_unit(
    world, criteria_set, login
):
    _submitted(world)
    _check_stacks(_cells(login(world.people.district)))
    _check_stacks(_cells(login(world.people.focal)))


def test_the_explanation_and_final_points_stack_into_labelled_cards(world, criteria_set, login):
    _explaining(world, criteria_set)
    focal = _cells(login(world.people.focal))
    assert any(c["attrs"].get("data-label") == "Giải trình" and c["elements"] for c in focal.cells)
    _check_stacks(focal)
    _check_stacks(_cells(login(world.people.district)))


def test_a_published_score_stacks_into_labelled_cards(world, criteria_set, login):
    found = _explaining(world, criteria_set)
    actions.finalise(found, by=world.people.district, survey_points=Decimal(25))
    _check_stacks(_cells(login(world.people.focal)))
    _check_stacks(_cells(login(world.people.district)))
