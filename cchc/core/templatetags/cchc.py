"""Template helpers shared by every page."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlsplit

from django import forms, template
from django.conf import settings
from django.forms import BoundField
from django.urls import Resolver404, get_script_prefix, resolve, reverse
from django.utils import timezone
from django.utils.html import escape

from cchc.formats.rounding import half_up
from cchc.org import names
from cchc.org.models import Unit

register = template.Library()

_SELECTS = {"select", "selectmultiple", "nullbooleanselect"}
_CHECKS = {"checkbox", "radioselect", "checkboxselectmultiple"}


@register.filter
def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: "các đơn vị thuộc tỉnh Tây Ninh" (org.names)."""
    return names.in_sentence(str(name))


@register.filter
def bs(field: BoundField, size: str = ""):
    """Render a form field's widget with Bootstrap classes and its error state; `size` "sm" for
    the small inputs of a compact form (`field|bs:"sm"`)."""
    kind = field.widget_type
    if kind in _CHECKS:
        css = "form-check-input"
    elif kind in _SELECTS:
        css = "form-select"
    else:
        css = "form-control"
    if size and kind not in _CHECKS:
        css = f"{css} {css}-{size}"
    attrs = {"class": css + (" is-invalid" if field.errors else "")}
    if field.errors:
        attrs["aria-describedby"] = f"{field.id_for_label}-error"
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def file_input(name: str, *label: object, small: bool = False):
    """A file input a template writes without a form field behind it (a table row's own small
    form), drawn by the same widget as every form's file field: the Vietnamese chooser of
    cchc/templates/django/forms/widgets/file.html (decision 0154). `label`, its words joined by
    spaces, is its accessible name, for an input no visible label points to."""
    css = "form-control form-control-sm" if small else "form-control"
    attrs = {"class": css, "aria-label": " ".join(str(word) for word in label)}
    return forms.FileInput(attrs=attrs).render(name, None)


@register.filter
def number(value, places: int = 2):
    """A number the Vietnamese way (1.234,5), without trailing zeros."""
    if value is None or value == "":
        return ""
    if value == 0:  # 0 and -0 are equal but written apart: not remembered
        return _written(value, places)
    try:  # a province's tables write the same few hundred figures thousands of times
        return _remembered(type(value), value, places)
    except TypeError:  # not hashable
        return _written(value, places)


@lru_cache(maxsize=4096)
def _remembered(_kind: type, value, places: int) -> str:
    return _written(value, places)


def _written(value, places: int) -> str:
    value = half_up(Decimal(str(value)), places)  # the one rounding rule: 3,125 → 3,13
    text = f"{value:,.{places}f}"
    if "." in text:  # trailing zeros of the decimals only: 5,990 stays 5.990
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@register.filter
def clip(value, length: int) -> str:
    """Text cut to at most `length` characters at the end of a word, with "…" (Django's
    `truncatechars` cuts inside one: "… văn bản quy phạm pháp lu…")."""
    text = str(value or "")
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    # back to the last space, unless a word ends just there; a very long word is cut inside
    end = cut.rfind(" ")
    if not text[length - 1].isspace() and end > length // 2:
        cut = cut[:end]
    return cut.rstrip(" ,;:.-–") + "…"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@lru_cache(maxsize=64)
def _around_id(name: str, prefix: str) -> tuple[str, str]:
    marker = "987654321"
    head, tail = reverse(name, args=[int(marker)]).split(marker)
    return head, tail


@register.filter
def url_with(pk, name: str) -> str:
    """`{% url name pk %}` for a view taking one id, without walking the URL resolver for every
    row of a long table (the address is built once per name and script prefix)."""
    head, tail = _around_id(name, get_script_prefix())
    return f"{head}{int(pk)}{tail}"


_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_CODE_MARKER = "code-987654321"


@lru_cache(maxsize=64)
def _around_code(name: str, prefix: str) -> tuple[str, str]:
    head, tail = reverse(name, args=[_CODE_MARKER]).split(_CODE_MARKER)
    return head, tail


@register.filter
def url_with_code(code, name: str) -> str:
    """`{% url name code %}` for a view taking one unit code (a slug), built like `url_with`:
    a province's tables link each of their hundreds of units. A code that is not a plain
    slug goes through the resolver."""
    return _with_code(code, name, _around_code(name, get_script_prefix()))


