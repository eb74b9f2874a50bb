"""Demand per segment: a total apportioned by weight."""

from __future__ import annotations

from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    DemandPlan,
    MarketingAsk,
    PlanLine,
    Segment,
    SegmentDimension,
)
from advocacy._gaps.demand import (  # private helpers, tested on their own
    Demand,
    apportion,
)
from advocacy.exceptions import InvalidValueError
from tests.checks import refused
from tests.gaps.gaps import Q4, plan, usd


class TestApportion:
    @given(
        st.integers(0, 1000),
        st.lists(st.integers(1, 50), min_size=1, max_size=8),
    )
    def test_parts_sum_to_the_total_and_stay_near_their_share(
        self, total: int, weights: list[int]
    ) -> None:
        segments = {Segment(product=f"p{n}"): w for n, w in enumerate(weights)}
        parts = apportion(total, segments)
        assert sum(parts.values()) == total
        whole = sum(weights)
        for segment, weight in segments.items():
            assert abs(parts[segment] - Fraction(total * weight, whole)) < 1


class TestApportionExamples:
    def test_the_largest_remainder_gets_the_unit_left(self) -> None:
        first, second = Segment(product="A"), Segment(product="B")
        # Shares 2.25 and 0.75: floors 2 and 0, the unit left to the 0.75.
        assert apportion(3, {first: 3, second: 1}) == {first: 2, second: 1}

    def test_ties_go_to_the_first_segment_in_order(self) -> None:
        first, second, third = (Segment(product=p) for p in "ABC")
        assert apportion(1, {third: 1, second: 1, first: 1}) == {
            first: 1,
            second: 0,
            third: 0,
        }
        assert apportion(2, {third: 1, second: 1, first: 1}) == {
            first: 1,
            second: 1,
            third: 0,
        }

    def test_any_value_comes_after_a_named_one(self) -> None:
        anywhere, retail = Segment(product="A"), Segment(product="A", industry="R")
        assert apportion(1, {anywhere: 1, retail: 1}) == {anywhere: 0, retail: 1}

    def test_nothing_to_share(self) -> None:
        first, second = Segment(product="A"), Segment(product="B")
        assert apportion(0, {first: 1, second: 2}) == {first: 0, second: 0}


HERE = Segment(product="Platform", industry="Retail", region="EMEA")
BANK = Segment(product="Platform", industry="Banking", region="EMEA")
ELSEWHERE = Segment(product="Analytics", industry="Retail", region="APAC")
EMPTY = Segment(product="Platform", industry="Retail", region="APAC")
COUNTS = {HERE: 1, BANK: 2, ELSEWHERE: 5, EMPTY: 0}
PLATFORM = Segment(product="Platform")
DIMENSIONS = (
    SegmentDimension.PRODUCT,
    SegmentDimension.INDUSTRY,
    SegmentDimension.REGION,
)


def demand(plan: DemandPlan, customers: dict[Segment, int] = COUNTS) -> Demand:
    return Demand.of(plan, customers, DIMENSIONS)


