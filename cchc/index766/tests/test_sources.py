"""The criteria other apps feed are read once for a page: each unit over its own windows."""

from __future__ import annotations

import datetime as dt

from cchc.feedback.tests.test_feedback import make
from cchc.index766 import sources

JUNE = (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
JULY = (dt.date(2024, 7, 1), dt.date(2024, 7, 31))
BOTH = (dt.date(2024, 6, 1), dt.date(2024, 7, 31))


def test_one_read_gives_each_unit_its_own_windows_judged_at_their_ends(world):
    june = dt.date(2024, 6, 3)  # Monday; an answer is due on 24/6
    make(world.commune, "A", june, dt.date(2024, 6, 10), dt.date(2024, 6, 11))  # on time
    make(world.commune, "F", dt.date(2024, 6, 25))  # unanswered: not yet due on 30/6, late by 31/7
    make(world.other, "G", june)  # unanswered, past due
    found = sources.read_each(
        [
            (world.district, [BOTH, JUNE, JULY]),
            (world.commune, [BOTH]),
            (world.other, [BOTH]),
        ],
        {"feedback_on_time"},
    )
    assert set(found) == {
        (world.district.pk, BOTH),
        (world.district.pk, JUNE),
        (world.district.pk, JULY),
        (world.commune.pk, BOTH),
        (world.other.pk, BOTH),
    }
    on_time = {key: figures["feedback_on_time"] for key, figures in found.items()}
    assert on_time[world.district.pk, JUNE] == (2, 3)  # A, F
    assert on_time[world.district.pk, JULY] == (0, 0)  # nothing received: nothing to handle
    assert on_time[world.district.pk, BOTH] == (1, 3)  # A
    assert on_time[world.commune.pk, BOTH] == (1, 2)  # A
    assert on_time[world.other.pk, BOTH] == (0, 1)
