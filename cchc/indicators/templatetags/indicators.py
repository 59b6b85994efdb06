"""How an indicator's figure reads on a page: "87,5%", "1.234", or "không có dữ liệu"."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from cchc.core.templatetags.cchc import number

from ..tables import Row

register = template.Library()


@register.filter
def figure(value, definition):
    """The rate or count of an engine Value for `definition`; "no data" when nothing counts."""
    if value is None:
        return format_html('<span class="text-secondary no-data">{}</span>', _("no data"))
    shown = Row.shown_for(definition, value)
    if shown is None:
        return format_html('<span class="text-secondary no-data">{}</span>', _("no data"))
    return f"{number(shown)}%" if definition.is_rate else number(shown, 0)


@register.simple_tag
def figure_cells(values, definitions):
    """One row's cells of the units-side-by-side table, rendered here rather than cell by cell
    in the template: a province compares 300 communes × every indicator."""
    return format_html_join(
        "",
        '<td class="text-end text-nowrap"{}>{}</td>',
        ((_ratio(values.get(d.code), d), figure(values.get(d.code), d)) for d in definitions),
    )


def _ratio(value, definition) -> str:
    if definition.is_rate and value is not None and value.denominator:
        return format_html(' title="{}/{}"', value.numerator, value.denominator)
    return ""


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
