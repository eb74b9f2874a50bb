"""Reference impact: Wilson and Newcombe intervals, and honest comparisons."""

from __future__ import annotations

import json
import math
import random
import statistics
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    DealOutcome,
    ImpactPolicy,
    Money,
    ReferenceImpact,
    newcombe_interval,
    reference_impact,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from advocacy.synthetic import demo_program
from tests.impact.impact import (
    AS_OF,
    LOST,
    OPEN,
    ROWS,
    SAMPLE,
    WON,
    book,
    deal,
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

    def test_the_window_is_kept(self) -> None:
        impact = reference_impact(*book(SAMPLE), as_of=AS_OF, window_days=30)
        assert impact.window_days == 30
        assert reference_impact([], as_of=AS_OF).window_days is None

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

    def test_exactly_the_minimums_are_enough(self) -> None:
        # 10 closed a group (the minimum), 5 won and 5 lost (the minimum each).
        rows = [(True, WON, 40, 100_000)] * 5 + [(True, LOST, 40, 100_000)] * 5
        rows += [(False, WON, 80, 100_000)] * 5 + [(False, LOST, 80, 100_000)] * 5
        w = reference_impact(*book(rows), as_of=AS_OF).win_rate
        assert (w.with_closed, w.without_closed) == (10, 10)
        assert w.insufficient is None
        assert w.sufficient

    def test_both_groups_short_of_wins(self) -> None:
        rows = [(True, WON, 40, 100_000)] * 4 + [(False, WON, 80, 100_000)] * 3
        impact = reference_impact(*book(rows), as_of=AS_OF)
        short = (
            "4 won with a reference, 10 needed; 3 won without a reference, 10 needed"
        )
        assert impact.sales_cycle.insufficient == short
        assert impact.deal_size.insufficient == short

    def test_only_the_group_without_short_of_wins(self) -> None:
        rows = [(True, WON, 40, 100_000)] * 10 + [(False, WON, 80, 100_000)] * 9
        impact = reference_impact(*book(rows), as_of=AS_OF)
        assert impact.sales_cycle.insufficient == (
            "9 won without a reference, 10 needed"
        )
        assert impact.deal_size.insufficient == "9 won without a reference, 10 needed"


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
