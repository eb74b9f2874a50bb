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

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import pendulum

from advocacy._impact.links import Link, deal_currency, link_activities
from advocacy._internal.checks import (
    instance_of,
)
from advocacy._internal.convert import member
from advocacy._internal.validation import as_date, require
from advocacy._model.enums import (
    ActivityType,
    DealOutcome,
    Tier,
)
from advocacy._model.money import Money
from advocacy._model.records import Activity, Opportunity
from advocacy.exceptions import (
    InvalidTypeError,
)

__all__ = ["attribute_pipeline"]
from advocacy._impact.attribution_report import (
    TIER_RANK,
    TYPE_RANK,
    AttributedDeal,
    AttributionKind,
    PipelineAttribution,
    PipelineFigures,
    credit_kind,
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


def _credit(link: Link, tier_of: Mapping[str, Tier | None] | None) -> AttributedDeal:
    deal = link.opportunity
    kind = credit_kind(deal.source, counted=bool(link.counted))
    types = sorted({a.type for a in link.counted}, key=TYPE_RANK.__getitem__)
    tiers: tuple[Tier | None, ...] = ()
    if tier_of is not None:
        found = {tier_of.get(a.advocate_id) for a in link.counted}
        tiers = tuple(sorted(found, key=TIER_RANK.__getitem__))
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
