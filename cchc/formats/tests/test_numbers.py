"""Whole numbers written in Python read as the templates' `number` filter writes them."""

import pytest
from django.template import Context, Template

from cchc import formats


@pytest.mark.parametrize("value", [0, 7, 999, 1000, 1234567, -45210])
def test_a_whole_number_reads_as_the_number_filter_writes_it(value):
    shown = Template("{% load cchc %}{{ value|number:0 }}").render(Context({"value": value}))
    assert formats.thousands(value) == shown


def test_thousands_are_set_apart_with_dots():
    assert formats.thousands(1234567) == "1.234.567"
    assert formats.thousands(999) == "999"


@pytest.mark.parametrize(
    "value, shown",
    [(63.6364, "63,64"), (1234.5, "1.234,5"), (100.0, "100"), (0, "0"), (1234567, "1.234.567")],
)
def test_a_figure_has_a_decimal_comma_and_no_trailing_zeros(value, shown):
    assert formats.figure(value) == shown
