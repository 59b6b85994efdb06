"""The demo shows the PAR Index: the sample set, last year's ranking, this year in progress."""

import datetime as dt
import io

import pytest

from cchc.demo import load_demo
from cchc.org.models import Unit
from cchc.parindex.choices import Stage
from cchc.parindex.models import Assessment, CriteriaSet
from cchc.parindex.ranking import rank_under
from cchc.testing.demo import demo_data

TODAY = dt.date(2025, 6, 11)

# the demo as of TODAY is loaded once per test process and copied, as tracking's tests have it
pytestmark = pytest.mark.xdist_group("demo-2025-06-11")


@pytest.mark.django_db
def test_the_demo_ranks_last_year_and_has_thanh_tan_self_assessing_this_year():
    demo_data(io.StringIO(), today=TODAY)
    assert CriteriaSet.current(2025).is_sample and CriteriaSet.current(2024).is_sample
    ranked = rank_under(Unit.objects.get(code="tp-tay-ninh"), 2024)
    assert len(ranked) >= 5 and ranked[0].rank == 1
    assert {r.group for r in ranked} >= {"A", "B"}
    current = Assessment.objects.get(unit__code="thanh-tan", year=2025)
    assert current.stage == Stage.SELF
    scored = current.scores.filter(self_points__isnull=False).count()
    assert 0 < scored < current.scores.count()
    load_demo(io.StringIO(), today=TODAY)  # a second run adds nothing
    assert Assessment.objects.filter(year=2025).count() == 1
