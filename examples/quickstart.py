"""Quickstart: build the demo program, score it, assign tiers, print a report.

Run it with `python examples/quickstart.py`. Everything happens in memory;
the same seed and date always print the same report.
"""

from __future__ import annotations

from collections import Counter

import pendulum

from advocacy import (
    ScoringModel,
    Tier,
    TierPolicy,
    assign_requests,
    assign_tiers,
    engagement_counts,
    identify_potential_advocates,
)
from advocacy.synthetic import demo_program

AS_OF = pendulum.date(2026, 9, 30)


def bar(count: int, scale: int) -> str:
    """A text bar of `count` at one block per `scale` units."""
    return "#" * max(1, round(count / scale)) if count else ""


def main() -> None:
    """Print the quickstart report."""
    program = demo_program(as_of=AS_OF)
    model = ScoringModel.default()
    policy = TierPolicy.default()
    names = {a.id: a.name for a in program.advocates}
    companies = {a.id: a.name for a in program.accounts}
    account_of = {a.id: a.account_id for a in program.advocates}

    # Score everyone at once (totals only), then tier them.
    ids = [advocate.id for advocate in program.advocates]
    totals = dict(
        zip(
            ids,
            model.score_many([program.signals[i] for i in ids], as_of=AS_OF),
            strict=True,
        )
    )
    tiers = assign_tiers(totals, as_of=AS_OF, activities=program.activities)
    active = engagement_counts(program.activities, as_of=AS_OF)

    print(f"Demo advocacy program as of {AS_OF}")
    print(
        f"  {len(program.accounts)} accounts, {len(program.advocates)} advocates, "
        f"{len(program.activities)} activities in the last 12 months "
        f"by {len(active)} advocates"
    )

    print("\nScore distribution (default model, 100 points)")
    bins = Counter(min(total // 10, 9) for total in totals.values())
    for low in range(10):
        label = f"{low * 10:>3}-{low * 10 + 9 if low < 9 else 100:<3}"
        print(f"  {label} {bins[low]:>4} {bar(bins[low], 4)}")
    qualified = sum(model.qualifies(total) for total in totals.values())
    print(
        f"  qualified (above {model.qualify_above}): {qualified} of {len(totals)} "
        f"({qualified / len(totals):.0%})"
    )

    print("\nTiers (typical pool for ~500 customers in brackets)")
    counts = tiers.counts()
    for rule in policy.rules:
        low, high = rule.typical_pool or (0, 0)
        print(
            f"  {rule.tier.value.capitalize():<10} {counts[rule.tier]:>4}  "
            f"[{low}-{high}]  min score {rule.min_score}, cap {tiers.caps[rule.tier]} "
            f"({rule.max_share:.0%}), {rule.quarterly_minutes / 60:g} h a quarter"
        )
    print(f"  {'No tier':<10} {counts[None]:>4}")

    print("\nTop five champions, with their score breakdowns")
    for advocate_id in tiers.members(Tier.CHAMPION)[:5]:
        score = model.score(program.signals[advocate_id], as_of=AS_OF)
        decision = tiers.decision(advocate_id)
        print(
            f"  {decision.rank}. {names[advocate_id]}, "
            f"{companies[account_of[advocate_id]]}: {score.total}/{score.maximum}, "
            f"{decision.engagement} activities in 12 months"
        )
        print(
            "     "
            + " | ".join(
                f"{row.label} {'?' if row.missing else row.observed} "
                f"{'+' + str(row.points) if row.awarded else '0'}"
                for row in score.rows
            )
        )

    flagged = identify_potential_advocates(program.signals, as_of=AS_OF)
    to_survey = [p for p in flagged if not p.score.qualified]
    print(
        f"\nIdentification rule (NPS 9-10 and health above 80): {len(flagged)} "
        f"potential advocates; {len(to_survey)} not yet qualified get the "
        "qualification survey"
    )

    print(f"\nThis week's reference requests: {len(program.requests)}")
    accounts = {a.id: a for a in program.accounts}
    optimal = assign_requests(
        program.requests,
        program.advocates,
        program.activities,
        accounts=accounts,
        as_of=AS_OF,
        scores=totals,
    )
    greedy = assign_requests(
        program.requests,
        program.advocates,
        program.activities,
        accounts=accounts,
        as_of=AS_OF,
        scores=totals,
        method="greedy",
    )
    for name, batch in (("optimal", optimal), ("greedy", greedy)):
        print(
            f"  {name:<8} {batch.filled} filled (priority {batch.priority_filled}), "
            f"total fit {batch.total_fit:.2f}"
        )
    print(f"  optimal is {'proven' if optimal.optimal else 'not proven'}; first three:")
    for outcome in optimal.outcomes[:3]:
        print(f"    {outcome.explain()}")


if __name__ == "__main__":
    main()
