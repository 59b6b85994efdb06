"""Numbers read the Vietnamese way on every page: dots between thousands, a comma for decimals."""

from decimal import Decimal

import pytest

from cchc.core.templatetags.cchc import number


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (5990, 0, "5.990"),
        (1000000, 0, "1.000.000"),
        (100, 2, "100"),
        (87.5, 2, "87,5"),
        (1234.56, 2, "1.234,56"),
        (0, 0, "0"),
        (0.0, 2, "0"),
        (None, 2, ""),
        # the one rounding rule, half up, as officials round — not half to even
        (3.125, 2, "3,13"),
        (Decimal("0.625"), 2, "0,63"),
        (2.5, 0, "3"),
    ],
)
def test_numbers_keep_their_zeros_and_drop_only_trailing_decimals(value, places, shown):
    assert number(value, places) == shown
