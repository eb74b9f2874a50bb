"""The one capacity rule: asks left in a quarter, shared by matching and gaps."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    ActivityCatalog,
    ActivityType,
    DemandPlan,
    Ineligibility,
    MarketingAsk,
    MatchPolicy,
    Policies,
    Segment,
    Tier,
    TierPolicy,
    assign_requests,
    check_eligibility,
    reference_gaps,
)
from advocacy._matching.capacity import asks_left
from advocacy.exceptions import InvalidValueError
from tests.world import AS_OF, account, activity, advocate, request

SHARE = ActivityType.SOCIAL_SHARE
HOME = Segment(product="Analytics", industry="Retail", region="EMEA")
QUARTER = (pendulum.date(2026, 4, 1), pendulum.date(2026, 6, 30))


def free_shares(budget: int, asks: int = 5) -> Policies:
    """Social shares cost 0 minutes; supporters have `budget` minutes a quarter."""
    catalog = ActivityCatalog(
        tuple(
            attrs.evolve(spec, minutes=0) if spec.type is SHARE else spec
            for spec in ActivityCatalog.default()
        )
    )
    rules = tuple(
        attrs.evolve(rule, quarterly_minutes=budget)
        if rule.tier is Tier.SUPPORTER
        else rule
        for rule in TierPolicy.default(catalog).rules
    )
    return Policies(
        match=MatchPolicy(asks_per_batch=asks, rest_days=0),
        catalog=catalog,
        tiers=TierPolicy(rules),
    )


SUPPORTER = advocate("v1", "a1", tier=Tier.SUPPORTER)


def filled(policies: Policies, requests: int) -> int:
    batch = [request(f"r{n}", activity=SHARE) for n in range(requests)]
    result = assign_requests(
        batch, [SUPPORTER], accounts={"a1": account("a1")}, as_of=AS_OF,
        policies=policies,
    )  # fmt: skip
    return result.filled


def capacity(policies: Policies) -> int:
    plan = DemandPlan(
        start=QUARTER[0],
        end=QUARTER[1],
        lines=(),
        marketing=(MarketingAsk(HOME, 5, QUARTER[0], "social push"),),
        activity=SHARE,
    )
    report = reference_gaps(
        [account("a1")], [SUPPORTER], plan, as_of=AS_OF, policies=policies
    )
    (row,) = report.rows
    assert row.capacity.denominator == 1
    return row.capacity.numerator


class TestZeroEffortActivities:
    """An activity of 0 minutes still takes one minute of the budget per ask."""

    def test_matching_and_gaps_count_the_same_asks(self) -> None:
        policies = free_shares(budget=3)
        assert filled(policies, requests=5) == 3
        assert capacity(policies) == 3

    @given(st.integers(1, 8), st.integers(1, 8), st.integers(1, 8))
    def test_matching_fills_what_gaps_counts(
        self, budget: int, requests: int, asks: int
    ) -> None:
        policies = free_shares(budget, asks)
        assert capacity(policies) == budget
        assert filled(policies, requests) == min(budget, requests, asks)

    def test_no_budget_leaves_a_recruit_no_capacity(self) -> None:
        assert filled(free_shares(budget=0), requests=2) == 0
        with pytest.raises(
            InvalidValueError, match=r"reference_gaps\.policies"
        ) as error:
            capacity(free_shares(budget=0))
        assert "supporter budget 0 min; social_share takes 1" in str(error.value)

    def test_a_used_up_budget_refuses_the_ask_by_name(self) -> None:
        done = [
            activity(f"s{n}", "v1", AS_OF.subtract(days=n + 1), type=SHARE)
            for n in range(3)
        ]
        result = check_eligibility(
            SUPPORTER,
            request("r1", activity=SHARE),
            account=account("a1"),
            as_of=AS_OF,
            activities=done,
            policies=free_shares(budget=3),
        )
        (reason,) = result.reasons
        assert reason.kind is Ineligibility.TIME_BUDGET
        assert reason.detail == (
            "3 of 3 minutes used this quarter; social_share takes 1"
        )
        assert result.next_eligible == pendulum.date(2026, 7, 1)
        assert capacity(free_shares(budget=3)) == 3  # nothing done in the plan


class TestAsksLeft:
    @given(st.integers(-50, 500), st.integers(-3, 5), st.integers(1, 120))
    def test_the_asks_fit_and_one_more_would_not(
        self, minutes: int, calls: int, cost: int
    ) -> None:
        for kind in (ActivityType.REFERENCE_CALL, ActivityType.WEBINAR):
            asks = asks_left(kind, minutes=minutes, calls=calls, cost=cost)
            assert asks >= 0
            assert asks * cost <= max(minutes, 0)
            if kind is ActivityType.REFERENCE_CALL:
                assert asks <= max(calls, 0)
                full = (asks + 1) * cost > minutes or asks + 1 > calls
            else:
                full = (asks + 1) * cost > minutes
            assert full

    def test_examples(self) -> None:
        call, webinar = ActivityType.REFERENCE_CALL, ActivityType.WEBINAR
        assert asks_left(call, minutes=120, calls=3, cost=30) == 3
        assert asks_left(call, minutes=120, calls=1, cost=30) == 1
        assert asks_left(webinar, minutes=120, calls=0, cost=30) == 4
        assert asks_left(webinar, minutes=29, calls=3, cost=30) == 0
        assert asks_left(webinar, minutes=-10, calls=3, cost=30) == 0


def test_no_reference_calls_a_quarter_is_a_named_error() -> None:
    """A call cap of 0 leaves a recruit nothing: refused, not divided by zero."""
    plan = DemandPlan(
        start=QUARTER[0],
        end=QUARTER[1],
        lines=(),
        marketing=(MarketingAsk(HOME, 2, QUARTER[0], "analyst day"),),
    )
    policies = Policies(match=MatchPolicy(reference_calls_per_quarter=0))
    with pytest.raises(InvalidValueError, match="0 reference calls a quarter"):
        reference_gaps([account("a1")], [], plan, as_of=AS_OF, policies=policies)
