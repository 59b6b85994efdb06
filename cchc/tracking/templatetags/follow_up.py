"""Small helpers for follow-up pages: status badges, rates, lead names."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cchc.tracking.choices import STATUS_COLOURS, Status

register = template.Library()


@register.filter
def status_badge(status):
    if not status:
        return ""
    colour = STATUS_COLOURS.get(status, "secondary")
    text_class = " text-dark" if colour in {"warning", "info"} else ""
    return format_html(
        '<span class="badge text-bg-{}{} status-{}">{}</span>',
        colour,
        text_class,
        status,
        Status(status).label,
    )


@register.filter
def rate(value):
    """A Rate (or a percentage) as "87,5%", or "—" when there is nothing to divide."""
    percent = getattr(value, "percent", value)
    if percent is None:
        return "—"
    text = f"{percent:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}%"


@register.filter
def fraction(value):
    """A Rate as "7/8"."""
    return f"{value.numerator}/{value.denominator}"


@register.filter
def lead_names(occurrence):
    parties = getattr(occurrence.task, "lead_parties", None)
    if parties is None:
        parties = [p for p in occurrence.task.parties.all() if p.role == "lead"]
    return ", ".join(p.text for p in parties) or _("no lead named")


@register.filter
def days_until(due, today):
    if not due or not today:
        return ""
    return (due - today).days


@register.filter
def abs_value(number):
    return abs(number) if isinstance(number, int) else number
