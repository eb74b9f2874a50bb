"""Reference impact: Wilson and Newcombe intervals, and honest comparisons."""

from __future__ import annotations

import json
import math
import random
import statistics
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    CycleStats,
    DealKind,
    DealOutcome,
    ImpactPolicy,
    Money,
    Opportunity,
    ProspectProfile,
    ReferenceImpact,
    from_dict,
    newcombe_interval,
    reference_impact,
    to_dict,
    wilson_interval,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from advocacy.synthetic import demo_program
from tests.checks import refused

AS_OF = pendulum.date(2026, 9, 30)
START = pendulum.date(2025, 10, 1)


def rounded(interval: tuple[float, float]) -> tuple[float, float]:
    return round(interval[0], 4), round(interval[1], 4)


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


def deal(
    number: int,
    *,
    referenced: bool,
    outcome: DealOutcome,
    days: int = 90,
    amount: int = 100_000,
    kind: DealKind = DealKind.NEW_BUSINESS,
    currency: str = "USD",
) -> tuple[Opportunity, list[Activity]]:
    """A deal created on START, closed `days` later, with or without a call."""
    opp_id = f"o-{number:03d}"
    calls = (
        [
            Activity(
                id=f"a-{number:03d}",
                advocate_id="v-1",
                type=ActivityType.REFERENCE_CALL,
                date=START,
            )
        ]
        if referenced
        else []
    )
    opportunity = Opportunity(
        id=opp_id,
        prospect=ProspectProfile(),
        amount=Money(amount, currency),
        created=START,
        outcome=outcome,
        closed=None if outcome is DealOutcome.OPEN else START.add(days=days),
        kind=kind,
        activity_ids={a.id for a in calls},
    )
    return opportunity, calls


def book(
    rows: list[tuple[bool, DealOutcome, int, int]],
) -> tuple[list[Opportunity], list[Activity]]:
    opportunities, activities = [], []
    for number, (referenced, outcome, days, amount) in enumerate(rows):
        made, calls = deal(
            number, referenced=referenced, outcome=outcome, days=days, amount=amount
        )
        opportunities.append(made)
        activities += calls
    return opportunities, activities


WON, LOST, OPEN = DealOutcome.WON, DealOutcome.LOST, DealOutcome.OPEN

# 20 referenced deals: 12 won in 50-72 days at 120,000-131,000, 8 lost;
# 20 without: 10 won in 90-135 days at 100,000, 10 lost; 2 open.
SAMPLE = (
    [(True, WON, 50 + 2 * i, 120_000 + 1000 * i) for i in range(12)]
    + [(True, LOST, 80, 90_000)] * 8
    + [(False, WON, 90 + 5 * i, 100_000) for i in range(10)]
    + [(False, LOST, 120, 90_000)] * 10
    + [(True, OPEN, 0, 500_000), (False, OPEN, 0, 500_000)]
)


