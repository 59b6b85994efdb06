"""How an indicator's figure reads on a page: "87,5%", "1.234", or "không có dữ liệu"."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cchc.core.templatetags.cchc import number

from ..tables import Row

register = template.Library()


def _no_data() -> str:
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
