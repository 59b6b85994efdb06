"""PAR Index pages: a unit's assessment of a year (self-assessment, appraisal, explanation,
final score), its points to win back, its Excel table, and the ranking of the units below a
unit. Every page fetches its unit through the access gate: another unit's assessment is a 404,
a role without the right is a 403; every write is one action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cchc.documents.excel import workbook_bytes
from cchc.formats.inputs import day_error, typed_day
from cchc.org.access import Action, access_for, unit_for
from cchc.org.models import Unit
from cchc.periods import FIRST_YEAR, LAST_YEAR

from . import actions, board, criteria_views, exports, page, winback
from .choices import Stage
from .models import Assessment, Score
from .ranking import progress_under, rank_under


def _page(code: str, year: int):
    return redirect("parindex:assessment", code=code, year=year)


def _assessment(unit, year: int) -> Assessment:
    found = Assessment.objects.filter(unit=unit, year=year).first()
    if found is None:
        raise Http404
    return found


def _appraiser_unit(request, code: str):
    """The unit, for someone who may appraise it: the upper level (scope over its parent)."""
    unit = unit_for(request.user, code, Action.APPRAISE)
    if unit.parent is None or not access_for(request.user).can(Action.APPRAISE, unit.parent):
        raise PermissionDenied(_("Only the upper level appraises a unit's PAR assessment."))
    return unit


def _points(raw: str, label: str) -> Decimal | None:
    raw = (raw or "").strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(
            _("Criterion %(stt)s: “%(value)s” is not a number.") % {"stt": label, "value": raw}
        ) from None
    if not value.is_finite():
        raise ValidationError(
            _("Criterion %(stt)s: “%(value)s” is not a number.") % {"stt": label, "value": raw}
        )
    return value.quantize(Decimal("0.01"))


def _date(raw: str, label) -> dt.date:
    """The date typed in a small form's box, dd/mm/yyyy; refused, naming the box, when empty
    or mistyped."""
    found = typed_day(raw, label)
    if found is None:
        raise ValidationError(day_error(label))
    return found


def _fail(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _step(request, code: str, year: int, step) -> HttpResponse:
    """Run one action (`step` returns the message to show, or ""); a refusal's messages
    instead; then back to the assessment page."""
    try:
        done = step()
    except ValidationError as error:
        _fail(request, error)
    else:
        if done:
            messages.success(request, done)
    return _page(code, year)


def _typed_step(request, code: str, year: int, step, *, in_bar: bool = False) -> HttpResponse:
    """A save of what was typed on the page (the table's points: self, appraised, final; a date
    box): done, back to the page; refused, the page again with what was typed in its inputs
    and the refusal's messages (a redirect would show the stored values and lose every entry
    typed) — `in_bar`, beside the action bar's small forms at the page's end, where the browser
    goes back to (#par-actions), not at its top."""
    try:
        done = step()
    except ValidationError as error:
        if in_bar:
            return _assessment_page(
                request, code, year, typed=request.POST, status=400, refused=error.messages
            )
        _fail(request, error)
        return _assessment_page(request, code, year, typed=request.POST, status=400)
    if done:
        messages.success(request, done)
    return _page(code, year)


@login_required
@require_safe
def assessment(request, code: str, year: int):
    return _assessment_page(request, code, year)


def _known_year(year: int) -> None:
    """404 for a year no assessment can have (its "previous year" link, year 0's -1, was a 500)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404


def _assessment_page(request, code: str, year: int, typed=None, status: int = 200, refused=()):
    _known_year(year)
    unit = unit_for(request.user, code)
    access = access_for(request.user)
    today = timezone.localdate()
    data = board.load(unit, year)
    found = data.assessment
    stage = found.stage if found else None
    upper = unit.parent is not None and access.can(Action.APPRAISE, unit.parent)
    can_appraise = stage == Stage.SUBMITTED and upper
    can_final = stage in (Stage.SUBMITTED, Stage.EXPLAINING) and upper
    modes = page.Modes(
        self=stage == Stage.SELF and access.can(Action.EDIT_PLAN, unit),
        appraise=can_appraise,
        final=can_final and not can_appraise,
        explain=stage == Stage.EXPLAINING and access.can(Action.EDIT_PLAN, unit),
    )
    rows = page.rows(unit, year, data, modes, today)
    if typed is not None:
        page.keep_typed(rows, typed)
    context = {
        "unit": unit,
        "year": year,
        "board": data,
        "rows": rows,
        "modes": modes,
        "today": today,
        # a unit not in force at the year's end gets no assessment of it: the reason instead
        "not_assessed": None if found is not None else actions.not_assessed(unit, year),
        "can_open": found is None
        and data.criteria_set is not None
        and access.can(Action.EDIT_PLAN, unit),
        "can_self": modes.self,
        "can_submit": stage == Stage.SELF and access.can(Action.APPROVE, unit),
        "can_appraise": can_appraise,
        "can_final": can_final,
        "can_explain": modes.explain,
        "can_reopen": stage in (Stage.SELF, Stage.SUBMITTED) and upper,
        "has_appraisal": exports.has_appraisal(data),
        # the upper level's ranking, linked only for those who may open it (a commune's
        # focal point got a 404 there)
        "ranking_unit": unit.parent
        if unit.parent is not None and access.can(Action.VIEW, unit.parent)
        else None,
        "nav": "parindex",
        "typed": typed or {},
        "refused": refused,
    }
    return render(request, "parindex/assessment.html", context, status=status)


@login_required
@require_POST
def open_assessment(request, code: str, year: int):
    unit = unit_for(request.user, code, Action.EDIT_PLAN)

    def step():
        actions.open_assessment(unit, year, by=request.user)
        return ""

    return _step(request, code, year, step)


def _entries(request, found: Assessment, text_field: str):
    entries = {}
    for score in found.scores.select_related("criterion"):
        key = f"points_{score.criterion_id}"
        if key not in request.POST:
            continue
        entries[score.criterion_id] = (
            _points(request.POST[key], score.criterion.stt),
            request.POST.get(f"{text_field}_{score.criterion_id}", "").strip(),
        )
    return entries


@login_required
@require_POST
def self_scores(request, code: str, year: int):
    unit = unit_for(request.user, code, Action.EDIT_PLAN)
    found = _assessment(unit, year)

    def step():
        changed = actions.save_self_scores(found, _entries(request, found, "note"), by=request.user)
        return _("%(n)s criteria saved.") % {"n": changed}

    return _typed_step(request, code, year, step)


@login_required
@require_POST
def add_evidence(request, code: str, year: int, score_id: int):
    done = _("Evidence attached to criterion %(stt)s.")
    return _with_file(request, code, year, score_id, actions.add_evidence, done)


def _with_file(request, code: str, year: int, score_id: int, action, done: str, *text):
    """A unit's step on one criterion with a file of proof (attach evidence, explain): the
    criterion fetched within the unit's assessment, one action, its message `done`."""
    unit = unit_for(request.user, code, Action.EDIT_PLAN)
    score = get_object_or_404(Score, pk=score_id, assessment=_assessment(unit, year))

    def step():
        action(
            score,
            *text,
            by=request.user,
            file=request.FILES.get("file"),
            title=request.POST.get("title", ""),
        )
        return done % {"stt": score.criterion.stt}

    return _step(request, code, year, step)


@login_required
@require_POST
def submit(request, code: str, year: int):
    unit = unit_for(request.user, code, Action.APPROVE)

    def step():
        actions.submit(_assessment(unit, year), by=request.user)
        return _("The self-assessment was submitted to the upper level.")

    return _step(request, code, year, step)


@login_required
@require_POST
def reopen(request, code: str, year: int):
    unit = _appraiser_unit(request, code)

    def step():
        actions.reopen(
            _assessment(unit, year),
            by=request.user,
            until=_date(request.POST.get("until", ""), _("Reopen until")),
            reason=request.POST.get("reason", ""),
        )
        return ""

    return _typed_step(request, code, year, step, in_bar=True)


@login_required
@require_POST
def appraise(request, code: str, year: int):
    unit = _appraiser_unit(request, code)
    found = _assessment(unit, year)
    final = request.POST.get("final") == "1"

    def step():
        changed = actions.appraise(
            found, _entries(request, found, "reason"), by=request.user, final=final
        )
        return _("%(n)s criteria saved.") % {"n": changed}

    return _typed_step(request, code, year, step)


@login_required
@require_POST
def explanation_round(request, code: str, year: int):
    unit = _appraiser_unit(request, code)

    def step():
        actions.open_explanation(
            _assessment(unit, year),
            by=request.user,
            deadline=_date(request.POST.get("deadline", ""), _("Explain by")),
        )
        return _("The unit was asked to explain by the deadline.")

    return _typed_step(request, code, year, step, in_bar=True)


@login_required
@require_POST
def explain(request, code: str, year: int, score_id: int):
    text = request.POST.get("explanation", "")
    done = _("Explanation saved for criterion %(stt)s.")
    return _with_file(request, code, year, score_id, actions.explain, done, text)


@login_required
@require_POST
def finalise(request, code: str, year: int):
    unit = _appraiser_unit(request, code)

    def step():
        survey = _points(request.POST.get("survey", ""), _("survey"))
        actions.finalise(_assessment(unit, year), by=request.user, survey_points=survey)
        return _("The final score was published.")

    return _step(request, code, year, step)


@login_required
@require_safe
def export(request, code: str, year: int):
    unit = unit_for(request.user, code)
    data = board.load(unit, year)
    if data.criteria_set is None:
        raise Http404
    response = HttpResponse(
        workbook_bytes(exports.assessment_book(unit, year, data)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="chi-so-cchc-{unit.code}-{year}.xlsx"'
    return response


@login_required
@require_safe
def document(request, code: str, year: int):
    """The self-assessment report, or with `?kind=appraisal` the appraisal notice, as .docx."""
    unit = unit_for(request.user, code)
    data = board.load(unit, year)
    kind = request.GET.get("kind", exports.SELF_REPORT)
    if data.assessment is None or kind not in (exports.SELF_REPORT, exports.APPRAISAL_NOTICE):
        raise Http404
    if kind == exports.APPRAISAL_NOTICE and not exports.has_appraisal(data):
        raise Http404
    response = HttpResponse(
        exports.assessment_docx(unit, year, data, kind),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = "tham-dinh" if kind == exports.APPRAISAL_NOTICE else "tu-danh-gia"
    response["Content-Disposition"] = (
        f'attachment; filename="chi-so-cchc-{name}-{unit.code}-{year}.docx"'
    )
    return response


@login_required
@require_safe
def win_back(request, code: str, year: int):
    unit = unit_for(request.user, code)
    found = _assessment(unit, year)
    context = {
        "unit": unit,
        "year": year,
        "assessment": found,
        "losses": winback.losses(found),
        "next_plan": winback.next_plan(unit, year),
        "can_add": access_for(request.user).can(Action.EDIT_PLAN, unit),
        "nav": "parindex",
    }
    return render(request, "parindex/win_back.html", context)


@login_required
@require_POST
def add_task(request, code: str, year: int, score_id: int):
    unit = unit_for(request.user, code, Action.EDIT_PLAN)
    score = get_object_or_404(
        Score.objects.select_related("criterion", "assessment__unit"),
        pk=score_id,
        assessment=_assessment(unit, year),
    )
    try:
        task = winback.add_to_next_plan(score, by=request.user)
        messages.success(
            request,
            _("Added to the %(year)s plan: %(title)s") % {"year": year + 1, "title": task.title},
        )
    except ValidationError as error:
        _fail(request, error)
    return redirect("parindex:win_back", code=code, year=year)


@login_required
@require_safe
def ranking(request, code: str, year: int):
    _known_year(year)
    unit = unit_for(request.user, code)
    rows = rank_under(unit, year, compare=True)
    # the units below not yet ranked, each linked to its assessment (the upper level's way in)
    progress = [
        row
        for row in progress_under(unit, year, timezone.localdate())
        if row.assessment is None or row.assessment.stage != Stage.FINAL
    ]
    root = Unit.objects.filter(pk=unit.lineage_ids()[0]).first() or unit
    # a unit listed with units of its own (a district) links to their ranking: the province's
    # way down to the communes' self-assessments (decision 0185)
    listed = [row.unit for row in rows] + [row.unit for row in progress]
    with_units = set(Unit.objects.filter(parent__in=listed).values_list("parent_id", flat=True))
    context = {
        "with_units": with_units,
        "criteria_root": root.code if criteria_views.may_edit(request.user, root) else None,
        "unit": unit,
        "year": year,
        "rows": rows,
        "progress": progress,
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 4, -1)),
        "nav": "parindex",
    }
    return render(request, "parindex/ranking.html", context)
