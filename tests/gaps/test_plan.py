"""Demand plans and segments: their dimensions and what a plan refuses."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest

from advocacy import (
    ActivityType,
    MarketingAsk,
    MatchPolicy,
    Money,
    PlanLine,
    Policies,
    Segment,
    SegmentDimension,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.gaps.gaps import (
    APPROVED,
    HOME,
    MIXED,
    Q4,
    _no_calls,
    plan,
    report,
    usd,
)


class TestSegments:
    def test_a_product_goal_is_shared_by_customers(self) -> None:
        line = PlanLine(Segment(product="Platform"), usd(1_200_000), usd(100_000))
        result = report(
            accounts=MIXED,
            advocates=[],
            signals={},
            plan=plan(
                marketing=(), lines=[line], win_rate=None, references_per_opportunity=1
            ),
        )
        platform = {
            (r.segment.industry, r.segment.region): r.deals
            for r in result.rows
            if r.segment.product == "Platform"
        }
        # 12 deals over 1, 2 and 1 customers: 3, 6 and 3.
        assert platform == {
            ("Retail", "EMEA"): 3,
            ("Banking", "EMEA"): 6,
            ("Retail", "APAC"): 3,
        }
        assert result.totals.deals == 12

    def test_a_full_segment_without_customers_gets_its_own_row(self) -> None:
        new_market = Segment(product="Platform", industry="Health", region="LATAM")
        result = report(plan=plan(marketing=(), lines=[
            PlanLine(new_market, usd(240_000), usd(120_000))
        ]))  # fmt: skip
        row = next(r for r in result.rows if r.segment == new_market)
        assert (row.customers, row.approved, row.coverage) == (0, 0, None)
        assert row.deals == 2
        assert row.recruits == max(row.shortfall, row.gap // 3 + (row.gap % 3 > 0))

    def test_other_dimensions(self) -> None:
        by_industry = plan(
            lines=[PlanLine(Segment(industry="Retail"), usd(240_000), usd(120_000))],
            marketing=(),
        )
        result = report(dimensions=["industry", "size"], plan=by_industry)
        assert result.dimensions == (SegmentDimension.INDUSTRY, SegmentDimension.SIZE)
        (row,) = result.rows
        assert row.segment.size is not None
        assert (row.segment.industry, row.segment.size.value) == (
            "Retail",
            "mid_market",
        )

    def test_cut_by_product_or_size_alone(self) -> None:
        # Neither reads an account attribute by name: the keys must still be
        # one value long, and agree with the full report rolled up.
        arguments = {
            "accounts": MIXED,
            "advocates": APPROVED[:4],
            "signals": {},
            "plan": plan(
                marketing=(), lines=[PlanLine(Segment(), usd(240_000), usd(120_000))]
            ),
        }
        full = report(**arguments)
        for dimension in ("product", "size"):
            alone = report(**arguments, dimensions=[dimension])
            rolled = full.roll_up(dimension) if dimension == "product" else None
            assert alone.dimensions == (SegmentDimension(dimension),)
            assert sum(r.customers for r in alone.rows) >= len(alone.rows) > 0
            if rolled is not None:
                assert [(r.segment, r.customers, r.approved) for r in alone.rows] == [
                    (r.segment, r.customers, r.approved) for r in rolled.rows
                ]

    def test_roll_up_sums_rows(self) -> None:
        result = report(accounts=MIXED, advocates=APPROVED[:4], signals={})
        by_industry = result.roll_up("industry")
        assert [r.segment.industry for r in by_industry.rows] == ["Banking", "Retail"]
        for field in ("customers", "approved", "requests", "gap", "recruits"):
            assert sum(getattr(r, field) for r in by_industry.rows) == getattr(
                result.totals, field
            )
        assert result.roll_up().rows[0].requests == result.totals.requests
        with pytest.raises(InvalidValueError, match="the report's dimensions"):
            result.roll_up("size")


class TestBadPlans:
    @pytest.mark.parametrize("size", [0, -5])
    def test_deal_size_must_be_positive(self, size: int) -> None:
        with pytest.raises(InvalidValueError, match=r"PlanLine\.deal_size"):
            PlanLine(HOME, usd(1), usd(size))

    def test_negative_goal(self) -> None:
        with pytest.raises(InvalidValueError, match=r"PlanLine\.goal"):
            PlanLine(HOME, usd(-1), usd(1))

    def test_goal_and_deal_size_in_one_currency(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="USD and EUR"):
            PlanLine(HOME, usd(1), Money(1, "EUR"))

    @pytest.mark.parametrize(("rate", "hint"), [(0, None), (1.5, None), (25, "0.25")])
    def test_win_rate_in_zero_to_one(self, rate: float, hint: str | None) -> None:
        with pytest.raises(InvalidValueError, match=r"DemandPlan\.win_rate") as caught:
            plan(win_rate=rate)
        assert (hint or "") in (caught.value.hint or "")

    def test_period_in_order(self) -> None:
        with pytest.raises(InvalidValueError, match="on or after start"):
            plan(end=Q4[0].subtract(days=1))

    def test_marketing_inside_the_period(self) -> None:
        with pytest.raises(InvalidValueError, match="within the period"):
            plan(marketing=[MarketingAsk(HOME, 1, pendulum.date(2027, 1, 5))])

    def test_overlapping_lines(self) -> None:
        lines = [
            PlanLine(Segment(product="Platform"), usd(1), usd(1)),
            PlanLine(Segment(industry="Retail"), usd(1), usd(1)),
        ]
        with pytest.raises(InvalidValueError, match="do not overlap"):
            plan(lines=lines)

    def test_lines_must_be_plan_lines(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"DemandPlan\.lines"):
            plan(lines=["Platform: $6M"])

    def test_lines_in_one_currency(self) -> None:
        lines = [
            PlanLine(Segment(product="Platform"), usd(1), usd(1)),
            PlanLine(Segment(product="Other"), Money(1, "EUR"), Money(1, "EUR")),
        ]
        with pytest.raises(CurrencyMismatchError):
            plan(lines=lines)

    def test_a_dimension_the_report_does_not_cut_by(self) -> None:
        by_size = plan(marketing=[MarketingAsk(Segment(size="enterprise"), 2, Q4[0])])
        with pytest.raises(InvalidValueError, match=r"not by \['size'\]"):
            report(plan=by_size)

    def test_a_partial_segment_without_customers(self) -> None:
        nowhere = plan(lines=[PlanLine(Segment(product="Nothing"), usd(1), usd(1))])
        with pytest.raises(InvalidValueError, match="customers to spread it over"):
            report(plan=nowhere)

    def test_an_activity_no_tier_may_be_asked_for(self) -> None:
        with pytest.raises(InvalidValueError, match="some tier may be asked for"):
            report(
                plan=plan(activity=ActivityType.REFERENCE_CALL),
                policies=Policies(tiers=_no_calls()),
            )

    def test_policies_that_leave_a_recruit_no_room(self) -> None:
        refused(
            InvalidValueError,
            "reference_gaps.policies",
            lambda: report(
                policies=Policies(match=MatchPolicy(reference_calls_per_quarter=0))
            ),
        )

    @pytest.mark.parametrize(
        ("arguments", "error", "match"),
        [
            ({"dimensions": []}, InvalidValueError, "one or more distinct"),
            ({"dimensions": ["product", "product"]}, InvalidValueError, "distinct"),
            ({"dimensions": ["colour"]}, InvalidValueError, "dimensions among"),
            ({"plan": "Q4"}, InvalidTypeError, r"reference_gaps\.plan"),
            ({"accounts": ["acct"]}, InvalidTypeError, r"reference_gaps\.accounts"),
            ({"advocates": ["adv"]}, InvalidTypeError, r"reference_gaps\.advocates"),
            ({"activities": ["x"]}, InvalidTypeError, r"reference_gaps\.activities"),
            ({"commitments": ["x"]}, InvalidTypeError, r"reference_gaps\.commitments"),
            ({"redundancy": -1}, InvalidValueError, "redundancy"),
            ({"model": "default"}, InvalidTypeError, "model"),
        ],
    )
    def test_bad_arguments(
        self, arguments: dict[str, Any], error: type[Exception], match: str
    ) -> None:
        with pytest.raises(error, match=match):
            report(**arguments)
