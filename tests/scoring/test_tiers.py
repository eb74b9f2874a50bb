"""Tier policy and assignment: SPEC §3's defaults, caps, floors, stability."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityCatalog,
    ActivityType,
    IdentificationRule,
    ScoringModel,
    Signals,
    Tier,
    TierAssignment,
    TierDecision,
    TierPolicy,
    assign_tiers,
    engagement_counts,
    from_dict,
    identify_potential_advocates,
    to_dict,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from tests import strategies
from tests.checks import refused

AS_OF = pendulum.date(2026, 9, 30)
POLICY = TierPolicy.default()
RANK = {Tier.CHAMPION: 0, Tier.ADVOCATE: 1, Tier.SUPPORTER: 2, None: 3}


def reference(
    scores: Mapping[str, int],
    engagement: Mapping[str, int],
    policy: TierPolicy,
    previous: Mapping[str, Tier | None],
    margin: int,
) -> dict[str, Tier | None]:
    """SPEC §3 read literally: fill Champion, then Advocate, then Supporter."""
    order = sorted(scores, key=lambda i: (-scores[i], -engagement.get(i, 0), i))
    result: dict[str, Tier | None] = dict.fromkeys(order)
    for rule in policy.rules:
        cap = math.floor(Fraction(str(rule.max_share)) * len(order))
        taken = 0
        for advocate_id in order:
            floor = rule.min_score - (
                margin if previous.get(advocate_id) is rule.tier else 0
            )
            if (
                result[advocate_id] is None
                and taken < cap
                and scores[advocate_id] >= floor
            ):
                result[advocate_id] = rule.tier
                taken += 1
    return result


def population(n: int, score: int) -> dict[str, int]:
    return {f"a{i:04d}": score for i in range(n)}


class TestDefaultPolicy:
    def test_spec_figures(self) -> None:
        rows = [
            (r.tier, r.min_score, r.max_share, r.quarterly_minutes, r.typical_pool)
            for r in POLICY.rules
        ]
        assert rows == [
            (Tier.CHAMPION, 80, 0.03, 300, (10, 15)),
            (Tier.ADVOCATE, 61, 0.15, 120, (40, 60)),
            (Tier.SUPPORTER, 40, 0.40, 30, (150, 200)),
        ]
        assert "executive access" in POLICY[Tier.CHAMPION].benefits
        assert "thank-you notes" in POLICY[Tier.SUPPORTER].recognition

    def test_activities_follow_the_catalog_lowest_tier(self) -> None:
        catalog = ActivityCatalog.default()
        for rule in POLICY.rules:
            for spec in catalog:
                allowed = POLICY.allows(rule.tier, spec.type)
                assert allowed == rule.tier.at_least(spec.lowest_tier)
        assert POLICY.allows(Tier.CHAMPION, ActivityType.ADVISORY_BOARD)
        assert not POLICY.allows(Tier.ADVOCATE, ActivityType.ADVISORY_BOARD)
        assert POLICY.allows(Tier.ADVOCATE, ActivityType.REFERENCE_CALL)
        assert not POLICY.allows(Tier.SUPPORTER, ActivityType.REFERENCE_CALL)
        assert POLICY.allows(Tier.SUPPORTER, ActivityType.ONLINE_REVIEW)

    def test_policy_from_a_custom_catalog(self) -> None:
        catalog = ActivityCatalog(
            tuple(
                attrs.evolve(s, lowest_tier=Tier.SUPPORTER)
                if s.type is ActivityType.REFERENCE_CALL
                else s
                for s in ActivityCatalog.default()
            )
        )
        assert TierPolicy.default(catalog).allows(
            Tier.SUPPORTER, ActivityType.REFERENCE_CALL
        )

    @pytest.mark.parametrize(
        ("share", "population", "cap"),
        [
            (0.03, 500, 15),
            (0.15, 500, 75),
            (0.40, 500, 200),
            (0.29, 100, 29),
            (0.03, 10, 0),
        ],
    )
    def test_cap_is_the_floor_of_share_times_population(
        self, share: float, population: int, cap: int
    ) -> None:
        rule = attrs.evolve(POLICY[Tier.CHAMPION], max_share=share)
        assert rule.cap(population) == cap

    def test_round_trips_through_json(self) -> None:
        plain = json.loads(json.dumps(to_dict(POLICY)))
        assert from_dict(TierPolicy, plain) == POLICY


class TestPolicyValidation:
    def test_share_above_one(self) -> None:
        with pytest.raises(InvalidValueError, match=r"TierRule\.max_share") as caught:
            attrs.evolve(POLICY[Tier.CHAMPION], max_share=3)
        assert caught.value.hint == "this looks like a percentage; did you mean 0.03?"

    def test_share_above_one_without_hint(self) -> None:
        with pytest.raises(InvalidValueError, match="from 0 to 1") as caught:
            attrs.evolve(POLICY[Tier.CHAMPION], max_share=150)
        assert caught.value.field == "max_share"
        assert caught.value.hint is None

    def test_minimum_scores_out_of_order(self) -> None:
        rules = (
            POLICY.rules[0],
            attrs.evolve(POLICY.rules[1], min_score=85),
            POLICY.rules[2],
        )
        with pytest.raises(
            InvalidValueError, match="minimum scores in tier order"
        ) as caught:
            TierPolicy(rules)
        assert caught.value.field == "rules"
        assert "advocate.min_score=85" in str(caught.value)

    def test_rules_in_tier_order(self) -> None:
        with pytest.raises(InvalidValueError, match="champion, advocate, supporter"):
            TierPolicy(tuple(reversed(POLICY.rules)))
        with pytest.raises(InvalidTypeError, match=r"TierPolicy\.rules"):
            TierPolicy(("champion",))  # type: ignore[arg-type]

    def test_rule_of_a_tier_or_its_value(self) -> None:
        assert POLICY[Tier.ADVOCATE] is POLICY.rules[1]
        assert POLICY["supporter"] is POLICY.rules[2]  # type: ignore[index]
        with pytest.raises(ValueError, match="'gold' is not a valid Tier"):
            POLICY["gold"]  # type: ignore[index]

    @pytest.mark.parametrize(
        ("pool", "error"),
        [
            ((15, 10), InvalidValueError),
            ((1, 2, 3), InvalidTypeError),
            (("a", "b"), InvalidTypeError),
        ],
    )
    def test_typical_pool_is_an_ordered_pair(
        self, pool: object, error: type[Exception]
    ) -> None:
        with pytest.raises(error, match="typical_pool"):
            attrs.evolve(POLICY[Tier.CHAMPION], typical_pool=pool)  # type: ignore[arg-type]


class TestAssignment:
    def test_fills_in_rank_order_within_caps(self) -> None:
        scores = population(100, 90)  # champion cap 3, advocate 15, supporter 40
        tiers = assign_tiers(scores, as_of=AS_OF)
        assert [tiers[i] for i in tiers.ranked[:3]] == [Tier.CHAMPION] * 3
        assert tiers.counts() == {
            Tier.CHAMPION: 3,
            Tier.ADVOCATE: 15,
            Tier.SUPPORTER: 40,
            None: 42,
        }
        # Equal scores and no activity: ids decide.
        assert tiers.members(Tier.CHAMPION) == ("a0000", "a0001", "a0002")

    def test_floors(self) -> None:
        scores = {"a": 80, "b": 79, "c": 61, "d": 60, "e": 40, "f": 39}
        big = {**scores, **population(200, 0)}  # caps well above need
        tiers = assign_tiers(big, as_of=AS_OF)
        assert {i: tiers[i] for i in scores} == {
            "a": Tier.CHAMPION,
            "b": Tier.ADVOCATE,
            "c": Tier.ADVOCATE,
            "d": Tier.SUPPORTER,
            "e": Tier.SUPPORTER,
            "f": None,
        }

    def test_engagement_breaks_ties_before_id(self) -> None:
        scores = {"a": 85, "b": 85, **population(40, 0)}  # champion cap 1
        activities = [
            Activity(id="1", advocate_id="b", type="webinar", date=AS_OF),
            Activity(
                id="2", advocate_id="a", type="webinar", date=AS_OF.subtract(years=2)
            ),
        ]
        tiers = assign_tiers(scores, as_of=AS_OF, activities=activities)
        assert tiers["b"] is Tier.CHAMPION
        assert tiers["a"] is Tier.ADVOCATE
        assert tiers.decision("b").engagement == 1
        assert tiers.decision("a").engagement == 0

    def test_decision_explains_a_full_cap(self) -> None:
        scores = {"a": 95, "b": 90, **population(40, 0)}  # champion cap 1
        decision = assign_tiers(scores, as_of=AS_OF).decision("b")
        assert decision.tier is Tier.ADVOCATE
        assert decision.rank == 2
        assert [c.tier for c in decision.checks] == [Tier.CHAMPION, Tier.ADVOCATE]
        assert decision.checks[0].meets_floor
        assert decision.checks[0].cap_full
        assert decision.reason == (
            "Advocate (rank 2): meets Champion's minimum 80 but its cap of 1 was "
            "full; meets Advocate's minimum 61 with room under its cap of 6"
        )

    def test_decision_explains_no_tier(self) -> None:
        decision = assign_tiers({"a": 10}, as_of=AS_OF).decision("a")
        assert decision.tier is None
        assert len(decision.checks) == 3
        assert decision.reason.startswith("no tier (rank 1): score 10 below Champion")

    def test_decision_repr_is_who_and_why(self) -> None:
        scores = {"a": 95, "b": 90, **population(40, 0)}  # champion cap 1
        decision = assign_tiers(scores, as_of=AS_OF).decision("b")
        assert repr(decision) == f"TierDecision(b: {decision.reason})"
        assert repr(decision) == (
            "TierDecision(b: Advocate (rank 2): meets Champion's minimum 80 but its "
            "cap of 1 was full; meets Advocate's minimum 61 with room under its cap "
            "of 6)"
        )
        nothing = assign_tiers({"a": 10}, as_of=AS_OF).decision("a")
        assert repr(nothing).startswith("TierDecision(a: no tier (rank 1): score 10")
        assert "\n" not in repr(nothing)

    def test_tiny_population_has_zero_caps(self) -> None:
        tiers = assign_tiers({"a": 100, "b": 100}, as_of=AS_OF)
        assert tiers.caps == {Tier.CHAMPION: 0, Tier.ADVOCATE: 0, Tier.SUPPORTER: 0}
        assert tiers["a"] is None
        assert tiers.decision("a").checks[0].cap_full

    def test_empty(self) -> None:
        tiers = assign_tiers({}, as_of=AS_OF)
        assert len(tiers) == 0
        assert tiers.counts()[None] == 0

    def test_accepts_score_objects(self) -> None:
        model = ScoringModel.default()
        score = model.score(
            Signals(nps=10, health_score=90, feature_adoption=0.9), as_of=AS_OF
        )
        tiers = assign_tiers({"a": score, **population(40, 0)}, as_of=AS_OF)
        assert tiers.decision("a").score == 65

    def test_mapping_interface_and_outputs(self) -> None:
        tiers = assign_tiers({"a": 90, "b": 50, **population(40, 0)}, as_of=AS_OF)
        assert isinstance(tiers, Mapping)
        assert list(tiers)[:2] == ["a", "b"]
        assert "a" in tiers
        assert "zzz" not in tiers
        records = tiers.to_records()
        assert records[0] == {
            "id": "a",
            "rank": 1,
            "score": 90,
            "engagement": 0,
            "tier": "champion",
            "previous": None,
            "reason": records[0]["reason"],
        }
        json.dumps(records)
        assert tiers.summary()[0] == {
            "tier": "champion",
            "min_score": 80,
            "max_share": 0.03,
            "cap": 1,
            "members": 1,
            "typical_pool": (10, 15),
        }
        assert repr(tiers) == (
            "TierAssignment(42 scored: champion 1/1, advocate 0/6, "
            "supporter 1/16, no tier 40)"
        )
        assert tiers._repr_html_().count("<tr>") == 4

    def test_unknown_id(self) -> None:
        tiers = assign_tiers({"a": 90}, as_of=AS_OF)
        with pytest.raises(UnknownKeyError, match="an id that was scored") as caught:
            tiers["b"]
        assert isinstance(caught.value, KeyError)
        assert str(caught.value) == (
            "TierAssignment.id: got 'b'; expected an id that was scored"
        )
        assert tiers.get("b") is None

    @pytest.mark.parametrize(
        ("scores", "match"),
        [
            ({"a": 9.5}, r"scores\['a'\]"),
            ({"a": "90"}, r"scores\['a'\]"),
            ({"a": True}, r"scores\['a'\]"),
            ({7: 90}, r"assign_tiers\.scores"),
            ([("a", 90)], r"assign_tiers\.scores"),
        ],
    )
    def test_bad_scores(self, scores: object, match: str) -> None:
        with pytest.raises(InvalidTypeError, match=match):
            assign_tiers(scores, as_of=AS_OF)  # type: ignore[arg-type]

    def test_bad_arguments(self) -> None:
        with pytest.raises(InvalidValueError, match="margin"):
            assign_tiers({}, as_of=AS_OF, margin=-1)
        with pytest.raises(InvalidTypeError, match="policy"):
            assign_tiers({}, as_of=AS_OF, policy="default")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="as_of"):
            assign_tiers({}, as_of=pendulum.now())
        with pytest.raises(InvalidTypeError, match="activities"):
            assign_tiers({}, as_of=AS_OF, activities=["a"])  # type: ignore[list-item]


class TestHysteresis:
    def test_incumbent_keeps_its_tier_within_the_margin(self) -> None:
        scores = {"a": 75, **population(40, 0)}  # champion cap 1
        previous = {"a": Tier.CHAMPION}
        assert assign_tiers(scores, as_of=AS_OF)["a"] is Tier.ADVOCATE
        kept = assign_tiers(scores, as_of=AS_OF, previous=previous, margin=5)
        assert kept["a"] is Tier.CHAMPION
        assert kept.decision("a").checks[0].floor == 75
        assert kept.decision("a").previous is Tier.CHAMPION
        dropped = assign_tiers(
            {**scores, "a": 74}, as_of=AS_OF, previous=previous, margin=5
        )
        assert dropped["a"] is Tier.ADVOCATE

    def test_caps_still_hold(self) -> None:
        scores = {"a": 95, "b": 78, **population(40, 0)}  # champion cap 1
        tiers = assign_tiers(
            scores, as_of=AS_OF, previous={"b": Tier.CHAMPION}, margin=10
        )
        assert tiers["a"] is Tier.CHAMPION
        assert tiers["b"] is Tier.ADVOCATE

    def test_previous_tiers_as_stored_values(self) -> None:
        scores = {"a": 75, **population(40, 0)}
        kept = assign_tiers(scores, as_of=AS_OF, previous={"a": "champion"}, margin=5)
        assert kept["a"] is Tier.CHAMPION
        assert kept.decision("a").previous is Tier.CHAMPION

    @pytest.mark.parametrize(
        ("previous", "error", "match"),
        [
            ({"a": "gold"}, InvalidValueError, r"previous\['a'\]"),
            ({"a": 1}, InvalidValueError, r"previous\['a'\]"),
            ([("a", "champion")], InvalidTypeError, r"assign_tiers\.previous"),
        ],
    )
    def test_bad_previous_tiers(
        self, previous: object, error: type[Exception], match: str
    ) -> None:
        with pytest.raises(error, match=match):
            assign_tiers({"a": 75}, as_of=AS_OF, previous=previous, margin=5)  # type: ignore[arg-type]

    def test_exact_shares_become_floats(self) -> None:
        rule = attrs.evolve(POLICY[Tier.CHAMPION], max_share=Decimal("0.29"))
        assert rule.max_share == 0.29
        assert rule.cap(100) == 29

    def test_previous_assignment_can_be_passed_back(self) -> None:
        first = assign_tiers({"a": 82, **population(40, 0)}, as_of=AS_OF)
        second = assign_tiers(
            {"a": 77, **population(40, 0)}, as_of=AS_OF, previous=first, margin=5
        )
        assert second["a"] is Tier.CHAMPION


@attrs.frozen
class TierCase:
    """One random assignment problem: scores, activity, policy and history."""

    scores: dict[str, int]
    activities: list[Activity]
    policy: TierPolicy
    previous: dict[str, Tier | None]
    margin: int

    def assign(self, **changes: object) -> TierAssignment:
        """`assign_tiers` on this case, with any argument changed."""
        arguments: dict[str, object] = {
            "activities": self.activities,
            "policy": self.policy,
            "previous": self.previous,
            "margin": self.margin,
        }
        return assign_tiers(self.scores, as_of=AS_OF, **{**arguments, **changes})  # type: ignore[arg-type]


@st.composite
def tier_cases(draw: st.DrawFn) -> TierCase:
    scores = draw(strategies.score_maps)
    return TierCase(
        scores=scores,
        activities=draw(strategies.activities_for(sorted(scores), AS_OF)),
        policy=draw(strategies.tier_policies()),
        previous={
            i: draw(st.sampled_from([*Tier, None]))
            for i in scores
            if draw(st.booleans())
        },
        margin=draw(st.integers(0, 30)),
    )


class TestProperties:
    @given(tier_cases())
    def test_equals_filling_each_tier_in_turn(self, case: TierCase) -> None:
        engagement = engagement_counts(case.activities, as_of=AS_OF)
        assert dict(case.assign()) == reference(
            case.scores, engagement, case.policy, case.previous, case.margin
        )

    @given(tier_cases())
    def test_caps_and_minimums_never_violated(self, case: TierCase) -> None:
        tiers = case.assign()
        counts = tiers.counts()
        for rule in case.policy.rules:
            assert counts[rule.tier] <= rule.cap(len(case.scores))
            for member in tiers.members(rule.tier):
                held = case.previous.get(member) is rule.tier
                floor = rule.min_score - (case.margin if held else 0)
                assert case.scores[member] >= floor

    @given(tier_cases())
    def test_every_decision_is_consistent_with_its_checks(self, case: TierCase) -> None:
        tiers = case.assign()
        for advocate_id in tiers:
            decision = tiers.decision(advocate_id)
            assert not any(check.admits for check in decision.checks[:-1])
            assert decision.checks[-1].admits == (decision.tier is not None)
            if decision.tier is not None:
                assert decision.checks[-1].tier is decision.tier

    @given(strategies.score_maps, st.data())
    def test_raising_one_score_never_lowers_its_tier(
        self, scores: dict[str, int], data: st.DataObject
    ) -> None:
        assume(scores)
        chosen = data.draw(st.sampled_from(sorted(scores)))
        raised = {**scores, chosen: data.draw(st.integers(scores[chosen], 100))}
        before = assign_tiers(scores, as_of=AS_OF)[chosen]
        after = assign_tiers(raised, as_of=AS_OF)[chosen]
        assert RANK[after] <= RANK[before]

    @given(tier_cases(), st.randoms())
    def test_independent_of_input_order(
        self, case: TierCase, rng: random.Random
    ) -> None:
        keys = list(case.scores)
        rng.shuffle(keys)
        activities = list(case.activities)
        rng.shuffle(activities)
        one = case.assign()
        other = attrs.evolve(
            case, scores={k: case.scores[k] for k in keys}, activities=activities
        ).assign()
        assert one.ranked == other.ranked
        assert dict(one) == dict(other)

    @given(tier_cases())
    def test_margin_zero_is_a_fresh_assignment(self, case: TierCase) -> None:
        fresh = case.assign(previous=None, margin=0)
        assert dict(case.assign(margin=0)) == dict(fresh)


class TestEngagement:
    def test_window_is_the_trailing_twelve_months(self) -> None:
        def on(day: pendulum.Date, who: str = "a") -> Activity:
            return Activity(
                id=str(day), advocate_id=who, type=ActivityType.WEBINAR, date=day
            )

        activities = [
            on(AS_OF),
            on(AS_OF.subtract(months=12).add(days=1)),
            on(AS_OF.subtract(months=12)),  # outside: exactly 12 months ago
            on(AS_OF.add(days=1)),  # outside: after as_of
            on(AS_OF, "b"),
        ]
        assert engagement_counts(activities, as_of=AS_OF) == {"a": 2, "b": 1}
        assert engagement_counts(activities, as_of=AS_OF, months=1) == {"a": 1, "b": 1}

    def test_months_must_be_positive(self) -> None:
        with pytest.raises(InvalidValueError, match="months"):
            engagement_counts([], as_of=AS_OF, months=0)


class TestIdentification:
    @pytest.mark.parametrize(
        ("nps", "health", "flagged"),
        [
            (9, 81, True),
            (10, 95, True),
            (8, 95, False),
            (9, 80, False),
            (None, 95, False),
            (9, None, False),
        ],
    )
    def test_rule(
        self, nps: int | None, health: float | None, *, flagged: bool
    ) -> None:
        signals = Signals(nps=nps, health_score=health)
        assert IdentificationRule.default().matches(signals) is flagged

    def test_flags_are_ranked_by_score_and_explained(self) -> None:
        contacts = {
            "low": Signals(nps=9, health_score=85),
            "high": Signals(nps=10, health_score=90, feature_adoption=0.9),
            "tie": Signals(nps=9, health_score=85),
            "no": Signals(nps=6, health_score=99),
        }
        found = identify_potential_advocates(contacts, as_of=AS_OF)
        assert [p.id for p in found] == ["high", "low", "tie"]
        assert found[0].score.total == 65
        assert found[1].reason == "NPS 9 >= 9 and health 85 > 80"

    def test_custom_rule_and_model(self) -> None:
        contacts = {"a": Signals(nps=8, health_score=75)}
        rule = IdentificationRule(nps_at_least=8, health_above=70)
        model = ScoringModel(ScoringModel.default().criteria[:1], qualify_above=10)
        found = identify_potential_advocates(
            contacts, as_of=AS_OF, rule=rule, model=model
        )
        assert [(p.id, p.score.total) for p in found] == [("a", 0)]

    def test_bad_input(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"IdentificationRule\.nps_at_least"
        ):
            IdentificationRule(nps_at_least=11)
        with pytest.raises(InvalidTypeError, match=r"signals\['a'\]"):
            identify_potential_advocates({"a": 9}, as_of=AS_OF)  # type: ignore[dict-item]

    def test_a_flagged_contact_passes_unchanged_and_needs_a_reason(self) -> None:
        (found,) = identify_potential_advocates(
            {"a": Signals(nps=10, health_score=90)}, as_of=AS_OF
        )
        assert attrs.evolve(found) == found
        with pytest.raises(InvalidValueError, match=r"^PotentialAdvocate\.reason: got"):
            attrs.evolve(found, reason=" ")


# 100 equal scores: 3 champions, 15 advocates, 40 supporters, the rest full out.
FULL = assign_tiers(population(100, 95), as_of=AS_OF)
CHAMPION = FULL.decision("a0000")
ADVOCATE = FULL.decision("a0003")
NO_ROOM = FULL.decision("a0099")
TOO_LOW = assign_tiers({"a": 10}, as_of=AS_OF).decision("a")


class TestTierDecisionValidation:
    """A `TierDecision`'s checks lead to its tier, as `assign_tiers` makes them."""

    @given(tier_cases())
    def test_every_decision_passes_unchanged(self, case: TierCase) -> None:
        tiers = case.assign()
        for advocate_id in tiers:
            decision = tiers.decision(advocate_id)
            rebuilt = attrs.evolve(
                decision, checks=tuple(attrs.evolve(c) for c in decision.checks)
            )
            assert rebuilt == decision

    def test_the_decisions_used_here(self) -> None:
        assert [d.tier for d in (CHAMPION, ADVOCATE, NO_ROOM, TOO_LOW)] == [
            Tier.CHAMPION,
            Tier.ADVOCATE,
            None,
            None,
        ]
        assert all(c.cap_full for c in NO_ROOM.checks)
        assert not any(c.meets_floor for c in TOO_LOW.checks)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [({"cap": -1}, "cap"), ({"cap": 0, "cap_full": False}, "cap_full")],
    )
    def test_a_check_is_refused_by_name(
        self, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^TierCheck\.{field}: got"):
            attrs.evolve(CHAMPION.checks[0], **changes)

    def test_a_cap_of_zero_is_full(self) -> None:
        check = attrs.evolve(CHAMPION.checks[0], cap=0, cap_full=True)
        assert not check.admits

    @pytest.mark.parametrize(
        ("decision", "changes", "field"),
        [
            (CHAMPION, {"engagement": -1}, "engagement"),
            (CHAMPION, {"rank": 0}, "rank"),
            (CHAMPION, {"checks": ()}, "checks"),
            (ADVOCATE, {"checks": ADVOCATE.checks[::-1]}, "checks"),
            (
                ADVOCATE,
                {"checks": (CHAMPION.checks[0], ADVOCATE.checks[1])},
                "checks",
            ),
            (ADVOCATE, {"checks": ADVOCATE.checks[:1], "tier": None}, "checks"),
            (
                CHAMPION,
                {"checks": (attrs.evolve(CHAMPION.checks[0], meets_floor=False),)},
                r"checks\[0\]\.meets_floor",
            ),
            (
                TOO_LOW,
                {
                    "checks": (
                        attrs.evolve(TOO_LOW.checks[0], meets_floor=True),
                        *TOO_LOW.checks[1:],
                    )
                },
                r"checks\[0\]\.meets_floor",
            ),
            (CHAMPION, {"tier": None}, "tier"),
            (CHAMPION, {"tier": Tier.ADVOCATE}, "tier"),
            (NO_ROOM, {"tier": Tier.SUPPORTER}, "tier"),
            (TOO_LOW, {"tier": Tier.SUPPORTER}, "tier"),
        ],
    )
    def test_a_decision_is_refused_by_name(
        self, decision: TierDecision, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^TierDecision\.{field}: got"):
            attrs.evolve(decision, **changes)

    def test_the_message_says_which_tier_fits(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(CHAMPION, tier=Tier.ADVOCATE)
        assert caught.value.expected == "'champion', the tier its last check admits"
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(NO_ROOM, tier=Tier.SUPPORTER)
        assert caught.value.expected == "None, since its last check does not admit"
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(
                CHAMPION,
                checks=(attrs.evolve(CHAMPION.checks[0], meets_floor=False),),
            )
        assert caught.value.expected == (
            "True, since the score 95 is at or above the floor 80"
        )


class TestAssignmentValidation:
    """A TierAssignment checks its fields, and that they agree, when it is made."""

    REAL = assign_tiers({f"a{n}": n for n in range(100)}, as_of=AS_OF)

    def evolve(self, **changes: object) -> TierAssignment:
        fields = {
            "policy": self.REAL.policy,
            "tiers": dict(self.REAL),
            "scores": {i: self.REAL.decision(i).score for i in self.REAL},
            "engagement": {},
            "previous": {},
            "margin": 0,
            "filled": dict.fromkeys(Tier),
        }
        return TierAssignment(**{**fields, **changes})  # type: ignore[arg-type]

    def test_a_rebuilt_assignment_is_accepted(self) -> None:
        assert dict(self.evolve()) == dict(self.REAL)

    def test_the_ranking_is_worked_out_when_asked_for(self) -> None:
        rebuilt = self.evolve()
        assert rebuilt.ranked == tuple(f"a{n}" for n in range(99, -1, -1))
        assert rebuilt.ranked is rebuilt.ranked  # worked out once
        assert list(rebuilt) == list(rebuilt.ranked)
        assert len(rebuilt) == 100

    def test_tiers_and_scores_cover_exactly_the_same_ids(self) -> None:
        tiers = dict(self.REAL)
        del tiers["a0"]
        with pytest.raises(
            InvalidValueError, match=r"TierAssignment\.scores: got \['a0', 'zz'\]"
        ):
            self.evolve(tiers={**tiers, "zz": None})
        scores = dict.fromkeys(self.REAL.ranked[1:], 1)
        with pytest.raises(InvalidValueError, match=r"TierAssignment\.scores"):
            self.evolve(scores=scores)

    def test_no_tier_holds_more_than_its_cap(self) -> None:
        everyone = dict.fromkeys(self.REAL.ranked, Tier.CHAMPION)
        with pytest.raises(InvalidValueError, match=r"TierAssignment\.tiers.*champion"):
            self.evolve(tiers=everyone)

    def test_counts_and_totals_are_whole_and_not_negative(self) -> None:
        with pytest.raises(InvalidValueError, match=r"TierAssignment\.engagement"):
            self.evolve(engagement={"a1": -1})
        with pytest.raises(InvalidTypeError, match=r"TierAssignment\.scores"):
            self.evolve(scores=dict.fromkeys(self.REAL.ranked, 1.5))
        with pytest.raises(InvalidTypeError, match=r"TierAssignment\.previous"):
            self.evolve(previous={"a1": "champion"})
        with pytest.raises(InvalidTypeError, match=r"TierAssignment\.tiers"):
            self.evolve(tiers=list(self.REAL.items()))

    def test_negative_totals_are_refused_by_the_rule(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"assign_tiers\.scores\['a'\].*0 or more"
        ):
            assign_tiers({"a": -5, "b": 7}, as_of=AS_OF)
        with pytest.raises(InvalidTypeError, match=r"assign_tiers\.scores\['a'\]"):
            assign_tiers({"a": True, "b": 7}, as_of=AS_OF)

    def test_the_first_five_unmatched_ids_are_named(self) -> None:
        scores = {i: self.REAL.decision(i).score for i in self.REAL}
        for advocate_id in ("a0", "a1", "a2", "a3", "a4", "a5"):
            del scores[advocate_id]
        error = refused(
            InvalidValueError,
            r"TierAssignment\.scores",
            lambda: self.evolve(scores=scores),
            value=["a0", "a1", "a2", "a3", "a4"],
        )
        assert error.expected == "exactly the ids with a tier (or None)"

    def test_the_tiers_over_their_cap_are_named(self) -> None:
        everyone = dict.fromkeys(self.REAL.ranked, Tier.CHAMPION)
        error = refused(
            InvalidValueError,
            r"TierAssignment\.tiers",
            lambda: self.evolve(tiers=everyone),
            value=["champion"],
        )
        assert error.expected == "no tier holding more than its cap"

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("tiers", ["a1"]),  # a collection of ids, no mapping
            ("previous", [("a1", Tier.CHAMPION)]),
            ("previous", {7: Tier.CHAMPION}),  # an id that is no string
            ("previous", {"a1": "champion"}),  # a value, not the member
        ],
    )
    def test_tiers_must_map_string_ids_to_tiers(
        self, field: str, value: object
    ) -> None:
        error = refused(
            InvalidTypeError,
            rf"TierAssignment\.{field}",
            lambda: self.evolve(**{field: value}),
            value=value,
        )
        assert error.expected == "a mapping of id to Tier or None"

    @pytest.mark.parametrize(
        ("field", "words"),
        [
            ("scores", "a mapping of id to int total"),
            ("engagement", "a mapping of id to count"),
        ],
    )
    def test_counts_must_be_whole(self, field: str, words: str) -> None:
        value = dict.fromkeys(self.REAL.ranked, 1.5)
        error = refused(
            InvalidTypeError,
            rf"TierAssignment\.{field}",
            lambda: self.evolve(**{field: value}),
            value=value,
        )
        assert error.expected == words

    @pytest.mark.parametrize("field", ["scores", "engagement"])
    def test_counts_must_not_be_negative(self, field: str) -> None:
        value = dict.fromkeys(self.REAL.ranked, 0)
        value["a1"] = -1
        error = refused(
            InvalidValueError,
            rf"TierAssignment\.{field}",
            lambda: self.evolve(**{field: value}),
            value=value,
        )
        assert error.expected == "counts of 0 or more"

    def test_zero_counts_and_no_engagement_are_accepted(self) -> None:
        # REAL's scores run from 0 (a0) to 99; nobody was active.
        assert self.evolve(engagement=dict.fromkeys(self.REAL, 0)).ranked[0] == "a99"
        assert self.evolve(engagement={}).ranked[-1] == "a0"


class TestArgumentRefusals:
    """Each refused argument of `assign_tiers` is named, with what is accepted."""

    def test_as_of_that_is_no_date(self) -> None:
        refused(
            InvalidTypeError,
            r"assign_tiers\.as_of",
            lambda: assign_tiers({}, as_of="soon"),  # type: ignore[arg-type]
            value="soon",
            expected="a date",
        )

    def test_a_policy_that_is_no_policy(self) -> None:
        refused(
            InvalidTypeError,
            r"assign_tiers\.policy",
            lambda: assign_tiers({}, as_of=AS_OF, policy="default"),  # type: ignore[arg-type]
            value="default",
            expected="a TierPolicy",
        )

    def test_a_negative_margin(self) -> None:
        refused(
            InvalidValueError,
            r"assign_tiers\.margin",
            lambda: assign_tiers({}, as_of=AS_OF, margin=-1),
            value=-1,
            expected="an integer of at least 0",
        )

    def test_a_score_of_the_wrong_kind(self) -> None:
        error = refused(
            InvalidTypeError,
            r"assign_tiers\.scores\['a'\]",
            lambda: assign_tiers({"a": 9.5}, as_of=AS_OF),  # type: ignore[dict-item]
            value=9.5,
        )
        assert error.expected == "an int total or a Score"

    def test_a_negative_score(self) -> None:
        error = refused(
            InvalidValueError,
            r"assign_tiers\.scores\['a'\]",
            lambda: assign_tiers({"a": -5, "b": 7}, as_of=AS_OF),
            value=-5,
        )
        assert error.expected == "a total of 0 or more"

    def test_the_first_id_that_is_no_string_is_named(self) -> None:
        scores: dict[object, int] = {"a": 1, 7: 2, 8: 3}
        error = refused(
            InvalidTypeError,
            r"assign_tiers\.scores",
            lambda: assign_tiers(scores, as_of=AS_OF),  # type: ignore[arg-type]
            value=7,
        )
        assert error.expected == "string ids as keys"

    def test_a_previous_tier_that_is_no_tier(self) -> None:
        error = refused(
            InvalidValueError,
            r"assign_tiers\.previous\['a'\]",
            lambda: assign_tiers({"a": 75}, as_of=AS_OF, previous={"a": "gold"}),
            value="gold",
        )
        assert error.expected == "a Tier, a tier's value such as 'champion', or None"


class TestEngagementRefusals:
    def test_as_of_that_is_no_date(self) -> None:
        refused(
            InvalidTypeError,
            r"engagement_counts\.as_of",
            lambda: engagement_counts([], as_of="soon"),  # type: ignore[arg-type]
            value="soon",
            expected="a date",
        )

    def test_months_below_one(self) -> None:
        refused(
            InvalidValueError,
            r"engagement_counts\.months",
            lambda: engagement_counts([], as_of=AS_OF, months=0),
            value=0,
            expected="an integer from 1",
        )

    def test_an_activity_that_is_no_activity_is_named_by_position(self) -> None:
        refused(
            InvalidTypeError,
            r"engagement_counts\.activities\[0\]",
            lambda: engagement_counts(["a"], as_of=AS_OF),  # type: ignore[list-item]
            value="a",
            expected="an Activity",
        )


class TestOutputs:
    def test_without_a_margin_a_previous_tier_keeps_nothing(self) -> None:
        scores = {"a": 79, **population(40, 0)}  # champion cap 1, minimum 80
        tiers = assign_tiers(scores, as_of=AS_OF, previous={"a": Tier.CHAMPION})
        assert tiers["a"] is Tier.ADVOCATE
        assert tiers.decision("a").checks[0].floor == 80

    def test_records_carry_the_previous_tier(self) -> None:
        scores = {"a": 75, "b": 70, **population(40, 0)}
        tiers = assign_tiers(
            scores, as_of=AS_OF, previous={"a": Tier.CHAMPION}, margin=5
        )
        first, second = tiers.to_records()[:2]
        assert (first["id"], first["tier"], first["previous"]) == (
            "a",
            "champion",
            "champion",
        )
        assert (second["id"], second["previous"]) == ("b", None)

    def test_html_is_the_summary_table(self) -> None:
        tiers = assign_tiers({"a": 90, "b": 50, **population(40, 0)}, as_of=AS_OF)
        head = "".join(
            f"<th>{k}</th>"
            for k in (
                "tier",
                "min_score",
                "max_share",
                "cap",
                "members",
                "typical_pool",
            )
        )
        rows = [
            ("champion", 80, 0.03, 1, 1, "(10, 15)"),
            ("advocate", 61, 0.15, 6, 0, "(40, 60)"),
            ("supporter", 40, 0.4, 16, 1, "(150, 200)"),
        ]
        body = "".join(
            "<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows
        )
        assert tiers._repr_html_() == f"<table><tr>{head}</tr>{body}</table>"
