"""How a table's columns become a value's fields: the column mapping and alias table.

A [`ColumnMapping`][advocacy.ColumnMapping] is data, not code: which column
holds each field (a field not named reads the column of its own name, a
nested field the column of its path, `prospect.industry`), which numeric
columns are in units (`Unit.PERCENT`: `73` means 0.73; `Unit.HOURS`: `1.5`
hours is 90 minutes), which text means *no value*, the separator of
multi-select columns, the currency of amounts that name none, the column
that identifies each row, and the [`Aliases`][advocacy.Aliases]: extra
spellings of enum values (`"review"` for an online review) that CRMs use.

Keep this in step with docs/explanation/record-ingest.md.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Final, TypeVar

import attrs

from advocacy._internal.checks import Refusal, text
from advocacy._internal.validation import check_fields, checked
from advocacy._io.parse import MISSING_MARKERS, PERCENT, spelling
from advocacy._io.regions import RegionTable
from advocacy._model.enums import (
    ActivityType,
    DealKind,
    DealOutcome,
    Motivation,
    OpportunitySource,
    Tier,
)
from advocacy._model.money import CURRENCIES
from advocacy.exceptions import InvalidTypeError, InvalidValueError

__all__ = ["ENUMS", "Aliases", "ColumnMapping", "Unit"]


class Unit(enum.StrEnum):
    """The unit a numeric column is written in, when it is not the field's own."""

    PERCENT = "percent"
    """Percent of a fraction: `73` is stored as 0.73 (and `"73%"` everywhere)."""

    HOURS = "hours"
    """Hours of a minutes field: `1.5` is stored as 90 (rounded half to even)."""

    @property
    def scale(self) -> Decimal:
        """What a number in this unit is multiplied by to be stored."""
        return _SCALES[self]


_SCALES: Final = {Unit.PERCENT: PERCENT, Unit.HOURS: Decimal(60)}


_A = ActivityType
_S = OpportunitySource

_ACTIVITY_TYPES: Final[Mapping[str, ActivityType]] = {
    "review": _A.ONLINE_REVIEW,
    "g2 review": _A.ONLINE_REVIEW,
    "product review": _A.ONLINE_REVIEW,
    "reference": _A.REFERENCE_CALL,
    "ref call": _A.REFERENCE_CALL,
    "customer reference": _A.REFERENCE_CALL,
    "quote": _A.TESTIMONIAL,
    "customer quote": _A.TESTIMONIAL,
    "customer story": _A.CASE_STUDY,
    "success story": _A.CASE_STUDY,
    "speaker": _A.SPEAKING,
    "conference talk": _A.SPEAKING,
    "event speaker": _A.SPEAKING,
    "cab": _A.ADVISORY_BOARD,
    "customer advisory board": _A.ADVISORY_BOARD,
    "social": _A.SOCIAL_SHARE,
    "social post": _A.SOCIAL_SHARE,
    "introduction": _A.REFERRAL,
    "analyst call": _A.ANALYST_BRIEFING,
    "analyst reference": _A.ANALYST_BRIEFING,
    "media interview": _A.PRESS,
    "press quote": _A.PRESS,
    "ugc": _A.USER_GENERATED_CONTENT,
    "blog post": _A.USER_GENERATED_CONTENT,
    "community post": _A.COMMUNITY_ANSWER,
    "award": _A.AWARD_NOMINATION,
    "site tour": _A.SITE_VISIT,
}
_OUTCOMES: Final[Mapping[str, DealOutcome]] = {
    "closed won": DealOutcome.WON,
    "closedwon": DealOutcome.WON,
    "closed lost": DealOutcome.LOST,
    "closedlost": DealOutcome.LOST,
    # The open stages of HubSpot's default sales pipeline, then Salesforce's.
    "appointmentscheduled": DealOutcome.OPEN,
    "qualifiedtobuy": DealOutcome.OPEN,
    "presentationscheduled": DealOutcome.OPEN,
    "decisionmakerboughtin": DealOutcome.OPEN,
    "contractsent": DealOutcome.OPEN,
    "prospecting": DealOutcome.OPEN,
    "qualification": DealOutcome.OPEN,
    "needs analysis": DealOutcome.OPEN,
    "value proposition": DealOutcome.OPEN,
    "id. decision makers": DealOutcome.OPEN,
    "perception analysis": DealOutcome.OPEN,
    "proposal/price quote": DealOutcome.OPEN,
    "negotiation/review": DealOutcome.OPEN,
}
_SOURCES: Final[Mapping[str, OpportunitySource]] = {
    # HubSpot's original sources (hs_analytics_source): REFERRALS there
    # are referring websites, so inbound, not an advocate's referral.
    "organic search": _S.INBOUND,
    "paid search": _S.INBOUND,
    "email marketing": _S.INBOUND,
    "social media": _S.INBOUND,
    "paid social": _S.INBOUND,
    "direct traffic": _S.INBOUND,
    "referrals": _S.INBOUND,
    "ai referrals": _S.INBOUND,
    "other campaigns": _S.OUTBOUND,
    "offline": _S.OTHER,
    # Salesforce's standard lead sources.
    "web": _S.INBOUND,
    "phone inquiry": _S.INBOUND,
    "partner referral": _S.PARTNER,
    "purchased list": _S.OUTBOUND,
    "external referral": _S.REFERRAL,
    "word of mouth": _S.REFERRAL,
    "customer referral": _S.REFERRAL,
    "trade show": _S.EVENT,
    "seminar": _S.EVENT,
}
_KINDS: Final[Mapping[str, DealKind]] = {
    # HubSpot's deal types, then Salesforce's opportunity types.
    "newbusiness": DealKind.NEW_BUSINESS,
    "existingbusiness": DealKind.EXPANSION,
    "existing business": DealKind.EXPANSION,
    "new customer": DealKind.NEW_BUSINESS,
    "existing customer upgrade": DealKind.EXPANSION,
    "upsell": DealKind.EXPANSION,
    "cross sell": DealKind.EXPANSION,
    "existing customer renewal": DealKind.RENEWAL,
}


