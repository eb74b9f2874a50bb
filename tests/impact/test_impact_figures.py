"""Win rates with Wilson and Newcombe intervals: the figures of reference impact."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    CycleStats,
    DealSizes,
    Money,
    SalesCycles,
    WinRates,
    newcombe_interval,
    wilson_interval,
)
from advocacy._impact.impact_figures import uplift
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.impact.impact import (
    C,
    S,
    W,
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


# W: 12 of 20 won with a reference, 10 of 20 without; C: medians and means of
# 61 days with and 112.5 without (12 vs 10 won); S: means and medians of
# 125,500 with and 100,000 without (12 vs 10 won). All sufficient.


class TestWinRatesRefusals:
    @pytest.mark.parametrize(
        ("changes", "field", "value", "expected"),
        [
            ({"with_won": 21}, "with_won", 21, "at most with_closed (20)"),
            ({"without_won": 21}, "without_won", 21, "at most without_closed (20)"),
            (
                {"with_rate": 0.61},
                "with_rate",
                0.61,
                "won / closed, or None with none closed (0.6)",
            ),
            (
                {"without_rate": 0.4},
                "without_rate",
                0.4,
                "won / closed, or None with none closed (0.5)",
            ),
            (
                {"difference": 0.2},
                "difference",
                0.2,
                "with_rate - without_rate, or None without both (0.09999999999999998)",
            ),
            (
                {"relative_lift": 0.3},
                "relative_lift",
                0.3,
                (
                    "with_rate / without_rate - 1, or None without a rate above 0 "
                    "without (0.19999999999999996)"
                ),
            ),
            (
                {"interval": None},
                "interval",
                None,
                "an interval exactly when both rates are known",
            ),
            (
                {
                    "without_won": 0,
                    "without_closed": 0,
                    "without_rate": None,
                    "difference": None,
                    "relative_lift": None,
                },
                "interval",
                W.interval,
                "an interval exactly when both rates are known",
            ),
            (
                {"interval": (0.3, 0.2)},
                "interval",
                (0.3, 0.2),
                (
                    "a (low, high) pair with low <= high, containing "
                    "0.09999999999999998, low at least -1, high at most 1"
                ),
            ),
            (
                {"interval": (-1.5, 0.3)},
                "interval",
                (-1.5, 0.3),
                (
                    "a (low, high) pair with low <= high, containing "
                    "0.09999999999999998, low at least -1, high at most 1"
                ),
            ),
        ],
    )
    def test_each_refusal_names_the_value_and_the_formula(
        self, changes: dict[str, Any], field: str, value: object, expected: str
    ) -> None:
        error = refused(
            InvalidValueError,
            rf"WinRates\.{field}",
            lambda: attrs.evolve(W, **changes),
            value=value,
        )
        assert error.expected == expected


class TestWinRatesExplain:
    def test_no_relative_lift_without_a_rate_without(self) -> None:
        # None of 20 won without a reference: no relative lift to quote.
        low, high = newcombe_interval(12, 20, 0, 20)
        rates = WinRates(12, 20, 0, 20, 0.6, 0.0, 0.6, (low, high), None, None)
        assert rates.sufficient
        assert rates.explain() == (
            "win rate: 60.0% with vs 0.0% without (12 of 20 with vs 0 of 20 "
            f"without): +60.0 points (95% CI +{low * 100:.1f} to "
            f"+{high * 100:.1f})"
        )


class TestCycleStatsRefusals:
    @pytest.mark.parametrize(
        ("stats", "field", "value"),
        [
            ((0, 2.0, None), "median_days", 2.0),
            ((0, None, 3.0), "mean_days", 3.0),
            ((3, None, 2.0), "median_days", None),
            ((3, 2.0, None), "mean_days", None),
        ],
    )
    def test_days_exactly_with_deals(
        self, stats: tuple[int, float | None, float | None], field: str, value: object
    ) -> None:
        error = refused(
            InvalidValueError,
            rf"CycleStats\.{field}",
            lambda: CycleStats(*stats),
            value=value,
        )
        assert error.expected == "a number of days with deals, None without"


class TestSalesCyclesRefusals:
    @pytest.mark.parametrize(
        ("changes", "field", "value", "expected"),
        [
            (
                {"median_reduction": 0.5},
                "median_reduction",
                0.5,
                (
                    "1 - with / without, or None without both or with 0 days without "
                    "(0.45777777777777773)"
                ),
            ),
            (
                {"mean_reduction": None},
                "mean_reduction",
                None,
                (
                    "1 - with / without, or None without both or with 0 days without "
                    "(0.45777777777777773)"
                ),
            ),
            (
                {"with_reference": CycleStats(1, 61.0, 61.0)},
                "mean_reduction_interval",
                C.mean_reduction_interval,
                "None with fewer than 2 deals in a group or a zero mean",
            ),
            (
                {"mean_reduction_interval": (0.0, 0.1)},
                "mean_reduction_interval",
                (0.0, 0.1),
                (
                    "a (low, high) pair with low <= high, containing "
                    "0.45777777777777773, high at most 1"
                ),
            ),
        ],
    )
    def test_each_refusal_names_the_value_and_the_formula(
        self, changes: dict[str, Any], field: str, value: object, expected: str
    ) -> None:
        error = refused(
            InvalidValueError,
            rf"SalesCycles\.{field}",
            lambda: attrs.evolve(C, **changes),
            value=value,
        )
        assert error.expected == expected


class TestSalesCyclesExplain:
    def test_slower_with_a_reference_is_longer(self) -> None:
        # The groups of C swapped: 112.5 days with a reference, 61 without.
        slower = 1 - 112.5 / 61
        cycles = SalesCycles(
            C.without_reference, C.with_reference, slower, slower, (-1.1, -0.6), None
        )
        assert cycles.explain() == (
            "sales cycle: median 112.5 days with vs 61 without (10 vs 12 won): "
            "84.4% longer; mean 112.5 vs 61.0 days: 84.4% longer "
            "(95% CI -110% to -60%)"
        )

    def test_no_change_counts_as_shorter(self) -> None:
        same = CycleStats(10, 61.0, 61.0)
        cycles = SalesCycles(same, same, 0.0, 0.0, (-0.1, 0.1), None)
        assert cycles.explain() == (
            "sales cycle: median 61 days with vs 61 without (10 vs 10 won): "
            "0.0% shorter; mean 61.0 vs 61.0 days: 0.0% shorter "
            "(95% CI -10% to 10%)"
        )


class TestDealSizesRefusals:
    @pytest.mark.parametrize(
        ("changes", "field", "value", "expected"),
        [
            (
                {"with_mean": None},
                "with_mean",
                None,
                "an amount with deals, None without",
            ),
            (
                {"without_deals": 0, "mean_uplift_interval": None},
                "without_mean",
                Money("100000", "USD"),
                "an amount with deals, None without",
            ),
            (
                {"mean_uplift": Decimal("0.3")},
                "mean_uplift",
                Decimal("0.3"),
                (
                    "with / without - 1, or None without both or with 0 or less "
                    "without (Decimal('0.255'))"
                ),
            ),
            (
                {"without_deals": 1},
                "mean_uplift_interval",
                S.mean_uplift_interval,
                "None with fewer than 2 deals in a group",
            ),
            (
                {"mean_uplift_interval": (0.3, 0.2)},
                "mean_uplift_interval",
                (0.3, 0.2),
                "a (low, high) pair with low <= high, low at least -1",
            ),
            (
                {"mean_uplift_interval": (-1.5, 0.3)},
                "mean_uplift_interval",
                (-1.5, 0.3),
                "a (low, high) pair with low <= high, low at least -1",
            ),
        ],
    )
    def test_each_refusal_names_the_value_and_the_formula(
        self, changes: dict[str, Any], field: str, value: object, expected: str
    ) -> None:
        error = refused(
            InvalidValueError,
            rf"DealSizes\.{field}",
            lambda: attrs.evolve(S, **changes),
            value=value,
        )
        assert error.expected == expected


class TestDealSizes:
    def test_uplift_over_a_mean_of_one_or_less(self) -> None:
        usd = Money
        assert uplift(usd(2, "USD"), usd(1, "USD")) == Decimal(1)
        assert uplift(usd(1, "USD"), usd("0.5", "USD")) == Decimal(1)
        assert uplift(usd(1, "USD"), usd(0, "USD")) is None
        assert uplift(usd(1, "USD"), usd(-1, "USD")) is None
        assert uplift(None, usd(1, "USD")) is None

    def test_a_zero_mean_without_is_not_quoted(self) -> None:
        zero, some = Money(0, "USD"), Money(100_000, "USD")
        sizes = DealSizes(10, 10, some, zero, some, zero, None, None, None, None)
        assert sizes.sufficient
        assert sizes.explain() == (
            "deal size: insufficient data (None); 10 won with vs 10 without"
        )

    def test_no_change_counts_as_larger(self) -> None:
        sizes = attrs.evolve(
            S,
            without_mean=S.with_mean,
            without_median=S.with_median,
            mean_uplift=Decimal(0),
            median_uplift=Decimal(0),
            mean_uplift_interval=None,
        )
        assert sizes.explain() == (
            "deal size: mean USD 125,500 with vs USD 125,500 without (12 vs 10 "
            "won): 0.0% larger"
        )
