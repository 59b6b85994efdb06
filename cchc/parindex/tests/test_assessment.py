"""Self-assessment, appraisal, explanation and the final score, through the actions."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cchc.audit.models import AuditEvent
from cchc.parindex import actions
from cchc.parindex.choices import Stage
from cchc.parindex.models import Assessment, Score
from cchc.parindex.suggest import Figures, suggest
from cchc.plans.choices import PlanStatus
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking.actions import report_progress
from cchc.tracking.choices import UpdateState
from cchc.tracking.models import Occurrence
from cchc.tracking.schedule import sync_plan

pytestmark = pytest.mark.django_db

# final points per STT of the test set (conftest.ROWS), bonus +2 and penalty -3 included
POINTS = {"1.1": 10, "1.2": 7.5, "3.1": 10, "3.2.1": 8, "3.2.2": 4, "3.10": 15, "5.1": 2, "5.2": -3}


def _by_stt(assessment):
    return {s.criterion.stt: s for s in assessment.scores.select_related("criterion")}


def _self_score(assessment, points, by):
    scores = _by_stt(assessment)
    actions.save_self_scores(
        assessment,
        {scores[k].criterion_id: (Decimal(str(v)), "") for k, v in points.items()},
        by=by,
    )


def _through_appraisal(world, criteria_set, points=POINTS, unit=None, user=None):
    unit = unit or world.commune
    found = actions.open_assessment(unit, 2026, by=user or world.people.focal)
    _self_score(found, points, user or world.people.focal)
    actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 1))
    scores = _by_stt(found)
    actions.appraise(
        found,
        {scores[k].criterion_id: (Decimal(str(v)), "") for k, v in points.items()},
        by=world.people.district,
    )
    return Assessment.objects.get(pk=found.pk)


def test_the_final_total_is_the_sum_of_the_criteria_with_the_survey(world, criteria_set):
    found = _through_appraisal(world, criteria_set)
    actions.finalise(found, by=world.people.district, survey_points=Decimal("25"))
    found.refresh_from_db()
    scored = sum(v for k, v in POINTS.items() if not k.startswith("5"))
    bonus = POINTS["5.1"] + POINTS["5.2"]
    assert float(found.final_total) == pytest.approx(scored + 25 + bonus)  # 54.5 + 25 − 1
    assert found.stage == Stage.FINAL


def test_without_the_survey_the_appraised_points_are_rescaled_to_100(world, criteria_set):
    found = _through_appraisal(world, criteria_set)
    actions.finalise(found, by=world.people.district, survey_points=None)
    found.refresh_from_db()
    scored = sum(v for k, v in POINTS.items() if not k.startswith("5"))
    assert float(found.final_total) == pytest.approx(round(scored * 100 / 70 - 1, 2))  # 76.86


def test_points_above_the_maximum_or_below_zero_are_refused_and_nothing_is_saved(
    world, criteria_set
):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    scores = _by_stt(found)
    for stt, bad in [("1.1", "10.5"), ("3.10", "-1"), ("5.1", "3"), ("5.2", "-4"), ("5.2", "1")]:
        with pytest.raises(ValidationError):
            actions.save_self_scores(
                found,
                {
                    scores["1.2"].criterion_id: (Decimal(5), ""),
                    scores[stt].criterion_id: (Decimal(bad), ""),
                },
                by=world.people.focal,
            )
    assert not Score.objects.filter(self_points__isnull=False).exists()
    actions.save_self_scores(
        found, {scores["5.2"].criterion_id: (Decimal(-3), "")}, by=world.people.focal
    )


def test_points_refusal_speaks_vietnamese(world, criteria_set):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    scores = _by_stt(found)
    with pytest.raises(ValidationError) as refused:
        actions.save_self_scores(
            found, {scores["1.1"].criterion_id: (Decimal(11), "")}, by=world.people.focal
        )
    assert "Tiêu chí 1.1" in refused.value.messages[0] and "10" in refused.value.messages[0]


def test_submitting_after_the_deadline_is_refused_until_the_upper_level_reopens(
    world, criteria_set
):
    found = actions.open_assessment(
        world.commune, 2026, by=world.people.focal, deadline=dt.date(2026, 12, 15)
    )
    _self_score(found, POINTS, world.people.focal)
    with pytest.raises(ValidationError) as refused:
        actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 16))
    assert "15/12/2026" in refused.value.messages[0]
    assert Assessment.objects.get(pk=found.pk).stage == Stage.SELF
    actions.reopen(
        found, by=world.people.district, until=dt.date(2026, 12, 20), reason="Lỗi hệ thống"
    )
    actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 18))
    assert Assessment.objects.get(pk=found.pk).stage == Stage.SUBMITTED


def test_an_adjustment_without_a_reason_is_refused_and_one_with_it_is_audited(world, criteria_set):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    _self_score(found, POINTS, world.people.focal)
    actions.submit(found, by=world.people.leader, today=dt.date(2026, 12, 1))
    target = _by_stt(found)["3.10"]
    with pytest.raises(ValidationError):
        actions.appraise(
            found, {target.criterion_id: (Decimal(12), "  ")}, by=world.people.district
        )
    assert Score.objects.get(pk=target.pk).appraised_points is None
    actions.appraise(
        found, {target.criterion_id: (Decimal(12), "Thiếu biên bản")}, by=world.people.district
    )
    event = AuditEvent.objects.filter(action="par.appraise").latest("pk")
    assert event.user == world.people.district and event.reason == "Thiếu biên bản"
    assert event.before["appraised_points"] is None and event.after["appraised_points"] == "12"
    assert event.unit == world.commune and event.at is not None


def test_explanation_round_then_final_points_changed_with_a_reason(world, criteria_set):
    found = _through_appraisal(world, criteria_set)
    scores = _by_stt(found)
    actions.appraise(
        found,
        {scores["3.10"].criterion_id: (Decimal(10), "Thiếu minh chứng")},
        by=world.people.district,
    )
    actions.open_explanation(found, by=world.people.district, deadline=dt.date(2026, 12, 30))
    actions.explain(
        scores["3.10"], "Đã bổ sung biên bản", by=world.people.focal, today=dt.date(2026, 12, 28)
    )
    with pytest.raises(ValidationError):
        actions.explain(scores["3.10"], "Muộn", by=world.people.focal, today=dt.date(2026, 12, 31))
    with pytest.raises(ValidationError):
        actions.appraise(
            found,
            {scores["3.10"].criterion_id: (Decimal(14), "")},
            by=world.people.district,
            final=True,
        )
    actions.appraise(
        found,
        {scores["3.10"].criterion_id: (Decimal(14), "Chấp nhận giải trình")},
        by=world.people.district,
        final=True,
    )
    actions.finalise(found, by=world.people.district, survey_points=Decimal(25))
    final = {
        s.criterion.stt: s.final_points
        for s in Score.objects.filter(assessment=found).select_related("criterion")
    }
    assert final["3.10"] == 14 and final["1.2"] == Decimal(
        "7.5"
    )  # the others keep their appraised points
    assert Score.objects.get(pk=scores["3.10"].pk).explanation == "Đã bổ sung biên bản"


def test_a_suggestion_cites_the_plan_and_follows_it(world, criteria_set):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    criterion = _by_stt(found)["1.1"].criterion
    plan = PlanFactory(
        unit=world.commune, year=2026, number="06/KH-UBND", issued_on=dt.date(2026, 1, 5)
    )
    advice = suggest(criterion, Figures(world.commune, 2026, dt.date(2026, 6, 1)))
    assert advice.points == 10 and "05/01/2026" in advice.reason and "06/KH-UBND" in advice.reason
    plan.issued_on = dt.date(2026, 2, 10)
    plan.save()
    advice = suggest(criterion, Figures(world.commune, 2026, dt.date(2026, 6, 1)))
    assert advice.points == 0 and "10/02/2026" in advice.reason


def test_a_suggestion_cites_tasks_done_and_changes_when_one_more_is_done(world, criteria_set):
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    criterion = _by_stt(found)["1.2"].criterion
    plan = PlanFactory(unit=world.commune, year=2026, status=PlanStatus.ISSUED)
    for n in range(4):
        TaskFactory(plan=plan, due=dt.date(2026, 3, 1 + n), deadline_text="Tháng 3/2026")
    sync_plan(plan)
    occurrences = list(Occurrence.objects.filter(plan=plan).order_by("due"))
    report_progress(occurrences[0], by=world.people.focal, state=UpdateState.DONE, percent=100)
    first = suggest(criterion, Figures(world.commune, 2026, dt.date(2026, 6, 1)))
    assert "1/4" in first.reason and first.points == Decimal(0)  # below 50%: none
    report_progress(occurrences[1], by=world.people.focal, state=UpdateState.DONE, percent=100)
    second = suggest(criterion, Figures(world.commune, 2026, dt.date(2026, 6, 1)))
    assert "2/4" in second.reason and second.points == Decimal(5)  # 10 × 50 ÷ 100


def test_a_suggestion_rounds_its_share_half_up_like_every_other_figure(world, criteria_set):
    """1 task of 32 done is 3.125 %: officials (and every other page) write 3,13 %, not the
    3,12 % of rounding half to even."""
    found = actions.open_assessment(world.commune, 2026, by=world.people.focal)
    criterion = _by_stt(found)["1.2"].criterion

    class OneOf32(Figures):
        def tasks(self):
            return 1, 32

    advice = suggest(criterion, OneOf32(world.commune, 2026, dt.date(2026, 6, 1)))
    assert "1/32" in advice.reason and "3,13%" in advice.reason
    assert advice.figure == Decimal("3.13")


def test_par_score_prints_the_tree_total_survey_and_rank(world, criteria_set):
    found = _through_appraisal(world, criteria_set)
    actions.finalise(found, by=world.people.district, survey_points=Decimal(25))
    out = StringIO()
    call_command("par_score", "--unit", "xa-a", "--year", "2026", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    nodes = {n["code"]: n for n in result["tree"]}
    assert nodes["3"] == {**nodes["3"], "max": 50.0, "self": 37.0, "appraised": 37.0, "final": 37.0}
    assert nodes["3.10"]["name"] == "Tiếp nhận phản ánh"
    assert result["total"] == 78.5 and result["survey"] == 25.0 and result["rank"] == 1


def test_par_score_for_a_year_without_an_assessment_gives_the_tree_with_null_points(
    world, criteria_set
):
    out = StringIO()
    call_command("par_score", "--unit", "xa-a", "--year", "2026", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    assert [n["code"] for n in result["tree"]][:3] == ["1", "1.1", "1.2"]
    assert all(
        n["self"] is None and n["appraised"] is None and n["final"] is None for n in result["tree"]
    )
    assert result["total"] is None and result["survey"] is None and result["rank"] is None


def test_an_explanation_with_a_refused_file_saves_neither(world, criteria_set):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cchc.evidence.models import Evidence

    found = _through_appraisal(world, criteria_set)
    actions.open_explanation(found, by=world.people.district, deadline=dt.date(2026, 12, 30))
    score = _by_stt(found)["3.10"]
    bad = SimpleUploadedFile(
        "bien-ban.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError):
        actions.explain(
            score, "Đã bổ sung", by=world.people.focal, today=dt.date(2026, 12, 28), file=bad
        )
    assert Score.objects.get(pk=score.pk).explanation == ""
    assert not Evidence.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_steps_hold_their_own_transaction_when_no_caller_opened_one(world, criteria_set):
    """A command or the worker calls the actions outside any transaction: each step locks the
    assessment (select_for_update, refused by PostgreSQL outside a transaction) in its own."""
    found = _through_appraisal(world, criteria_set)
    assert found.stage == Stage.SUBMITTED
    assert all(s.self_points is not None for s in found.scores.all())