E = TypeVar("E", bound=enum.Enum)


@attrs.frozen
class Aliases:
    """Extra spellings of enum values, by enum, that ingest accepts.

    A member's own value and name are always accepted, in any case and
    with spaces or hyphens for underscores (`"Reference Call"`), so a table
    lists only other words. Words are compared the same way.

    Attributes:
        activity_types: Words for activity types (`"review"`).
        tiers: Words for tiers.
        motivations: Words for motivations.
        outcomes: Words for deal outcomes (`"closedwon"`).
        sources: Words for opportunity sources (`"partner referral"`).
        kinds: Words for deal kinds (`"newbusiness"`).
    """

    activity_types: Mapping[str, ActivityType] = attrs.field(factory=dict)
    tiers: Mapping[str, Tier] = attrs.field(factory=dict)
    motivations: Mapping[str, Motivation] = attrs.field(factory=dict)
    outcomes: Mapping[str, DealOutcome] = attrs.field(factory=dict)
    sources: Mapping[str, OpportunitySource] = attrs.field(factory=dict)
    kinds: Mapping[str, DealKind] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        """Check every table: words with a letter or digit, to its enum's members."""
        check_fields(self)
        for enum_cls in ENUMS:
            for word in self.of(enum_cls):
                if not spelling(word):
                    raise InvalidValueError(
                        "Aliases",
                        _NAMES[enum_cls],
                        word,
                        "words with at least one letter or digit",
                    )

    @classmethod
    def default(cls) -> Aliases:
        """The documented table of CRM spellings (see the record-ingest page)."""
        return cls(
            activity_types=_ACTIVITY_TYPES,
            outcomes=_OUTCOMES,
            sources=_SOURCES,
            kinds=_KINDS,
        )

    def of(self, enum_cls: type[enum.Enum]) -> Mapping[str, enum.Enum]:
        """The table of one enum (empty for an enum ingest does not read)."""
        tables: dict[type[enum.Enum], Mapping[str, enum.Enum]] = {
            ActivityType: self.activity_types,
            Tier: self.tiers,
            Motivation: self.motivations,
            DealOutcome: self.outcomes,
            OpportunitySource: self.sources,
            DealKind: self.kinds,
        }
        return tables.get(enum_cls, {})

    def with_aliases(self, aliases: Mapping[str, enum.Enum]) -> Aliases:
        """A copy with more words, each filed under its member's enum.

        `aliases.with_aliases({"g2": ActivityType.ONLINE_REVIEW, "exec
        sponsor": Tier.CHAMPION})` adds an activity-type and a tier alias; a
        word already in its table is replaced.

        Raises:
            InvalidTypeError: A value is not a member of an enum ingest reads.
        """
        for word, member in aliases.items():
            if type(member) not in _NAMES:
                raise InvalidTypeError(
                    "Aliases.with_aliases",
                    f"aliases[{word!r}]",
                    member,
                    f"a member of {', '.join(e.__name__ for e in ENUMS)}",
                )

        def added(enum_cls: type[E], table: Mapping[str, E]) -> dict[str, E]:
            more = {w: m for w, m in aliases.items() if isinstance(m, enum_cls)}
            return {**table, **more}

        return Aliases(
            activity_types=added(ActivityType, self.activity_types),
            tiers=added(Tier, self.tiers),
            motivations=added(Motivation, self.motivations),
            outcomes=added(DealOutcome, self.outcomes),
            sources=added(OpportunitySource, self.sources),
            kinds=added(DealKind, self.kinds),
        )


