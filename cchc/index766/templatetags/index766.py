"""How the index page writes its long tables."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from cchc.core.templatetags.cchc import number

register = template.Library()


@register.simple_tag
def group_cells(groups):
    """A unit's row of group points in the units-side-by-side table ("12,5/20", "—" without
    data), written here as plain text rather than cell by cell in the template: a province
    ranks 300 communes × every group. Only numbers go in: nothing to escape."""
    cells = [
        '<td class="text-end text-nowrap">—</td>'
        if group.points is None
        else f'<td class="text-end text-nowrap">{number(group.points)}/{number(group.max)}</td>'
        for group in groups
    ]
    return mark_safe("".join(cells))  # numbers only
