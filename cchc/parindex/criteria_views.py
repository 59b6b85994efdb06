"""The page that builds a year's criteria set by hand: the tree as rows (order, STT, name,
maximum, scoring guidance, evidence required) to edit, add, reorder or empty, checked as a
whole by the rules of the Excel import and saved as a new version through one action.

The set belongs to the top of the unit tree (the province): the page is addressed by that
unit's code; people outside it get 404, those who may only read it see it without the save
button and get 403 on a save; its editors are its home-affairs reviewers and administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.formats import day
from cchc.formats.inputs import typed_day
from cchc.org.access import Action, access_for, unit_for

from . import actions, layout
from .models import CriteriaSet

FIELDS = ("order", "stt", "name", "max", "guidance", "evidence")
BLANK_ROWS = 10


def may_edit(user, unit) -> bool:
    access = access_for(user)
    return access.can(Action.APPRAISE, unit) or access.can(Action.MANAGE, unit)


def _rows_of(criteria_set: CriteriaSet | None) -> list[dict]:
    if criteria_set is None:
        return []
    return [
        {
            "order": n,
            "stt": c.stt,
            "name": c.name,
            "max": "" if c.max_points is None else f"{c.max_points.normalize():f}",
            "guidance": c.guidance,
            "evidence": c.evidence_required,
        }
        for n, c in enumerate(criteria_set.criteria.all(), start=1)
    ]


def _posted_rows(post) -> list[dict]:
    rows = []
    for index in range(int(post.get("rows") or 0)):
        row = {f: (post.get(f"{f}_{index}") or "").strip() for f in FIELDS}
        if row["stt"] or row["name"]:
            rows.append(row)
    return rows


def _order(row: dict, position: int) -> tuple:
    try:
        return (float(row["order"].replace(",", ".")), position)
    except ValueError:
        return (float("inf"), position)


def parse(rows: list[dict]) -> layout.ParsedSet:
    """The page's rows in their order as a checked set, or LayoutError naming each row by its
    place on the page ("Row 3")."""
    ordered = [r for _pos, r in sorted(enumerate(rows), key=lambda p: _order(p[1], p[0]))]
    problems: list[str] = []
    parsed = []
    for line, row in enumerate(ordered, start=1):
        values = [row["stt"], row["name"], row["max"] or None, row["guidance"], row["evidence"]]
        found = layout.row_of(line, values, problems)
        if found is not None:
            parsed.append(found)
    rows[:] = ordered
    return layout.checked([], parsed, problems)


def _page(request, unit, year, rows, *, status=200, problems=(), name="", submit_by=""):
    """The build page; `submit_by` is the date as typed when a save was refused."""
    current = CriteriaSet.current(year)
    if not submit_by and current and current.submit_by:
        submit_by = day(current.submit_by)
    blank = {f: "" for f in FIELDS}
    context = {
        "unit": unit,
        "year": year,
        "current": current,
        "rows": rows + [dict(blank) for _ in range(BLANK_ROWS)],
        "problems": problems,
        "name": name or (current.name if current else ""),
        "submit_by": submit_by,
        "can_edit": may_edit(request.user, unit),
        "nav": "parindex",
    }
    return render(request, "parindex/criteria_build.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def build(request, code: str, year: int):
    unit = unit_for(request.user, code)
    if unit.parent_id is not None:
        raise Http404
    if request.method == "GET":
        return _page(request, unit, year, _rows_of(CriteriaSet.current(year)))
    if not may_edit(request.user, unit):
        raise PermissionDenied(_("Only the province's reviewers and administrators edit it."))
    rows = _posted_rows(request.POST)
    name = (request.POST.get("name") or "").strip()
    typed_by = request.POST.get("submit_by") or ""
    problems: list[str] = []
    try:
        submit_by = typed_day(typed_by, _("Self-assessments due by"))
    except ValidationError as error:
        problems += error.messages
    try:
        parsed = parse(rows)
    except layout.LayoutError as error:
        problems += error.problems
    if problems:  # nothing saved; the page again with what was typed
        return _page(
            request, unit, year, rows, status=400, problems=problems, name=name, submit_by=typed_by
        )
    saved = actions.build_criteria(
        parsed, year=year, by=request.user, name=name, submit_by=submit_by
    )
    messages.success(
        request,
        _("Criteria set %(year)s saved: version %(version)s, %(n)s rows.")
        % {"year": year, "version": saved.version, "n": len(parsed.rows)},
    )
    return redirect("parindex:criteria", code=code, year=year)
