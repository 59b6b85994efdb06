"""The one rounding rule of the product's figures: half up, as officials round (1/32 → 3.13).

Python's `round()` rounds half to even (3.125 → 3.12) and floats cannot hold 3.125 exactly
anyway, so rates are computed from the integers and rounded exactly here. Every rate and every
point figure goes through these functions (specs/dossiers-and-indicators.md, version 2).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def half_up(value: Fraction | Decimal | int, places: int = 2) -> Decimal:
    """`value` rounded half up (away from zero) to `places` decimals, exactly."""
    return half_up_ratio(*value.as_integer_ratio(), places)


def half_up_ratio(numerator: int, denominator: int, places: int = 2) -> Decimal:
    """`half_up` of numerator ÷ denominator, given as integers."""
    return Decimal(scaled_half_up(numerator, denominator, places)).scaleb(-places)


def scaled_half_up(numerator: int, denominator: int, places: int = 2) -> int:
    """numerator ÷ denominator × 10^places rounded half up (away from zero) to a whole
    number, in integers: ⌊(2·|n|·10^places + d) ÷ 2d⌋ with the sign of the quotient. What
    `half_up` and `percent` count in, without making Fractions (a province's page rounds
    tens of thousands of figures)."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    whole = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    return -whole if numerator < 0 else whole


def percent(numerator: int, denominator: int, places: int = 2) -> float | None:
    """100 × numerator ÷ denominator rounded half up to `places` decimals; None when the
    denominator is zero (no data is never 0 % or 100 %)."""
    if not denominator:
        return None
    # an int divided by an int is the float nearest the exact quotient, as float(Decimal) is
    return scaled_half_up(100 * numerator, denominator, places) / 10**places
