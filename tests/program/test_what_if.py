"""What-if: matching and gap analysis re-run under changed rules."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    DemandPlan,
    MatchPolicy,
    Money,
    PlanLine,
    Policies,
    Scenario,
    Segment,
    SegmentChange,
    TierPolicy,
    WhatIf,
    from_dict,
    to_dict,
    what_if,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.world import AS_OF, World, account, activity, advocate, request, worlds

CAP_2 = Scenario("cap 2", Policies(match=MatchPolicy(reference_calls_per_quarter=2)))
ACCOUNTS = [account("acct-1"), account("acct-2"), account("acct-3")]
# Three champions, each with two reference calls early in Q2 2026: a cap of
# three leaves each one more call this quarter, a cap of two leaves none.
ADVOCATES = [advocate(f"v{n}", f"acct-{n}") for n in (1, 2, 3)]
CALLS = [
    activity(f"v{n}-{day}", f"v{n}", pendulum.date(2026, 4, day))
    for n in (1, 2, 3)
    for day in (1, 2)
]
REQUESTS = [request(f"r{n}") for n in (1, 2, 3)]
# Q3 2026 for Analytics: $1.2M / $100K = 12 deals; / 0.5 win rate = 24
# opportunities; x 1 reference each = 24 requests.
PLAN = DemandPlan(
    start="2026-07-01",
    end="2026-09-30",
    lines=[
        PlanLine(
            Segment(product="Analytics"), Money(1_200_000, "USD"), Money(100_000, "USD")
        )
    ],
    win_rate=0.5,
    references_per_opportunity=1,
)


def weigh(changed: Scenario = CAP_2, **changes: object) -> WhatIf:
    arguments: dict[str, object] = {
        "as_of": AS_OF,
        "advocates": ADVOCATES,
        "accounts": ACCOUNTS,
        "activities": CALLS,
        "requests": REQUESTS,
        "plan": PLAN,
    }
    return what_if(changed, **{**arguments, **changes})  # type: ignore[arg-type]


def test_a_lower_cap_loses_this_weeks_requests() -> None:
    result = weigh()
    assert result.changes == ("match.reference_calls_per_quarter: 3 -> 2",)
    assert result.filled == (3, 0)
    assert result.priority_filled == (3, 0)
    assert result.lost == ("r1", "r2", "r3")
    assert result.gained == ()
    # Back the other way, the same requests are gained.
    reverse = weigh(Scenario.current(), baseline=CAP_2)
    assert reverse.gained == ("r1", "r2", "r3")
    assert reverse.lost == ()


def test_a_lower_cap_widens_next_quarters_gap() -> None:
    result = weigh()
    # Three approved champions: 3 calls each a quarter, then 2 each.
    # Gap = 24 - 9 = 15, then 24 - 6 = 18; recruits = gap / a recruit's
    # allowance, rounded up: 15 / 3 = 5, then 18 / 2 = 9.
    assert result.totals["requests expected"] == (24, 24)
    assert result.totals["capacity"] == (Fraction(9), Fraction(6))
    assert result.totals["gap"] == (15, 18)
    assert result.totals["recruits"] == (5, 9)
    (segment,) = result.segments
    assert segment == SegmentChange(
        Segment(product="Analytics", industry="Retail", region="EMEA"),
        (Fraction(9), Fraction(6)),
        (15, 18),
        (5, 9),
    )


def test_explain_records_repr_and_html() -> None:
    result = weigh()
    assert result.explain().splitlines() == [
        "cap 2 against current:",
        "  match.reference_calls_per_quarter: 3 -> 2",
        "requests: 3 -> 3",
        "filled: 3 -> 0",
        "priority filled: 3 -> 0",
        "requests expected: 24 -> 24",
        "capacity: 9 -> 6",
        "gap: 15 -> 18",
        "recruits: 5 -> 9",
        "no longer filled: r1, r2, r3",
        "1 segments move; the most:",
        "  Analytics / Retail / EMEA: capacity 9 -> 6, gap 15 -> 18, recruits 5 -> 9",
    ]
    assert result.to_records()[1] == {
        "figure": "filled",
        "current": 3,
        "cap 2": 0,
        "difference": -3,
    }
    assert result.to_records()[4]["difference"] == -3.0
    assert repr(result) == "WhatIf(cap 2 against current: filled 3 -> 0, gap 15 -> 18)"
    assert "<tr><td>gap</td><td>15</td><td>18</td><td>3</td></tr>" in (
        result._repr_html_()
    )
    assert (
        "newly filled: r1, r2, r3"
        in weigh(Scenario.current(), baseline=CAP_2).explain()
    )


def test_either_rule_alone() -> None:
    matching_only = weigh(plan=None)
    assert matching_only.gaps is None
    assert matching_only.segments == ()
    assert list(matching_only.totals) == ["requests", "filled", "priority filled"]
    gaps_only = weigh(requests=())
    assert gaps_only.matching is None
    assert (gaps_only.filled, gaps_only.priority_filled) == (None, None)
    assert gaps_only.lost == gaps_only.gained == ()
    assert list(gaps_only.totals) == [
        "requests expected",
        "capacity",
        "gap",
        "recruits",
    ]


def test_the_same_rules_change_nothing() -> None:
    result = weigh(Scenario("again"))
    assert result.changes == ()
    assert "  no setting differs" in result.explain()
    assert all(old == new for old, new in result.totals.values())
    assert result.segments == ()


def test_any_policy_can_change_and_is_named_by_path() -> None:
    tight = TierPolicy.default()
    rules = list(tight.rules)
    rules[0] = attrs.evolve(rules[0], quarterly_minutes=60)
    budget = Scenario(
        "one hour", Policies(tiers=attrs.evolve(tight, rules=tuple(rules)))
    )
    result = weigh(budget, accounts={a.id: a for a in ACCOUNTS})
    assert result.changes == ("tiers.rules[0].quarterly_minutes: 300 -> 60",)
    # An hour a quarter is two 30-minute calls; both are spent already.
    assert result.filled == (3, 0)


def test_scenarios_round_trip_through_plain_dicts() -> None:
    assert from_dict(Scenario, to_dict(CAP_2)) == CAP_2
    assert Scenario.current() == Scenario("current")
    plain = {"name": "cap 2", "policies": {"match": {"reference_calls_per_quarter": 2}}}
    assert from_dict(Scenario, plain) == CAP_2


def test_bad_input_is_refused_by_name() -> None:
    with pytest.raises(InvalidValueError, match=r"what_if\.requests.*a plan"):
        weigh(requests=(), plan=None)
    with pytest.raises(InvalidTypeError, match=r"what_if\.changed"):
        weigh(MatchPolicy(reference_calls_per_quarter=2))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"what_if\.baseline"):
        weigh(baseline="current")
    with pytest.raises(InvalidTypeError, match=r"what_if\.accounts"):
        weigh(accounts=["acct-1"])
    with pytest.raises(InvalidValueError, match=r"Scenario\.name"):
        Scenario(" ")
    with pytest.raises(InvalidTypeError, match=r"Scenario\.policies"):
        Scenario("cap 2", "strict")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"assign_requests\.as_of"):
        weigh(as_of="someday")


@st.composite
def busy_worlds(draw: st.DrawFn) -> World:
    """Small worlds whose advocates already took 0-3 calls this quarter."""
    world: World = draw(worlds())
    calls = [
        activity(f"{a.id}-{day}", a.id, pendulum.date(2026, 4, day))
        for a in world.advocates
        for day in range(1, draw(st.integers(0, 3)) + 1)
    ]
    return attrs.evolve(world, activities=tuple(calls))


@given(busy_worlds(), st.integers(0, 2))
def test_a_lower_cap_never_fills_more_priority(world: World, cap: int) -> None:
    result = what_if(
        Scenario("lower", Policies(match=MatchPolicy(reference_calls_per_quarter=cap))),
        as_of=AS_OF,
        advocates=world.advocates,
        accounts=world.accounts,
        activities=world.activities,
        requests=world.requests,
    )
    assert result.priority_filled is not None
    before, after = result.priority_filled
    assert after <= before
    assert set(result.lost).isdisjoint(result.gained)
    filled_before, filled_after = result.filled or (0, 0)
    assert filled_after - filled_before == len(result.gained) - len(result.lost)


class TestResultValidation:
    """What-if results refuse what the rule never makes, naming the field."""

    RESULT = weigh()

    def test_the_rules_own_result_passes_unchanged(self) -> None:
        assert attrs.evolve(self.RESULT) == self.RESULT
        (change,) = self.RESULT.segments
        assert attrs.evolve(change) == change
        gaps_only = weigh(requests=())
        assert attrs.evolve(gaps_only) == gaps_only

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"capacity": (Fraction(-1), Fraction(6))}, "capacity"),
            ({"gap": (15, -1)}, "gap"),
            ({"recruits": (-5, 9)}, "recruits"),
        ],
    )
    def test_a_segments_figures_are_not_negative(
        self, changes: dict[str, Any], field: str
    ) -> None:
        (change,) = self.RESULT.segments
        with pytest.raises(
            InvalidValueError,
            match=rf"SegmentChange\.{field}: got .*; expected a pair of figures of "
            r"at least 0",
        ):
            attrs.evolve(change, **changes)

    def test_one_rule_at_least_is_weighed(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"WhatIf\.matching: got None; expected a pair of batch "
            r"assignments, or a pair of gap reports in gaps",
        ):
            attrs.evolve(self.RESULT, matching=None, gaps=None)

    def test_both_assignments_match_the_same_requests_on_the_same_day(self) -> None:
        assert self.RESULT.matching is not None
        before, after = self.RESULT.matching
        fewer = weigh(requests=REQUESTS[:2]).matching
        later = weigh(as_of=AS_OF.add(days=1)).matching
        assert fewer is not None
        assert later is not None
        for pair in ((before, fewer[1]), (later[0], after)):
            with pytest.raises(
                InvalidValueError,
                match=r"WhatIf\.matching: got .*; expected two assignments of the "
                r"same requests on the same date",
            ):
                attrs.evolve(self.RESULT, matching=pair)

    def test_both_gap_reports_analyse_the_same_plan(self) -> None:
        assert self.RESULT.gaps is not None
        old = self.RESULT.gaps[0]
        other = weigh(plan=attrs.evolve(PLAN, win_rate=0.25)).gaps
        assert other is not None
        with pytest.raises(
            InvalidValueError,
            match=r"WhatIf\.gaps: got .*; expected two gap reports of the same "
            r"plan and dimensions on the same date",
        ):
            attrs.evolve(self.RESULT, gaps=(old, other[1]))
