"""Who the customers are: accounts and their policy, advocates, signals.

Values only, no rules. Every class is a frozen attrs class validated at
construction: a bad field raises a library error naming it, and several bad
fields raise one error naming all of them.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import pendulum

from advocacy._internal.checks import (
    FRACTION,
    TEXTS,
    any_text,
    boolean,
    collection_of,
    date,
    instance_of,
    integer,
    member_of,
    number,
    optional,
    text,
)
from advocacy._internal.convert import (
    to_date,
    to_optional_date,
    to_optional_float,
    to_strings,
)
from advocacy._internal.validation import check_fields, checked
from advocacy._model.enums import (
    ActivityType,
    Motivation,
    SizeBand,
    Tier,
    to_activity_types,
    to_motivations,
    to_optional_tier,
)
from advocacy._model.money import OPTIONAL_AMOUNT, Money
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = [
    "DEFAULT_BANDS",
    "Account",
    "AccountPolicy",
    "Advocate",
    "Signals",
    "SizeBands",
    "account_of",
]


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


DEFAULT_BANDS = SizeBands()


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
        arr: Annual recurring revenue, if known (zero or more).
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
        factory=frozenset, converter=to_strings, metadata=checked(TEXTS)
    )
    use_cases: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_strings, metadata=checked(TEXTS)
    )
    arr: Money | None = attrs.field(
        default=None,
        metadata=checked(OPTIONAL_AMOUNT),
    )
    policy: AccountPolicy = attrs.field(
        factory=AccountPolicy,
        metadata=checked(instance_of(AccountPolicy, "an AccountPolicy")),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def size_band(self) -> SizeBand:
        """The size band under the default bands (see `SizeBands`)."""
        return DEFAULT_BANDS.band(self.employees)


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
        converter=to_motivations,
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
        factory=frozenset, converter=to_strings, metadata=checked(TEXTS)
    )
    award_recipient: bool = attrs.field(default=False, metadata=checked(boolean))
    public_recognition: bool = attrs.field(default=False, metadata=checked(boolean))
    tier: Tier | None = attrs.field(
        default=None,
        converter=to_optional_tier,
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
        converter=to_optional_float,
        default=None,
        metadata=checked(optional(FRACTION)),
    )
    health_score: float | None = attrs.field(
        converter=to_optional_float,
        default=None,
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


def account_of(
    advocate: Advocate, accounts: Mapping[str, Account], owner: str
) -> Account:
    """The advocate's account, or a named error if it is missing."""
    try:
        return accounts[advocate.account_id]
    except KeyError:
        raise UnknownKeyError(
            owner,
            "accounts",
            advocate.account_id,
            f"an account for every advocate (advocate {advocate.id!r})",
        ) from None
