"""The demo's dossiers follow each unit's life (decision 0151): received only while in force."""

import datetime as dt

from cchc.dossiers.demo import _window
from cchc.org.models import Unit

OLD = Unit(code="old", valid_to=dt.date(2025, 6, 30))
NEW = Unit(code="new", valid_from=dt.date(2025, 7, 1))


def test_the_old_wards_get_the_months_before_the_merger_and_the_new_ward_those_after():
    start, today = dt.date(2025, 1, 1), dt.date(2026, 3, 10)
    assert _window(OLD, start, today) == (start, dt.date(2025, 7, 1))
    assert _window(NEW, start, today) == (dt.date(2025, 7, 1), today)
    assert _window(Unit(code="always"), start, today) == (start, today)
    # a demo loaded before the merger: the new ward has no day yet
    first, end = _window(NEW, dt.date(2024, 1, 1), dt.date(2025, 6, 11))
    assert first >= end


def test_a_unit_dissolved_before_the_generated_years_keeps_its_last_six_months():
    # a demo loaded in 2027 generates from 2026: the old wards still show their last half-year
    start, today = dt.date(2026, 1, 1), dt.date(2027, 3, 10)
    assert _window(OLD, start, today) == (dt.date(2025, 1, 1), dt.date(2025, 7, 1))
    assert _window(NEW, start, today) == (start, today)
