"""Reference impact: how deals with a reference call differ from deals without.

Deals are split by whether a linked activity of a reference type counts for
them (the attribution window of `attribute_pipeline`). Three comparisons:

```text
win rate      p = won / (won + lost) per group, on closed deals
              difference = p_with - p_without, with Newcombe's hybrid
              score 95% interval (method 10, from two Wilson intervals)
              relative lift = p_with / p_without - 1
sales cycle   days from created to closed, on won deals: median and mean
              reduction = 1 - with / without (positive: faster)
deal size     amount of won deals: median and mean (exact Money)
              uplift = with / without - 1 (a Decimal: a ratio of money)
```

The mean reduction and uplift carry an approximate 95% interval from the
delta method on the log of the ratio of means. The interval formulas are in
`advocacy._intervals`.

Each comparison is flagged as insufficient data below the policy's minimum
samples (10 closed deals a group with 5 wins and 5 losses each for the win
rate; 10 won deals a group for cycle and size). Rates and intervals are
floats; ratios of money are Decimals.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from typing import Final

import pendulum

from advocacy._impact.impact_figures import (
    CycleStats,
    DealSizes,
    SalesCycles,
    WinRates,
    difference,
    rate,
    reduction,
    relative_lift,
    uplift,
)
from advocacy._impact.impact_policy import ImpactPolicy
from advocacy._impact.impact_report import ReferenceImpact
from advocacy._impact.links import Link, link_activities
from advocacy._internal.checks import instance_of
from advocacy._internal.stats import newcombe_bounds, ratio_interval
from advocacy._internal.validation import as_date, require
from advocacy._model.enums import DealOutcome
from advocacy._model.money import Money, one_currency
from advocacy._model.records import Activity, Opportunity

__all__ = ["reference_impact"]


# --- the rule ---------------------------------------------------------------------

_POLICY: Final = instance_of(ImpactPolicy, "an ImpactPolicy")


def _win_rates(
    with_: Sequence[Link], without: Sequence[Link], policy: ImpactPolicy
) -> WinRates:
    def counts(links: Sequence[Link]) -> tuple[int, int]:
        won = sum(1 for k in links if k.outcome is DealOutcome.WON)
        closed = sum(1 for k in links if k.outcome is not DealOutcome.OPEN)
        return won, closed

    (s1, n1), (s2, n2) = counts(with_), counts(without)
    p1, p2 = rate(s1, n1), rate(s2, n2)
    short = []
    for group, won, closed in (("with", s1, n1), ("without", s2, n2)):
        if closed < policy.min_closed:
            short.append(
                f"{closed} closed {group} a reference, {policy.min_closed} needed"
            )
        elif min(won, closed - won) < policy.min_each_outcome:
            short.append(
                f"{won} won and {closed - won} lost {group} a reference, "
                f"{policy.min_each_outcome} of each needed"
            )
    both = p1 is not None and p2 is not None
    return WinRates(
        with_won=s1,
        with_closed=n1,
        without_won=s2,
        without_closed=n2,
        with_rate=p1,
        without_rate=p2,
        difference=difference(p1, p2),
        interval=newcombe_bounds(s1, n1, s2, n2) if both else None,
        relative_lift=relative_lift(p1, p2),
        insufficient="; ".join(short) or None,
    )


def _won_short(with_won: int, without_won: int, policy: ImpactPolicy) -> str | None:
    short = [
        f"{won} won {group} a reference, {policy.min_won} needed"
        for group, won in (("with", with_won), ("without", without_won))
        if won < policy.min_won
    ]
    return "; ".join(short) or None


def _cycles(
    with_: Sequence[Link], without: Sequence[Link], policy: ImpactPolicy
) -> SalesCycles:
    def days(links: Sequence[Link]) -> list[int]:
        return [(k.end - k.opportunity.created).days for k in links]

    a, b = days(with_), days(without)

    def stats(values: Sequence[int]) -> CycleStats:
        if not values:
            return CycleStats(0, None, None)
        return CycleStats(
            len(values), float(statistics.median(values)), statistics.fmean(values)
        )

    sa, sb = stats(a), stats(b)
    median = reduction(sa.median_days, sb.median_days)
    mean = reduction(sa.mean_days, sb.mean_days)
    ratio = ratio_interval([float(v) for v in a], [float(v) for v in b])
    return SalesCycles(
        with_reference=sa,
        without_reference=sb,
        median_reduction=median,
        mean_reduction=mean,
        mean_reduction_interval=None if ratio is None else (1 - ratio[1], 1 - ratio[0]),
        insufficient=_won_short(len(a), len(b), policy),
    )


def _sizes(
    with_: Sequence[Link], without: Sequence[Link], policy: ImpactPolicy
) -> DealSizes:
    a = [k.opportunity.amount for k in with_]
    b = [k.opportunity.amount for k in without]

    def mean(values: Sequence[Money]) -> Money | None:
        if not values:
            return None
        code = values[0].currency
        return Money.total(values, currency=code).divide(len(values))

    def median(values: Sequence[Money]) -> Money | None:
        if not values:
            return None
        middle = statistics.median(v.amount for v in values)
        return Money(middle, values[0].currency)

    ratio = ratio_interval([float(v.amount) for v in a], [float(v.amount) for v in b])
    return DealSizes(
        with_deals=len(a),
        without_deals=len(b),
        with_mean=mean(a),
        without_mean=mean(b),
        with_median=median(a),
        without_median=median(b),
        mean_uplift=uplift(mean(a), mean(b)),
        median_uplift=uplift(median(a), median(b)),
        mean_uplift_interval=None if ratio is None else (ratio[0] - 1, ratio[1] - 1),
        insufficient=_won_short(len(a), len(b), policy),
    )


def reference_impact(
    opportunities: Iterable[Opportunity],
    activities: Iterable[Activity] = (),
    *,
    as_of: pendulum.Date,
    window_days: int | None = None,
    policy: ImpactPolicy | None = None,
) -> ReferenceImpact:
    """Compare deals a reference touched with deals it did not.

    A deal is referenced when a linked activity of one of the policy's
    reference types counts for it (dated on or before its close, or `as_of`
    while open, and within `window_days` of it). Only deals of the policy's
    kinds created by `as_of` are compared.

    ```text
    win rate    won / (won + lost); difference with Newcombe's 95% interval
    cycle       days created -> closed of won deals; 1 - with / without
    deal size   amounts of won deals; with / without - 1
    ```

    Args:
        opportunities: The deals (each one's `activity_ids` must be in
            `activities`).
        activities: Advocacy activities linked to them.
        as_of: The date the records are seen from.
        window_days: The attribution window in days (`None`: no lower bound).
        policy: Reference types, deal kinds and minimum samples;
            `ImpactPolicy.default()` if `None`.

    Returns:
        The three comparisons, each flagged when its samples are too small.

    Raises:
        CurrencyMismatchError: Deals compared are in more than one currency.
        UnknownKeyError: An opportunity links an activity not given.
        InvalidValueError: Duplicate ids or a negative window.
        InvalidTypeError: An input of the wrong kind.
    """
    owner = "reference_impact"
    day = as_date(owner, "as_of", as_of)
    rules = ImpactPolicy.default() if policy is None else policy
    require(owner, "policy", rules, _POLICY)
    links, _ = link_activities(
        owner, opportunities, activities, as_of=day, window_days=window_days
    )
    compared = [k for k in links if k.opportunity.kind in rules.deal_kinds]
    one_currency(owner, [k.opportunity.amount for k in compared])
    touched = [
        any(a.type in rules.reference_types for a in k.counted) for k in compared
    ]
    referenced = [k for k, t in zip(compared, touched, strict=True) if t]
    others = [k for k, t in zip(compared, touched, strict=True) if not t]

    def won(group: Sequence[Link]) -> list[Link]:
        return [k for k in group if k.outcome is DealOutcome.WON]

    return ReferenceImpact(
        as_of=day,
        window_days=window_days,
        policy=rules,
        with_reference=len(referenced),
        without_reference=len(others),
        win_rate=_win_rates(referenced, others, rules),
        sales_cycle=_cycles(won(referenced), won(others), rules),
        deal_size=_sizes(won(referenced), won(others), rules),
    )
