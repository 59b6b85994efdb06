"""Template filters of the public pages."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def isodate(value: str | None) -> dt.date | None:
    """An ISO date of the open data ("2026-01-10") as a date, for the `date` filter."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@register.simple_tag
def index_chart(months: list[dict]):
    """The published index's monthly chart (the index page's own drawing), oldest first."""
    from cchc.index766.chart import chart_label, monthly_svg

    return monthly_svg([(m["month"], m["share"]) for m in reversed(months)], chart_label())