def _with_code(code, name: str, around: tuple[str, str]) -> str:
    """`url_with_code` with the address around the code (`_around_code`) already found."""
    code = str(code)
    if not _SLUG.match(code):
        return reverse(name, args=[code])
    head, tail = around
    return f"{head}{code}{tail}"


def unit_rows(rows, url_name: str, period_key: str, cells) -> str:
    """The body rows of a table of units side by side, as the templates' loop wrote them:
    each unit's name linking to its page `url_name` for the period, then `cells(row)` (text
    already safe). Written in one pass: a province's tables have hundreds of rows, and the
    template spent more on each row's lookups than on its figures."""
    key = escape(period_key)
    around = _around_code(url_name, get_script_prefix())  # once a table, not once a row
    return "".join(  # html.escape: Django's `escape` without its lazy wrapper, once a cell
        f'\n      <tr>\n        <th scope="row" class="fw-normal sticky-col"><a href="'
        f'{html.escape(_with_code(unit.code, url_name, around))}?period={key}">'
        f"{html.escape(str(unit.name))}</a>"
        f"</th>\n        {cells(row)}\n      </tr>\n    "
        for row in rows
        for unit in [row.unit]
    )


@register.filter
def one_of(value, names: str) -> bool:
    """`field.name|one_of:"content note"`: whether the value is one of the space-separated names."""
    return value in names.split()


@register.filter
def marks(link, nav):
    """Whether a menu link (navigation.Link) holds the page whose `nav` is given: itself or
    one of its dropdown's entries."""
    return link.marks(nav)


_SAME_PAGE_ARGS = {"code", "year", "key"}  # a page of a unit as a whole, not of one record


def _successor_page(path: str, unit: Unit, successor: Unit) -> str:
    """The page of `successor` that `path` (a page of `unit`) stands for: the same page with
    the code changed when it shows the unit as a whole (its figures, reports, PAR of a year…),
    else the successor's dashboard (a record's page: its id is not the successor's)."""
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    same = match is not None and match.kwargs.get("code") == unit.code
    if same and match is not None and set(match.kwargs) <= _SAME_PAGE_ARGS:
        return reverse(match.view_name, kwargs={**match.kwargs, "code": successor.code})
    return reverse("tracking:dashboard", args=[successor.code])


@register.inclusion_tag("includes/not_in_force.html", takes_context=True)
def not_in_force(context, unit) -> dict:
    """On every page of a unit dissolved by a reorganisation: since when, who took its work
    over and a link to the same page of that unit, where new records go (decision 0148). A
    unit in force costs no query."""
    today = timezone.localdate()
    if not isinstance(unit, Unit) or unit.valid_to is None or unit.valid_to >= today:
        return {"gone": False}
    successor = unit.successor_in_force(today)
    request = context.get("request")
    link = None
    if successor is not None:
        path = request.path if request is not None else ""
        link = _successor_page(path, unit, successor)
    return {
        "gone": True,
        "unit": unit,
        "since": unit.valid_to + dt.timedelta(days=1),
        "successor": successor,
        "link": link,
    }


_THIS_MACHINE = {"127.0.0.1", "localhost", "::1"}


@register.simple_tag(takes_context=True)
def site_url_unreachable(context) -> str:
    """CCHC_SITE_URL when it names only the server itself (the default, 127.0.0.1:8000) while
    the page was asked at another address: links and QR codes built from it would not open on
    a citizen's phone (decision 0159). Empty when it is fine."""
    site = urlsplit(settings.SITE_URL)
    request = context.get("request")
    if site.hostname not in _THIS_MACHINE or request is None or request.get_host() == site.netloc:
        return ""
    return settings.SITE_URL


@register.filter
def column_named(field: BoundField):
    """A box of a table of rows (the admin's tabular inlines) has no <label>: it is named by its
    column, the field's label, for screen readers (decision 0164). Otherwise drawn as Django
    draws it."""
    if field.is_hidden:
        return str(field)
    drawn = field.as_widget(attrs={"aria-label": str(field.label)})
    if field.field.show_hidden_initial:
        drawn += field.as_hidden(only_initial=True)
    return drawn
