"""Scoring and tiering 1,000,000 accounts, against baselines in the same process.

Run: `python benchmarks/bench_scoring.py [--accounts N] [--repeat R]`.

Prints, for each comparison, the best of R runs of the library and of its
baseline, and their ratio (library / baseline; lower is better):

- scoring: `ScoringModel.score_many` against a hand-written plain-Python loop
  applying the same six rules to the same `Signals` objects (target: within
  2x);
- explained scoring: `ScoringModel.score` (a `Score` with a row per criterion)
  on a tenth of the accounts, against the same hand-written loop, for scale;
- tiering: `assign_tiers` on the scores against a bare `sorted()` of the same
  ranking keys (target: within 3x), without and with activity records for the
  engagement tie-break.

Machines are noisy: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import calendar
import random
from collections.abc import Sequence

import pendulum
from timing import best_of  # benchmarks/timing.py

from advocacy import (
    Activity,
    ActivityType,
    ScoringModel,
    Signals,
    assign_tiers,
    engagement_counts,
)

AS_OF = pendulum.date(2026, 9, 30)


def make_signals(count: int, rng: random.Random) -> list[Signals]:
    """Realistic signals, a few percent of each missing."""
    start = AS_OF.subtract(years=10)
    days = (AS_OF - start).in_days()
    return [
        Signals(
            nps=None if rng.random() < 0.05 else rng.randint(0, 10),
            feature_adoption=round(rng.random(), 2),
            health_score=None if rng.random() < 0.03 else rng.randint(0, 100),
            customer_since=start.add(days=rng.randrange(days)),
            positive_mentions=None if rng.random() < 0.08 else rng.randint(0, 4),
            responded_to_requests=None if rng.random() < 0.1 else rng.random() < 0.5,
        )
        for _ in range(count)
    ]


def hand_written(signals: Sequence[Signals], as_of: pendulum.Date) -> list[int]:
    """The default model's six rules written out by hand, as a baseline."""
    end_index = as_of.year * 12 + as_of.month
    end_day = as_of.day
    end_last = end_day == calendar.monthrange(as_of.year, as_of.month)[1]
    totals = []
    for s in signals:
        total = 0
        if s.nps is not None and s.nps >= 9:
            total += 25
        if s.feature_adoption is not None and s.feature_adoption > 0.70:
            total += 20
        if s.health_score is not None and s.health_score > 80:
            total += 20
        since = s.customer_since
        if since is not None:
            months = end_index - (since.year * 12 + since.month)
            if since.day > end_day and not end_last:
                months -= 1
            if months > 12:
                total += 15
        if s.positive_mentions is not None and s.positive_mentions >= 1:
            total += 10
        if s.responded_to_requests is True:
            total += 10
        totals.append(total)
    return totals


def same(what: str, library: object, baseline: object) -> None:
    """Stop if the library and its baseline disagree: a wrong answer is no result."""
    if library != baseline:
        raise SystemExit(f"{what}: the library and the baseline disagree")


def report(name: str, library: float, baseline: float, target: str) -> None:
    """One line: both times and the ratio."""
    print(
        f"{name:<34} library {library:7.3f}s  baseline {baseline:7.3f}s  "
        f"ratio {library / baseline:5.2f}x  (target {target})"
    )


def main() -> None:
    """Run the benchmarks and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(2026)
    model = ScoringModel.default()

    print(f"building {args.accounts:,} Signals ...", flush=True)
    signals = make_signals(args.accounts, rng)

    library, totals = best_of(
        args.repeat, lambda: model.score_many(signals, as_of=AS_OF)
    )
    baseline, expected = best_of(args.repeat, lambda: hand_written(signals, AS_OF))
    same("totals", totals, expected)
    report("score_many vs hand-written loop", library, baseline, "<= 2x")

    tenth = signals[: max(1, args.accounts // 10)]
    library, _ = best_of(
        args.repeat, lambda: [model.score(s, as_of=AS_OF) for s in tenth]
    )
    baseline, _ = best_of(args.repeat, lambda: hand_written(tenth, AS_OF))
    report("score (explained) vs hand-written", library, baseline, "for scale")

    ids = [f"acct-{n:07d}" for n in range(args.accounts)]
    rng.shuffle(ids)
    scores = dict(zip(ids, totals, strict=True))

    def bare_sort(engagement: dict[str, int]) -> list[tuple[int, int, str]]:
        return sorted((-s, -engagement.get(i, 0), i) for i, s in scores.items())

    library, tiers = best_of(args.repeat, lambda: assign_tiers(scores, as_of=AS_OF))
    baseline, keys = best_of(args.repeat, lambda: bare_sort({}))
    same("rankings", list(tiers.ranked), [key[2] for key in keys])
    report("assign_tiers vs sorted()", library, baseline, "<= 3x")

    activities = [
        Activity(
            id=f"act-{n}",
            advocate_id=rng.choice(ids),
            type=ActivityType.ONLINE_REVIEW,
            date=AS_OF.subtract(days=rng.randrange(400)),
        )
        for n in range(args.accounts // 5)
    ]
    engagement = engagement_counts(activities, as_of=AS_OF)
    library, tiers = best_of(
        args.repeat, lambda: assign_tiers(scores, as_of=AS_OF, activities=activities)
    )
    baseline, keys = best_of(args.repeat, lambda: bare_sort(engagement))
    same("rankings", list(tiers.ranked), [key[2] for key in keys])
    report(f"assign_tiers + {len(activities):,} activities", library, baseline, "<= 3x")
    print(f"tier counts: {tiers!r}")


if __name__ == "__main__":
    main()