class TestDemandOf:
    def test_a_line_is_rounded_once_and_shared_by_customers(self) -> None:
        line = PlanLine(PLATFORM, usd(250_000), usd(100_000))
        result = demand(
            plan(
                lines=[line],
                win_rate=0.4,
                references_per_opportunity=1.3,
                marketing=(),
            )
        )
        # 2.5 -> 3 deals; 3 / 0.4 = 7.5 -> 8 opportunities; 8 x 1.3 = 10.4
        # -> 11 requests; over 1 and 2 customers (none counted elsewhere).
        assert result.working == (
            (
                "Platform: goal USD 250,000 / deal size USD 100,000 = 2.50 -> 3 deals"
                "; / win rate 0.4 -> 8 opportunities"
                "; x 1.3 references per opportunity -> 11 requests"
            ),
        )
        assert result.goal == {
            HERE: Fraction(250_000, 3),
            BANK: Fraction(500_000, 3),
        }
        assert dict(result.deals) == {HERE: 1, BANK: 2}
        assert dict(result.opportunities) == {HERE: 3, BANK: 5}
        assert dict(result.requests) == {HERE: 4, BANK: 7}
        assert dict(result.marketing) == {}
        assert result.shares == {
            HERE: [
                (
                    "1 of 3 customers of Platform's plan: 1 of 3 deals, "
                    "3 of 8 opportunities, 4 of 11 requests"
                )
            ],
            BANK: [
                (
                    "2 of 3 customers of Platform's plan: 2 of 3 deals, "
                    "5 of 8 opportunities, 7 of 11 requests"
                )
            ],
        }
        assert result.currency == "USD"

    def test_without_a_win_rate_every_deal_is_an_opportunity(self) -> None:
        line = PlanLine(ELSEWHERE, usd(250_000), usd(100_000))
        result = demand(
            plan(
                lines=[line],
                win_rate=None,
                references_per_opportunity=1.5,
                marketing=(),
            ),
            {ELSEWHERE: 5},
        )
        assert result.working == (
            (
                "Analytics / Retail / APAC: goal USD 250,000 / deal size USD 100,000 "
                "= 2.50 -> 3 deals; x 1.5 references per opportunity -> 5 requests"
            ),
        )
        assert (result.deals, result.opportunities, result.requests) == (
            {ELSEWHERE: 3},
            {ELSEWHERE: 3},
            {ELSEWHERE: 5},
        )
        # A full segment is one row: its weight is 1, not its customers.
        assert result.goal == {ELSEWHERE: Fraction(250_000)}
        assert result.shares == {
            ELSEWHERE: [
                (
                    "1 of 1 customers of Analytics / Retail / APAC's plan: "
                    "3 of 3 deals, 3 of 3 opportunities, 5 of 5 requests"
                )
            ]
        }

    def test_a_full_segment_without_customers_is_its_own_row(self) -> None:
        new = Segment(product="Platform", industry="Health", region="LATAM")
        line = PlanLine(new, usd(240_000), usd(120_000))
        result = demand(
            plan(
                lines=[line],
                win_rate=0.5,
                references_per_opportunity=1.0,
                marketing=(),
            )
        )
        assert dict(result.deals) == {new: 2}
        assert dict(result.opportunities) == {new: 4}
        assert dict(result.requests) == {new: 4}
        assert result.shares[new] == [
            (
                "1 of 1 customers of Platform / Health / LATAM's plan: "
                "2 of 2 deals, 4 of 4 opportunities, 4 of 4 requests"
            )
        ]

    def test_marketing_asks_are_shared_and_added_up(self) -> None:
        asks = [
            MarketingAsk(PLATFORM, 5, pendulum.date(2026, 11, 1), "Conference"),
            MarketingAsk(HERE, 2, pendulum.date(2026, 11, 2)),
            MarketingAsk(PLATFORM, 1, pendulum.date(2026, 11, 3), "Webinar"),
        ]
        result = demand(plan(lines=(), marketing=asks))
        # 5 over 1 and 2 customers: 1.67 and 3.33 -> 2 and 3; the full
        # segment's 2 all go to it; 1 over them: 0.33 and 0.67 -> 0 and 1.
        assert dict(result.marketing) == {HERE: 4, BANK: 4}
        assert result.working == (
            "Platform: Conference, 5 asks on 2026-11-01",
            "Platform / Retail / EMEA: marketing, 2 asks on 2026-11-02",
            "Platform: Webinar, 1 asks on 2026-11-03",
        )
        assert result.shares == {
            HERE: ["2 of 5 asks for Conference", "2 of 2 asks for marketing"],
            BANK: ["3 of 5 asks for Conference", "1 of 1 asks for Webinar"],
        }
        assert result.currency is None
        assert (result.goal, dict(result.deals), dict(result.requests)) == ({}, {}, {})


class TestNoOneToShareWith:
    EXPECTED = "a segment with customers to spread it over, or a full segment"
    HINT = "name every dimension to plan for a segment with no customers yet"

    @pytest.mark.parametrize(
        "segment",
        [
            Segment(product="Nothing"),
            # Its only row has no customers.
            Segment(product="Platform", region="APAC"),
        ],
    )
    def test_a_revenue_goal(self, segment: Segment) -> None:
        line = PlanLine(segment, usd(1), usd(1))
        error = refused(
            InvalidValueError,
            "reference_gaps.plan",
            lambda: demand(plan(lines=[line], marketing=())),
            value=f"a revenue goal for {segment}",
        )
        assert (error.expected, error.hint) == (self.EXPECTED, self.HINT)

    def test_a_marketing_ask(self) -> None:
        ask = MarketingAsk(Segment(product="Nothing"), 1, Q4[0])
        error = refused(
            InvalidValueError,
            "reference_gaps.plan",
            lambda: demand(plan(lines=(), marketing=[ask])),
            value="a marketing ask for Nothing",
        )
        assert (error.expected, error.hint) == (self.EXPECTED, self.HINT)