class TestReferenceImpact:
    def test_win_rates_and_the_lift(self) -> None:
        impact = reference_impact(*book(SAMPLE), as_of=AS_OF)
        assert (impact.with_reference, impact.without_reference) == (21, 21)
        w = impact.win_rate
        assert (w.with_won, w.with_closed, w.without_won, w.without_closed) == (
            12,
            20,
            10,
            20,
        )
        assert (w.with_rate, w.without_rate) == (0.6, 0.5)
        assert w.difference == pytest.approx(0.1)
        assert w.interval == newcombe_interval(12, 20, 10, 20)
        assert w.relative_lift == pytest.approx(0.2)
        assert w.sufficient

    def test_sales_cycles(self) -> None:
        c = reference_impact(*book(SAMPLE), as_of=AS_OF).sales_cycle
        with_days = [50 + 2 * i for i in range(12)]
        without_days = [90 + 5 * i for i in range(10)]
        assert c.with_reference.deals == 12
        assert c.with_reference.median_days == statistics.median(with_days) == 61
        assert c.without_reference.median_days == 112.5
        assert c.median_reduction == pytest.approx(1 - 61 / 112.5)
        m1, m2 = statistics.fmean(with_days), statistics.fmean(without_days)
        assert c.mean_reduction == pytest.approx(1 - m1 / m2)
        se = math.sqrt(
            statistics.variance(with_days) / (12 * m1 * m1)
            + statistics.variance(without_days) / (10 * m2 * m2)
        )
        low, high = c.mean_reduction_interval  # type: ignore[misc]
        assert low == pytest.approx(1 - m1 / m2 * math.exp(1.959963984540054 * se))
        assert high == pytest.approx(1 - m1 / m2 * math.exp(-1.959963984540054 * se))
        assert low < c.mean_reduction < high  # type: ignore[operator]
        assert c.sufficient

    def test_deal_sizes_are_exact_money(self) -> None:
        s = reference_impact(*book(SAMPLE), as_of=AS_OF).deal_size
        assert s.with_mean == Money("125500", "USD")
        assert s.without_mean == Money("100000", "USD")
        assert s.with_median == Money("125500", "USD")
        assert s.mean_uplift == Decimal("0.255")
        assert s.median_uplift == Decimal("0.255")
        low, high = s.mean_uplift_interval  # type: ignore[misc]
        assert low < 0.255 < high
        assert s.sufficient

    def test_explain(self) -> None:
        impact = reference_impact(*book(SAMPLE), as_of=AS_OF)
        assert impact.explain().splitlines() == [
            (
                "reference impact as of 2026-09-30: 21 new business and expansion "
                "deals with a reference call, 21 without"
            ),
            (
                "  win rate: 60.0% with vs 50.0% without (12 of 20 with vs 10 of 20 "
                "without): +10.0 points (95% CI -19.3 to +37.0), +20% relative"
            ),
            (
                "  sales cycle: median 61 days with vs 112.5 without (12 vs 10 won): "
                "45.8% shorter; mean 61.0 vs 112.5 days: 45.8% shorter "
                "(95% CI 40% to 51%)"
            ),
            (
                "  deal size: mean USD 125,500 with vs USD 100,000 without (12 vs 10 "
                "won): 25.5% larger (95% CI +23% to +28%)"
            ),
        ]

    def test_each_figure_reprs_as_its_headline(self) -> None:
        impact = reference_impact(*book(SAMPLE), as_of=AS_OF)
        assert repr(impact.win_rate) == (
            "WinRates(win rate: 60.0% with vs 50.0% without (12 of 20 with vs 10 "
            "of 20 without): +10.0 points (95% CI -19.3 to +37.0), +20% relative)"
        )
        assert repr(impact.sales_cycle).startswith(
            "SalesCycles(sales cycle: median 61 days with vs 112.5 without "
        )
        assert repr(impact.deal_size) == (
            "DealSizes(deal size: mean USD 125,500 with vs USD 100,000 without "
            "(12 vs 10 won): 25.5% larger (95% CI +23% to +28%))"
        )

    def test_outputs(self) -> None:
        impact = reference_impact(*book(SAMPLE), as_of=AS_OF)
        records = impact.to_records()
        assert [r["measure"] for r in records] == [
            "win_rate",
            "median_sales_cycle_days",
            "mean_sales_cycle_days",
            "mean_deal_size",
            "median_deal_size",
        ]
        assert records[0]["change"] == impact.win_rate.difference
        assert records[0]["low"] == impact.win_rate.interval[0]  # type: ignore[index]
        assert records[1]["low"] is None
        assert records[3]["with_reference"] == Decimal("125500")
        json.dumps(records, default=str)
        assert (
            repr(impact)
            == "ReferenceImpact(21 with, 21 without; win rate +10.0 points)"
        )
        assert impact._repr_html_().count("<tr>") == 4


