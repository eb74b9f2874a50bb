"""Values the impact tests share: deals, activities and the demo program."""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    DealKind,
    DealOutcome,
    Money,
    Opportunity,
    ProspectProfile,
    reference_impact,
)

AS_OF = pendulum.date(2026, 9, 30)


START = pendulum.date(2025, 10, 1)


def rounded(interval: tuple[float, float]) -> tuple[float, float]:
    return round(interval[0], 4), round(interval[1], 4)


def deal(
    number: int,
    *,
    referenced: bool,
    outcome: DealOutcome,
    days: int = 90,
    amount: int = 100_000,
    kind: DealKind = DealKind.NEW_BUSINESS,
    currency: str = "USD",
) -> tuple[Opportunity, list[Activity]]:
    """A deal created on START, closed `days` later, with or without a call."""
    opp_id = f"o-{number:03d}"
    calls = (
        [
            Activity(
                id=f"a-{number:03d}",
                advocate_id="v-1",
                type=ActivityType.REFERENCE_CALL,
                date=START,
            )
        ]
        if referenced
        else []
    )
    opportunity = Opportunity(
        id=opp_id,
        prospect=ProspectProfile(),
        amount=Money(amount, currency),
        created=START,
        outcome=outcome,
        closed=None if outcome is DealOutcome.OPEN else START.add(days=days),
        kind=kind,
        activity_ids={a.id for a in calls},
    )
    return opportunity, calls


def book(
    rows: list[tuple[bool, DealOutcome, int, int]],
) -> tuple[list[Opportunity], list[Activity]]:
    opportunities, activities = [], []
    for number, (referenced, outcome, days, amount) in enumerate(rows):
        made, calls = deal(
            number, referenced=referenced, outcome=outcome, days=days, amount=amount
        )
        opportunities.append(made)
        activities += calls
    return opportunities, activities


WON, LOST, OPEN = DealOutcome.WON, DealOutcome.LOST, DealOutcome.OPEN


# 20 referenced deals: 12 won in 50-72 days at 120,000-131,000, 8 lost;
# 20 without: 10 won in 90-135 days at 100,000, 10 lost; 2 open.
SAMPLE = (
    [(True, WON, 50 + 2 * i, 120_000 + 1000 * i) for i in range(12)]
    + [(True, LOST, 80, 90_000)] * 8
    + [(False, WON, 90 + 5 * i, 100_000) for i in range(10)]
    + [(False, LOST, 120, 90_000)] * 10
    + [(True, OPEN, 0, 500_000), (False, OPEN, 0, 500_000)]
)


ROWS = st.lists(
    st.tuples(
        st.booleans(),
        st.sampled_from([WON, LOST, OPEN]),
        st.integers(0, 200),
        st.integers(0, 10**6),
    ),
    max_size=40,
)


IMPACT = reference_impact(*book(SAMPLE), as_of=AS_OF)


W, C, S = IMPACT.win_rate, IMPACT.sales_cycle, IMPACT.deal_size
