"""Working days on the Vietnamese calendar: holidays by the lunar calendar, swapped days, and
the overrides an administrator adds."""

import datetime as dt

import pytest

from cchc.workdays.calendar import (
    add_working_days,
    day_info,
    days_off,
    is_working_day,
    next_working_day,
    previous_working_day,
    working_days_between,
)
from cchc.workdays.models import CalendarOverride, DayKind

D = dt.date

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # Tết Giáp Thìn 2024: 8–14 February off (Thursday to Wednesday).
        (D(2024, 2, 7), True),
        (D(2024, 2, 8), False),
        (D(2024, 2, 9), False),
        (D(2024, 2, 12), False),
        (D(2024, 2, 14), False),
        (D(2024, 2, 15), True),
        # Hùng Kings' day 2024 (10/3 lunar) is 18 April.
        (D(2024, 4, 18), False),
        # 30/4 and 1/5, with Monday 29/4/2024 off in exchange for Saturday 4/5/2024.
        (D(2024, 4, 29), False),
        (D(2024, 4, 30), False),
        (D(2024, 5, 1), False),
        (D(2024, 5, 2), True),
        (D(2024, 5, 4), True),
        # 2/9 with its adjacent day: 2–3/9/2024, 1–2/9/2025.
        (D(2024, 9, 2), False),
        (D(2024, 9, 3), False),
        (D(2024, 9, 4), True),
        (D(2025, 9, 1), False),
        (D(2025, 9, 2), False),
        # New Year's Day and ordinary weekends.
        (D(2025, 1, 1), False),
        (D(2025, 1, 2), True),
        (D(2024, 3, 9), False),
        (D(2024, 3, 10), False),
        (D(2024, 3, 11), True),
        # Tết Ất Tỵ 2025: 27/1–31/1 weekdays off.
        (D(2025, 1, 27), False),
        (D(2025, 1, 31), False),
        (D(2025, 2, 3), True),
    ],
)
def test_a_day_is_a_working_day_unless_a_weekend_or_a_public_holiday(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 3, 1), 1, D(2024, 3, 4)),  # Friday + 1 → Monday
        (D(2024, 3, 4), 5, D(2024, 3, 11)),
        (D(2024, 3, 4), 0, D(2024, 3, 4)),
        (D(2024, 2, 7), 1, D(2024, 2, 15)),  # over Tết 2024
        (D(2024, 2, 5), 5, D(2024, 2, 19)),  # 6, 7, 15, 16, 19
        (D(2024, 4, 26), 1, D(2024, 5, 2)),  # Fri 26/4 → over 29/4–1/5 (Sat 27, Sun 28 too)
        (D(2024, 5, 3), 1, D(2024, 5, 4)),  # Saturday 4/5/2024 is worked
        (D(2024, 8, 30), 1, D(2024, 9, 4)),  # over 2–3/9
        (D(2024, 3, 11), -1, D(2024, 3, 8)),  # backwards over a weekend
        (D(2024, 2, 15), -1, D(2024, 2, 7)),  # backwards over Tết
    ],
)
def test_adding_working_days_skips_weekends_and_holidays(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2024, 3, 4), D(2024, 3, 8), 4),
        (D(2024, 3, 1), D(2024, 3, 4), 1),
        (D(2024, 3, 4), D(2024, 3, 4), 0),
        (D(2024, 2, 1), D(2024, 2, 29), 15),  # 1/2 itself not counted; 5 days of Tết off
        (D(2024, 3, 8), D(2024, 3, 4), -4),
        (D(2024, 12, 31), D(2025, 1, 2), 1),  # over New Year
    ],
)
def test_working_days_between_counts_days_after_start_up_to_end(start, end, expected):
    assert working_days_between(start, end) == expected


def test_february_2024_has_sixteen_working_days():
    days = [D(2024, 2, d) for d in range(1, 30)]
    assert sum(is_working_day(d) for d in days) == 16
    assert working_days_between(D(2024, 1, 31), D(2024, 2, 29)) == 16


