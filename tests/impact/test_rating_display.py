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
from advocacy._impact.rating_display import display_threshold
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
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


STEP_WORDS = "a step above 0 (a Decimal, a float or a numeric string)"


class TestRuleChecks:
    @pytest.mark.parametrize(
        ("step", "error", "value"),
        [
            ("half", InvalidTypeError, "half"),
            (Fraction(1), InvalidTypeError, Fraction(1)),  # not read as a step
            (0, InvalidValueError, Decimal(0)),
            ("-0.5", InvalidValueError, Decimal("-0.5")),
        ],
    )
    def test_a_bad_step_says_what_a_step_is(
        self, step: object, error: type[Exception], value: object
    ) -> None:
        refusal = refused(
            error,
            "RatingDisplay.step",
            lambda: RatingDisplay(step=step),  # type: ignore[arg-type]
            value=value,
        )
        assert isinstance(refusal, InvalidValueError | InvalidTypeError)
        assert refusal.expected == STEP_WORDS

    def test_a_scale_that_does_not_ascend(self) -> None:
        refusal = refused(
            InvalidValueError,
            "RatingDisplay.high",
            lambda: RatingDisplay(low=5, high=5),
            value=5,
        )
        assert refusal.expected == "more than low (5)"

    def test_a_mean_off_the_scale_is_named(self) -> None:
        refused(
            InvalidValueError,
            "RatingDisplay.display.mean",
            lambda: G2.display(6),
            value=6,
            expected="a rating from 1 to 5",
        )

    def test_unrounded(self) -> None:
        assert RatingDisplay.unrounded() == RatingDisplay(
            RatingRounding.NONE, Decimal("0.5"), 1, 5
        )
        wide = RatingDisplay.unrounded(low=0, high=10)
        assert (wide.rounding, wide.low, wide.high) == (RatingRounding.NONE, 0, 10)
        assert EXACT.display(4.37) == 4.37


class TestDisplayThreshold:
    @pytest.mark.parametrize(
        ("rule", "target", "threshold"),
        [
            (G2, Fraction(1), (Fraction(1), False)),  # the bottom always shows
            (TENTHS, Fraction(1), (Fraction(1), False)),
            (G2, Fraction(5), (Fraction(9, 2), True)),  # above 4.5
            (G2, Fraction(9, 2), (Fraction(4), True)),
            (TENTHS, Fraction(9, 2), (Fraction(89, 20), False)),  # from 4.45
            (EXACT, Fraction(9, 2), (Fraction(9, 2), False)),
        ],
    )
    def test_threshold(
        self, rule: RatingDisplay, target: Fraction, threshold: tuple[Fraction, bool]
    ) -> None:
        assert display_threshold(rule, target) == threshold
