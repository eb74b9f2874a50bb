"""TierPolicy and TierRule: the default figures and the refusals by name."""

from __future__ import annotations

import attrs

from advocacy import Tier, TierPolicy
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused

RULES_EXPECTED = "a tuple of three TierRule: champion, advocate, supporter, in order"


class TestDefault:
    def test_benefits_and_recognition_per_tier(self) -> None:
        policy = TierPolicy.default()
        assert [(r.benefits, r.recognition) for r in policy.rules] == [
            (
                ("executive access", "product influence", "exclusive events"),
                ("public champion awards", "featured case studies"),
            ),
            (
                ("networking events", "early feature access", "swag"),
                ("community spotlight", "social features"),
            ),
            (
                ("appreciation gifts", "community access"),
                ("thank-you notes", "small tokens"),
            ),
        ]

    def test_a_catalog_that_is_no_catalog_is_refused(self) -> None:
        refused(
            InvalidTypeError,
            r"TierPolicy\.default\.catalog",
            lambda: TierPolicy.default("catalog"),  # type: ignore[arg-type]
            value="catalog",
            expected="an ActivityCatalog",
        )


class TestRules:
    def test_rules_out_of_tier_order_are_refused(self) -> None:
        rules = tuple(reversed(TierPolicy.default().rules))
        error = refused(
            InvalidValueError,
            r"TierPolicy\.rules",
            lambda: TierPolicy(rules),
        )
        assert error.expected == RULES_EXPECTED

    def test_rules_that_are_not_tier_rules_are_refused(self) -> None:
        error = refused(
            InvalidTypeError,
            r"TierPolicy\.rules",
            lambda: TierPolicy(("champion",)),  # type: ignore[arg-type]
            value=("champion",),
        )
        assert error.expected == RULES_EXPECTED

    def test_a_minimum_score_rising_down_the_ladder_is_refused(self) -> None:
        champion, advocate, supporter = TierPolicy.default().rules
        rules = (champion, attrs.evolve(advocate, min_score=85), supporter)
        error = refused(
            InvalidValueError,
            r"TierPolicy\.rules",
            lambda: TierPolicy(rules),
            value="advocate.min_score=85",
        )
        assert error.expected == (
            "minimum scores in tier order: advocate at most champion's 80"
        )

    def test_equal_minimum_scores_are_accepted(self) -> None:
        champion, advocate, supporter = TierPolicy.default().rules
        rules = (champion, attrs.evolve(advocate, min_score=80), supporter)
        assert TierPolicy(rules)[Tier.ADVOCATE].min_score == 80
