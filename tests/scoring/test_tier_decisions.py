"""TierCheck and TierDecision: the checks that lead to a tier, refused by name."""

from __future__ import annotations

import pytest

from advocacy import Tier, TierCheck, TierDecision
from advocacy.exceptions import InvalidValueError
from tests.checks import refused

IN_ORDER = "checks of the tiers in order from champion, at least one"


def check(
    tier: Tier, *, floor: int = 80, cap: int = 1, meets: bool = True, full: bool = False
) -> TierCheck:
    """One tier considered: by default met and with room (so it admits)."""
    return TierCheck(tier=tier, floor=floor, cap=cap, meets_floor=meets, cap_full=full)


def decision(
    *checks: TierCheck, score: int = 95, tier: Tier | None = Tier.CHAMPION
) -> TierDecision:
    """Advocate `a`, ranked first, with `checks` (a Champion that admits if none)."""
    return TierDecision(
        id="a",
        score=score,
        engagement=0,
        rank=1,
        tier=tier,
        previous=None,
        checks=checks or (check(Tier.CHAMPION),),
    )


class TestTierCheck:
    def test_a_cap_of_zero_that_is_not_full_is_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"TierCheck\.cap_full",
            lambda: check(Tier.CHAMPION, cap=0, full=False),
            value=False,
        )
        assert error.expected == "True for a cap of 0"

    def test_a_full_cap_of_zero_admits_nobody(self) -> None:
        assert not check(Tier.CHAMPION, cap=0, full=True).admits


class TestTierDecisionChecks:
    def test_a_decision_without_checks_is_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"TierDecision\.checks",
            lambda: TierDecision(
                id="a",
                score=95,
                engagement=0,
                rank=1,
                tier=None,
                previous=None,
                checks=(),
            ),
            value=(),
        )
        assert error.expected == IN_ORDER

    def test_checks_not_starting_at_champion_are_refused_by_their_tiers(self) -> None:
        error = refused(
            InvalidValueError,
            r"TierDecision\.checks",
            lambda: decision(check(Tier.ADVOCATE, floor=61), tier=Tier.ADVOCATE),
            value=("advocate",),
        )
        assert error.expected == IN_ORDER

    def test_a_check_that_admits_before_the_last_is_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"TierDecision\.checks",
            lambda: decision(
                check(Tier.CHAMPION), check(Tier.ADVOCATE, floor=61), tier=Tier.ADVOCATE
            ),
            value=("champion", "advocate"),
        )
        assert error.expected == "checks that stop at the first tier that admits"

    def test_no_tier_needs_a_check_of_every_tier(self) -> None:
        error = refused(
            InvalidValueError,
            r"TierDecision\.checks",
            lambda: decision(check(Tier.CHAMPION, full=True), tier=None),
            value=("champion",),
        )
        assert error.expected == "a check of every tier when none is assigned"


class TestTierDecisionFloors:
    """`meets_floor` must say whether the score reaches the floor."""

    @pytest.mark.parametrize(
        ("score", "meets", "expected"),
        [
            (95, False, "True, since the score 95 is at or above the floor 80"),
            (80, False, "True, since the score 80 is at or above the floor 80"),
            (79, True, "False, since the score 79 is below the floor 80"),
        ],
    )
    def test_a_wrong_meets_floor_is_refused_with_the_comparison(
        self, score: int, *, meets: bool, expected: str
    ) -> None:
        error = refused(
            InvalidValueError,
            r"TierDecision\.checks\[0\]\.meets_floor",
            lambda: decision(check(Tier.CHAMPION, meets=meets), score=score),
            value=meets,
        )
        assert error.expected == expected

    def test_a_score_at_the_floor_meets_it(self) -> None:
        assert decision(check(Tier.CHAMPION), score=80).tier is Tier.CHAMPION


class TestTierDecisionTier:
    def test_a_tier_other_than_the_one_admitted_is_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"TierDecision\.tier",
            lambda: decision(check(Tier.CHAMPION), tier=Tier.ADVOCATE),
            value=Tier.ADVOCATE,
        )
        assert error.expected == "'champion', the tier its last check admits"

    def test_a_tier_where_the_last_check_does_not_admit_is_refused(self) -> None:
        full = [check(tier, full=True) for tier in Tier]
        error = refused(
            InvalidValueError,
            r"TierDecision\.tier",
            lambda: decision(*full, tier=Tier.SUPPORTER),
            value=Tier.SUPPORTER,
        )
        assert error.expected == "None, since its last check does not admit"
