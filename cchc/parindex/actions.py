"""Every write of the PAR Index: atomic, audited, and the one place its rules are enforced.

Views check who may act (the access gate); these functions check what the assessment's stage,
deadlines and the criteria allow, and refuse with a Vietnamese message, saving nothing.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.evidence.actions import attach, keeping_files
from cchc.evidence.files import check_upload
from cchc.formats import day
from cchc.org.in_force import refusal

from . import rules, tell
from .choices import AreaRole, Stage
from .layout import ParsedSet
from .models import Assessment, CriteriaSet, Criterion, Score


def _num(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# --- criteria sets -------------------------------------------------------------------------


def _new_version(year: int) -> tuple[CriteriaSet, int]:
    """An unsaved set for `year` carrying the current one's groups and deadline, and its
    version: the current version's number while no assessment uses it (the current set is
    deleted and replaced), the next number once one does (the assessments keep theirs)."""
    current = CriteriaSet.objects.select_for_update().filter(year=year).order_by("-version").first()
    if current is None:
        return CriteriaSet(year=year, version=1), 1
    fresh = CriteriaSet(year=year, groups=current.groups, submit_by=current.submit_by)
    if current.assessments.exists():
        return fresh, current.version + 1
    version = current.version
    current.delete()
    return fresh, version


def _save_set(parsed: ParsedSet, *, year: int, by, name: str, **fields) -> CriteriaSet:
    criteria_set, version = _new_version(year)
    title = next((" ".join(r).strip() for r in parsed.title_rows if any(r)), "")
    criteria_set.version = version
    criteria_set.name = (name or title or _("PAR criteria %(year)s") % {"year": year})[:300]
    criteria_set.title_rows = parsed.title_rows
    criteria_set.created_by = by if getattr(by, "is_authenticated", False) else None
    for key, value in fields.items():
        setattr(criteria_set, key, value)
    criteria_set.save()
    saved: dict[str, Criterion] = {}
    for order, row in enumerate(parsed.rows, start=1):
        rule, spec = rules.parse_rule(row.guidance)
        saved[row.stt] = Criterion.objects.create(
            criteria_set=criteria_set,
            parent=saved.get(row.parent_stt) if row.parent_stt else None,
            order=order,
            stt=row.stt,
            kind=row.kind,
            area_role=row.area_role,
            name=row.name,
            max_points=row.max_points,
            rule=rule,
            rule_spec=spec,
            guidance=row.guidance,
            evidence_required=row.evidence_required,
        )
    return criteria_set


@transaction.atomic
def import_criteria(
    parsed: ParsedSet,
    *,
    year: int,
    by=None,
    name: str = "",
    source_name: str = "",
    is_sample: bool = False,
) -> CriteriaSet:
    """Save a checked set for `year`. The year's current version is replaced while no
    assessment uses it; once one does, the set becomes a new version and the assessments
    keep theirs."""
    criteria_set = _save_set(
        parsed, year=year, by=by, name=name, source_name=source_name[:255], is_sample=is_sample
    )
    record(
        "par.criteria_import",
        by=by,
        obj=criteria_set,
        after={
            "year": year,
            "version": criteria_set.version,
            "criteria": len(parsed.rows),
            "file": source_name,
        },
    )
    return criteria_set


@transaction.atomic
def build_criteria(
    parsed: ParsedSet, *, year: int, by, name: str, submit_by: dt.date | None = None
) -> CriteriaSet:
    """Save a set built by hand on its page (checked by `layout.checked` like an imported
    file), versioned like an import; the audit event lists each criterion's STT, name and
    maximum, so what changed between two versions can be read from the history."""
    criteria_set = _save_set(parsed, year=year, by=by, name=name, source_name="")
    if submit_by is not None:
        criteria_set.submit_by = submit_by
        criteria_set.save(update_fields=["submit_by"])
    record(
        "par.criteria_build",
        by=by,
        obj=criteria_set,
        after={
            "year": year,
            "version": criteria_set.version,
            "name": criteria_set.name,
            "submit_by": _day(criteria_set.submit_by),
            "criteria": [[r.stt, r.name, _num(r.max_points)] for r in parsed.rows],
        },
    )
    return criteria_set


# --- self-assessment -----------------------------------------------------------------------


def leaves(criteria_set: CriteriaSet) -> list[Criterion]:
    """The criteria a unit scores: leaves outside the survey area (the survey has one score)."""
    criteria = list(criteria_set.criteria.all())
    parents = {c.parent_id for c in criteria}
    return [
        c
        for c in criteria
        if c.id not in parents and c.area_role != AreaRole.SURVEY and c.parent_id is not None
    ]


def not_assessed(unit, year: int) -> str | None:
    """Why `unit` gets no assessment of `year` (not in force on 31/12: its successor's; 0148)."""
    return refusal(unit, dt.date(year, 12, 31), instead=_("that unit is assessed."))


@transaction.atomic
def open_assessment(unit, year: int, *, by, deadline: dt.date | None = None) -> Assessment:
    """The unit's assessment of `year` on the year's current criteria set (created once)."""
    existing = Assessment.objects.filter(unit=unit, year=year).first()
    if existing is not None:
        return existing
    reason = not_assessed(unit, year)
    if reason is not None:
        raise ValidationError(reason)
    criteria_set = CriteriaSet.current(year)
    if criteria_set is None:
        raise ValidationError(
            _("No PAR criteria set has been issued for %(year)s.") % {"year": year}
        )
    assessment = Assessment.objects.create(
        unit=unit, year=year, criteria_set=criteria_set, deadline=deadline or criteria_set.submit_by
    )
    Score.objects.bulk_create(
        Score(assessment=assessment, criterion=c) for c in leaves(criteria_set)
    )
    record(
        "par.assessment_open",
        by=by,
        obj=assessment,
        unit=unit,
        after={"year": year, "criteria_set": str(criteria_set), "deadline": _day(deadline)},
    )
    return assessment


def _locked(assessment_id: int, *stages: str) -> Assessment:
    """The assessment, locked for a step of its life: refused unless it is at one of `stages`."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment_id)
    if assessment.stage not in stages:
        raise ValidationError(
            _("This step is not open: the assessment is at “%(stage)s”.")
            % {"stage": assessment.get_stage_display()}
        )
    return assessment


def _checked_scores(
    assessment: Assessment, entries: dict[int, tuple[Decimal | None, str]]
) -> dict[int, Score]:
    """The assessment's scores by criterion, once every entry is checked (before any is saved):
    its criterion belongs to the assessment, its points fit the criterion."""
    scores = {s.criterion_id: s for s in assessment.scores.select_related("criterion")}
    for criterion_id, (points, _text) in entries.items():
        score = scores.get(criterion_id)
        if score is None:
            raise ValidationError(_("A criterion does not belong to this assessment."))
        rules.check_points(score.criterion, points)
    return scores


@transaction.atomic
def save_self_scores(
    assessment: Assessment, entries: dict[int, tuple[Decimal | None, str]], *, by
) -> int:
    """Enter self-scores {criterion id: (points, note)}; every entry is checked before any is
    saved. Returns how many changed."""
    assessment = _locked(assessment.pk, Stage.SELF)
    scores = _checked_scores(assessment, entries)
    changed = 0
    for criterion_id, (points, note) in entries.items():
        score = scores[criterion_id]
        if score.self_points == points and score.self_note == note:
            continue
        before = {"self_points": _num(score.self_points), "self_note": score.self_note}
        score.self_points, score.self_note = points, note
        score.save(update_fields=["self_points", "self_note"])
        record(
            "par.self_score",
            by=by,
            obj=score,
            unit=assessment.unit,
            before=before,
            after={"self_points": _num(points), "self_note": note},
        )
        changed += 1
    return changed


@contextmanager
def _with_file(score: Score, *stages: str, by, file=None, title: str = ""):
    """The assessment locked at one of `stages`, and a function attaching `file` (checked by
    content first) to the score: the file is kept only if the whole step commits."""
    checked = check_upload(file) if file is not None else None
    with keeping_files() as stored, transaction.atomic():
        assessment = _locked(score.assessment_id, *stages)

        def attach_file(owner: Score):
            return attach(
                owner,
                unit=assessment.unit,
                by=by,
                file=file,
                checked=checked,
                title=title,
                stored=stored,
            )

        yield assessment, attach_file


def add_evidence(score: Score, *, by, file=None, title: str = "") -> None:
    """More proof for a criterion: while the unit self-assesses or explains."""
    with _with_file(score, Stage.SELF, Stage.EXPLAINING, by=by, file=file, title=title) as (
        assessment,
        attach_file,
    ):
        evidence = attach_file(score)
        record(
            "par.evidence",
            by=by,
            obj=score,
            unit=assessment.unit,
            after={"evidence": str(evidence)},
        )


def _move(
    assessment: Assessment,
    stage: str,
    action: str,
    *,
    by,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    **fields,
):
    """One step of the assessment's life: it moves to `stage` with `fields` set, and the step
    is audited, from the stage it was at (the event is returned for the notification it
    sends)."""
    before = {"stage": assessment.stage, **(before or {})}
    assessment.stage = stage
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.save(update_fields=["stage", *fields])
    after = {"stage": stage, **(after or {})}
    unit = assessment.unit
    return record(
        action, by=by, obj=assessment, unit=unit, before=before, after=after, reason=reason
    )


def _may_submit(assessment: Assessment, today: dt.date) -> bool:
    if assessment.deadline is None or today <= assessment.deadline:
        return True
    return assessment.reopened_until is not None and today <= assessment.reopened_until


@transaction.atomic
def submit(assessment: Assessment, *, by, today: dt.date | None = None) -> Assessment:
    """The leader approves and submits; refused after the deadline unless reopened."""
    today = today or timezone.localdate()
    assessment = _locked(assessment.pk, Stage.SELF)
    if not _may_submit(assessment, today):
        raise ValidationError(
            _("The deadline (%(day)s) has passed: only the upper level can reopen the assessment.")
            % {"day": day(assessment.deadline)}
        )
    missing = assessment.scores.filter(self_points__isnull=True).select_related("criterion").first()
    if missing is not None:
        raise ValidationError(
            _("Criterion %(stt)s has no self-score yet.") % {"stt": missing.criterion.stt}
        )
    event = _move(
        assessment,
        Stage.SUBMITTED,
        "par.submit",
        by=by,
        approved_by=by,
        submitted_at=timezone.now(),
    )
    tell.submitted(assessment, event=event)
    return assessment


@transaction.atomic
def reopen(assessment: Assessment, *, by, until: dt.date, reason: str) -> Assessment:
    """The upper level gives the unit until `until` to finish and submit."""
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for reopening."))
    assessment = _locked(assessment.pk, Stage.SELF, Stage.SUBMITTED)
    event = _move(
        assessment,
        Stage.SELF,
        "par.reopen",
        by=by,
        before={"reopened_until": _day(assessment.reopened_until)},
        after={"reopened_until": _day(until)},
        reason=reason.strip(),
        reopened_until=until,
    )
    tell.returned(assessment, event=event, reason=reason.strip())
    return assessment


# --- appraisal -----------------------------------------------------------------------------


@transaction.atomic
def appraise(
    assessment: Assessment,
    entries: dict[int, tuple[Decimal | None, str]],
    *,
    by,
    final: bool = False,
) -> int:
    """The upper level accepts (points equal to the unit's) or adjusts each criterion; an
    adjustment needs its reason. `final` writes the final points (after the explanation
    round) instead of the appraised ones. All entries are checked before any is saved."""
    stages = (Stage.SUBMITTED, Stage.EXPLAINING) if final else (Stage.SUBMITTED,)
    assessment = _locked(assessment.pk, *stages)
    scores = _checked_scores(assessment, entries)
    for criterion_id, (points, reason) in entries.items():
        score = scores[criterion_id]
        reference = (
            score.appraised_points
            if final and score.appraised_points is not None
            else score.self_points
        )
        if points is not None and points != reference and not (reason or "").strip():
            raise ValidationError(
                _("Criterion %(stt)s: an adjustment needs its reason.")
                % {"stt": score.criterion.stt}
            )
    field = "final_points" if final else "appraised_points"
    changed = 0
    for criterion_id, (points, reason) in entries.items():
        score = scores[criterion_id]
        reason = (reason or "").strip()
        if getattr(score, field) == points and (final or score.appraisal_reason == reason):
            continue
        before = {field: _num(getattr(score, field)), "appraisal_reason": score.appraisal_reason}
        setattr(score, field, points)
        if reason:
            score.appraisal_reason = reason
        score.save(update_fields=[field, "appraisal_reason"])
        record(
            "par.appraise",
            by=by,
            obj=score,
            unit=assessment.unit,
            before=before,
            after={field: _num(points), "appraisal_reason": score.appraisal_reason},
            reason=reason,
        )
        changed += 1
    return changed


@transaction.atomic
def open_explanation(assessment: Assessment, *, by, deadline: dt.date) -> Assessment:
    """The unit is asked to explain the adjusted criteria by `deadline`."""
    assessment = _locked(assessment.pk, Stage.SUBMITTED)
    if assessment.scores.filter(appraised_points__isnull=True).exists():
        raise ValidationError(_("Appraise every criterion before the explanation round."))
    event = _move(
        assessment,
        Stage.EXPLAINING,
        "par.explanation_round",
        by=by,
        after={"explanation_deadline": _day(deadline)},
        explanation_deadline=deadline,
    )
    tell.explain(assessment, event=event)
    return assessment


def explain(
    score: Score, text: str, *, by, today: dt.date | None = None, file=None, title: str = ""
) -> Score:
    """The unit's explanation of an adjusted criterion, with a file of proof if given: both
    saved or neither."""
    today = today or timezone.localdate()
    with _with_file(score, Stage.EXPLAINING, by=by, file=file, title=title) as (
        assessment,
        attach_file,
    ):
        if assessment.explanation_deadline and today > assessment.explanation_deadline:
            raise ValidationError(
                _("The explanation round closed on %(day)s.")
                % {"day": day(assessment.explanation_deadline)}
            )
        if not (text or "").strip():
            raise ValidationError(_("Write the explanation."))
        score = Score.objects.get(pk=score.pk)
        before = {"explanation": score.explanation}
        score.explanation = text.strip()
        score.save(update_fields=["explanation"])
        after = {"explanation": score.explanation}
        if file is not None:
            after["evidence"] = str(attach_file(score))
        record("par.explain", by=by, obj=score, unit=assessment.unit, before=before, after=after)
    return score


@transaction.atomic
def finalise(assessment: Assessment, *, by, survey_points: Decimal | None = None) -> Assessment:
    """Publish the final score: each criterion's final points (the appraised ones where the
    upper level did not change them after the explanation), the survey, the total."""
    assessment = _locked(assessment.pk, Stage.SUBMITTED, Stage.EXPLAINING)
    criteria = list(assessment.criteria_set.criteria.all())
    weight = sum(
        (
            c.max_points or Decimal(0)
            for c in criteria
            if c.parent_id is None and c.area_role == AreaRole.SURVEY
        ),
        Decimal(0),
    )
    if survey_points is not None and not Decimal(0) <= survey_points <= weight:
        raise ValidationError(
            _("The survey's points must lie between 0 and its weight %(weight)s.")
            % {"weight": f"{weight.normalize():f}"}
        )
    scores = list(assessment.scores.all())
    for score in scores:
        if score.final_points is None:
            if score.appraised_points is None:
                raise ValidationError(_("Appraise every criterion before the final score."))
            score.final_points = score.appraised_points
            score.save(update_fields=["final_points"])
    result = rules.totals(criteria, {s.criterion_id: s.final_points for s in scores}, survey_points)
    event = _move(
        assessment,
        Stage.FINAL,
        "par.finalise",
        by=by,
        before={"final_total": _num(assessment.final_total)},
        after={"final_total": _num(result.total), "survey_points": _num(survey_points)},
        survey_points=survey_points,
        final_total=result.total,
        finalised_at=timezone.now(),
    )
    tell.appraised(assessment, event=event)
    return assessment
