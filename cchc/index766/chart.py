"""The monthly chart of the index, drawn on the server as SVG (no script, no CDN).

Each month's bar is its total as a share of the maximum that has data that month (so months
whose criteria had no data are not shown as worse); a month scored with another version of the
index is left blank, never compared; the month not yet over is drawn pale and dashed, its title
saying so (its figures are days, not a month, and may still move). The table beside the chart
carries the same numbers.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 14, 34


def _number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def monthly_svg(
    bars: list[tuple[str, float | None]], label: str, unfinished: str | None = None
) -> SafeString:
    """`bars`: (month key YYYY-MM, share in % or None) in order; `unfinished`: the key of the
    month not yet over, if among them. The drawing is as wide as its bars need (a quarter stays
    legible on a phone)."""
    width = min(720, max(360, 60 * len(bars)))
    inner_w, inner_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / max(len(bars), 1)
    parts = [
        # drawn at its own size, narrower on a phone, on any page (the public one has only
        # Bootstrap): one month's bar is not blown up to the page's width
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {HEIGHT}" '
        f'width="{width}" height="{HEIGHT}" style="display:block;max-width:100%;height:auto" '
        f'class="index-chart" role="img" aria-labelledby="index-chart-title">'
        f'<title id="index-chart-title">{escape(label)}</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        y = TOP + inner_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dee2e6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#6c757d">{tick}</text>'
        )
    for index, (key, share) in enumerate(bars):
        x = LEFT + slot * index
        month = f"{key[5:]}/{key[2:4]}"
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
            f'font-size="11" fill="#212529">{escape(month)}</text>'
        )
        if share is None:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{TOP + inner_h - 4:.1f}" text-anchor="middle" '
                f'font-size="10" fill="#6c757d">—</text>'
            )
            continue
        height = inner_h * min(max(share, 0), 100) / 100
        bar = max(slot * 0.6, 4)
        title = f"{month}: {_number(share)}%"
        look = 'fill="#0d6efd"'
        if key == unfinished:
            title += " " + _("(month not over yet)")
            look = 'fill="#cfe2ff" stroke="#0d6efd" stroke-width="1.5" stroke-dasharray="4 3"'
        parts.append(
            f'<rect x="{x + (slot - bar) / 2:.1f}" y="{TOP + inner_h - height:.1f}" '
            f'width="{bar:.1f}" height="{height:.1f}" {look}>'
            f"<title>{escape(title)}</title></rect>"
        )
        if slot >= 34:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{TOP + inner_h - height - 3:.1f}" '
                f'text-anchor="middle" font-size="10" fill="#212529">{_number(share)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def chart_label() -> str:
    return _("Monthly total as a share of the maximum that has data (%)")
