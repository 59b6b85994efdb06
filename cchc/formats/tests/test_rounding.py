from decimal import Decimal
from fractions import Fraction

from cchc.formats.rounding import half_up, percent


def by_fractions(value: Fraction, places: int = 2) -> Decimal:
    """The rule written out with fractions: the nearest, halves away from zero."""
    scaled = abs(value) * 10**places
    whole = int(scaled) + (1 if scaled - int(scaled) >= Fraction(1, 2) else 0)
    return Decimal(-whole if value < 0 else whole).scaleb(-places)


def test_rates_round_half_up_as_officials_do():
    assert percent(1, 32) == 3.13  # 3.125: Python's round() would give 3.12
    assert percent(1, 8) == 12.5
    assert percent(2, 3) == 66.67
    assert percent(1, 3) == 33.33
    assert percent(1, 1) == 100
    assert percent(0, 5) == 0
    assert percent(1, 200_000) == 0  # 0.0005 %
    assert percent(1, 20_000) == 0.01  # 0.005 % rounds up
    assert percent(1, 0) is None  # no data is never 0 % or 100 %


def test_every_small_rate_equals_the_rule_written_with_fractions():
    for denominator in range(1, 130):
        for numerator in range(-3, denominator + 1):
            expected = by_fractions(Fraction(100 * numerator, denominator))
            assert percent(numerator, denominator) == float(expected), (numerator, denominator)


def test_points_and_halves_keep_their_decimals_and_sign():
    assert str(half_up(Fraction(15, 8))) == "1.88"  # 1.875
    assert str(half_up(Fraction(-15, 8))) == "-1.88"
    assert str(half_up(Decimal("2.675"))) == "2.68"  # exactly 2.675 as a Decimal
    assert str(half_up(Decimal("2.5"), 0)) == "3"
    assert str(half_up(7)) == "7.00"
    assert str(half_up(Fraction(1, 3), 4)) == "0.3333"
