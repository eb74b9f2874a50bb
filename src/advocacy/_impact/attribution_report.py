"""What `attribute_pipeline` returns: each deal's credit, and the pipeline's figures.

An `AttributedDeal` says how one opportunity is credited (sourced by a
referral, influenced by counted advocacy, or not attributed) and why;
`PipelineFigures` sums a group of deals; a `PipelineAttribution` holds the
headline groups and the breakdowns by activity type and tier. Each checks
that its figures agree with the deals they sum.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import enum
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import pendulum

from advocacy._impact.roi_inputs import RoiReturns
from advocacy._internal.checks import (
    Check,
    Refusal,
    instance_of,
    integer,
    optional,
    repeated_hint,
    text,
)
from advocacy._internal.convert import member
from advocacy._internal.text import percent_text, table
from advocacy._internal.validation import check_fields, checked, require
from advocacy._model.enums import (
    ActivityType,
    DealKind,
    DealOutcome,
    OpportunitySource,
    Tier,
)
from advocacy._model.money import Money, money_text, one_currency
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidValueError,
)

__all__ = [
    "TIER_RANK",
    "TYPE_RANK",
    "AttributedDeal",
    "AttributionKind",
    "PipelineAttribution",
    "PipelineFigures",
    "credit_kind",
]


class AttributionKind(enum.StrEnum):
    """How an opportunity is credited to the advocacy program."""

    SOURCED = "sourced"
    """An advocate referred the deal (its source is `REFERRAL`)."""

    INFLUENCED = "influenced"
    """Not sourced, but advocacy linked to it counts in the window."""

    UNATTRIBUTED = "unattributed"
    """No advocacy counts for it."""


def _ids_check(value: object) -> Refusal | None:
    expected = "a tuple of distinct ids (non-empty strings)"
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        return Refusal(expected, wrong_type=True)
    if not all(v.strip() for v in value):
        return Refusal(expected)
    hint = repeated_hint(value)
    return None if hint is None else Refusal(expected, hint)


_IDS: Final = checked(Check(_ids_check))

TYPE_RANK: Final = {t: n for n, t in enumerate(ActivityType)}
TIER_RANK: Final[dict[Tier | None, int]] = {t: n for n, t in enumerate((*Tier, None))}


def credit_kind(source: OpportunitySource, *, counted: bool) -> AttributionKind:
    """Sourced for a referral, else influenced when an activity counts."""
    if source is OpportunitySource.REFERRAL:
        return AttributionKind.SOURCED
    return AttributionKind.INFLUENCED if counted else AttributionKind.UNATTRIBUTED


def _in_order(
    owner: str, name: str, values: Sequence[Any], rank: Mapping[Any, int], words: str
) -> None:
    """Refuse `values` repeated or out of `rank`'s order."""
    for before, after in itertools.pairwise(values):
        if rank[after] <= rank[before]:
            raise InvalidValueError(
                owner, name, values, f"distinct values, in {words} order"
            )


