"""Learn the scoring model's points from last year's invitations.

Run it with `python examples/learn_weights.py`. It fits the default model's
criteria to who accepted an invitation in the demo program, prints how well
the learned points predict acceptance against the hand-picked ones, and what
adopting them would change in the tiers.
"""

from __future__ import annotations

from collections.abc import Mapping

import pendulum

from advocacy import ScoringModel, Signals, Tier, assign_tiers, fit_propensity
from advocacy.synthetic import demo_program

AS_OF = pendulum.date(2026, 9, 30)


def tier_counts(
    model: ScoringModel, signals: Mapping[str, Signals]
) -> dict[Tier | None, int]:
    """Tier counts for everyone under `model`."""
    ids = list(signals)
    totals = model.score_many([signals[i] for i in ids], as_of=AS_OF)
    return assign_tiers(dict(zip(ids, totals, strict=True)), as_of=AS_OF).counts()


def main() -> None:
    """Fit, report, compare."""
    program = demo_program(as_of=AS_OF)
    fit = fit_propensity(program.signals, program.invitations, as_of=AS_OF)
    print("Propensity fit on last year's invitations (demo program)")
    print(fit.explain())

    original = ScoringModel.default()
    before = tier_counts(original, program.signals)
    after = tier_counts(fit.model, program.signals)
    print("\nTier counts: original points -> learned points")
    for tier in (*Tier, None):
        name = tier.value.capitalize() if tier else "No tier"
        print(f"  {name:<10} {before[tier]:>4} -> {after[tier]:>4}")


if __name__ == "__main__":
    main()
