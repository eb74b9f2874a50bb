"""Attribution: the pipeline and revenue advocates sourced or influenced.

An opportunity's linked activities are the union of both links: the ids in
`Opportunity.activity_ids` and every activity whose `opportunity_id` names
it. A linked activity *counts* only inside the attribution window:

```text
end    = the close date of a deal won or lost by as_of, else as_of
counts = end - window_days <= activity.date <= end    (no lower bound if
                                                       window_days is None)
```

Each opportunity gets exactly one attribution, so none is counted twice:

```text
sourced      = source is REFERRAL (an advocate brought the deal)
influenced   = not sourced, and at least one linked activity counts
unattributed = everything else
```

Figures per group: pipeline (every deal's amount, whatever its outcome),
open pipeline, closed-won revenue and the win rate won / (won + lost). Per
activity type and per tier, a deal is counted once in every type (tier) that
touched it with a counting activity, so those rows may add up to more than
the total. Records are seen as of `as_of`: an opportunity created later is
left out, and one closed later is still open.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
import pendulum

from advocacy._impact.links import Link, deal_currency, link_activities
from advocacy._impact.roi import RoiReturns
from advocacy._internal.checks import instance_of
from advocacy._internal.convert import member
from advocacy._internal.text import percent_text, table
from advocacy._internal.validation import as_date, check_fields, require
from advocacy._model.enums import (
    ActivityType,
    DealKind,
    DealOutcome,
    OpportunitySource,
    Tier,
)
from advocacy._model.money import Money, money_text
from advocacy._model.records import Activity, Opportunity
from advocacy.exceptions import InvalidTypeError

__all__ = [
    "AttributedDeal",
    "AttributionKind",
    "PipelineAttribution",
    "PipelineFigures",
    "attribute_pipeline",
]


class AttributionKind(enum.StrEnum):
    """How an opportunity is credited to the advocacy program."""

    SOURCED = "sourced"
    """An advocate referred the deal (its source is `REFERRAL`)."""

    INFLUENCED = "influenced"
    """Not sourced, but advocacy linked to it counts in the window."""

    UNATTRIBUTED = "unattributed"
    """No advocacy counts for it."""


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
        attribution: Sourced, influenced or unattributed.
        activity_ids: Linked activities that count, by date then id.
        outside_window: Linked activities that do not count (after the
            close or before the window), by date then id.
        activity_types: The types of the counting activities, in
            `ActivityType` order.
        tiers: The tiers of the advocates behind the counting activities
            (`None`: an advocate without a tier); empty when no tiers were
            given.
    """

    id: str
    amount: Money
    kind: DealKind
    source: OpportunitySource
    outcome: DealOutcome
    attribution: AttributionKind
    activity_ids: tuple[str, ...]
    outside_window: tuple[str, ...]
    activity_types: tuple[ActivityType, ...]
    tiers: tuple[Tier | None, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@attrs.frozen
class PipelineFigures:
    """Pipeline and revenue of one group of opportunities.

    Attributes:
        label: The group: an attribution kind, an activity type, a tier,
            `"no tier"`, `"attributed"` or `"all"`.
        opportunities: Opportunities in the group, each counted once.
        sourced: Of those, sourced by referral.
        influenced: Of those, influenced.
        open: Of those, open.
        won: Of those, won.
        lost: Of those, lost.
        pipeline: The summed amount of every opportunity in the group.
        open_pipeline: The summed amount of the open ones.
        won_revenue: The summed amount of the won ones.
    """

    label: str
    opportunities: int
    sourced: int
    influenced: int
    open: int
    won: int
    lost: int
    pipeline: Money
    open_pipeline: Money
    won_revenue: Money

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

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


def _figures(
    label: str, deals: Sequence[AttributedDeal], currency: str
) -> PipelineFigures:
    """One pass over the deals; every amount is already in `currency`."""
    kinds: Counter[AttributionKind] = Counter()
    outcomes: Counter[DealOutcome] = Counter()
    sums = dict.fromkeys(DealOutcome, Decimal(0))
    for d in deals:
        kinds[d.attribution] += 1
        outcomes[d.outcome] += 1
        sums[d.outcome] += d.amount.amount
    return PipelineFigures(
        label=label,
        opportunities=len(deals),
        sourced=kinds[AttributionKind.SOURCED],
        influenced=kinds[AttributionKind.INFLUENCED],
        open=outcomes[DealOutcome.OPEN],
        won=outcomes[DealOutcome.WON],
        lost=outcomes[DealOutcome.LOST],
        pipeline=Money(sum(sums.values(), Decimal(0)), currency),
        open_pipeline=Money(sums[DealOutcome.OPEN], currency),
        won_revenue=Money(sums[DealOutcome.WON], currency),
    )


_HEAD: Final = (
    f"  {'':<24} {'deals':>5} {'pipeline':>17} {'won revenue':>17} {'win':>6}"
)


@attrs.frozen(repr=False)
class PipelineAttribution:
    """Sourced and influenced pipeline and revenue, with every deal's credit.

    Made by `attribute_pipeline`.

    Attributes:
        as_of: The date the records are seen from.
        window_days: How many days before a deal's end an activity may be
            and still count (`None`: any time up to the end).
        currency: The currency of every amount.
        deals: Every opportunity counted, in id order.
        sourced: Deals sourced by referral.
        influenced: Deals influenced, not sourced.
        attributed: Sourced and influenced together.
        unattributed: Deals with no counting advocacy.
        total: Every deal.
        by_type: Per activity type (in `ActivityType` order, types that
            touched a deal only): the deals a counting activity of that type
            touched, each counted once in every type that touched it.
        by_tier: Per tier of the advocates behind the counting activities
            (`None`: advocates without a tier), likewise; empty when no tiers
            were given.
        after_as_of: Opportunities left out because they were created after
            `as_of`.
    """

    as_of: pendulum.Date
    window_days: int | None
    currency: str
    deals: tuple[AttributedDeal, ...]
    sourced: PipelineFigures
    influenced: PipelineFigures
    attributed: PipelineFigures
    unattributed: PipelineFigures
    total: PipelineFigures
    by_type: Mapping[ActivityType, PipelineFigures]
    by_tier: Mapping[Tier | None, PipelineFigures]
    after_as_of: int

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

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


def _tier_map(
    owner: str, tiers: Mapping[str, Tier | str | None] | None
) -> dict[str, Tier | None] | None:
    if tiers is None:
        return None
    require(
        owner, "tiers", tiers, instance_of(Mapping, "a mapping of advocate id to Tier")
    )
    result: dict[str, Tier | None] = {}
    for advocate_id, value in tiers.items():
        tier: object = None if value is None else member(Tier, value)
        if tier is not None and not isinstance(tier, Tier):
            raise InvalidTypeError(
                owner, f"tiers[{advocate_id!r}]", value, "a Tier, its value or None"
            )
        result[advocate_id] = tier
    return result


def attribute_pipeline(
    opportunities: Iterable[Opportunity],
    activities: Iterable[Activity] = (),
    *,
    as_of: pendulum.Date,
    window_days: int | None = None,
    tiers: Mapping[str, Tier | str | None] | None = None,
    currency: str | None = None,
) -> PipelineAttribution:
    """Credit each opportunity to the program once: sourced, influenced or not.

    ```text
    sourced    = source is REFERRAL
    influenced = not sourced, and a linked activity dated in
                 [end - window_days, end], where end is the close date (or
                 as_of while open)
    ```

    Args:
        opportunities: The deals. Each one's `activity_ids` must all be in
            `activities`.
        activities: Advocacy activities; an activity's `opportunity_id`
            links it too (it may name an opportunity not given).
        as_of: The date the records are seen from: later opportunities are
            left out, later closes are still open.
        window_days: How many days before a deal's end an activity may be
            and still count (0 or more); `None` counts every linked activity
            up to the end.
        tiers: Advocate id to tier, for the per-tier rows (an advocate not in
            it, or mapped to `None`, is under "no tier"). Without it there
            are no per-tier rows.
        currency: The currency to report in; taken from the deals if `None`
            (required when there are none).

    Returns:
        The figures per attribution kind, per activity type and per tier,
        and every deal's credit.

    Raises:
        CurrencyMismatchError: Deals in more than one currency.
        UnknownKeyError: An opportunity links an activity not given.
        InvalidValueError: Duplicate ids, a negative window, or no currency.
        InvalidTypeError: An input of the wrong kind.
    """
    owner = "attribute_pipeline"
    day = as_date(owner, "as_of", as_of)
    tier_of = _tier_map(owner, tiers)
    links, later = link_activities(
        owner, opportunities, activities, as_of=day, window_days=window_days
    )
    code = deal_currency(owner, [link.opportunity for link in links], currency)
    deals = tuple(_credit(link, tier_of) for link in links)

    def group(label: str, kinds: Iterable[AttributionKind]) -> PipelineFigures:
        wanted = set(kinds)
        members_ = [d for d in deals if d.attribution in wanted]
        return _figures(label, members_, code)

    by_type = {
        kind: _figures(kind.value, touched, code)
        for kind in ActivityType
        if (touched := [d for d in deals if kind in d.activity_types])
    }
    by_tier: dict[Tier | None, PipelineFigures] = {}
    if tier_of is not None:
        for tier in (*Tier, None):
            touched = [d for d in deals if tier in d.tiers]
            if touched:
                label = "no tier" if tier is None else tier.value
                by_tier[tier] = _figures(label, touched, code)
    return PipelineAttribution(
        as_of=day,
        window_days=window_days,
        currency=code,
        deals=deals,
        sourced=group("sourced", [AttributionKind.SOURCED]),
        influenced=group("influenced", [AttributionKind.INFLUENCED]),
        attributed=group(
            "attributed", [AttributionKind.SOURCED, AttributionKind.INFLUENCED]
        ),
        unattributed=group("unattributed", [AttributionKind.UNATTRIBUTED]),
        total=group("all", AttributionKind),
        by_type=by_type,
        by_tier=by_tier,
        after_as_of=later,
    )


_TYPE_RANK: Final = {t: n for n, t in enumerate(ActivityType)}
_TIER_RANK: Final[dict[Tier | None, int]] = {t: n for n, t in enumerate((*Tier, None))}


def _credit(link: Link, tier_of: Mapping[str, Tier | None] | None) -> AttributedDeal:
    deal = link.opportunity
    if deal.source is OpportunitySource.REFERRAL:
        kind = AttributionKind.SOURCED
    elif link.counted:
        kind = AttributionKind.INFLUENCED
    else:
        kind = AttributionKind.UNATTRIBUTED
    types = sorted({a.type for a in link.counted}, key=_TYPE_RANK.__getitem__)
    tiers: tuple[Tier | None, ...] = ()
    if tier_of is not None:
        found = {tier_of.get(a.advocate_id) for a in link.counted}
        tiers = tuple(sorted(found, key=_TIER_RANK.__getitem__))
    return AttributedDeal(
        id=deal.id,
        amount=deal.amount,
        kind=deal.kind,
        source=deal.source,
        outcome=link.outcome,
        attribution=kind,
        activity_ids=tuple(a.id for a in link.counted),
        outside_window=tuple(a.id for a in link.outside),
        activity_types=tuple(types),
        tiers=tiers,
    )
