"""Plan recruitment for next quarter: where will the reference pool run short?

Run it with `python examples/gap_analysis.py`. It takes the demo program and
a Q4 plan (a revenue goal per product, a 25% win rate, half a reference per
opportunity, a customer conference and an analyst briefing), and prints the
gap by product, the segments short of references, and whom to recruit first.
"""

from __future__ import annotations

import pendulum

from advocacy import (
    DemandPlan,
    MarketingAsk,
    Money,
    PlanLine,
    Segment,
    reference_gaps,
)
from advocacy.synthetic import demo_program

AS_OF = pendulum.date(2026, 9, 30)


def q4_plan() -> DemandPlan:
    """Sales' Q4 goals per product, and marketing's planned asks."""

    def usd(amount: int) -> Money:
        return Money(amount, "USD")

    return DemandPlan(
        start=pendulum.date(2026, 10, 1),
        end=pendulum.date(2026, 12, 31),
        lines=[
            PlanLine(Segment(product="Data Platform"), usd(1_800_000), usd(120_000)),
            PlanLine(Segment(product="Analytics"), usd(900_000), usd(80_000)),
            PlanLine(Segment(product="Automation"), usd(600_000), usd(60_000)),
            PlanLine(Segment(product="Security"), usd(450_000), usd(90_000)),
        ],
        win_rate=0.25,
        references_per_opportunity=0.5,
        marketing=[
            MarketingAsk(
                Segment(industry="Technology"),
                6,
                pendulum.date(2026, 11, 12),
                "Customer conference speakers",
            ),
            MarketingAsk(
                Segment(product="Security"),
                2,
                pendulum.date(2026, 10, 20),
                "Analyst briefing",
            ),
        ],
    )


def main() -> None:
    """Analyse, then print by product, the worst segments and the candidates."""
    program = demo_program(as_of=AS_OF)
    report = reference_gaps(
        program.accounts,
        program.advocates,
        q4_plan(),
        as_of=AS_OF,
        signals=program.signals,
        activities=program.activities,
    )
    print(f"Q4 reference plan: {report!r}")
    for line in report.demand:
        print(f"  {line}")

    print("\nBy product")
    print(f"  {'product':<14}{'customers':>10}{'approved':>9}{'requests':>9}"
          f"{'capacity':>9}{'gap':>5}{'recruits':>9}")  # fmt: skip
    for row in report.roll_up("product").rows:
        print(
            f"  {row.segment.product:<14}{row.customers:>10}{row.approved:>9}"
            f"{row.requests:>9}{float(row.capacity):>9.1f}{row.gap:>5}{row.recruits:>9}"
        )

    worst = sorted(report.rows, key=lambda r: (-r.gap, str(r.segment)))[:3]
    print("\nLargest gaps")
    for row in worst:
        print(f"  {row.segment}: gap {row.gap}, recruit {row.recruits}")
        for line in row.working:
            print(f"      {line}")

    thin = [r for r in report.rows if r.shortfall]
    print(
        f"\n{len(thin)} segments with demand have fewer than "
        f"{report.redundancy} approved references"
    )

    first = next(r for r in worst if r.candidates)
    best = first.candidates[0]
    print(f"\nRecruit first in {first.segment}: {best.advocate_id}")
    print("  " + best.score.explain().replace("\n", "\n  "))


if __name__ == "__main__":
    main()
