"""The plans' satisfaction targets are measured by the survey index."""

import pytest
from django.utils import timezone

from cchc.indicators import targets as indicator_targets
from cchc.plans import measures
from cchc.surveys import actions, results
from cchc.testing.factories import PlanFactory, TargetFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_a_satisfaction_target_takes_the_survey_index_of_the_plans_unit(world, campaign):
    today = timezone.localdate()
    for value in ("5", "5", "4", "2"):
        actions.submit(campaign, world.commune, form_data(campaign, value), today=today)
    plan = PlanFactory(unit=world.commune, year=today.year)
    satisfaction = TargetFactory(
        plan=plan, text="Mức độ hài lòng của người dân, tổ chức đạt tối thiểu 90%", value=90
    )
    other = TargetFactory(plan=plan, text="100% thủ tục được công khai", value=100)
    progress = measures.progress_of_plan(plan, today, [satisfaction, other])
    expected = float(results.satisfaction(world.commune, today.year))
    assert expected == 75.0  # 3 of 4 answers satisfied on every item
    assert progress[satisfaction.pk].value == expected
    assert progress[satisfaction.pk].source == "survey"
    assert progress[satisfaction.pk].status != indicator_targets.MET  # 75% is below 90%
    assert progress.get(other.pk) is None or progress[other.pk].source != "survey"
