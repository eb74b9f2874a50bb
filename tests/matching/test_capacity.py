"""The one capacity rule: asks left in a quarter, shared by matching and gaps."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    ActivityCatalog,
    ActivityType,
    CapacityLimit,
    Commitment,
    DemandPlan,
    Ineligibility,
    MarketingAsk,
    MatchPolicy,
    Policies,
    Segment,
    Tier,
    TierPolicy,
    advocate_capacity,
    assign_requests,
    check_eligibility,
    reference_gaps,
)
from advocacy._matching.capacity import asks_left
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
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


class TestAdvocateCapacity:
    def test_a_fresh_champion(self) -> None:
        fresh = advocate_capacity(advocate("v1", "a1"), as_of=AS_OF)
        assert (fresh.budget, fresh.minutes_left) == (300, 300)
        assert (fresh.calls_cap, fresh.calls_left, fresh.batch_asks) == (3, 3, None)
        assert fresh.quarter == pendulum.date(2026, 4, 1)
        call = fresh["reference_call"]
        assert (call.asks, call.minutes, call.limit) == (
            3,
            30,
            CapacityLimit.REFERENCE_CALLS,
        )
        study = fresh[ActivityType.CASE_STUDY]
        assert (study.asks, study.limit) == (2, CapacityLimit.TIME_BUDGET)
        assert [line.activity for line in fresh.activities] == [
            spec.type for spec in ActivityCatalog.default()
        ]

    def test_what_the_quarter_counted_and_only_theirs(self) -> None:
        done = [
            activity("c1", "v1", pendulum.date(2026, 4, 2)),
            activity("c2", "v2", pendulum.date(2026, 4, 3)),
            activity("old", "v1", pendulum.date(2026, 3, 31)),  # last quarter
        ]
        asked = [
            Commitment("v1", "r1", ActivityType.CASE_STUDY, AS_OF),
            Commitment("v2", "r1", ActivityType.CASE_STUDY, AS_OF),
        ]
        left = advocate_capacity(
            advocate("v1", "a1"), as_of=AS_OF, activities=done, commitments=asked
        )
        assert (left.minutes_left, left.calls_left) == (300 - 30 - 120, 2)
        assert left.asks(ActivityType.CASE_STUDY) == 1
        assert left.asks(ActivityType.REFERENCE_CALL) == 2

    def test_the_time_budget_binds_calls_when_it_is_smaller(self) -> None:
        # An advocate-tier member: 120 minutes, so 4 calls' worth against a
        # cap of 5; three calls done leave one call by either limit, and
        # the budget is named first.
        policies = Policies(match=MatchPolicy(reference_calls_per_quarter=5))
        person = advocate("v1", "a1", tier=Tier.ADVOCATE)
        done = [
            activity(f"c{n}", "v1", pendulum.date(2026, 4, 1 + n)) for n in range(3)
        ]
        left = advocate_capacity(
            person, as_of=AS_OF, activities=done, policies=policies
        )
        assert (left.minutes_left, left.calls_left) == (30, 2)
        call = left["reference_call"]
        assert (call.asks, call.limit) == (1, CapacityLimit.TIME_BUDGET)

    def test_no_tier_and_over_the_budget_leave_nothing(self) -> None:
        nobody = advocate_capacity(advocate("v1", "a1", tier=None), as_of=AS_OF)
        assert nobody.budget == nobody.minutes_left == 0
        assert all(line.asks == 0 for line in nobody.activities)
        assert {line.limit for line in nobody.activities} == {CapacityLimit.TIME_BUDGET}
        long = [activity("a", "v1", AS_OF, type=ActivityType.SPEAKING, minutes=400)]
        over = advocate_capacity(advocate("v1", "a1"), as_of=AS_OF, activities=long)
        assert over.minutes_left == 0

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(list(ActivityType)),
                st.integers(0, 89),
                st.sampled_from([None, 0, 30, 200]),
            ),
            max_size=6,
        ),
        st.sampled_from([Tier.CHAMPION, Tier.ADVOCATE, Tier.SUPPORTER, None]),
        st.integers(0, 4),
    )
    def test_no_ask_left_is_exactly_eligibility_s_caps(
        self,
        records: list[tuple[ActivityType, int, int | None]],
        tier: Tier | None,
        cap: int,
    ) -> None:
        quarter = pendulum.date(2026, 4, 1)
        done = [
            activity(f"a{n}", "v1", quarter.add(days=day), type=kind, minutes=minutes)
            for n, (kind, day, minutes) in enumerate(records)
        ]
        policies = Policies(
            match=MatchPolicy(rest_days=0, reference_calls_per_quarter=cap)
        )
        person = advocate("v1", "a1", tier=tier)
        day = pendulum.date(2026, 6, 30)
        left = advocate_capacity(person, as_of=day, activities=done, policies=policies)
        for line in left.activities:
            eligibility = check_eligibility(
                person,
                request("r1", activity=line.activity),
                account=account("a1"),
                as_of=day,
                activities=done,
                policies=policies,
            )
            # A tierless advocate has no budget: eligibility names the tier.
            capped = {
                Ineligibility.TIME_BUDGET,
                Ineligibility.REFERENCE_CALL_CAP,
                Ineligibility.NO_TIER,
            }
            kinds = {r.kind for r in eligibility.reasons}
            assert (line.asks == 0) is bool(capped & kinds)

    def test_text_table_and_headline(self) -> None:
        left = advocate_capacity(advocate("v1", "a1"), as_of=AS_OF)
        lines = left.explain().splitlines()
        assert lines[0] == (
            "v1 on 2026-05-15: 300 of 300 minutes and 3 of 3 reference calls "
            "left this quarter"
        )
        assert (
            lines[1] == "  reference_call: 3 asks (30 min each; limit reference_calls)"
        )
        assert "  speaking: 1 ask (240 min each; limit time_budget)" in lines
        assert repr(left) == f"Capacity({lines[0]})"
        assert "<td>case_study</td><td>2</td><td>120</td>" in left._repr_html_()

    def test_bad_input_is_named(self) -> None:
        person = advocate("v1", "a1")
        with pytest.raises(InvalidTypeError, match=r"advocate_capacity\.advocate"):
            advocate_capacity("v1", as_of=AS_OF)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"activities\[0\]"):
            advocate_capacity(person, as_of=AS_OF, activities=["x"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match=r"commitments\[0\]"):
            advocate_capacity(person, as_of=AS_OF, commitments=[None])  # type: ignore[list-item]
        with pytest.raises(UnknownKeyError, match=r"Capacity\.activity"):
            advocate_capacity(person, as_of=AS_OF)["juggling"]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"minutes_left": 301}, "minutes_left"),
            ({"calls_left": 4}, "calls_left"),
            ({"quarter": pendulum.date(2026, 7, 1)}, "as_of"),
            ({"batch_asks": -1}, "batch_asks"),
        ],
    )
    def test_a_capacity_is_refused_by_name(
        self, changes: dict[str, Any], field: str
    ) -> None:
        left = advocate_capacity(advocate("v1", "a1"), as_of=AS_OF)
        with pytest.raises(InvalidValueError, match=rf"^Capacity\.{field}: got"):
            attrs.evolve(left, **changes)

    def test_each_activity_once(self) -> None:
        left = advocate_capacity(advocate("v1", "a1"), as_of=AS_OF)
        with pytest.raises(InvalidValueError, match=r"^Capacity\.activities: got"):
            attrs.evolve(left, activities=left.activities[:1] * 2)
