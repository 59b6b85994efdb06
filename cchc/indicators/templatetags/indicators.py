"""How an indicator's figure reads on a page: "87,5%", "1.234", or "không có dữ liệu"."""

from __future__ import annotations

import functools

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cchc.core.templatetags.cchc import number, unit_rows

from ..tables import Row

register = template.Library()


def _no_data() -> str:
    return _no_data_in(get_language())


@functools.lru_cache(maxsize=16)
def _no_data_in(language: str | None) -> str:
    """ "no data", marked up, once per language (a province's table writes it thousands of
    times)."""
    return format_html('<span class="text-secondary no-data">{}</span>', _("no data"))


@register.filter
def figure(value, definition, no_data=None):
    """The rate or count of an engine Value for `definition`; "no data" when nothing counts
    (`no_data`, that text already marked up, may be given by a caller writing many)."""
    shown = None if value is None else Row.shown_for(definition, value)
    if shown is None:
        return no_data or _no_data()
    return f"{number(shown)}%" if definition.is_rate else number(shown, 0)


@register.simple_tag
def figure_cells(values, definitions):
    """One row's cells of the units-side-by-side table, written here as plain text rather
    than cell by cell in the template: a province compares 300 communes × every indicator.
    What goes in needs no escaping: numbers, whole numbers and the marked-up "no data"."""
    no_data = _no_data()
    cells = []
    for definition in definitions:
        value = values.get(definition.code)
        title = ""
        if definition.is_rate and value is not None and value.denominator:
            title = f' title="{int(value.numerator)}/{int(value.denominator)}"'
        shown = figure(value, definition, no_data)
        cells.append(f'<td class="text-end text-nowrap"{title}>{shown}</td>')
    return mark_safe("".join(cells))  # numbers and escaped text only


@register.filter
def meets_full_points(value, definition) -> bool:
    """Whether the value reaches the level that earns full points, when one is set."""
    goal = definition.full_points_target
    shown = Row.shown_for(definition, value) if value is not None else None
    if goal is None or shown is None:
        return False
    if definition.direction == definition.Direction.LOWER:
        return shown <= float(goal)
    return shown >= float(goal)


@register.simple_tag
def below_rows(tables, period_key: str):
    """The rows of the units-side-by-side table: each unit's name, linking to its indicator
    page for the period, and its figures (`figure_cells`)."""
    definitions = tables.definitions
    return mark_safe(  # escaped names and links, numbers
        unit_rows(
            tables.below,
            "indicators:unit",
            period_key,
            lambda row: figure_cells(row.values, definitions),
        )
    )


@register.simple_tag
def month_cells(row):
    """An indicator's cells in the month-by-month table: its figure each month ("—" without
    data), a rate's numerator and denominator in the title."""
    # the template's literal, translated: marked safe, as `{% translate %}` leaves it
    no_data = f'<span class="text-secondary" title="{_("no data")}">—</span>'
    definition = row.definition
    rate = definition.is_rate
    cells = []
    for value in row.months:
        title = ""
        if rate and value.denominator:
            title = f' title="{value.numerator}/{value.denominator}"'
        shown = escape(figure(value, definition)) if value.has_data else no_data
        cells.append(f'<td class="text-end text-nowrap"{title}>{shown}</td>')
    return mark_safe("".join(cells))  # numbers and escaped text only
