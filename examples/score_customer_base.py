"""Score, tier and search a 100,000-advocate customer base inside polars.

Run it with `python examples/score_customer_base.py` (it needs the frames
extra: `pip install 'advocacy[frames]' polars`). It generates a seeded base
of 100,000 contacts with the signals a CRM export holds (some missing),
scores it with the default model and tiers it with the default policy as
polars expressions (`advocacy.frames`), lists the potential advocates the
identification rule flags, and brings the top five Champions back as
library values to explain one score. It checks a sample of the frame's
answers against the object path and says so.
"""

from __future__ import annotations

import numpy as np
import pendulum
import polars as pl

from advocacy import ColumnMapping, ScoringModel, Signals, TierPolicy, assign_tiers
from advocacy.frames import (
    assign_tiers_frame,
    frame_values,
    potential_advocates_frame,
    score_frame,
)

AS_OF = pendulum.date(2026, 9, 30)
ROWS = 100_000


def customer_base(rows: int, seed: int = 7) -> pl.DataFrame:
    """A seeded base: one row per contact, signals as a CRM export holds them."""
    rng = np.random.default_rng(seed)

    def sometimes_missing(values: np.ndarray, share: float) -> list[object]:
        missing = rng.random(rows) < share
        pairs = zip(values, missing, strict=True)
        return [None if gone else value.item() for value, gone in pairs]

    start = np.datetime64("2016-01-01")
    days = rng.integers(0, int((np.datetime64("2026-09-30") - start).astype(int)), rows)
    return pl.DataFrame(
        {
            "id": [f"ct-{n:06d}" for n in range(rows)],
            "nps": sometimes_missing(rng.choice(11, rows, p=_NPS), 0.35),
            "feature_adoption": sometimes_missing(rng.beta(2, 2, rows).round(3), 0.1),
            "health_score": sometimes_missing(
                rng.normal(72, 14, rows).clip(0, 100).round(1), 0.05
            ),
            "customer_since": (start + days).astype("datetime64[D]"),
            "positive_mentions": rng.poisson(0.4, rows),
            "responded_to_requests": sometimes_missing(rng.random(rows) < 0.3, 0.5),
            "engagement": rng.poisson(0.8, rows),
        },
        schema_overrides={"nps": pl.Int64, "responded_to_requests": pl.Boolean},
    )


# NPS answers lean high, as at most B2B software companies.
_NPS = np.array([2, 1, 1, 2, 2, 4, 6, 10, 18, 24, 30]) / 100


def main() -> None:
    """Build the base, run the rules in polars, print what they found."""
    model = ScoringModel.default()
    base = customer_base(ROWS)
    scored = score_frame(base, model, as_of=AS_OF)
    tiered = assign_tiers_frame(scored, TierPolicy.default(), engagement="engagement")
    print(f"Customer base of {tiered.height:,} contacts, scored as of {AS_OF}")
    qualified = tiered.filter(pl.col("qualified")).height
    print(f"  qualified (above {model.qualify_above}): {qualified:,}")
    counts = tiered.group_by("tier").len().sort("len", descending=True)
    for tier, members in counts.iter_rows():
        print(f"  {tier or 'no tier':<10} {members:>7,}")
    flagged = potential_advocates_frame(tiered)
    print(f"  potential advocates (NPS 9-10, health above 80): {flagged.height:,}")

    top = tiered.filter(pl.col("tier") == "champion").sort(
        ["score", "engagement", "id"], descending=[True, True, False]
    )
    champions = frame_values(Signals, top, limit=5)
    ids = top["id"].head(5).to_list()
    print(f"\nTop champions: {', '.join(ids)}; the first, {ids[0]}:")
    print(model.score(champions.values[0], as_of=AS_OF).explain())

    # The same rules on the object path, for a sample of 2,000 contacts.
    sample = frame_values(Signals, base.head(2_000), ColumnMapping(row_id="id"))
    signals = sample.by_id()
    totals = model.score_many(signals.values(), as_of=AS_OF)
    tiers = assign_tiers(dict(zip(signals, totals, strict=True)), as_of=AS_OF)
    framed = assign_tiers_frame(scored.head(2_000))
    same = totals == scored["score"].head(2_000).to_list() and dict(
        framed.select("id", "tier").iter_rows()
    ) == {i: None if t is None else t.value for i, t in tiers.items()}
    verdict = "the same scores and tiers" if same else "DIFFERENT answers"
    print(f"\nObject path on 2,000 of them: {verdict}")


if __name__ == "__main__":
    main()
