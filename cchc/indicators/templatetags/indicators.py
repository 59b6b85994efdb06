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
CELL = '<td class="text-end text-nowrap"'  # a figure's cell, its attributes left open


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
    return mark_safe(_cells(values, _columns(definitions), _no_data()))  # numbers, no_data


def _columns(definitions) -> list[tuple[str, bool]]:
    """Each indicator's code and whether it is a rate, asked once for a whole table."""
    return [(d.code, d.is_rate) for d in definitions]


def _cells(values, columns: list[tuple[str, bool]], no_data: str) -> str:
    """`figure_cells` of the `_columns`: a figure as `figure` writes it, a rate with its
    numerator and denominator in the title."""
    cells = []
    for code, rate in columns:
        value = values.get(code)
        if value is None or not value.denominator:  # no data
            cells.append(f"{CELL}>{no_data}</td>")
        elif rate:
            title = f"{int(value.numerator)}/{int(value.denominator)}"
            cells.append(f'{CELL} title="{title}">{number(value.value)}%</td>')
        else:
            cells.append(f"{CELL}>{number(float(value.numerator), 0)}</td>")
    return "".join(cells)


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
    columns, no_data = _columns(tables.definitions), _no_data()
    return mark_safe(  # escaped names and links, numbers
        unit_rows(
            tables.below,
            "indicators:unit",
            period_key,
            lambda row: _cells(row.values, columns, no_data),
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