class TestInsufficientData:
    def test_too_few_closed_deals(self) -> None:
        rows = [(True, WON, 40, 100_000)] * 4 + [(True, LOST, 40, 100_000)] * 4
        rows += [(False, WON, 80, 100_000)] * 20 + [(False, LOST, 80, 100_000)] * 20
        impact = reference_impact(*book(rows), as_of=AS_OF)
        w = impact.win_rate
        assert not w.sufficient
        assert w.insufficient == "8 closed with a reference, 10 needed"
        assert w.with_rate == 0.5  # still computed, but not quoted
        assert impact.win_rate.explain() == (
            "win rate: insufficient data (8 closed with a reference, 10 needed); "
            "4 of 8 with vs 20 of 40 without"
        )
        assert impact.sales_cycle.insufficient == "4 won with a reference, 10 needed"
        assert impact.sales_cycle.explain().startswith(
            "sales cycle: insufficient data (4 won with a reference, 10 needed); "
        )
        assert impact.deal_size.explain().startswith("deal size: insufficient data")
        assert repr(impact).endswith("win rate: insufficient data)")

    def test_too_few_losses(self) -> None:
        rows = [(True, WON, 40, 100_000)] * 12 + [(True, LOST, 40, 100_000)] * 3
        rows += [(False, WON, 80, 100_000)] * 12 + [(False, LOST, 80, 100_000)] * 12
        w = reference_impact(*book(rows), as_of=AS_OF).win_rate
        assert w.insufficient == (
            "12 won and 3 lost with a reference, 5 of each needed"
        )

    def test_both_groups_short(self) -> None:
        rows = [(True, WON, 40, 100_000)] * 2 + [(False, LOST, 80, 100_000)] * 3
        impact = reference_impact(*book(rows), as_of=AS_OF)
        assert impact.win_rate.insufficient == (
            "2 closed with a reference, 10 needed; 3 closed without a reference, "
            "10 needed"
        )
        assert impact.win_rate.relative_lift is None  # the rate without is 0
        assert impact.deal_size.without_mean is None
        assert impact.deal_size.mean_uplift is None
        assert impact.sales_cycle.without_reference.median_days is None
        assert impact.sales_cycle.median_reduction is None

    def test_no_deals_at_all(self) -> None:
        impact = reference_impact([], as_of=AS_OF)
        assert impact.win_rate.with_rate is None
        assert impact.win_rate.interval is None
        assert impact.deal_size.with_mean is None
        assert "insufficient data" in impact.explain()

    def test_zero_day_cycles_have_no_ratio(self) -> None:
        rows = [(True, WON, 0, 100_000)] * 12 + [(False, WON, 0, 0)] * 12
        impact = reference_impact(*book(rows), as_of=AS_OF)
        assert impact.sales_cycle.median_reduction is None
        assert impact.sales_cycle.mean_reduction is None
        assert impact.sales_cycle.mean_reduction_interval is None
        assert impact.deal_size.mean_uplift is None  # nothing to compare with
        assert impact.deal_size.mean_uplift_interval is None
        assert impact.sales_cycle.explain().startswith("sales cycle: insufficient")

    def test_zero_means_are_quoted_without_an_interval(self) -> None:
        rows = [(True, WON, 0, 0)] * 10 + [(False, WON, 90, 100_000)] * 10
        impact = reference_impact(*book(rows), as_of=AS_OF)
        assert impact.sales_cycle.mean_reduction == 1.0
        assert impact.sales_cycle.mean_reduction_interval is None
        assert impact.sales_cycle.explain() == (
            "sales cycle: median 0 days with vs 90 without (10 vs 10 won): "
            "100.0% shorter"
        )
        assert impact.deal_size.mean_uplift == Decimal(-1)
        assert impact.deal_size.explain() == (
            "deal size: mean USD 0 with vs USD 100,000 without (10 vs 10 won): "
            "100.0% smaller"
        )

    def test_a_lower_minimum_quotes_small_samples(self) -> None:
        rows = [(True, WON, 40, 100_000), (True, WON, 44, 100_000)]
        rows += [(False, WON, 80, 100_000), (False, WON, 80, 100_000)]
        policy = ImpactPolicy(min_won=2)
        cycle = reference_impact(*book(rows), as_of=AS_OF, policy=policy).sales_cycle
        assert cycle.sufficient
        # Zero spread without a reference, some with: still an interval.
        assert cycle.mean_reduction_interval is not None
        assert cycle.explain().startswith(
            "sales cycle: median 42 days with vs 80 without (2 vs 2 won): 47.5% shorter"
        )


