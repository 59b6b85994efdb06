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
    exact = Fraction(value)
    scale = 10**places
    scaled = abs(exact) * scale
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    signed = -whole if exact < 0 else whole
    return Decimal(signed).scaleb(-places)


def percent(numerator: int, denominator: int, places: int = 2) -> float | None:
    """100 × numerator ÷ denominator rounded half up to `places` decimals; None when the
    denominator is zero (no data is never 0 % or 100 %)."""
    if not denominator:
        return None
    return float(half_up(Fraction(100 * numerator, denominator), places))
