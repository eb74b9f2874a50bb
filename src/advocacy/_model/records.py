"""What happened and what is asked: activities, commitments, NPS, deals, requests.

Values only, no rules. Every class is a frozen attrs class validated at
construction: a bad field raises a library error naming it, and several bad
fields raise one error naming all of them.
"""

from __future__ import annotations

import attrs
import pendulum

from advocacy._internal.checks import (
    IDS,
    TEXTS,
    any_text,
    boolean,
    date,
    instance_of,
    integer,
    member_of,
    optional,
    text,
)
from advocacy._internal.convert import (
    to_date,
    to_optional_date,
    to_strings,
)
from advocacy._internal.validation import check_fields, checked, in_order
from advocacy._model.customers import DEFAULT_BANDS
from advocacy._model.enums import (
    ActivityType,
    DealKind,
    DealOutcome,
    OpportunitySource,
    SizeBand,
    to_activity_type,
    to_deal_kind,
    to_deal_outcome,
    to_source,
)
from advocacy._model.money import OPTIONAL_AMOUNT, Money, amount_check
from advocacy.exceptions import InvalidValueError

__all__ = [
    "Activity",
    "Commitment",
    "NpsResponse",
    "Opportunity",
    "ProspectProfile",
    "ReferenceRequest",
]


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
        factory=frozenset, converter=to_strings, metadata=checked(TEXTS)
    )
    use_cases: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_strings, metadata=checked(TEXTS)
    )
    persona: str | None = attrs.field(default=None, metadata=checked(optional(text)))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def size_band(self) -> SizeBand | None:
        """The size band under the default bands, if the size is known."""
        return None if self.employees is None else DEFAULT_BANDS.band(self.employees)


_PROSPECT = instance_of(ProspectProfile, "a ProspectProfile")


@attrs.frozen
class Opportunity:
    """A sales deal and the advocacy linked to it.

    Attributes:
        id: Unique opportunity id.
        prospect: Who is buying.
        amount: Deal value (zero or more).
        created: When the opportunity was opened.
        outcome: Open, won or lost.
        closed: When it was won or lost (required then; absent while open).
        source: Where it came from; `REFERRAL` means advocate-sourced.
        kind: New business, expansion or renewal.
        activity_ids: Advocacy activities linked to it (an activity can also
            name the opportunity it influenced; both links count).
    """

    id: str = attrs.field(metadata=checked(text))
    prospect: ProspectProfile = attrs.field(metadata=checked(_PROSPECT))
    amount: Money = attrs.field(metadata=checked(amount_check))
    created: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    outcome: DealOutcome = attrs.field(
        default=DealOutcome.OPEN,
        converter=to_deal_outcome,
        metadata=checked(member_of(DealOutcome)),
    )
    closed: pendulum.Date | None = attrs.field(
        default=None, converter=to_optional_date, metadata=checked(optional(date))
    )
    source: OpportunitySource = attrs.field(
        default=OpportunitySource.OTHER,
        converter=to_source,
        metadata=checked(member_of(OpportunitySource)),
    )
    kind: DealKind = attrs.field(
        default=DealKind.NEW_BUSINESS,
        converter=to_deal_kind,
        metadata=checked(member_of(DealKind)),
    )
    activity_ids: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_strings, metadata=checked(IDS)
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the close date fits the outcome."""
        check_fields(self)
        if self.outcome is DealOutcome.OPEN and self.closed is not None:
            raise InvalidValueError(
                "Opportunity", "closed", self.closed, "None while the outcome is open"
            )
        if self.outcome is not DealOutcome.OPEN and self.closed is None:
            raise InvalidValueError(
                "Opportunity",
                "closed",
                None,
                f"the close date of a {self.outcome.value} opportunity",
            )
        in_order(self, "created", "closed")


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
        deal_amount: The deal at stake, if any (zero or more).
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
    prospect: ProspectProfile = attrs.field(metadata=checked(_PROSPECT))
    requested_on: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    needed_by: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    advocates_needed: int = attrs.field(default=1, metadata=checked(integer(1)))
    priority: int = attrs.field(default=1, metadata=checked(integer(1)))
    deal_amount: Money | None = attrs.field(
        default=None,
        metadata=checked(OPTIONAL_AMOUNT),
    )
    excluded: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_strings, metadata=checked(IDS)
    )
    opportunity_id: str | None = attrs.field(
        default=None, metadata=checked(optional(text))
    )

    approved_accounts: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_strings, metadata=checked(IDS)
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the dates are in order."""
        check_fields(self)
        in_order(self, "requested_on", "needed_by")


@attrs.frozen
class Commitment:
    """An ask already in flight: an advocate contacted for, or committed to, a request.

    Matching counts commitments as if they were done: against the quarterly
    caps and the tier's time budget in the quarter of `on`, and for the rest
    period, which runs from `on`; so the same advocate is not asked again
    and again while earlier asks are open. `BatchAssignment.commitments()`
    makes them for a batch's asks.

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


@attrs.frozen
class NpsResponse:
    """One dated Net Promoter response.

    Attributes:
        date: When it was given.
        score: The answer, 0-10.
    """

    date: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    score: int = attrs.field(metadata=checked(integer(0, 10)))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)
