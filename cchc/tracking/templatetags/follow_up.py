"""Small helpers for follow-up pages: status badges, rates, lead names."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
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


@lru_cache(maxsize=8)
def _task_url_around(prefix: str) -> tuple[str, str]:
    marker = 987654321
    head, tail = reverse("tracking:task", args=[marker]).split(str(marker))
    return head, tail


@register.filter
def task_url(task_id) -> str:
    """The task page's address, as `{% url 'tracking:task' id %}` gives it, without walking the
    URL resolver for every row of a long table."""
    head, tail = _task_url_around(get_script_prefix())
    return f"{head}{int(task_id)}{tail}"


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
