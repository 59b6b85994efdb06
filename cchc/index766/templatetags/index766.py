"""How the index page writes its long tables."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cchc.core.templatetags.cchc import number, unit_rows

register = template.Library()
INDENT = "\n        "  # the template's, between the cells of a row
GROUP_CELL = '<td class="text-end text-nowrap">{}</td>'


@register.simple_tag
def score_cells(score, written: dict | None = None) -> str:
    """A unit's cells in the units-side-by-side table: its total over the maximum that has
    data ("no data yet" without any measured), that share in %, the criteria measured of all,
    and each group's "points/maximum"
    ("—" without data) — written here as plain text rather than cell by cell in the
    template: a province ranks 300 communes × every group. Only numbers and the escaped
    "no data yet" go in. `written`: the cells already written for the same table, by their
    figures (rounded points repeat: 310 communes have some 60 distinct ones a group)."""
    written = {} if written is None else written
    key = ("total", score.total, score.max, score.share, score.measured, score.criteria_count)
    first = written.get(key)
    if first is None:
        first = written[key] = _total_cells(score)
    groups = []
    for group in score.groups:
        figures = (group.points, group.max)
        cell = written.get(figures)
        if cell is None:
            points, maximum = figures
            text = "—" if points is None else f"{number(points)}/{number(maximum)}"
            cell = written[figures] = GROUP_CELL.format(text)
        groups.append(cell)
    return mark_safe(f"{first}{''.join(groups)}")  # numbers and escaped text only


def _total_cells(score) -> str:
    """The cells of the total, its share of the maximum and the criteria measured, with the
    indent that follows: no total when no criterion was measured, no share when those
    measured weigh under half of the index (decision 0163)."""
    if not score.measured:  # no data, or none measured (decision 0163)
        total = format_html('<span class="text-secondary">{}</span>', _("no data yet"))
    else:
        total = f"{number(score.total)} / {number(score.max)}"
    share = "—" if score.share is None else number(score.share)
    return (
        f'<td class="text-end text-nowrap">{total}</td>{INDENT}'
        f'<td class="text-end">{share}</td>{INDENT}'
        f'<td class="text-end">{score.measured}/{score.criteria_count}</td>{INDENT}'
    )


@register.simple_tag
def below_rows(scores, period_key: str):
    """The rows of the units-side-by-side table: each unit's name, linking to its index page
    for the period, and its cells (`score_cells`)."""
    written: dict = {}
    return mark_safe(  # escaped
        unit_rows(scores, "index766:unit", period_key, lambda s: score_cells(s, written))
    )


@register.simple_tag
def month_cells(scores):
    """A group's cells in the month-by-month table: its "points/maximum" each month, "—"
    titled "no data yet" without data — plain text, as `score_cells`."""
    # the template's literal, translated: marked safe, as `{% translate %}` leaves it
    no_data = f'<span class="text-secondary" title="{_("no data yet")}">—</span>'
    return mark_safe(  # numbers and the translated literal only
        "".join(
            f'<td class="text-end text-nowrap">'
            f"{no_data if g.points is None else f'{number(g.points)}/{number(g.max)}'}</td>"
            for g in scores
        )
    )
