"""Demand per segment: deals, opportunities and reference requests from the plan.

Each plan line is rounded once (deals up, opportunities up, requests up) and
then apportioned to the segments it names by largest remainders, in
proportion to their customers, so the parts sum to the line's figures
exactly. Marketing's asks are apportioned the same way.

Keep this in step with docs/explanation/gap-analysis.md.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs

from advocacy._gaps.plan import DemandPlan, Segment, SegmentDimension
from advocacy._gaps.report import (
    exact,
    key_order,
)
from advocacy.exceptions import InvalidValueError

__all__ = ["Demand", "apportion"]


def _weights(
    segment: Segment,
    customers: Mapping[Segment, int],
    dimensions: Sequence[SegmentDimension],
    what: str,
) -> dict[Segment, int]:
    """How a plan segment's demand is shared among the report's rows.

    A segment naming every dimension is one row, customers or not. A partial
    one is shared by the rows it contains, in proportion to their customers.
    """
    if set(segment.named) == set(dimensions):
        return {segment: 1}
    inside = {row: n for row, n in customers.items() if segment.contains(row) and n}
    if not inside:
        raise InvalidValueError(
            "reference_gaps",
            "plan",
            f"{what} for {segment}",
            "a segment with customers to spread it over, or a full segment",
            hint="name every dimension to plan for a segment with no customers yet",
        )
    return inside


def apportion(total: int, weights: Mapping[Segment, int]) -> dict[Segment, int]:
    """Split a whole number in proportion to `weights`, by largest remainders.

    Each part is the floor of its exact share; the units left go to the
    largest remainders, ties to the first segment in order. The parts sum to
    `total` exactly.
    """
    whole = sum(weights.values())
    shares = {s: Fraction(total * w, whole) for s, w in weights.items()}
    parts = {s: math.floor(q) for s, q in shares.items()}
    left = total - sum(parts.values())
    order = sorted(
        shares,
        key=lambda s: (-(shares[s] - parts[s]), key_order(_values(s))),
    )
    for segment in order[:left]:
        parts[segment] += 1
    return parts


def _values(segment: Segment) -> tuple[str | None, ...]:
    return tuple(segment.value(d) for d in SegmentDimension)


@attrs.frozen
class Demand:
    """The plan's demand, rounded once per plan line, apportioned to rows."""

    goal: dict[Segment, Fraction]
    deals: Counter[Segment]
    opportunities: Counter[Segment]
    requests: Counter[Segment]
    marketing: Counter[Segment]
    currency: str | None
    working: tuple[str, ...]
    shares: dict[Segment, list[str]]

    @classmethod
    def of(
        cls,
        plan: DemandPlan,
        customers: Mapping[Segment, int],
        dimensions: Sequence[SegmentDimension],
    ) -> Demand:
        goal: dict[Segment, Fraction] = {}
        deals, opportunities, requests, marketing = (
            Counter[Segment]() for _ in range(4)
        )
        working: list[str] = []
        shares: dict[Segment, list[str]] = {}
        for line in plan.lines:
            weights = _weights(line.segment, customers, dimensions, "a revenue goal")
            exact_deals = Fraction(line.goal.amount) / Fraction(line.deal_size.amount)
            line_deals = math.ceil(exact_deals)
            line_opps = (
                line_deals
                if plan.win_rate is None
                else math.ceil(line_deals / exact(plan.win_rate))
            )
            line_requests = math.ceil(
                line_opps * exact(plan.references_per_opportunity)
            )
            working.append(
                f"{line.segment}: goal {line.goal} / deal size {line.deal_size} = "
                f"{float(exact_deals):.2f} -> {line_deals} deals"
                + (
                    ""
                    if plan.win_rate is None
                    else f"; / win rate {plan.win_rate:g} -> {line_opps} opportunities"
                )
                + f"; x {plan.references_per_opportunity:g} references per "
                f"opportunity -> {line_requests} requests"
            )
            whole = sum(weights.values())
            parts = (
                apportion(line_deals, weights),
                apportion(line_opps, weights),
                apportion(line_requests, weights),
            )
            for segment, weight in weights.items():
                goal[segment] = Fraction(line.goal.amount) * weight / whole
                deals[segment] += parts[0][segment]
                opportunities[segment] += parts[1][segment]
                requests[segment] += parts[2][segment]
                shares.setdefault(segment, []).append(
                    f"{weight} of {whole} customers of {line.segment}'s plan: "
                    f"{parts[0][segment]} of {line_deals} deals, {parts[1][segment]} "
                    f"of {line_opps} opportunities, {parts[2][segment]} of "
                    f"{line_requests} requests"
                )
        for ask in plan.marketing:
            weights = _weights(ask.segment, customers, dimensions, "a marketing ask")
            asks = apportion(ask.count, weights)
            what = ask.description or "marketing"
            working.append(f"{ask.segment}: {what}, {ask.count} asks on {ask.on}")
            for segment, count in asks.items():
                if count:
                    marketing[segment] += count
                    shares.setdefault(segment, []).append(
                        f"{count} of {ask.count} asks for {what}"
                    )
        currency = plan.lines[0].goal.currency if plan.lines else None
        return cls(
            goal,
            deals,
            opportunities,
            requests,
            marketing,
            currency,
            tuple(working),
            shares,
        )
