"""Quickstart: build the demo program and print its report.

Run it with `python examples/quickstart.py`. Everything happens in memory;
the same seed and date always print the same report: scores, tiers, this
week's reference requests matched, next quarter's reference gaps, the
program's return and its health.
"""

from __future__ import annotations

from collections import Counter

import pendulum

from advocacy import (
    DemandPlan,
    Money,
    PlanLine,
    RoiCosts,
    ScoringModel,
    Segment,
    Tier,
    TierPolicy,
    assign_requests,
    assign_tiers,
    attribute_pipeline,
    engagement_counts,
    identify_potential_advocates,
    load_fairness,
    net_promoter_score,
    program_health,
    program_roi,
    reference_gaps,
    reference_impact,
)
from advocacy.synthetic import DemoProgram, demo_program

AS_OF = pendulum.date(2026, 9, 30)


def bar(count: int, scale: int) -> str:
    """A text bar of `count` at one block per `scale` units."""
    return "#" * max(1, round(count / scale)) if count else ""


def scores_and_tiers(program: DemoProgram) -> dict[str, int]:
    """Score everyone, tier them, show the best; return the score totals."""
    model, policy = ScoringModel.default(), TierPolicy.default()
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
        fewest, most = rule.typical_pool or (0, 0)
        print(
            f"  {rule.tier.value.capitalize():<10} {counts[rule.tier]:>4}  "
            f"[{fewest}-{most}]  min score {rule.min_score}, cap "
            f"{tiers.caps[rule.tier]} ({rule.max_share:.0%}), "
            f"{rule.quarterly_minutes / 60:g} h a quarter"
        )
    print(f"  {'No tier':<10} {counts[None]:>4}")

    names = {a.id: a.name for a in program.advocates}
    companies = {a.id: program.account_of(a).name for a in program.advocates}
    print("\nTop five champions, with their score breakdowns")
    for advocate_id in tiers.members(Tier.CHAMPION)[:5]:
        score = model.score(program.signals[advocate_id], as_of=AS_OF)
        decision = tiers.decision(advocate_id)
        print(
            f"  {decision.rank}. {names[advocate_id]}, {companies[advocate_id]}: "
            f"{score.total}/{score.maximum}, {decision.engagement} activities "
            "in 12 months"
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
    return totals


def matching(program: DemoProgram, totals: dict[str, int]) -> None:
    """Assign this week's requests at once, optimally and first-come."""
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


def gaps(program: DemoProgram) -> None:
    """Next quarter's reference gaps by product."""
    # $3.75M of new business, a 25% win rate, half a reference call per
    # opportunity.
    goals = {"Data Platform": 1_800_000, "Analytics": 900_000,
             "Automation": 600_000, "Security": 450_000}  # fmt: skip
    plan = DemandPlan(
        start=pendulum.date(2026, 10, 1),
        end=pendulum.date(2026, 12, 31),
        lines=[
            PlanLine(Segment(product=p), Money(goal, "USD"), Money(100_000, "USD"))
            for p, goal in goals.items()
        ],
        win_rate=0.25,
        references_per_opportunity=0.5,
    )
    report = reference_gaps(
        program.accounts,
        program.advocates,
        plan,
        as_of=AS_OF,
        signals=program.signals,
        activities=program.activities,
    )
    total = report.totals
    print(
        f"\nNext quarter's reference gaps: {total.requests} requests expected, "
        f"capacity {float(total.capacity):.0f}, {total.recruits} recruits needed"
    )
    for row in report.roll_up("product").rows:
        print(
            f"  {row.segment.product:<14} requests {row.requests:>3}  "
            f"approved {row.approved:>3}  gap {row.gap:>3}  recruits {row.recruits:>3}"
        )


def returns(program: DemoProgram) -> None:
    """The program's return over the last 12 months, with assumed costs."""
    costs = RoiCosts(  # the demo data holds no costs: these are assumed
        staff=Money(300_000, "USD"),
        events=Money(120_000, "USD"),
        recognition=Money(30_000, "USD"),
        tools=Money(50_000, "USD"),
    )
    attribution = attribute_pipeline(
        program.opportunities, program.activities, as_of=AS_OF
    )
    roi = program_roi(attribution.returns(), costs)
    attributed = attribution.attributed
    impact = reference_impact(program.opportunities, program.activities, as_of=AS_OF)
    nps = net_promoter_score(
        [s.nps for s in program.signals.values() if s.nps is not None]
    )
    print(f"\nProgram return, last 12 months (assumed costs {roi.cost})")
    print(
        f"  closed revenue attributed {attributed.won_revenue} from "
        f"{attributed.opportunities} deals ({attributed.sourced} referred, "
        f"{attributed.influenced} influenced)"
    )
    print(
        f"  return multiple {roi.return_multiple:.2f}x, net return {roi.net_return:.2f}"
    )
    lift = impact.win_rate
    if lift.interval is not None and lift.difference is not None:
        low, high = lift.interval
        print(
            f"  deals with a reference call: win rate {lift.difference * 100:+.1f} "
            f"points (95% CI {low * 100:+.1f} to {high * 100:+.1f})"
        )
    if impact.sales_cycle.median_reduction is not None:
        print(
            "  and a median sales cycle "
            f"{impact.sales_cycle.median_reduction:.0%} shorter"
        )
    if nps.score is not None:
        print(f"  NPS {nps.score:+.1f} ± {nps.margin:.1f} from {nps.responses} answers")


def health(program: DemoProgram, totals: dict[str, int]) -> None:
    """The weekly health check: activity, funnel, over-use and load fairness."""
    report = program_health(
        program.advocates,
        program.activities,
        as_of=AS_OF,
        scores=totals,
        invitations=program.invitations,
    )
    fairness = load_fairness(program.advocates, program.activities, as_of=AS_OF)
    funnel = report.funnel
    print(f"\nProgram health, {report.period}")
    print(
        f"  {report.active} of {report.pool} advocates active; "
        f"{report.activities} activities; {len(report.overused)} advocate-quarters "
        "over a cap or budget"
    )
    if funnel is not None:
        print(
            f"  funnel: {funnel.qualified} qualified -> {funnel.invited} invited "
            f"-> {funnel.accepted} accepted"
        )
    flag = "concentrated" if fairness.concentrated else "shared"
    print(
        f"  load: busiest {fairness.top_count} did {fairness.top_share or 0:.0%} "
        f"of the work, Gini {fairness.gini:.2f} ({flag})"
    )


def main() -> None:
    """Print the quickstart report."""
    program = demo_program(as_of=AS_OF)
    totals = scores_and_tiers(program)
    matching(program, totals)
    gaps(program)
    returns(program)
    health(program, totals)


if __name__ == "__main__":
    main()
