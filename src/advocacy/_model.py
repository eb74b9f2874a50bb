"""The domain's value objects: who the customers are and what they did.

Values only, no rules. Every class is a frozen attrs class validated at
construction: a bad field raises a library error naming it, and several bad
fields raise one error naming all of them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._money import Money
from advocacy._serde import structure
from advocacy._validation import (
    FRACTION,
    any_text,
    boolean,
    check_fields,
    checked,
    collection_of,
    date,
    instance_of,
    integer,
    member,
    member_of,
    members,
    number,
    optional,
    text,
    to_date,
    to_frozenset,
    to_optional_date,
    to_optional_float,
)
from advocacy.exceptions import InvalidValueError

__all__ = [
    "Account",
    "AccountPolicy",
    "Activity",
    "ActivityType",
    "Advocate",
    "Commitment",
    "DealKind",
    "Motivation",
    "Opportunity",
    "OpportunitySource",
    "Outcome",
    "ProspectProfile",
    "ReferenceRequest",
    "Signals",
    "SizeBand",
    "SizeBands",
    "Tier",
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


class Outcome(enum.StrEnum):
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


def to_activity_type(value: ActivityType | str) -> ActivityType:
    """An `ActivityType` from a member or its value (`"webinar"`)."""
    return member(ActivityType, value)


def to_activity_types(value: Iterable[ActivityType | str]) -> frozenset[ActivityType]:
    """A frozenset of `ActivityType` from members or their values."""
    return members(ActivityType, value)


def to_tier(value: Tier | str) -> Tier:
    """A `Tier` from a member or its value (`"champion"`)."""
    return member(Tier, value)


def _to_optional_tier(value: Tier | str | None) -> Tier | None:
    return None if value is None else to_tier(value)


def _to_motivations(value: Iterable[Motivation | str]) -> frozenset[Motivation]:
    return members(Motivation, value)


def _to_outcome(value: Outcome | str) -> Outcome:
    return member(Outcome, value)


def _to_source(value: OpportunitySource | str) -> OpportunitySource:
    return member(OpportunitySource, value)


def _to_deal_kind(value: DealKind | str) -> DealKind:
    return member(DealKind, value)


def to_money(value: Money | Mapping[str, Any]) -> Money:
    """A `Money` from a `Money` or its plain dict."""
    return structure(Money, value)


def _to_optional_money(value: Money | Mapping[str, Any] | None) -> Money | None:
    return None if value is None else to_money(value)


def _to_account_policy(value: AccountPolicy | Mapping[str, Any]) -> AccountPolicy:
    return structure(AccountPolicy, value)


def _to_prospect(value: ProspectProfile | Mapping[str, Any]) -> ProspectProfile:
    return structure(ProspectProfile, value)


_TEXTS = collection_of(text, "non-empty strings")
_IDS = collection_of(text, "ids (non-empty strings)")


@attrs.frozen
class SizeBands:
    """Where company size bands begin, by employee count.

    Defaults: SMB below 100 employees, mid-market 100 to 999, enterprise
    1,000 and above.

    Attributes:
        mid_market_from: The fewest employees of a mid-market company.
        enterprise_from: The fewest employees of an enterprise.
    """

    mid_market_from: int = attrs.field(default=100, metadata=checked(integer(1)))
    enterprise_from: int = attrs.field(default=1000, metadata=checked(integer(2)))

    def __attrs_post_init__(self) -> None:
        """Check the bounds and that they ascend."""
        check_fields(self)
        if self.enterprise_from <= self.mid_market_from:
            raise InvalidValueError(
                "SizeBands",
                "enterprise_from",
                self.enterprise_from,
                f"more than mid_market_from ({self.mid_market_from})",
            )

    @classmethod
    def default(cls) -> SizeBands:
        """SMB < 100, mid-market 100-999, enterprise 1,000+."""
        return cls()

    def band(self, employees: int) -> SizeBand:
        """The band of a company with `employees` employees."""
        if employees >= self.enterprise_from:
            return SizeBand.ENTERPRISE
        if employees >= self.mid_market_from:
            return SizeBand.MID_MARKET
        return SizeBand.SMB


_DEFAULT_BANDS = SizeBands()


@attrs.frozen
class AccountPolicy:
    """What a customer's own rules allow its people to do for the vendor.

    Some employers restrict public advocacy or social activity; matching
    obeys this policy.

    Attributes:
        public_allowed: Whether public activities (logo use, case studies,
            press, speaking, social posts) are allowed at all.
        approval_required: Whether the account owner must approve each
            request before an advocate is contacted.
        restricted: Activity types the account forbids outright.
    """

    public_allowed: bool = attrs.field(default=True, metadata=checked(boolean))
    approval_required: bool = attrs.field(default=False, metadata=checked(boolean))
    restricted: frozenset[ActivityType] = attrs.field(
        factory=frozenset,
        converter=to_activity_types,
        metadata=checked(collection_of(member_of(ActivityType), "ActivityType values")),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@attrs.frozen
class Account:
    """A customer company.

    Attributes:
        id: Unique account id.
        name: Company name.
        industry: Industry, as the host's CRM names it (compared exactly).
        employees: Employee count (at least 1).
        region: Sales region, e.g. `"EMEA"`.
        customer_since: The date the customer signed.
        products: Products the customer owns.
        use_cases: What the customer uses them for.
        arr: Annual recurring revenue, if known.
        policy: The account's advocacy policy.
    """

    id: str = attrs.field(metadata=checked(text))
    name: str = attrs.field(metadata=checked(text))
    industry: str = attrs.field(metadata=checked(text))
    employees: int = attrs.field(metadata=checked(integer(1)))
    region: str = attrs.field(metadata=checked(text))
    customer_since: pendulum.Date = attrs.field(
        converter=to_date, metadata=checked(date)
    )
    products: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, metadata=checked(_TEXTS)
    )
    use_cases: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, metadata=checked(_TEXTS)
    )
    arr: Money | None = attrs.field(
        default=None,
        converter=_to_optional_money,
        metadata=checked(optional(instance_of(Money, "a Money"))),
    )
    policy: AccountPolicy = attrs.field(
        factory=AccountPolicy,
        converter=_to_account_policy,
        metadata=checked(instance_of(AccountPolicy, "an AccountPolicy")),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def size_band(self) -> SizeBand:
        """The size band under the default bands (see `SizeBands`)."""
        return _DEFAULT_BANDS.band(self.employees)


@attrs.frozen
class Advocate:
    """A person at a customer account who can speak for the vendor.

    Attributes:
        id: Unique advocate id.
        account_id: The account they work at.
        name: Their name.
        persona: Their role as matching sees it, e.g. `"CIO"`,
            `"VP Engineering"`, `"admin"` (compared case-insensitively).
        title: Their job title as written.
        activities: Activity types they opted in to.
        motivations: What motivates them; asks are framed by it.
        available_for_references: Whether they take reference calls now.
        do_not_contact_until: Contact them on this date at the earliest.
        opted_out: Whether they left the program (never contact).
        industry_expertise: Industries they can speak to beyond their own.
        award_recipient: Whether they have received an advocate award.
        public_recognition: Whether they agreed to be thanked publicly.
        tier: Their current tier, if assigned.
    """

    id: str = attrs.field(metadata=checked(text))
    account_id: str = attrs.field(metadata=checked(text))
    name: str = attrs.field(metadata=checked(text))
    persona: str = attrs.field(default="", metadata=checked(any_text))
    title: str = attrs.field(default="", metadata=checked(any_text))
    activities: frozenset[ActivityType] = attrs.field(
        factory=frozenset,
        converter=to_activity_types,
        metadata=checked(collection_of(member_of(ActivityType), "ActivityType values")),
    )
    motivations: frozenset[Motivation] = attrs.field(
        factory=frozenset,
        converter=_to_motivations,
        metadata=checked(collection_of(member_of(Motivation), "Motivation values")),
    )
    available_for_references: bool = attrs.field(
        default=True, metadata=checked(boolean)
    )
    do_not_contact_until: pendulum.Date | None = attrs.field(
        default=None, converter=to_optional_date, metadata=checked(optional(date))
    )
    opted_out: bool = attrs.field(default=False, metadata=checked(boolean))
    industry_expertise: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, metadata=checked(_TEXTS)
    )
    award_recipient: bool = attrs.field(default=False, metadata=checked(boolean))
    public_recognition: bool = attrs.field(default=False, metadata=checked(boolean))
    tier: Tier | None = attrs.field(
        default=None,
        converter=_to_optional_tier,
        metadata=checked(optional(member_of(Tier))),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@attrs.frozen
class Signals:
    """What the scoring model reads about one prospective advocate.

    Every signal is optional: an unknown signal (`None`) awards nothing and
    is marked missing in the score's breakdown.

    Attributes:
        nps: Latest Net Promoter response, an integer 0-10.
        feature_adoption: Share of the product's features in use, 0-1.
        health_score: Customer health score, 0-100.
        customer_since: Start of the customer relationship (for tenure).
        positive_mentions: Positive social mentions counted.
        responded_to_requests: Whether they answered earlier advocacy asks.
    """

    nps: int | None = attrs.field(
        default=None, metadata=checked(optional(integer(0, 10)))
    )
    feature_adoption: float | None = attrs.field(
        default=None,
        converter=to_optional_float,
        metadata=checked(optional(FRACTION)),
    )
    health_score: float | None = attrs.field(
        default=None,
        converter=to_optional_float,
        metadata=checked(optional(number(0, 100))),
    )
    customer_since: pendulum.Date | None = attrs.field(
        default=None, converter=to_optional_date, metadata=checked(optional(date))
    )
    positive_mentions: int | None = attrs.field(
        default=None, metadata=checked(optional(integer(0)))
    )
    responded_to_requests: bool | None = attrs.field(
        default=None, metadata=checked(optional(boolean))
    )

    def __attrs_post_init__(self) -> None:
        """Check every signal; report all bad ones together."""
        check_fields(self)


@attrs.frozen
class Activity:
    """One advocacy contribution by one advocate.

    Attributes:
        id: Unique activity id.
        advocate_id: Who contributed.
        type: What kind of contribution.
        date: When it happened (a date, not a datetime).
        minutes: Time the advocate spent; `None` means the catalog's
            typical effort for the type.
        opportunity_id: The sales opportunity it influenced, if any.
        recognition_sent: Whether the advocate has been thanked for it.
        notes: Free text.
    """

    id: str = attrs.field(metadata=checked(text))
    advocate_id: str = attrs.field(metadata=checked(text))
    type: ActivityType = attrs.field(
        converter=to_activity_type, metadata=checked(member_of(ActivityType))
    )
    date: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    minutes: int | None = attrs.field(
        default=None, metadata=checked(optional(integer(0)))
    )
    opportunity_id: str | None = attrs.field(
        default=None, metadata=checked(optional(text))
    )
    recognition_sent: bool = attrs.field(default=False, metadata=checked(boolean))
    notes: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@attrs.frozen
class ProspectProfile:
    """The company and person on the other side of a deal or request.

    Every part is optional: matching gives no credit for what is unknown.

    Attributes:
        name: Company name.
        account_id: The account id, when the prospect is already a customer
            (an expansion): its own advocates are never asked to reference it.
        industry: Industry.
        employees: Employee count.
        region: Region.
        products: Products of interest.
        use_cases: Use cases of interest.
        persona: The persona the prospect wants to speak with.
    """

    name: str = attrs.field(default="", metadata=checked(any_text))
    account_id: str | None = attrs.field(default=None, metadata=checked(optional(text)))
    industry: str | None = attrs.field(default=None, metadata=checked(optional(text)))
    employees: int | None = attrs.field(
        default=None, metadata=checked(optional(integer(1)))
    )
    region: str | None = attrs.field(default=None, metadata=checked(optional(text)))
    products: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, metadata=checked(_TEXTS)
    )
    use_cases: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, metadata=checked(_TEXTS)
    )
    persona: str | None = attrs.field(default=None, metadata=checked(optional(text)))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def size_band(self) -> SizeBand | None:
        """The size band under the default bands, if the size is known."""
        return None if self.employees is None else _DEFAULT_BANDS.band(self.employees)


_PROSPECT = instance_of(ProspectProfile, "a ProspectProfile")


@attrs.frozen
class Opportunity:
    """A sales deal and the advocacy linked to it.

    Attributes:
        id: Unique opportunity id.
        prospect: Who is buying.
        amount: Deal value.
        created: When the opportunity was opened.
        outcome: Open, won or lost.
        closed: When it was won or lost (required then; absent while open).
        source: Where it came from; `REFERRAL` means advocate-sourced.
        kind: New business, expansion or renewal.
        activity_ids: Advocacy activities linked to it (an activity can also
            name the opportunity it influenced; both links count).
    """

    id: str = attrs.field(metadata=checked(text))
    prospect: ProspectProfile = attrs.field(
        converter=_to_prospect, metadata=checked(_PROSPECT)
    )
    amount: Money = attrs.field(
        converter=to_money, metadata=checked(instance_of(Money, "a Money"))
    )
    created: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    outcome: Outcome = attrs.field(
        default=Outcome.OPEN,
        converter=_to_outcome,
        metadata=checked(member_of(Outcome)),
    )
    closed: pendulum.Date | None = attrs.field(
        default=None, converter=to_optional_date, metadata=checked(optional(date))
    )
    source: OpportunitySource = attrs.field(
        default=OpportunitySource.OTHER,
        converter=_to_source,
        metadata=checked(member_of(OpportunitySource)),
    )
    kind: DealKind = attrs.field(
        default=DealKind.NEW_BUSINESS,
        converter=_to_deal_kind,
        metadata=checked(member_of(DealKind)),
    )
    activity_ids: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, metadata=checked(_IDS)
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the close date fits the outcome."""
        check_fields(self)
        if self.outcome is Outcome.OPEN and self.closed is not None:
            raise InvalidValueError(
                "Opportunity", "closed", self.closed, "None while the outcome is open"
            )
        if self.outcome is not Outcome.OPEN and self.closed is None:
            raise InvalidValueError(
                "Opportunity",
                "closed",
                None,
                f"the close date of a {self.outcome.value} opportunity",
            )
        if self.closed is not None and self.closed < self.created:
            raise InvalidValueError(
                "Opportunity",
                "closed",
                self.closed,
                f"a date on or after created ({self.created})",
            )


