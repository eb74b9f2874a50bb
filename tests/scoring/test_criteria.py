"""Criteria: how a threshold that does not suit its signal is refused."""

from __future__ import annotations

from advocacy import Comparison, Criterion, Signal
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused


def between(signal: Signal, threshold: object) -> Criterion:
    return Criterion("x", signal, Comparison.BETWEEN, threshold, 5)  # type: ignore[arg-type]


class TestThresholdRefusal:
    """A refused threshold names the signal it does not suit and what would."""

    def test_a_number_outside_the_range_names_the_range_and_the_signal(
        self,
    ) -> None:
        refused(
            InvalidValueError,
            r"Criterion\.threshold",
            lambda: Criterion("x", Signal.NPS, Comparison.GE, 11, 5),
            value=11,
            expected="a number from 0 to 10 for 'nps'",
        )

    def test_the_yes_no_signal_takes_is_true_and_no_threshold(self) -> None:
        error = refused(
            InvalidValueError,
            r"Criterion\.threshold",
            lambda: Criterion("x", Signal.RESPONDED_TO_REQUESTS, Comparison.GE, 1, 5),
            value=1,
        )
        assert error.expected == (
            "comparison 'is_true' with threshold None for the yes/no "
            "signal 'responded_to_requests'"
        )

    def test_is_true_on_a_numeric_signal_asks_for_a_numeric_comparison(
        self,
    ) -> None:
        error = refused(
            InvalidValueError,
            r"Criterion\.threshold",
            lambda: Criterion("x", Signal.NPS, Comparison.IS_TRUE, None, 5),
            value=None,
        )
        assert error.expected == "a numeric comparison for the numeric signal 'nps'"


class TestBetweenThreshold:
    """A `BETWEEN` threshold is a (low, high) pair within the signal's range."""

    def test_a_pair_of_three_is_of_the_wrong_kind(self) -> None:
        error = refused(
            InvalidTypeError,
            r"Criterion\.threshold",
            lambda: between(Signal.NPS, (1, 2, 3)),
            value=(1, 2, 3),
        )
        assert error.expected == "a (low, high) pair with low <= high for 'nps'"

    def test_a_low_end_above_the_high_end_is_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"Criterion\.threshold",
            lambda: between(Signal.HEALTH_SCORE, (90, 80)),
            value=(90, 80),
        )
        assert error.expected == (
            "a (low, high) pair with low <= high for 'health_score'"
        )

    def test_a_low_end_below_the_range_is_refused(self) -> None:
        # The high end, 5, is in range and above the low end: only the low
        # end's own check refuses the pair.
        error = refused(
            InvalidValueError,
            r"Criterion\.threshold",
            lambda: between(Signal.NPS, (-1, 5)),
            value=(-1, 5),
        )
        assert error.expected == (
            "a (low, high) pair with low <= high for 'nps', each a number from 0 to 10"
        )

    def test_a_high_end_above_the_range_says_what_each_end_accepts(self) -> None:
        refused(
            InvalidValueError,
            r"Criterion\.threshold",
            lambda: between(Signal.HEALTH_SCORE, (80, 101)),
            value=(80, 101),
            expected="for 'health_score', each a number from 0 to 100",
        )
