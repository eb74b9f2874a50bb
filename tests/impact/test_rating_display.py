"""How a site shows a rating: rounding and display thresholds."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from advocacy import (
    RatingDisplay,
    RatingRounding,
    from_dict,
    to_dict,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.impact.reviews import EXACT, G2, TENTHS


class TestDisplay:
    @pytest.mark.parametrize(
        ("rule", "mean", "shown"),
        [
            (G2, 4.0, 4.0),
            (G2, 4.01, 4.5),
            (G2, 4.5, 4.5),
            (G2, 4.51, 5.0),
            (G2, 1, 1.0),
            (TENTHS, 4.45, 4.5),  # the decimal 4.45, not the float just below it
            (TENTHS, 4.44, 4.4),
            (TENTHS, Fraction(449, 100), 4.5),
            (EXACT, 4.37, 4.37),
            (RatingDisplay(RatingRounding.HALF_UP, 0.3), 1, 1.0),  # kept on the scale
            (RatingDisplay(RatingRounding.UP, "0.3"), 5, 5.0),
        ],
    )
    def test_display(self, rule: RatingDisplay, mean: float, shown: float) -> None:
        assert rule.display(mean) == shown

    def test_default_is_g2(self) -> None:
        assert RatingDisplay(RatingRounding.UP, Decimal("0.5"), 1, 5) == G2

    def test_round_trip(self) -> None:
        for rule in (G2, EXACT, TENTHS):
            plain = json.loads(json.dumps(to_dict(rule)))
            assert from_dict(RatingDisplay, plain) == rule
        assert to_dict(G2) == {"rounding": "up", "step": "0.5", "low": 1, "high": 5}

    @pytest.mark.parametrize(
        ("options", "field", "error"),
        [
            ({"step": 0}, "step", InvalidValueError),
            ({"step": "-0.5"}, "step", InvalidValueError),
            ({"step": "half"}, "step", InvalidTypeError),
            ({"step": "NaN"}, "step", InvalidValueError),
            ({"rounding": "down"}, "rounding", InvalidTypeError),
            ({"low": 5, "high": 5}, "high", InvalidValueError),
            ({"low": -1}, "low", InvalidValueError),
        ],
    )
    def test_bad_rules(
        self, options: dict[str, object], field: str, error: type[Exception]
    ) -> None:
        with pytest.raises(error, match=rf"RatingDisplay\.{field}"):
            RatingDisplay(**options)  # type: ignore[arg-type]

    def test_display_checks_the_mean(self) -> None:
        with pytest.raises(InvalidValueError, match=r"RatingDisplay\.display\.mean"):
            G2.display(6)
