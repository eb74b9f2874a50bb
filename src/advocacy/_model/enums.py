"""The domain's fixed vocabularies: activity types, tiers, size bands, deal fields.

Each is a `StrEnum`, so a member equals its value (`Tier.CHAMPION ==
"champion"`) and JSON carries the value. The named converters here turn a
member or its value into the member, for attrs fields.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

from advocacy._internal.convert import (
    member,
    members,
)

__all__ = [
    "ActivityType",
    "DealKind",
    "DealOutcome",
    "Motivation",
    "OpportunitySource",
    "SizeBand",
    "Tier",
    "to_activity_type",
    "to_activity_types",
    "to_deal_kind",
    "to_deal_outcome",
    "to_motivations",
    "to_optional_tier",
    "to_source",
    "to_tier",
]


class ActivityType(enum.StrEnum):
    """The kinds of advocacy contribution the library knows.

    The [`ActivityCatalog`][advocacy.ActivityCatalog] holds each type's effort,
    the lowest tier that may be asked for it, whether it is public and the
    impact metric it feeds.
    """

    REFERENCE_CALL = "reference_call"
    """A call with a prospect evaluating the product."""

    ONLINE_REVIEW = "online_review"
    """A review on a site such as G2 or Capterra."""

    TESTIMONIAL = "testimonial"
    """A short quote for the website or sales material."""

    CASE_STUDY = "case_study"
    """A published customer story."""

    SPEAKING = "speaking"
    """A talk at a conference or event."""

    WEBINAR = "webinar"
    """A webinar appearance."""

    ADVISORY_BOARD = "advisory_board"
    """A customer advisory board meeting."""

    SOCIAL_SHARE = "social_share"
    """Sharing or amplifying a post."""

    REFERRAL = "referral"
    """Introducing a prospect to the vendor."""

    ANALYST_BRIEFING = "analyst_briefing"
    """A briefing with an industry analyst."""

    PRESS = "press"
    """A press release quote or media interview."""

    USER_GENERATED_CONTENT = "user_generated_content"
    """A blog post, video or template of their own."""

    COMMUNITY_ANSWER = "community_answer"
    """Answering another customer in the community."""

    AWARD_NOMINATION = "award_nomination"
    """Nominating the vendor or product for an award."""

    SITE_VISIT = "site_visit"
    """Hosting a prospect at their site."""


class Tier(enum.StrEnum):
    """Advocate tiers, most engaged first.

    `Tier.CHAMPION.rank` is 0, `ADVOCATE` 1, `SUPPORTER` 2: a lower rank is
    a more engaged tier.
    """

    CHAMPION = "champion"
    """Most engaged: advisory board, speaking, executive references."""

    ADVOCATE = "advocate"
    """Reference calls, reviews, testimonials, webinars."""

    SUPPORTER = "supporter"
    """Light asks: reviews, brief testimonials, social shares."""

    @property
    def rank(self) -> int:
        """0 for the most engaged tier, counting down the ladder."""
        return _TIER_ORDER.index(self)

    def at_least(self, other: Tier) -> bool:
        """Whether this tier is `other` or more engaged than it."""
        return self.rank <= other.rank


_TIER_ORDER = tuple(Tier)


class SizeBand(enum.StrEnum):
    """Company size bands, smallest first."""

    SMB = "smb"
    """Small business: fewer than 100 employees by default."""

    MID_MARKET = "mid_market"
    """Mid-market: 100 to 999 employees by default."""

    ENTERPRISE = "enterprise"
    """Enterprise: 1,000 employees or more by default."""

    def distance(self, other: SizeBand) -> int:
        """How many bands apart two bands are (0 same, 1 adjacent, 2 apart)."""
        return abs(_BAND_ORDER[self] - _BAND_ORDER[other])


_BAND_ORDER: Final = {band: n for n, band in enumerate(SizeBand)}


class Motivation(enum.StrEnum):
    """Why an advocate takes part; asks are framed by it."""

    PEER_CONNECTION = "peer_connection"
    """Meeting and helping peers."""

    INDUSTRY_IMPACT = "industry_impact"
    """Shaping their industry."""

    THOUGHT_LEADERSHIP = "thought_leadership"
    """Being seen as an expert."""

    RECOGNITION = "recognition"
    """Public credit for their work."""

    PRODUCT_INFLUENCE = "product_influence"
    """A say in the product's direction."""

    CAREER_GROWTH = "career_growth"
    """Visibility that helps their career."""

    GIVING_BACK = "giving_back"
    """Helping others succeed as they did."""


class DealOutcome(enum.StrEnum):
    """Where a sales opportunity stands."""

    OPEN = "open"
    """Still being worked."""

    WON = "won"
    """Closed and won."""

    LOST = "lost"
    """Closed and lost."""


class OpportunitySource(enum.StrEnum):
    """Where a sales opportunity came from; `REFERRAL` is advocate-sourced."""

    REFERRAL = "referral"
    """Brought in by an advocate's referral."""

    INBOUND = "inbound"
    """The prospect came to the vendor."""

    OUTBOUND = "outbound"
    """Sales reached out first."""

    PARTNER = "partner"
    """Brought by a partner."""

    EVENT = "event"
    """Met at an event."""

    OTHER = "other"
    """Any other source."""


class DealKind(enum.StrEnum):
    """What a sales opportunity sells: new business, expansion or renewal."""

    NEW_BUSINESS = "new_business"
    """A new customer."""

    EXPANSION = "expansion"
    """More for an existing customer."""

    RENEWAL = "renewal"
    """An existing contract renewed."""


# Named converters: attrs takes each field's __init__ type from its converter.


def to_activity_type(value: ActivityType | str) -> ActivityType | str:
    """An `ActivityType` from a member or its value (`"webinar"`)."""
    return member(ActivityType, value)


def to_activity_types(
    value: Iterable[ActivityType | str],
) -> frozenset[ActivityType | str] | Iterable[ActivityType | str]:
    """A frozenset of `ActivityType` from members or their values."""
    return members(ActivityType, value)


def to_tier(value: Tier | str) -> Tier | str:
    """A `Tier` from a member or its value (`"champion"`)."""
    return member(Tier, value)


def to_optional_tier(value: Tier | str | None) -> Tier | str | None:
    return None if value is None else to_tier(value)


def to_motivations(
    value: Iterable[Motivation | str],
) -> frozenset[Motivation | str] | Iterable[Motivation | str]:
    return members(Motivation, value)


def to_deal_outcome(value: DealOutcome | str) -> DealOutcome | str:
    return member(DealOutcome, value)


def to_source(value: OpportunitySource | str) -> OpportunitySource | str:
    return member(OpportunitySource, value)


def to_deal_kind(value: DealKind | str) -> DealKind | str:
    return member(DealKind, value)
