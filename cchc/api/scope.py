"""What a token may name: its unit, the units below it and those its unit succeeded.

The one scope check of the API's endpoints. A row may name its unit by code or by e-ID code
(contract version 2, `Unit.objects.by_code`), as the file imports read them; an unknown code
is answered as one outside the token, so the answer does not tell which codes exist elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils.translation import gettext as _

from cchc.org.access import path_within, unit_scope
from cchc.org.models import Unit


def token_of(request: HttpRequest):
    """The `ApiToken` the request authenticated with (set by `TokenAuth`)."""
    return request.api_token  # type: ignore[attr-defined]


def allowed_paths(request: HttpRequest) -> tuple[str, ...]:
    return unit_scope(token_of(request).unit)


def in_scope(request: HttpRequest, unit: Unit) -> bool:
    return path_within(unit.path, allowed_paths(request))


def outside(allowed: tuple[str, ...], codes: Iterable[str]) -> list[str]:
    """The codes, sorted, that name no unit within `allowed` (a token's `allowed_paths`),
    unknown ones included."""
    codes = set(codes)
    units = Unit.objects.by_code(codes)
    return sorted(c for c in codes if c not in units or not path_within(units[c].path, allowed))


def refusal(codes: list[str]) -> str:
    """The 403's `detail` for codes outside the token."""
    return _("These units are outside the token's unit: %(codes)s") % {"codes": ", ".join(codes)}
