"""Dates written in Python read as the templates write them, whatever language is active."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from cchc import formats

UTC = dt.UTC


def _template(text: str, value) -> str:
    """What a page shows for `value` through Django's `date` filter (USE_TZ: local time)."""
    with translation.override("vi"):
        return Template(text).render(Context({"value": value}))


@pytest.mark.parametrize(
    "value",
    [dt.date(2024, 3, 8), dt.date(2025, 12, 31), dt.date(1999, 1, 1), dt.date(2100, 2, 28)],
)
def test_a_day_reads_as_the_templates_date_filter_writes_it(value):
    assert formats.day(value) == _template('{{ value|date:"SHORT_DATE_FORMAT" }}', value)
    assert formats.day(value) == _template('{{ value|date:"DATE_FORMAT" }}', value)


def test_a_day_is_written_with_two_digit_day_and_month_and_a_four_digit_year():
    assert formats.day(dt.date(2024, 3, 8)) == "08/03/2024"


def test_a_day_stays_vietnamese_when_english_is_active():
    with translation.override("en"):
        assert formats.day(dt.date(2024, 3, 8)) == "08/03/2024"
        # what the language-following helper would have written instead
        assert date_format(dt.date(2024, 3, 8), "SHORT_DATE_FORMAT") == "03/08/2024"


def test_an_event_after_five_pm_utc_is_on_the_next_day_in_vietnam():
    late = dt.datetime(2024, 3, 8, 17, 30, 7, tzinfo=UTC)
    assert formats.day(late) == "09/03/2024"
    assert formats.moment(late) == "09/03/2024 00:30"
    assert formats.moment(late, seconds=True) == "09/03/2024 00:30:07"


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2024, 3, 8, 17, 30, tzinfo=UTC),
        dt.datetime(2024, 3, 8, 2, 5, tzinfo=UTC),
        dt.datetime(2024, 12, 31, 23, 59, tzinfo=UTC),
    ],
)
def test_a_moment_reads_as_the_templates_write_a_date_and_time(value):
    assert formats.moment(value) == _template('{{ value|date:"SHORT_DATETIME_FORMAT" }}', value)
    assert formats.day(value) == _template('{{ value|date:"SHORT_DATE_FORMAT" }}', value)


def test_a_naive_datetime_is_written_as_it_is():
    assert formats.moment(dt.datetime(2024, 3, 8, 9, 15)) == "08/03/2024 09:15"


def test_a_window_names_both_ends_with_a_spaced_dash():
    assert formats.window(dt.date(2024, 3, 8), dt.date(2024, 3, 15)) == "08/03/2024 – 15/03/2024"


def test_a_month_reads_as_the_templates_year_month_format():
    value = dt.date(2024, 3, 1)
    assert formats.month_year(value) == "03/2024"
    assert formats.month_year(value) == _template('{{ value|date:"YEAR_MONTH_FORMAT" }}', value)


def test_a_format_letter_without_a_strftime_twin_is_refused():
    assert formats.strftime_pattern("d/m/Y H:i") == "%d/%m/%Y %H:%M"
    with pytest.raises(KeyError):
        formats.strftime_pattern("j/n/Y")


def test_a_date_typed_as_officials_write_it_is_read_by_the_form_pattern():
    assert dt.datetime.strptime("08/03/2024", formats.DAY).date() == dt.date(2024, 3, 8)
