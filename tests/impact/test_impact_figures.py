"""Win rates with Wilson and Newcombe intervals: the figures of reference impact."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    newcombe_interval,
    wilson_interval,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.impact.impact import (
    rounded,
)


class TestWilson:
    # Newcombe (1998a), Statistics in Medicine 17:857-872, Table I, method 3
    # (score interval without continuity correction); recomputed here.
    @pytest.mark.parametrize(
        ("successes", "trials", "expected"),
        [
            (81, 263, (0.2553, 0.3662)),
            (15, 148, (0.0624, 0.1605)),
            (0, 20, (0.0, 0.1611)),
            (1, 29, (0.0061, 0.1718)),
            (29, 29, (0.8830, 1.0)),
        ],
    )
    def test_published_values(
        self, successes: int, trials: int, expected: tuple[float, float]
    ) -> None:
        assert rounded(wilson_interval(successes, trials)) == expected

    @given(
        st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
    )
    def test_contains_the_proportion_within_zero_and_one(
        self, counts: tuple[int, int]
    ) -> None:
        successes, trials = counts
        low, high = wilson_interval(successes, trials)
        assert 0 <= low <= successes / trials <= high <= 1

    def test_whole_floats_and_numpy_style_integers_are_counts(self) -> None:
        assert wilson_interval(1, 4.0) == wilson_interval(1, 4)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("successes", "trials", "error", "field"),
        [
            (0, 0, InvalidValueError, "trials"),
            (5, 4, InvalidValueError, "successes"),
            (-1, 4, InvalidValueError, "successes"),
            (1, 4.5, InvalidValueError, "trials"),
            (True, 4, InvalidTypeError, "successes"),
        ],
    )
    def test_bad_counts(
        self, successes: object, trials: object, error: type[Exception], field: str
    ) -> None:
        with pytest.raises(error, match=rf"wilson_interval\.{field}:"):
            wilson_interval(successes, trials)  # type: ignore[arg-type]


class TestNewcombe:
    # Newcombe (1998b), Statistics in Medicine 17:873-890, Table II, method 10
    # (hybrid score without continuity correction); recomputed here.
    @pytest.mark.parametrize(
        ("counts", "expected"),
        [
            ((56, 70, 48, 80), (0.0524, 0.3339)),
            ((9, 10, 3, 10), (0.1705, 0.8090)),
            ((6, 7, 2, 7), (0.0582, 0.8062)),
            ((5, 56, 0, 29), (-0.0381, 0.1926)),
            ((0, 10, 0, 20), (-0.1611, 0.2775)),
            ((10, 10, 0, 20), (0.6791, 1.0)),
        ],
    )
    def test_published_values(
        self, counts: tuple[int, int, int, int], expected: tuple[float, float]
    ) -> None:
        assert rounded(newcombe_interval(*counts)) == expected

    def test_the_worked_example(self) -> None:
        low, high = newcombe_interval(56, 70, 48, 80)
        assert pytest.approx(0.2) == 56 / 70 - 48 / 80
        assert low == pytest.approx(0.052431472, abs=1e-9)
        assert high == pytest.approx(0.333872654, abs=1e-9)

    @given(
        st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
        st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    )
    def test_contains_the_difference_within_minus_one_and_one(
        self, a: tuple[int, int], b: tuple[int, int]
    ) -> None:
        low, high = newcombe_interval(*a, *b)
        difference = a[0] / a[1] - b[0] / b[1]
        assert -1 <= low <= difference <= high <= 1
        # Swapping the groups mirrors the interval.
        back_low, back_high = newcombe_interval(*b, *a)
        assert back_low == pytest.approx(-high, abs=1e-12)
        assert back_high == pytest.approx(-low, abs=1e-12)

    def test_bad_counts_name_the_group(self) -> None:
        with pytest.raises(InvalidValueError, match=r"newcombe_interval\.trials_b"):
            newcombe_interval(1, 2, 0, 0)
        with pytest.raises(InvalidValueError, match=r"newcombe_interval\.successes_a"):
            newcombe_interval(3, 2, 0, 1)