@attrs.frozen
class ReferenceRequest:
    """A request from sales or marketing for advocates to take part.

    Attributes:
        id: Unique request id.
        activity: What the advocates are asked to do.
        prospect: Who they would speak to.
        requested_on: When the request was made.
        needed_by: When it must be fulfilled (on or after `requested_on`).
        advocates_needed: How many distinct advocates it needs (at least 1).
        priority: Weight of the request in batch assignment (at least 1;
            higher is more important).
        deal_amount: The deal at stake, if any.
        excluded: Advocate ids not to ask for this request.
        opportunity_id: The sales opportunity it supports, if any.
        approved_accounts: Accounts whose owner approved contacting their
            advocates for this request (needed where the account's policy
            asks for approval).
    """

    id: str = attrs.field(metadata=checked(text))
    activity: ActivityType = attrs.field(
        converter=to_activity_type, metadata=checked(member_of(ActivityType))
    )
    prospect: ProspectProfile = attrs.field(
        converter=_to_prospect, metadata=checked(_PROSPECT)
    )
    requested_on: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    needed_by: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    advocates_needed: int = attrs.field(default=1, metadata=checked(integer(1)))
    priority: int = attrs.field(default=1, metadata=checked(integer(1)))
    deal_amount: Money | None = attrs.field(
        default=None,
        converter=_to_optional_money,
        metadata=checked(optional(instance_of(Money, "a Money"))),
    )
    excluded: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, metadata=checked(_IDS)
    )
    opportunity_id: str | None = attrs.field(
        default=None, metadata=checked(optional(text))
    )

    approved_accounts: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_frozenset, metadata=checked(_IDS)
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the dates are in order."""
        check_fields(self)
        if self.needed_by < self.requested_on:
            raise InvalidValueError(
                "ReferenceRequest",
                "needed_by",
                self.needed_by,
                f"a date on or after requested_on ({self.requested_on})",
            )


@attrs.frozen
class Commitment:
    """An ask already in flight: an advocate contacted for, or committed to, a request.

    Matching counts commitments against an advocate's quarterly caps as if
    they were done, so the same advocate is not asked again and again while
    earlier asks are open.

    Attributes:
        advocate_id: Who was asked.
        request_id: The request they were asked for.
        activity: What they were asked to do.
        on: When they were asked (or when it is scheduled); it counts in the
            calendar quarter of this date.
        minutes: Time it will take; `None` means the catalog's typical effort.
    """

    advocate_id: str = attrs.field(metadata=checked(text))
    request_id: str = attrs.field(metadata=checked(text))
    activity: ActivityType = attrs.field(
        converter=to_activity_type, metadata=checked(member_of(ActivityType))
    )
    on: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    minutes: int | None = attrs.field(
        default=None, metadata=checked(optional(integer(0)))
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)