class TestPolicy:
    def test_renewals_are_left_out_by_default(self) -> None:
        made, calls = deal(1, referenced=True, outcome=WON, kind=DealKind.RENEWAL)
        assert reference_impact([made], calls, as_of=AS_OF).with_reference == 0
        policy = ImpactPolicy(deal_kinds={"renewal"})
        counted = reference_impact([made], calls, as_of=AS_OF, policy=policy)
        assert counted.with_reference == 1

    def test_reference_types_decide_what_is_referenced(self) -> None:
        made, calls = deal(1, referenced=True, outcome=WON)
        policy = ImpactPolicy(reference_types=[ActivityType.CASE_STUDY])
        impact = reference_impact([made], calls, as_of=AS_OF, policy=policy)
        assert (impact.with_reference, impact.without_reference) == (0, 1)
        assert "deals with a case study" in impact.explain()

    def test_the_window_applies(self) -> None:
        made, calls = deal(1, referenced=True, outcome=WON, days=100)
        # The call was 100 days before the close.
        assert reference_impact([made], calls, as_of=AS_OF).with_reference == 1
        narrow = reference_impact([made], calls, as_of=AS_OF, window_days=30)
        assert narrow.with_reference == 0

    def test_default_and_round_trip(self) -> None:
        policy = ImpactPolicy.default()
        assert policy.reference_types == {ActivityType.REFERENCE_CALL}
        assert (policy.min_closed, policy.min_each_outcome, policy.min_won) == (
            10,
            5,
            10,
        )
        assert from_dict(ImpactPolicy, json.loads(json.dumps(to_dict(policy)))) == (
            policy
        )

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("reference_types", [], InvalidValueError),
            ("reference_types", ["brochure"], InvalidTypeError),
            ("deal_kinds", [], InvalidValueError),
            ("min_closed", 0, InvalidValueError),
            ("min_each_outcome", -1, InvalidValueError),
            ("min_won", 1, InvalidValueError),
        ],
    )
    def test_bad_policies(
        self, field: str, value: object, error: type[Exception]
    ) -> None:
        with pytest.raises(error, match=rf"ImpactPolicy\.{field}"):
            ImpactPolicy(**{field: value})  # type: ignore[arg-type]


class TestBadInput:
    def test_mixed_currencies(self) -> None:
        a, _ = deal(1, referenced=False, outcome=WON)
        b, _ = deal(2, referenced=False, outcome=WON, currency="EUR")
        with pytest.raises(CurrencyMismatchError, match="reference_impact"):
            reference_impact([a, b], as_of=AS_OF)

    def test_wrong_policy_and_date(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"reference_impact\.policy"):
            reference_impact([], as_of=AS_OF, policy={"min_won": 3})  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"reference_impact\.as_of"):
            reference_impact([], as_of="yesterday")  # type: ignore[arg-type]

    def test_bad_window(self) -> None:
        with pytest.raises(InvalidValueError, match=r"reference_impact\.window_days"):
            reference_impact([], as_of=AS_OF, window_days=-3)


ROWS = st.lists(
    st.tuples(
        st.booleans(),
        st.sampled_from([WON, LOST, OPEN]),
        st.integers(0, 200),
        st.integers(0, 10**6),
    ),
    max_size=40,
)


