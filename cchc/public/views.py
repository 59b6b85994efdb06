"""The public pages of a unit, without login: `/cong-khai/<code>/`, the dossier lookup and the
open data. Nothing here reads a person: only `figures.py` aggregates and `lookup.py`'s
procedure, status and dates."""

from __future__ import annotations

import csv
import functools
import io
import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cchc.accounts.addresses import client_address
from cchc.org.models import Unit
from cchc.surveys.limits import hit

from . import cache, lookup
from .opendata import csv_rows


def by_unit(view):
    """The view gets the unit of the address's code; an unknown code gets a clear 404 page."""

    @functools.wraps(view)
    def wrapped(request, code: str):
        fields = ("pk", "code", "name", "kind", "path", "valid_from", "valid_to")
        unit = Unit.objects.filter(code=code).only(*fields).first()
        if unit is None:
            context = {"message": _("No unit has this code.")}
            return render(request, "public/message.html", context, status=404)
        return view(request, unit)

    return wrapped


def _remembered(kind: str, unit: Unit, write) -> str:
    """The unit's published figures of today written by `write(figures)` as `kind` (the page,
    JSON, CSV), from the cache while fresh: the key and the figures are of the same day."""
    today = timezone.localdate()
    return cache.remembered(
        cache.key(kind, unit, today), lambda: write(cache.unit_figures(unit, today))
    )


@require_safe
@by_unit
def unit_page(request, unit: Unit):
    def page(figures: dict) -> str:
        # a unit dissolved by the 2025 reorganisation: where its work went, to follow it there
        successor = unit.successor_in_force(timezone.localdate())
        context = {"unit": unit, "data": figures, "successor": successor}
        return render_to_string("public/unit.html", context)

    return HttpResponse(_remembered("page", unit, page))


@require_safe
@by_unit
def dossier_lookup(request, unit: Unit):
    context: dict[str, object] = {"unit": unit, "code": (request.GET.get("ma") or "")[:80]}
    if not str(context["code"]).strip():
        # the page opened without a code (typed or bookmarked): the form, not an error
        return render(request, "public/lookup.html", context)
    address = client_address(request) or "-"
    if not hit("public-lookup", address, settings.PUBLIC_LOOKUPS_PER_MINUTE):
        context["message"] = _(
            "Too many lookups from your address in the last minute. Please wait a minute and "
            "try again."
        )
        return render(request, "public/lookup.html", context, status=429)
    try:
        context["found"] = lookup.find(unit, str(context["code"]), timezone.localdate())
    except lookup.Refused as refusal:
        context["message"] = refusal.message
        return render(request, "public/lookup.html", context, status=refusal.status)
    return render(request, "public/lookup.html", context)


@require_safe
@by_unit
def open_data_json(request, unit: Unit):
    def as_json(figures: dict) -> str:
        return json.dumps(figures, ensure_ascii=False, indent=1)

    content = _remembered("json", unit, as_json)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@by_unit
def open_data_csv(request, unit: Unit):
    def as_csv(figures: dict) -> str:
        out = io.StringIO()
        csv.writer(out).writerows(csv_rows(figures))
        return "\ufeff" + out.getvalue()

    content = _remembered("csv", unit, as_csv)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cong-khai-{unit.code}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