def test_adding_then_counting_round_trips_on_working_days():
    start = D(2024, 1, 2)
    for n in range(0, 80, 7):
        end = add_working_days(start, n)
        assert working_days_between(start, end) == n


def test_an_administrator_can_declare_a_saturday_worked_and_a_weekday_off():
    saturday, friday = D(2030, 3, 9), D(2030, 3, 15)
    assert not is_working_day(saturday)
    assert is_working_day(friday)
    CalendarOverride.objects.create(
        day=saturday, kind=DayKind.WORKING_DAY, name="Làm bù cho ngày 15/3"
    )
    CalendarOverride.objects.create(day=friday, kind=DayKind.DAY_OFF, name="Nghỉ bù")
    assert is_working_day(saturday)
    assert not is_working_day(friday)
    assert day_info(friday) == (False, "Nghỉ bù")
    assert add_working_days(D(2030, 3, 8), 1) == saturday
    assert working_days_between(D(2030, 3, 8), D(2030, 3, 18)) == 6


def test_a_unit_override_applies_to_the_unit_and_below_but_not_elsewhere(world):
    day = D(2030, 5, 6)  # a Monday
    CalendarOverride.objects.create(
        day=day, kind=DayKind.DAY_OFF, name="Ngày hội văn hóa tỉnh", unit=world.province
    )
    assert not is_working_day(day, world.commune)
    assert not is_working_day(day, world.province)
    assert is_working_day(day)
    other_province = type(world.province).objects.create(
        code="tinh-khac", name="Tỉnh khác", kind="province"
    )
    assert is_working_day(day, other_province)


def test_the_closest_units_override_wins(world):
    day = D(2030, 5, 6)
    CalendarOverride.objects.create(day=day, kind=DayKind.DAY_OFF, name="Toàn quốc nghỉ")
    CalendarOverride.objects.create(
        day=day, kind=DayKind.WORKING_DAY, name="Xã làm việc", unit=world.commune
    )
    assert is_working_day(day, world.commune)
    assert not is_working_day(day, world.other)


def test_deleting_an_override_restores_the_day():
    day = D(2030, 5, 6)
    override = CalendarOverride.objects.create(day=day, kind=DayKind.DAY_OFF, name="Nghỉ")
    assert not is_working_day(day)
    override.delete()
    assert is_working_day(day)


def test_previous_and_next_working_day_step_over_tet():
    assert previous_working_day(D(2024, 2, 12)) == D(2024, 2, 7)
    assert next_working_day(D(2024, 2, 12)) == D(2024, 2, 15)
    assert previous_working_day(D(2024, 2, 7)) == D(2024, 2, 7)
    assert previous_working_day(D(2024, 2, 7), inclusive=False) == D(2024, 2, 6)


def test_holiday_names_are_vietnamese():
    assert "Tết" in day_info(D(2024, 2, 10))[1]
    assert "Hùng" in day_info(D(2024, 4, 18))[1]


def test_the_list_of_days_off_of_a_year_names_weekday_holidays_and_worked_weekends():
    listed = dict(days_off(2024))
    assert D(2024, 2, 8) in listed
    assert D(2024, 5, 4) in listed  # a worked Saturday
    assert D(2024, 3, 9) not in listed  # an ordinary Saturday is not news


def test_counting_agrees_with_walking_day_by_day_across_years_and_overrides(world):
    import random

    CalendarOverride.objects.create(
        day=D(2025, 3, 8), kind=DayKind.WORKING_DAY, name="Làm bù", unit=world.commune
    )
    CalendarOverride.objects.create(day=D(2025, 3, 10), kind=DayKind.DAY_OFF, name="Nghỉ bù")
    rng = random.Random(7)
    for unit in (None, world.commune, world.other):
        for _ in range(40):
            start = D(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1400))
            end = start + dt.timedelta(days=rng.randint(-400, 400))
            low, high = min(start, end), max(start, end)
            walked = sum(
                is_working_day(low + dt.timedelta(days=i), unit)
                for i in range(1, (high - low).days + 1)
            )
            assert working_days_between(start, end, unit) == (walked if end >= start else -walked)