class TestProperties:
    @given(ROWS)
    def test_the_win_rate_interval_brackets_the_lift(
        self, rows: list[tuple[bool, DealOutcome, int, int]]
    ) -> None:
        w = reference_impact(*book(rows), as_of=AS_OF).win_rate
        assert w.with_closed + w.without_closed == sum(1 for r in rows if r[1] != OPEN)
        if w.difference is None:
            assert w.interval is None
            return
        low, high = w.interval  # type: ignore[misc]
        assert -1 <= low <= w.difference <= high <= 1

    @given(ROWS, st.randoms())
    def test_order_does_not_matter(
        self, rows: list[tuple[bool, DealOutcome, int, int]], rng: random.Random
    ) -> None:
        opportunities, activities = book(rows)
        one = reference_impact(opportunities, activities, as_of=AS_OF)
        rng.shuffle(opportunities)
        rng.shuffle(activities)
        assert reference_impact(opportunities, activities, as_of=AS_OF) == one

    @given(ROWS)
    def test_reductions_and_uplifts_lie_in_their_intervals(
        self, rows: list[tuple[bool, DealOutcome, int, int]]
    ) -> None:
        impact = reference_impact(*book(rows), as_of=AS_OF)
        cycle, size = impact.sales_cycle, impact.deal_size
        if cycle.mean_reduction_interval is not None:
            low, high = cycle.mean_reduction_interval
            assert low <= cycle.mean_reduction + 1e-9  # type: ignore[operator]
            assert cycle.mean_reduction <= high + 1e-9  # type: ignore[operator]
        if size.mean_uplift_interval is not None and size.mean_uplift is not None:
            low, high = size.mean_uplift_interval
            assert low - 1e-9 <= float(size.mean_uplift) <= high + 1e-9


class TestDemo:
    def test_demo_program(self) -> None:
        program = demo_program(as_of=AS_OF)
        impact = reference_impact(
            program.opportunities, program.activities, as_of=AS_OF
        )
        assert isinstance(impact, ReferenceImpact)
        assert (impact.with_reference, impact.without_reference) == (35, 242)
        w = impact.win_rate
        assert (w.with_won, w.with_closed, w.without_won, w.without_closed) == (
            11,
            30,
            58,
            175,
        )
        assert w.sufficient
        assert impact.sales_cycle.sufficient
        assert impact.sales_cycle.median_reduction == pytest.approx(1 - 57 / 95.5)


IMPACT = reference_impact(*book(SAMPLE), as_of=AS_OF)
W, C, S = IMPACT.win_rate, IMPACT.sales_cycle, IMPACT.deal_size


