"""The numbers a program owner takes to the CFO, from the demo program.

Run it with `python examples/roi_report.py`. It credits the demo's deals to
the advocacy that sourced or influenced them, compares deals with a reference
call against deals without, reproduces the documented worked ROI example, works
out the demo's own ROI from assumed costs, runs the maths of a review
campaign and scores the advocates' NPS answers.
"""

from __future__ import annotations

import pendulum

from advocacy import (
    Money,
    RoiCosts,
    RoiReturns,
    attribute_pipeline,
    implied_earlier_reviews,
    net_promoter_score,
    program_roi,
    rating_after,
    reference_impact,
    review_campaign,
    reviews_needed,
)
from advocacy.synthetic import demo_program

AS_OF = pendulum.date(2026, 9, 30)


def usd(amount: str) -> Money:
    """An amount in US dollars."""
    return Money(amount, "USD")


# Assumed yearly costs of the demo program (the demo data holds no costs).
DEMO_COSTS = RoiCosts(
    staff=usd("300000"),  # two program managers
    events=usd("120000"),  # the customer conference and advisory boards
    recognition=usd("30000"),  # gifts, donations and awards
    tools=usd("50000"),  # advocacy and review platforms
)


def main() -> None:
    """Attribution, impact, ROI, reviews and NPS, one block each."""
    program = demo_program(as_of=AS_OF)
    tiers = {a.id: a.tier for a in program.advocates}

    attribution = attribute_pipeline(
        program.opportunities, program.activities, as_of=AS_OF, tiers=tiers
    )
    print("Attribution (demo program)")
    print(attribution.explain())

    impact = reference_impact(program.opportunities, program.activities, as_of=AS_OF)
    print("\nReference impact")
    print(impact.explain())
    narrow = reference_impact(
        program.opportunities, program.activities, as_of=AS_OF, window_days=30
    )
    print("\nReference impact, calls within 30 days of the close only")
    print(narrow.explain())

    spec = program_roi(
        RoiReturns(
            influenced_closed=usd("1200000"),
            referral_pipeline=usd("2400000"),
            content_pipeline=usd("800000"),
        ),
        RoiCosts(staff=usd("160000"), events=usd("60000"), recognition=usd("30000")),
        expected_win_rate="0.25",
    )
    print("\nROI: the documented worked example (expected win rate assumed 25%)")
    print(spec.explain())

    rate = f"{attribution.attributed.win_rate or 0:.2f}"
    demo = program_roi(attribution.returns(), DEMO_COSTS, expected_win_rate=rate)
    print(
        "\nROI: the demo program, with assumed costs and its attributed deals' "
        f"win rate ({rate}) as the expected win rate"
    )
    print(demo.explain())

    print("\nReview campaign")
    print(review_campaign(invited=50, published=34, per_review=usd("25")).explain())
    print(implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34).explain())
    print(rating_after(4.2, 11, new_mean=4.6, new_count=34).explain())
    print(reviews_needed(4.2, 11, new_mean=4.6, target=4.5).explain())
    print(reviews_needed(4.2, 11, new_mean=4.6, target=5, of_display=True).explain())

    answers = [s.nps for s in program.signals.values() if s.nps is not None]
    print("\nNPS of the advocates' latest answers")
    print(net_promoter_score(answers).explain())


if __name__ == "__main__":
    main()
