"""Wilson and Newcombe intervals, the delta-method ratio interval, Gini."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy._internal.stats import (
    Z_95,
    gini,
    newcombe_interval,
    ratio_interval,
    wilson_interval,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused


class TestWilson:
    def test_worked_example(self) -> None:
        low, high = wilson_interval(81, 263)
        assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)

    def test_the_ends_of_the_scale(self) -> None:
        assert wilson_interval(0, 10)[0] == 0.0
        assert wilson_interval(10, 10)[1] == 1.0
        # One trial, one success: centre (1 + z²/2) / (1 + z²), half
        # z / (1 + z²) sqrt(z²/4), so low = 1 / (1 + z²).
        assert wilson_interval(1, 1)[0] == pytest.approx(1 / (1 + Z_95 * Z_95))

    @given(
        st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
    )
    def test_contains_the_proportion_within_the_scale(
        self, counts: tuple[int, int]
    ) -> None:
        successes, trials = counts
        low, high = wilson_interval(successes, trials)
        assert 0.0 <= low <= successes / trials <= high <= 1.0

    def test_counts_out_of_range_are_named(self) -> None:
        refused(
            InvalidValueError,
            r"wilson_interval\.trials",
            lambda: wilson_interval(0, 0),
            value=0,
            expected="an integer of at least 1",
        )
        refused(
            InvalidValueError,
            r"wilson_interval\.successes",
            lambda: wilson_interval(11, 10),
            value=11,
            expected="an integer from 0 to 10",
        )
        refused(
            InvalidValueError,
            r"wilson_interval\.successes",
            lambda: wilson_interval(2.5, 10),  # type: ignore[arg-type]
            value=2.5,
        )
        refused(
            InvalidTypeError,
            r"wilson_interval\.trials",
            lambda: wilson_interval(1, "10"),  # type: ignore[arg-type]
            value="10",
        )


class TestNewcombe:
    def test_worked_example(self) -> None:
        low, high = newcombe_interval(56, 70, 48, 80)
        assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)

    def test_equal_groups_straddle_zero_symmetrically(self) -> None:
        low, high = newcombe_interval(30, 60, 30, 60)
        assert low == pytest.approx(-high)
        assert low < 0 < high

    def test_the_extremes_stay_within_the_scale(self) -> None:
        assert newcombe_interval(10, 10, 0, 10)[1] == 1.0
        assert newcombe_interval(0, 10, 10, 10)[0] == -1.0

    def test_each_group_is_named(self) -> None:
        refused(
            InvalidValueError,
            r"newcombe_interval\.trials_a",
            lambda: newcombe_interval(0, 0, 1, 2),
            value=0,
        )
        refused(
            InvalidValueError,
            r"newcombe_interval\.successes_b",
            lambda: newcombe_interval(1, 2, 3, 2),
            value=3,
            expected="an integer from 0 to 2",
        )


class TestRatio:
    def test_worked_example(self) -> None:
        # Means 3 and 2, variances 2 and 2: se = sqrt(2/(2*9) + 2/(2*4)).
        se = math.sqrt(1 / 9 + 1 / 4)
        low, high = ratio_interval([2.0, 4.0], [1.0, 3.0])  # type: ignore[misc]
        assert low == pytest.approx(1.5 * math.exp(-Z_95 * se))
        assert high == pytest.approx(1.5 * math.exp(Z_95 * se))

    @pytest.mark.parametrize(
        ("with_values", "without_values"),
        [
            ([2.0], [1.0, 3.0]),
            ([2.0, 4.0], [1.0]),
            ([0.0, 0.0], [1.0, 3.0]),
            ([2.0, 4.0], [-1.0, 0.0]),
        ],
    )
    def test_none_without_two_values_and_positive_means(
        self, with_values: list[float], without_values: list[float]
    ) -> None:
        assert ratio_interval(with_values, without_values) is None


class TestGini:
    @pytest.mark.parametrize(
        ("loads", "coefficient"),
        [
            ([], Fraction(0)),
            ([0, 0], Fraction(0)),
            ([2, 2, 2], Fraction(0)),
            # n = 3, total 6, ranked 1 + 4 + 9 = 14: 28/18 - 4/3.
            ([1, 2, 3], Fraction(2, 9)),
            # One holds everything of four: 2*12/12 - 5/4.
            ([0, 3, 0, 0], Fraction(3, 4)),
        ],
    )
    def test_worked_examples(self, loads: list[int], coefficient: Fraction) -> None:
        assert gini(loads) == coefficient

    @given(st.lists(st.integers(0, 50), max_size=30), st.randoms())
    def test_order_does_not_matter(self, loads: list[int], shuffler: object) -> None:
        shuffled = list(loads)
        shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
        assert gini(shuffled) == gini(loads)
        assert 0 <= gini(loads) < 1
