"""The weekly program dashboard, on the demo program.

Run it with `python examples/program_dashboard.py`. It prints what a program
manager reviews every Monday: the program's health and load fairness,
progress on this year's goals, the actions the workflow rules return for
the host to carry out, who to invite next, the points leaderboard, and what
a lower reference-call cap would cost. Everything is computed in memory
from the seeded demo program; nothing is sent.
"""

from __future__ import annotations

import pendulum

from advocacy import (
    ActionKind,
    DemandPlan,
    GoalMetric,
    MatchPolicy,
    Money,
    Period,
    PlanLine,
    Policies,
    ProgramGoal,
    Scenario,
    ScoringModel,
    Segment,
    goal_progress,
    identification_actions,
    level_reached,
    load_fairness,
    plan_invitations,
    points_earned,
    points_ledger,
    program_health,
    re_engagement_actions,
    recognition_actions,
    what_if,
)
from advocacy.synthetic import DemoProgram, demo_program

AS_OF = pendulum.date(2026, 9, 30)


def usd(amount: int) -> Money:
    """US dollars."""
    return Money(amount, "USD")


def health(program: DemoProgram, scores: dict[str, int]) -> None:
    """Who is active, the funnel, over-use, the quarterly plan and fairness."""
    report = program_health(
        program.advocates,
        program.activities,
        as_of=AS_OF,
        scores=scores,
        invitations=program.invitations,
    )
    print(f"Program health, {report.period}")
    for line in report.explain().splitlines():
        print(f"  {line}")
    fairness = load_fairness(program.advocates, program.activities, as_of=AS_OF)
    print("\nLoad fairness")
    for line in fairness.explain().splitlines()[:3]:
        print(f"  {line}")


def goals(program: DemoProgram) -> None:
    """Progress on this year's program goals."""
    year = Period.year_of(AS_OF)
    targets = [
        ProgramGoal(GoalMetric.PIPELINE_SOURCED, usd(5_000_000), year),
        ProgramGoal(GoalMetric.PIPELINE_INFLUENCED, usd(12_000_000), year),
        ProgramGoal(GoalMetric.REFERENCES, 40, year),
        ProgramGoal(GoalMetric.REVIEWS, 60, year),
        ProgramGoal(GoalMetric.SOCIAL_SHARES, 100, year),
        ProgramGoal(GoalMetric.NPS, 30, year),
    ]
    report = goal_progress(
        targets,
        as_of=AS_OF,
        activities=program.activities,
        opportunities=program.opportunities,
        signals=program.signals,
    )
    print(f"\nGoals for {year} ({float(year.elapsed(AS_OF)):.0%} of the year gone)")
    for progress in report.goals:
        print(f"  {progress.explain()}")


def actions(program: DemoProgram) -> None:
    """This week's actions for the host to carry out (the library sends none)."""
    week = Period(AS_OF.subtract(days=6), AS_OF)
    this_week = [a for a in program.activities if a.date in week]
    runs = [
        identification_actions(
            program.signals, as_of=AS_OF, advocates=program.advocates
        ),
        recognition_actions(program.advocates, this_week, as_of=AS_OF),
        re_engagement_actions(
            program.advocates,
            program.activities,
            as_of=AS_OF,
            accounts=program.accounts,
        ),
    ]
    print(f"\nActions for the week {week}")
    for run in runs:
        counts = ", ".join(f"{kind.value} {n}" for kind, n in run.counts().items())
        print(
            f"  {run.rule}: {len(run)} actions ({counts or 'none'}), "
            f"{len(run.skipped)} skipped"
        )
    gifts = runs[1].of_kind(ActionKind.MILESTONE_GIFT)
    for action in gifts[:3]:
        print(f"    {action.key}: {action.reason}")


def recruitment(program: DemoProgram, scores: dict[str, int]) -> None:
    """Who to invite next, wave by wave, never twice."""
    plan = plan_invitations(
        program.advocates,
        as_of=AS_OF,
        accounts=program.accounts,
        scores=scores,
        already_invited=program.invitations,
    )
    print(f"\nInvitation waves: {len(plan)} to invite")
    for wave, count in plan.counts().items():
        print(f"  {wave}: {count}")


def points(program: DemoProgram) -> None:
    """The points leaderboard, from the year's activities and won referrals."""
    earned = points_earned(program.activities, opportunities=program.opportunities)
    ledger = points_ledger(
        earned.events(), advocates={a.id: a for a in program.advocates}
    )
    done: dict[str, int] = {}
    for activity in program.activities:
        done[activity.advocate_id] = done.get(activity.advocate_id, 0) + 1
    ranked = sorted(
        ledger.balances.values(), key=lambda b: (-b.lifetime, b.advocate_id)
    )
    print(f"\nPoints: {sum(b.lifetime for b in ranked):,} earned by {len(ranked)}")
    for balance in ranked[:5]:
        level = level_reached(balance.lifetime, done[balance.advocate_id])
        print(
            f"  {balance.advocate_id}: {balance.lifetime:>5,} points, "
            f"{done[balance.advocate_id]} activities, {level.level.name}"
        )


def cap_of_two(program: DemoProgram, scores: dict[str, int]) -> None:
    """What a cap of two reference calls a quarter would cost."""
    products = sorted({p for account in program.accounts for p in account.products})
    plan = DemandPlan(
        start=pendulum.date(2026, 10, 1),
        end=pendulum.date(2026, 12, 31),
        lines=[
            PlanLine(Segment(product=p), usd(1_000_000), usd(100_000)) for p in products
        ],
        win_rate=0.25,
        references_per_opportunity=0.5,
    )
    result = what_if(
        Scenario("cap 2", Policies(match=MatchPolicy(reference_calls_per_quarter=2))),
        as_of=AS_OF,
        advocates=program.advocates,
        accounts=program.accounts,
        activities=program.activities,
        requests=program.requests,
        plan=plan,
        scores=scores,
        signals=program.signals,
        dimensions=("product",),
    )
    print("\nWhat if reference calls were capped at 2 a quarter?")
    for line in result.explain().splitlines()[2:]:
        print(f"  {line}")


def main() -> None:
    """Print the weekly dashboard."""
    program = demo_program(as_of=AS_OF)
    model = ScoringModel.default()
    ids = [a.id for a in program.advocates]
    totals = model.score_many([program.signals[i] for i in ids], as_of=AS_OF)
    scores = dict(zip(ids, totals, strict=True))
    print(f"Weekly dashboard, demo program, week ending {AS_OF}\n")
    health(program, scores)
    goals(program)
    actions(program)
    recruitment(program, scores)
    points(program)
    cap_of_two(program, scores)


if __name__ == "__main__":
    main()
