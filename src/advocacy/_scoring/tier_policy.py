"""The tier policy: per tier a minimum score, a share cap, a time budget, activities.

`TierPolicy.default()` holds the figures of docs/explanation/tier-policy.md:
Champion from score 80, at most 3% of those scored, 5 h a quarter; Advocate
above 60, 15%, 2 h; Supporter from 40, 40%, 30 min. A tier's cap for a
population is the floor of its share times the population, computed exactly.

Keep the figures here in step with docs/explanation/tier-policy.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal
from typing import Final

import attrs

from advocacy._internal.checks import (
    FRACTION,
    Refusal,
    collection_of,
    count_range,
    instance_of,
    integer,
    member_of,
    optional,
    text,
)
from advocacy._internal.convert import (
    to_count_pair,
    to_float,
    to_string_tuple,
    to_tuple,
)
from advocacy._internal.validation import check_fields, checked, require
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.enums import ActivityType, Tier, to_activity_types, to_tier
from advocacy.exceptions import InvalidValueError

__all__ = ["TierPolicy", "TierRule"]


_STRINGS = collection_of(text, "non-empty strings")


@attrs.frozen
class TierRule:
    """What one tier requires, allows and offers.

    Attributes:
        tier: The tier.
        min_score: The lowest score that may hold it (inclusive).
        max_share: The most of the scored population it may hold, 0-1; its
            cap is the floor of share x population.
        quarterly_minutes: Time a member may be asked for in a quarter.
        activities: Activity types members may be asked for.
        benefits: What members receive.
        recognition: How members are recognised.
        typical_pool: Typical member count for about 500 customers
            (low, high), for comparison in reports.
    """

    tier: Tier = attrs.field(converter=to_tier, metadata=checked(member_of(Tier)))
    min_score: int = attrs.field(metadata=checked(integer(0)))
    max_share: float = attrs.field(converter=to_float, metadata=checked(FRACTION))
    quarterly_minutes: int = attrs.field(metadata=checked(integer(0)))
    activities: frozenset[ActivityType] = attrs.field(
        converter=to_activity_types,
        metadata=checked(collection_of(member_of(ActivityType), "ActivityType values")),
    )
    benefits: tuple[str, ...] = attrs.field(
        default=(), converter=to_string_tuple, metadata=checked(_STRINGS)
    )
    recognition: tuple[str, ...] = attrs.field(
        default=(), converter=to_string_tuple, metadata=checked(_STRINGS)
    )
    typical_pool: tuple[int, int] | None = attrs.field(
        default=None, converter=to_count_pair, metadata=checked(count_range)
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    def cap(self, population: int) -> int:
        """The most members of `population` scored: floor(share x population).

        The share is read as written (0.29 is exactly 29%), so binary
        floating point never loses a member to rounding.
        """
        exact = Decimal(repr(self.max_share)) * population
        return int(exact.to_integral_value(rounding=ROUND_FLOOR))


def _to_rules(
    value: Iterable[TierRule],
) -> tuple[TierRule, ...] | Iterable[TierRule]:
    return to_tuple(value)


def _check_rules(value: object) -> Refusal | None:
    expected = "a tuple of three TierRule: champion, advocate, supporter, in order"
    if not isinstance(value, tuple) or not all(
        isinstance(rule, TierRule) for rule in value
    ):
        return Refusal(expected, wrong_type=True)
    if tuple(rule.tier for rule in value) != tuple(Tier):
        return Refusal(expected)
    return None


_OPTIONAL_CATALOG: Final = optional(instance_of(ActivityCatalog, "an ActivityCatalog"))

_RANKS: Final = {tier: tier.rank for tier in Tier}
"""Each tier's rank, looked up by the tier or its value (a `StrEnum`'s)."""

_DEFAULT_RULES: Final = (
    (
        Tier.CHAMPION, 80, 0.03, 300,
        ("executive access", "product influence", "exclusive events"),
        ("public champion awards", "featured case studies"), (10, 15),
    ),
    (
        Tier.ADVOCATE, 61, 0.15, 120,
        ("networking events", "early feature access", "swag"),
        ("community spotlight", "social features"), (40, 60),
    ),
    (
        Tier.SUPPORTER, 40, 0.40, 30,
        ("appreciation gifts", "community access"),
        ("thank-you notes", "small tokens"), (150, 200),
    ),
)  # fmt: skip


@attrs.frozen
class TierPolicy:
    """The three tiers' minimum scores, caps, time budgets and activities.

    `TierPolicy.default()` holds the figures of
    docs/explanation/tier-policy.md: Champion from score 80, at most 3% of
    those scored, 5 h a quarter; Advocate above 60 (qualified), 15%, 2 h;
    Supporter from 40, 40%, 30 min. Each tier may be asked for the activity
    types whose lowest tier (in the activity catalog) it meets.

    Attributes:
        rules: One rule per tier, Champion first; minimum scores must not
            rise down the ladder.
    """

    rules: tuple[TierRule, ...] = attrs.field(
        converter=_to_rules, metadata=checked(_check_rules)
    )

    def __attrs_post_init__(self) -> None:
        """Check the rules, then that minimum scores descend with the tiers."""
        check_fields(self)
        for upper, lower in itertools.pairwise(self.rules):
            if lower.min_score > upper.min_score:
                raise InvalidValueError(
                    "TierPolicy",
                    "rules",
                    f"{lower.tier.value}.min_score={lower.min_score}",
                    f"minimum scores in tier order: {lower.tier.value} at most "
                    f"{upper.tier.value}'s {upper.min_score}",
                )

    @classmethod
    def default(cls, catalog: ActivityCatalog | None = None) -> TierPolicy:
        """The default tiers, allowing activities by the catalog's lowest tier.

        Args:
            catalog: The activity catalog whose `lowest_tier` decides which
                tier may be asked for what; `ActivityCatalog.default()` if
                `None`.
        """
        require("TierPolicy.default", "catalog", catalog, _OPTIONAL_CATALOG)
        specs = ActivityCatalog.default() if catalog is None else catalog
        return cls(
            tuple(
                TierRule(
                    tier=tier,
                    min_score=floor,
                    max_share=share,
                    quarterly_minutes=minutes,
                    activities=frozenset(
                        s.type for s in specs if tier.at_least(s.lowest_tier)
                    ),
                    benefits=benefits,
                    recognition=recognition,
                    typical_pool=pool,
                )
                for tier, floor, share, minutes, benefits, recognition, pool in (
                    _DEFAULT_RULES
                )
            )
        )

    def __getitem__(self, tier: Tier) -> TierRule:
        """The rule of `tier` (a `Tier`, or its value)."""
        try:
            return self.rules[_RANKS[tier]]
        except (KeyError, TypeError):  # not a tier: `Tier` says why
            return self.rules[Tier(tier).rank]

    def allows(self, tier: Tier, activity: ActivityType) -> bool:
        """Whether members of `tier` may be asked for `activity`."""
        return activity in self[tier].activities
