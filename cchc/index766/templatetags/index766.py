"""How the index page writes its long tables."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cchc.core.templatetags.cchc import number, unit_rows

register = template.Library()
INDENT = "\n        "  # the template's, between the cells of a row


@register.simple_tag
def score_cells(score):
    """A unit's cells in the units-side-by-side table: its total over the maximum that has
    data ("no data yet" without any), that share in %, and each group's "points/maximum"
    ("—" without data) — written here as plain text rather than cell by cell in the
    template: a province ranks 300 communes × every group. Only numbers and the escaped
    "no data yet" go in."""
    if score.total is None:
        total = format_html('<span class="text-secondary">{}</span>', _("no data yet"))
    else:
        total = f"{number(score.total)} / {number(score.max)}"
    share = "—" if score.share is None else number(score.share)
    groups = "".join(
        '<td class="text-end text-nowrap">—</td>'
        if group.points is None
        else f'<td class="text-end text-nowrap">{number(group.points)}/{number(group.max)}</td>'
        for group in score.groups
    )
    return mark_safe(  # numbers and escaped text only
        f'<td class="text-end text-nowrap">{total}</td>{INDENT}'
        f'<td class="text-end">{share}</td>{INDENT}{groups}'
    )


@register.simple_tag
def below_rows(scores, period_key: str):
    """The rows of the units-side-by-side table: each unit's name, linking to its index page
    for the period, and its cells (`score_cells`)."""
    return mark_safe(unit_rows(scores, "index766:unit", period_key, score_cells))  # escaped
