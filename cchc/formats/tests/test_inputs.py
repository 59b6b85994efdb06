"""Dates typed dd/mm/yyyy in a text box: the widget, the field, the reading of a hand-written box,
and the guard that no page brings the browser's date picker back (decision 0155)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from cchc.formats.inputs import DayField, typed_day

CCHC = Path(__file__).resolve().parents[2]
# type="date", type='date', type=date, or a form's attrs {"type": "date"}
DATE_PICKER = re.compile(r"""type\s*=\s*["']?date\b|["']type["']\s*:\s*["']date["']""")


class WindowForm(forms.Form):
    start = DayField(label="Từ ngày")


def test_the_box_writes_the_date_as_officials_do_and_is_no_date_picker():
    html = str(WindowForm(initial={"start": dt.date(2026, 3, 5)})["start"])
    assert 'value="05/03/2026"' in html
    assert 'placeholder="dd/mm/yyyy"' in html and 'inputmode="numeric"' in html
    assert 'type="text"' in html and 'type="date"' not in html


@pytest.mark.parametrize("typed", ["05/03/2026", "5/3/2026", "05/03/26", "2026-03-05"])
def test_the_fifth_of_march_is_read_whatever_the_spelling_and_language(typed):
    with translation.override("en"):  # an English session reads 03/05 as 3 May by default
        form = WindowForm({"start": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == dt.date(2026, 3, 5)


def test_a_mistyped_date_is_refused_naming_the_field():
    form = WindowForm({"start": "31/02/2026"})
    assert not form.is_valid()
    assert form.errors["start"] == ["Từ ngày: nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026."]


def test_a_hand_written_box_is_read_the_same_way():
    assert typed_day(" 05/03/2026 ", "Từ ngày") == dt.date(2026, 3, 5)
    assert typed_day("2026-03-05", "Từ ngày") == dt.date(2026, 3, 5)  # old links, bookmarks
    assert typed_day("", "Từ ngày") is None and typed_day(None, "Từ ngày") is None
    with pytest.raises(ValidationError) as refused:
        typed_day("13/13/2026", "Đến ngày")
    assert refused.value.messages == ["Đến ngày: nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026."]


def test_no_template_and_no_form_brings_the_browsers_date_picker_back():
    """Its format follows the browser's language (mm/dd/yyyy on an English Windows): every date
    box is `formats.inputs.DateInput` / `DayField`, or a hand-written box with a dd/mm/yyyy
    placeholder."""
    found = []
    for path in sorted(CCHC.rglob("*")):
        if path.suffix not in {".py", ".html"} or "tests" in path.relative_to(CCHC).parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if DATE_PICKER.search(line):
                found.append(f"{path.relative_to(CCHC)}:{number}")
    assert found == []
