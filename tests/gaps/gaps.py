"""Values the gap tests share: accounts, advocates, plans and policies."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from advocacy import (
    Account,
    ActivityType,
    Advocate,
    DemandPlan,
    GapReport,
    MarketingAsk,
    Money,
    PlanLine,
    RecruitCandidate,
    ScoringModel,
    Segment,
    Signals,
    Tier,
    TierPolicy,
    reference_gaps,
)

AS_OF = pendulum.date(2026, 9, 30)


Q4 = (pendulum.date(2026, 10, 1), pendulum.date(2026, 12, 31))


HOME = Segment(product="Platform", industry="Retail", region="EMEA")


KEEN = Signals(
    nps=10, feature_adoption=0.9, health_score=90, responded_to_requests=True
)


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def customer(n: int, **changes: Any) -> Account:
    fields: dict[str, Any] = {
        "id": f"acct-{n:03d}",
        "name": f"Customer {n}",
        "industry": "Retail",
        "employees": 500,
        "region": "EMEA",
        "customer_since": pendulum.date(2020, 1, 1),
        "products": {"Platform"},
    }
    return Account(**{**fields, **changes})


def reference(n: int, **changes: Any) -> Advocate:
    """An approved reference: an Advocate-tier member opted in to calls."""
    fields: dict[str, Any] = {
        "id": f"adv-{n:03d}",
        "account_id": f"acct-{n:03d}",
        "name": f"Advocate {n}",
        "activities": {ActivityType.REFERENCE_CALL},
        "tier": Tier.ADVOCATE,
    }
    return Advocate(**{**fields, **changes})


def plan(**changes: Any) -> DemandPlan:
    fields: dict[str, Any] = {
        "start": Q4[0],
        "end": Q4[1],
        "lines": [PlanLine(Segment(product="Platform"), usd(6_000_000), usd(120_000))],
        "references_per_opportunity": 1.5,
        "win_rate": 0.25,
        "marketing": [MarketingAsk(HOME, 12, pendulum.date(2026, 11, 1), "Conference")],
    }
    return DemandPlan(**{**fields, **changes})


# 100 customers in one segment; the first 40 have an approved reference; the
# next 10 have a keen advocate with no tier yet (a recruitment candidate).
CUSTOMERS = [customer(n) for n in range(100)]


APPROVED = [reference(n) for n in range(40)]


UNAPPROVED = [reference(n, tier=None) for n in range(40, 50)]


SIGNALS = {a.id: KEEN for a in UNAPPROVED}


def report(**changes: Any) -> GapReport:
    arguments: dict[str, Any] = {
        "accounts": CUSTOMERS,
        "advocates": [*APPROVED, *UNAPPROVED],
        "plan": plan(),
        "as_of": AS_OF,
        "signals": SIGNALS,
    } | changes
    return reference_gaps(**arguments)


MIXED = (
    customer(0),
    customer(1, industry="Banking"),
    customer(2, region="APAC", products={"Platform", "Analytics"}),
    customer(3, industry="Banking"),
)


def _no_calls() -> TierPolicy:
    default = TierPolicy.default()
    return TierPolicy(
        tuple(
            attrs.evolve(
                rule, activities=rule.activities - {ActivityType.REFERENCE_CALL}
            )
            for rule in default.rules
        )
    )


def candidate(n: int, signals: Signals) -> RecruitCandidate:
    score = ScoringModel.default().score(signals, as_of=AS_OF)
    return RecruitCandidate(f"adv-{n:03d}", f"acct-{n:03d}", score)