ENUMS: Final = (
    ActivityType,
    Tier,
    Motivation,
    DealOutcome,
    OpportunitySource,
    DealKind,
)
"""The enums of the input values, each with a table in `Aliases`."""

_NAMES: Final[dict[type[enum.Enum], str]] = {
    ActivityType: "activity_types",
    Tier: "tiers",
    Motivation: "motivations",
    DealOutcome: "outcomes",
    OpportunitySource: "sources",
    DealKind: "kinds",
}


def _currency(value: object) -> Refusal | None:
    if isinstance(value, str) and value in CURRENCIES:
        return None
    return Refusal(
        "an ISO 4217 currency code such as 'USD'",
        wrong_type=not isinstance(value, str),
    )


def _markers(value: Iterable[str]) -> frozenset[str] | Iterable[str]:
    if isinstance(value, frozenset | set | list | tuple):
        return frozenset(
            item.strip().casefold() if isinstance(item, str) else item for item in value
        )
    return value


@attrs.frozen
class ColumnMapping:
    """Where each field of a record is read from, and how its text is read.

    Attributes:
        columns: Field path to column name, for columns not named as the
            field (`{"employees": "numberofemployees"}`). A nested field's
            path joins the names with dots (`prospect.industry`); an amount
            reads the column of its field (`arr`) and its currency the
            column `<field>.currency`, else `currency`.
        units: Field path to the unit its column is written in
            (`{"feature_adoption": Unit.PERCENT}`).
        aliases: Extra spellings of enum values; `Aliases.default()`.
        missing: Text meaning *no value*, compared trimmed and case-folded
            (besides `None`, NaN, `pd.NA` and `NaT`, which always are).
        separator: What separates the items of a multi-select column.
        currency: The currency of amounts whose row names none.
        row_id: The column that identifies each row in the result and in
            its rejections; `None` reads the column of the `id` field, if
            the value has one.
        regions: When set, `region` columns hold countries, and the region
            is looked up in this table (a country it lacks is refused).
    """

    columns: Mapping[str, str] = attrs.field(factory=dict)
    units: Mapping[str, Unit] = attrs.field(factory=dict)
    aliases: Aliases = attrs.field(factory=Aliases.default)
    missing: frozenset[str] = attrs.field(default=MISSING_MARKERS, converter=_markers)
    separator: str = attrs.field(default=";", metadata=checked(text))
    currency: str = attrs.field(default="USD", metadata=checked(_currency))
    row_id: str | None = None
    regions: RegionTable | None = None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def default(cls) -> ColumnMapping:
        """Every field from the column of its own name, with the default tables."""
        return cls()

    def column(self, path: str) -> str:
        """The column a field path is read from."""
        return self.columns.get(path, path)