@attrs.frozen
class AttributedDeal:
    """One opportunity as attribution saw it.

    Attributes:
        id: The opportunity.
        amount: Its value.
        kind: New business, expansion or renewal.
        source: Where it came from.
        outcome: Its outcome as of the attribution date (a deal closed later
            is still open).
        attribution: Sourced (exactly when the source is a referral),
            influenced (else, when an activity counts) or unattributed.
        activity_ids: Linked activities that count, by date then id.
        outside_window: Linked activities that do not count (after the
            close or before the window), by date then id; none of them in
            `activity_ids`.
        activity_types: The types of the counting activities, in
            `ActivityType` order (none when no activity counts).
        tiers: The tiers of the advocates behind the counting activities
            (`None`: an advocate without a tier), in `Tier` order with
            `None` last; empty when no tiers were given.
    """

    id: str = attrs.field(metadata=checked(text))
    amount: Money
    kind: DealKind
    source: OpportunitySource
    outcome: DealOutcome
    attribution: AttributionKind
    activity_ids: tuple[str, ...] = attrs.field(metadata=_IDS)
    outside_window: tuple[str, ...] = attrs.field(metadata=_IDS)
    activity_types: tuple[ActivityType, ...]
    tiers: tuple[Tier | None, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the credit against the source and activities."""
        check_fields(self)
        owner = "AttributedDeal"
        expected = credit_kind(self.source, counted=bool(self.activity_ids))
        if self.attribution is not expected:
            raise InvalidValueError(
                owner,
                "attribution",
                self.attribution.value,
                f"{expected.value!r}: sourced for a referral, else influenced "
                "when an activity counts, else unattributed",
            )
        both = set(self.activity_ids).intersection(self.outside_window)
        if both:
            raise InvalidValueError(
                owner,
                "outside_window",
                self.outside_window,
                "activities that do not count, none of them in activity_ids",
                f"in both: {', '.join(sorted(both))}",
            )
        _in_order(
            owner, "activity_types", self.activity_types, TYPE_RANK, "ActivityType"
        )
        _in_order(owner, "tiers", self.tiers, TIER_RANK, "Tier")
        if bool(self.activity_types) is not bool(self.activity_ids):
            raise InvalidValueError(
                owner,
                "activity_types",
                self.activity_types,
                "the types of the counting activities: at least one when an "
                "activity counts, none otherwise",
            )
        if self.tiers and not self.activity_ids:
            raise InvalidValueError(
                owner, "tiers", self.tiers, "none when no activity counts"
            )


_COUNT: Final = checked(integer(0))


@attrs.frozen
class PipelineFigures:
    """Pipeline and revenue of one group of opportunities.

    Every count is 0 or more, the three amounts share one currency, and an
    amount that sums no deal is zero.

    Attributes:
        label: The group: an attribution kind, an activity type, a tier,
            `"no tier"`, `"attributed"` or `"all"`.
        opportunities: Opportunities in the group, each counted once.
        sourced: Of those, sourced by referral.
        influenced: Of those, influenced (sourced and influenced together at
            most `opportunities`).
        open: Of those, open.
        won: Of those, won.
        lost: Of those, lost (open, won and lost add up to `opportunities`).
        pipeline: The summed amount of every opportunity in the group.
        open_pipeline: The summed amount of the open ones.
        won_revenue: The summed amount of the won ones.
    """

    label: str = attrs.field(metadata=checked(text))
    opportunities: int = attrs.field(metadata=_COUNT)
    sourced: int = attrs.field(metadata=_COUNT)
    influenced: int = attrs.field(metadata=_COUNT)
    open: int = attrs.field(metadata=_COUNT)
    won: int = attrs.field(metadata=_COUNT)
    lost: int = attrs.field(metadata=_COUNT)
    pipeline: Money
    open_pipeline: Money
    won_revenue: Money

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the counts and amounts agree."""
        check_fields(self)
        owner = "PipelineFigures"
        one_currency(owner, [self.pipeline, self.open_pipeline, self.won_revenue])
        outcomes = self.open + self.won + self.lost
        if outcomes != self.opportunities:
            raise InvalidValueError(
                owner,
                "opportunities",
                self.opportunities,
                f"open + won + lost ({outcomes})",
            )
        for name, bound in (
            ("sourced", self.opportunities),
            ("influenced", self.opportunities - self.sourced),
        ):
            if getattr(self, name) > bound:
                raise InvalidValueError(
                    owner,
                    name,
                    getattr(self, name),
                    f"at most the opportunities not otherwise credited ({bound})",
                )
        for name, deals in (
            ("pipeline", self.opportunities),
            ("open_pipeline", self.open),
            ("won_revenue", self.won),
        ):
            amount: Money = getattr(self, name)
            if not deals and not amount.is_zero():
                raise InvalidValueError(owner, name, amount, "zero: it sums no deal")

    @property
    def win_rate(self) -> float | None:
        """The share of closed deals won: won / (won + lost); `None` if none closed."""
        closed = self.won + self.lost
        return self.won / closed if closed else None

    def row(self) -> str:
        """The group as one fixed-width report line."""
        rate = self.win_rate
        shown = percent_text(rate, 1)
        return (
            f"  {self.label:<24} {self.opportunities:>5} "
            f"{money_text(self.pipeline):>17} {money_text(self.won_revenue):>17} "
            f"{shown:>6}"
        )


def _counts(owner: str, name: str, found: int, deals: int) -> None:
    if found != deals:
        raise InvalidValueError(
            owner,
            f"{name}.opportunities",
            found,
            f"the number of its deals ({deals})",
        )


def _breakdown(
    owner: str,
    name: str,
    groups: Mapping[Any, PipelineFigures],
    touched: Counter[Any],
    rank: Mapping[Any, int],
) -> None:
    """Refuse groups other than those touching a deal, in order, each counted."""
    keys = sorted(touched, key=rank.__getitem__)
    if list(groups) != keys:
        raise InvalidValueError(
            owner,
            name,
            [_key(k) for k in groups],
            f"one group per key touching a deal, in order: {[_key(k) for k in keys]}",
        )
    for key, figures in groups.items():
        _counts(owner, f"{name}[{_key(key)}]", figures.opportunities, touched[key])


def _key(key: ActivityType | Tier | None) -> str | None:
    return None if key is None else key.value


_HEAD: Final = (
    f"  {'':<24} {'deals':>5} {'pipeline':>17} {'won revenue':>17} {'win':>6}"
)


@attrs.frozen(repr=False)
class PipelineAttribution:
    """Sourced and influenced pipeline and revenue, with every deal's credit.

    Made by `attribute_pipeline`. Every amount is in `currency`, and the
    groups count the deals they are made of.

    Attributes:
        as_of: The date the records are seen from.
        window_days: How many days before a deal's end an activity may be
            and still count (0 or more; `None`: any time up to the end).
        currency: The currency of every amount.
        deals: Every opportunity counted, in id order (each once).
        sourced: Deals sourced by referral.
        influenced: Deals influenced, not sourced.
        attributed: Sourced and influenced together.
        unattributed: Deals with no counting advocacy.
        total: Every deal.
        by_type: Per activity type (in `ActivityType` order, types that
            touched a deal only): the deals a counting activity of that type
            touched, each counted once in every type that touched it.
        by_tier: Per tier of the advocates behind the counting activities
            (`None`: advocates without a tier, last), likewise; empty when no
            tiers were given.
        after_as_of: Opportunities left out because they were created after
            `as_of` (0 or more).
    """

    as_of: pendulum.Date
    window_days: int | None = attrs.field(metadata=checked(optional(integer(0))))
    currency: str
    deals: tuple[AttributedDeal, ...]
    sourced: PipelineFigures
    influenced: PipelineFigures
    attributed: PipelineFigures
    unattributed: PipelineFigures
    total: PipelineFigures
    by_type: Mapping[ActivityType, PipelineFigures]
    by_tier: Mapping[Tier | None, PipelineFigures]
    after_as_of: int = attrs.field(metadata=_COUNT)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the currency, the deals and the groups' counts."""
        check_fields(self)
        owner = "PipelineAttribution"
        groups = [*self.headline, *self.by_type.values(), *self.by_tier.values()]
        for money in itertools.chain(
            (d.amount for d in self.deals),
            (f.pipeline for f in groups),
        ):
            if money.currency != self.currency:
                raise CurrencyMismatchError(owner, (self.currency, money.currency))
        for index, (before, after) in enumerate(
            itertools.pairwise(self.deals), start=1
        ):
            if after.id <= before.id:
                raise InvalidValueError(
                    owner,
                    f"deals[{index}]",
                    after.id,
                    f"an id after {before.id!r}: deals in id order, each once",
                )
        kinds = Counter(d.attribution for d in self.deals)
        expected = {
            "sourced": kinds[AttributionKind.SOURCED],
            "influenced": kinds[AttributionKind.INFLUENCED],
            "attributed": kinds[AttributionKind.SOURCED]
            + kinds[AttributionKind.INFLUENCED],
            "unattributed": kinds[AttributionKind.UNATTRIBUTED],
            "total": len(self.deals),
        }
        for name, count in expected.items():
            _counts(owner, name, getattr(self, name).opportunities, count)
        types = Counter(t for d in self.deals for t in d.activity_types)
        _breakdown(owner, "by_type", self.by_type, types, TYPE_RANK)
        tiers = Counter(t for d in self.deals for t in d.tiers)
        _breakdown(owner, "by_tier", self.by_tier, tiers, TIER_RANK)

    @property
    def headline(self) -> tuple[PipelineFigures, ...]:
        """Sourced, influenced, attributed, unattributed and total, in that order."""
        return (
            self.sourced,
            self.influenced,
            self.attributed,
            self.unattributed,
            self.total,
        )

    def returns(
        self,
        *,
        content_types: Iterable[ActivityType | str] = (ActivityType.CASE_STUDY,),
    ) -> RoiReturns:
        """The return components of `program_roi` these records support.

        ```text
        influenced_closed = won revenue of attributed deals, renewals excepted
        retained_revenue  = won revenue of attributed renewals
        referral_pipeline = pipeline of sourced deals
        content_pipeline  = pipeline of influenced deals a counting activity
                            of a content type touched
        ```

        Sourced deals are in the referral pipeline only, so no deal is in
        both pipelines. Cost savings are not in the records: add them with
        `attrs.evolve(returns, cost_savings=...)`.

        Args:
            content_types: The activity types that make pipeline
                content-attributed (case studies by default).

        Returns:
            The returns, in this attribution's currency.
        """
        content = frozenset(
            require(
                "PipelineAttribution.returns",
                "content_types",
                member(ActivityType, t),
                instance_of(ActivityType, "ActivityType values"),
            )
            for t in content_types
        )
        attributed = [
            d for d in self.deals if d.attribution is not AttributionKind.UNATTRIBUTED
        ]

        def total(deals: Iterable[AttributedDeal]) -> Money:
            return Money.total((d.amount for d in deals), currency=self.currency)

        won = [d for d in attributed if d.outcome is DealOutcome.WON]
        return RoiReturns(
            influenced_closed=total(d for d in won if d.kind is not DealKind.RENEWAL),
            retained_revenue=total(d for d in won if d.kind is DealKind.RENEWAL),
            referral_pipeline=self.sourced.pipeline,
            content_pipeline=total(
                d
                for d in attributed
                if d.attribution is AttributionKind.INFLUENCED
                and content.intersection(d.activity_types)
            ),
        )

    def explain(self) -> str:
        """The groups as a table, then per activity type and per tier."""
        window = (
            "every linked activity up to the close counts"
            if self.window_days is None
            else f"linked activities within {self.window_days} days before the "
            "close count"
        )
        lines = [f"attribution as of {self.as_of} ({window})", _HEAD]
        lines += [f.row() for f in self.headline]
        if self.after_as_of:
            lines.append(f"  ({self.after_as_of} created after {self.as_of} left out)")
        if self.by_type:
            lines.append("by activity type (a deal counts once in every type):")
            lines += [f.row() for f in self.by_type.values()]
        if self.by_tier:
            lines.append("by advocate tier (a deal counts once in every tier):")
            lines += [f.row() for f in self.by_tier.values()]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per group, ready for `pandas.DataFrame`.

        The `dimension` column says which breakdown a row belongs to
        (`attribution`, `activity_type` or `tier`); amounts are exact
        `Decimal` values.
        """
        groups = [("attribution", f) for f in self.headline]
        groups += [("activity_type", f) for f in self.by_type.values()]
        groups += [("tier", f) for f in self.by_tier.values()]
        return [
            {
                "dimension": dimension,
                "label": f.label,
                "opportunities": f.opportunities,
                "sourced": f.sourced,
                "influenced": f.influenced,
                "open": f.open,
                "won": f.won,
                "lost": f.lost,
                "pipeline": f.pipeline.amount,
                "open_pipeline": f.open_pipeline.amount,
                "won_revenue": f.won_revenue.amount,
                "currency": self.currency,
                "win_rate": f.win_rate,
            }
            for dimension, f in groups
        ]

    def __repr__(self) -> str:
        """`PipelineAttribution(277 deals: 15 sourced, 40 influenced, ...)`."""
        return (
            f"PipelineAttribution({self.total.opportunities} deals: "
            f"{self.sourced.opportunities} sourced "
            f"({money_text(self.sourced.pipeline)}), "
            f"{self.influenced.opportunities} influenced "
            f"({money_text(self.influenced.pipeline)}))"
        )

    def _repr_html_(self) -> str:
        return table(
            ("dimension", "group", "deals", "pipeline", "won revenue", "win rate"),
            [
                (
                    r["dimension"],
                    r["label"],
                    r["opportunities"],
                    money_text(Money(r["pipeline"], self.currency)),
                    money_text(Money(r["won_revenue"], self.currency)),
                    "n/a" if r["win_rate"] is None else f"{r['win_rate']:.1%}",
                )
                for r in self.to_records()
            ],
        )
