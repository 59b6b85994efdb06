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
