"""Gap analysis over a large customer base, against the floor of any implementation.

Run: `python benchmarks/bench_gaps.py [--accounts N] [--advocates M] [--repeat R]`.

Builds N accounts (default 1,000,000) across industries, regions and 1-3 of
4 products, M advocates (default 50,000) with tiers, signals and this
quarter's calls, and a plan with a goal per product and marketing asks. It
times `reference_gaps` cut by product x industry x region against a single
pass that only counts accounts per segment: no implementation can do less,
since every customer must be counted. Prints both times and the ratio
(target: within 5x). Machines are noisy: read the ratio.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

import pendulum
from timing import best_of  # benchmarks/timing.py

from advocacy import (
    Account,
    Activity,
    ActivityType,
    Advocate,
    DemandPlan,
    MarketingAsk,
    Money,
    PlanLine,
    Segment,
    Signals,
    Tier,
    reference_gaps,
)

AS_OF = pendulum.date(2026, 9, 30)
INDUSTRIES = [f"Industry {n}" for n in range(12)]
REGIONS = ["NA", "EMEA", "APAC", "LATAM"]
PRODUCTS = ["Analytics", "Automation", "Platform", "Security"]


def floor_pass(accounts: list[Account]) -> Counter[tuple[str, str, str]]:
    """Count accounts per product x industry x region: the least any gap run does."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for account in accounts:
        for product in account.products:
            counts[product, account.industry, account.region] += 1
    return counts


def main() -> None:
    """Build the base, time both, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--advocates", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(4)
    print(f"building {args.accounts:,} accounts and {args.advocates:,} advocates ...")
    accounts = [
        Account(
            id=f"acct-{n:07d}",
            name=f"Customer {n}",
            industry=rng.choice(INDUSTRIES),
            employees=rng.choice([40, 400, 4000]),
            region=rng.choice(REGIONS),
            customer_since=pendulum.date(2019, 1, 1),
            products=rng.sample(PRODUCTS, rng.randint(1, 3)),
        )
        for n in range(args.accounts)
    ]
    chosen = rng.sample(range(args.accounts), args.advocates)
    advocates = [
        Advocate(
            id=f"adv-{n:07d}",
            account_id=f"acct-{n:07d}",
            name=f"Advocate {n}",
            activities={ActivityType.REFERENCE_CALL},
            tier=rng.choice([Tier.CHAMPION, Tier.ADVOCATE, Tier.SUPPORTER, None]),
        )
        for n in chosen
    ]
    signals = {
        a.id: Signals(nps=rng.randint(0, 10), health_score=rng.randint(40, 100))
        for a in advocates
    }
    activities = [
        Activity(
            id=f"act-{n}",
            advocate_id=a.id,
            type=ActivityType.REFERENCE_CALL,
            date=pendulum.date(2026, 10, 2),
        )
        for n, a in enumerate(advocates[: args.advocates // 5])
    ]
    plan = DemandPlan(
        start=pendulum.date(2026, 10, 1),
        end=pendulum.date(2026, 12, 31),
        lines=[
            PlanLine(
                Segment(product=p), Money(300_000_000, "USD"), Money(100_000, "USD")
            )
            for p in PRODUCTS
        ],
        references_per_opportunity=2,
        win_rate=0.25,
        marketing=[
            MarketingAsk(Segment(industry=i), 10, pendulum.date(2026, 11, 1))
            for i in INDUSTRIES
        ],
    )
    library, report = best_of(
        args.repeat,
        lambda: reference_gaps(
            accounts,
            advocates,
            plan,
            as_of=AS_OF,
            signals=signals,
            activities=activities,
        ),
    )
    floor, counts = best_of(args.repeat, lambda: floor_pass(accounts))
    if report.totals.customers != sum(counts.values()):
        raise SystemExit("the report and the floor pass count different customers")
    print(
        f"reference_gaps {library:.3f}s  floor pass {floor:.3f}s  "
        f"ratio {library / floor:.2f}x  (target <= 5x)"
    )
    print(f"{report!r}")


if __name__ == "__main__":
    main()