class TestResultValidation:
    @given(ROWS)
    def test_the_rules_results_pass_unchanged(
        self, rows: list[tuple[bool, DealOutcome, int, int]]
    ) -> None:
        impact = reference_impact(*book(rows), as_of=AS_OF)
        c = impact.sales_cycle
        for made in (
            impact,
            impact.win_rate,
            c,
            c.with_reference,
            c.without_reference,
            impact.deal_size,
        ):
            assert attrs.evolve(made) == made

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"with_won": -1}, "with_won"),
            ({"with_rate": 1.5}, "with_rate"),
            ({"insufficient": ""}, "insufficient"),
            # 12 of 20 won with a reference, 10 of 20 without.
            ({"with_won": 21}, "with_won"),
            ({"without_won": 21}, "without_won"),
            ({"with_rate": 0.61}, "with_rate"),
            ({"without_rate": None}, "without_rate"),
            ({"difference": 0.2}, "difference"),
            ({"relative_lift": 0.3}, "relative_lift"),
            ({"interval": None}, "interval"),
            ({"interval": (0.3, 0.2)}, "interval"),
            ({"interval": (0.15, 0.3)}, "interval"),
            ({"interval": (-1.5, 0.3)}, "interval"),
            ({"interval": (-0.2, 1.5)}, "interval"),
            (
                {
                    "without_won": 0,
                    "without_closed": 0,
                    "without_rate": None,
                    "difference": None,
                    "relative_lift": None,
                },
                "interval",
            ),
        ],
    )
    def test_win_rates_that_are_not_their_counts(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"WinRates\.{field}",
            lambda: attrs.evolve(W, **changes),
        )

    @pytest.mark.parametrize(
        ("stats", "field"),
        [
            ((-1, None, None), "deals"),
            ((3, -1.0, 2.0), "median_days"),
            ((3, None, 2.0), "median_days"),
            ((0, None, 2.0), "mean_days"),
        ],
    )
    def test_cycle_figures_exist_exactly_with_deals(
        self, stats: tuple[int, float | None, float | None], field: str
    ) -> None:
        refused(InvalidValueError, rf"CycleStats\.{field}", lambda: CycleStats(*stats))

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"insufficient": ""}, "insufficient"),
            # Medians 61 and 112.5 days, means 61 and 112.5.
            ({"median_reduction": 0.5}, "median_reduction"),
            ({"mean_reduction": None}, "mean_reduction"),
            ({"mean_reduction_interval": (0.5, 0.4)}, "mean_reduction_interval"),
            ({"mean_reduction_interval": (0.0, 0.1)}, "mean_reduction_interval"),
            ({"mean_reduction_interval": (0.0, 1.5)}, "mean_reduction_interval"),
            (
                {"with_reference": CycleStats(1, 61.0, 61.0)},
                "mean_reduction_interval",
            ),
        ],
    )
    def test_reductions_that_are_not_their_groups(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"SalesCycles\.{field}",
            lambda: attrs.evolve(C, **changes),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"with_deals": -1}, "with_deals"),
            ({"insufficient": ""}, "insufficient"),
            ({"with_mean": None}, "with_mean"),
            ({"without_deals": 0}, "without_mean"),
            # Means and medians 125,500 with and 100,000 without: +25.5%.
            ({"mean_uplift": Decimal("0.3")}, "mean_uplift"),
            ({"median_uplift": None}, "median_uplift"),
            ({"without_mean": Money(0, "USD")}, "mean_uplift"),
            ({"mean_uplift_interval": (0.3, 0.2)}, "mean_uplift_interval"),
            ({"mean_uplift_interval": (-1.5, 0.3)}, "mean_uplift_interval"),
            ({"without_deals": 1}, "mean_uplift_interval"),
        ],
    )
    def test_deal_sizes_that_are_not_their_groups(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"DealSizes\.{field}",
            lambda: attrs.evolve(S, **changes),
        )

    def test_deal_sizes_in_one_currency(self) -> None:
        refused(
            CurrencyMismatchError,
            "DealSizes",
            lambda: attrs.evolve(S, with_median=Money("125500", "EUR")),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"window_days": -1}, "window_days"),
            ({"with_reference": -1}, "with_reference"),
            # 21 deals a group, 20 of them closed, 12 and 10 won.
            ({"with_reference": 19}, r"win_rate\.with_closed"),
            ({"without_reference": 19}, r"win_rate\.without_closed"),
            (
                {"sales_cycle": attrs.evolve(C, with_reference=CycleStats(11, 61, 61))},
                r"sales_cycle\.with_reference\.deals",
            ),
            (
                {
                    "sales_cycle": attrs.evolve(
                        C, without_reference=CycleStats(9, 112.5, 112.5)
                    )
                },
                r"sales_cycle\.without_reference\.deals",
            ),
            ({"deal_size": attrs.evolve(S, with_deals=11)}, r"deal_size\.with_deals"),
            (
                {"deal_size": attrs.evolve(S, without_deals=9)},
                r"deal_size\.without_deals",
            ),
            # Flagged exactly when the policy's minimum samples are not met.
            ({"policy": ImpactPolicy(min_closed=21)}, r"win_rate\.insufficient"),
            ({"policy": ImpactPolicy(min_won=11)}, r"sales_cycle\.insufficient"),
            (
                {"deal_size": attrs.evolve(S, insufficient="too few")},
                r"deal_size\.insufficient",
            ),
        ],
    )
    def test_comparisons_that_count_different_deals(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"ReferenceImpact\.{field}",
            lambda: attrs.evolve(IMPACT, **changes),
        )
