"""Count, then cut: tiers from the number of advocates at each score.

Tier assignment ranks everyone by score (high first), then engagement, then
id, and gives each, in rank order, the first tier (Champion, Advocate,
Supporter) whose minimum score they meet and whose cap has room. Who gets a
tier depends on the ranking only where a cap fills: everywhere else every
advocate with the same score (and, with hysteresis, the same tier held last
period) gets the same tier, whatever their order.

So the tiers are decided from counts per (score, tier held): walking the
scores from the highest, a score group takes its tiers by count unless some
tier would fill within it. Only at such a *cut* score are the group's rows
ranked (by engagement, then id) and walked one by one. Each cut fills a tier,
so there are at most as many cuts as tiers. The result is exactly the walk
of the full ranking, at the cost of a count per score and a sort of the rows
tied at the cuts; `assign_tiers` and the columnar `assign_tiers_frame` both
use it.

Keep this in step with docs/explanation/tiers-at-scale.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from advocacy._model.enums import Tier
from advocacy._scoring.tier_policy import TierRule

__all__ = ["Row", "TierCuts", "cut_tiers"]

Row = tuple[str, int, Tier | None]
"""One advocate at a cut score: id, engagement, tier held last period."""


@attrs.frozen
class TierCuts:
    """The tiers of everyone, decided from counts and the rows at the cuts.

    Attributes:
        groups: (score, tier held) to tier, for the scores decided by count;
            a group absent here and not at a cut holds no tier.
        rows: Id to tier, for the advocates at the cut scores.
        filled: Each tier's rank position (from 0) at which its cap filled;
            -1 for a cap of 0, `None` if it never filled.
        cuts: The cut scores, highest first.
    """

    groups: dict[tuple[int, Tier | None], Tier | None]
    rows: dict[str, Tier | None]
    filled: dict[Tier, int | None]
    cuts: tuple[int, ...]

    def tier(self, advocate_id: str, score: int, held: Tier | None) -> Tier | None:
        """The tier of one advocate (`held` as counted: `None` without margin)."""
        if score in self.cuts:
            return self.rows[advocate_id]
        return self.groups.get((score, held))


class _Walk:
    """The tiers' room as the ranking is walked."""

    def __init__(self, rules: Sequence[TierRule], population: int, margin: int) -> None:
        self.rules = rules
        self.margin = margin
        self.caps = [rule.cap(population) for rule in rules]
        self.taken = [0] * len(rules)
        self.filled: dict[Tier, int | None] = {
            rule.tier: (-1 if cap == 0 else None)
            for rule, cap in zip(rules, self.caps, strict=True)
        }
        self.open = sum(cap > 0 for cap in self.caps)
        self.lowest = min(rule.min_score for rule in rules) - margin

    def choice(self, score: int, held: Tier | None) -> int | None:
        """The index of the first tier admitting `score` with room, if any."""
        for k, rule in enumerate(self.rules):
            floor = rule.min_score - (self.margin if held is rule.tier else 0)
            if score >= floor and self.taken[k] < self.caps[k]:
                return k
        return None

    def take(self, k: int, count: int, position: int) -> None:
        """`count` advocates join tier `k`, the last at rank `position`."""
        self.taken[k] += count
        if self.taken[k] == self.caps[k]:
            self.filled[self.rules[k].tier] = position
            self.open -= 1


def cut_tiers(
    rules: Sequence[TierRule],
    counts: Mapping[int, Mapping[Tier | None, int]],
    *,
    margin: int,
    rows_at: Callable[[int], Iterable[Row]],
) -> TierCuts:
    """Decide everyone's tier from counts per score, ranking only at the cuts.

    Args:
        rules: The tier policy's rules, most engaged tier first.
        counts: Score to (tier held last period to how many hold that score);
            held is `None` for all when `margin` is 0. Every advocate scored
            is counted: the caps are shares of them all.
        margin: The hysteresis margin.
        rows_at: The advocates at one score, called only for cut scores.

    Returns:
        The tiers by group and, at the cut scores, by id.
    """
    population = sum(sum(held.values()) for held in counts.values())
    walk = _Walk(rules, population, margin)
    groups: dict[tuple[int, Tier | None], Tier | None] = {}
    rows: dict[str, Tier | None] = {}
    cuts: list[int] = []
    before = 0  # advocates ranked above the current score
    for score in sorted(counts, reverse=True):
        # Ranked by score: below every floor, or with every cap full, nobody
        # further down is admitted (absent groups hold no tier).
        if score < walk.lowest or not walk.open:
            break
        held = counts[score]
        choices = {h: walk.choice(score, h) for h in held}
        demand = [0] * len(rules)
        for h, k in choices.items():
            if k is not None:
                demand[k] += held[h]
        if all(n < walk.caps[k] - walk.taken[k] for k, n in enumerate(demand) if n):
            for h, k in choices.items():
                groups[score, h] = None if k is None else rules[k].tier
                if k is not None:
                    walk.take(k, held[h], before)
        else:
            cuts.append(score)
            ranked = sorted(rows_at(score), key=lambda row: (-row[1], row[0]))
            for offset, (advocate_id, _engagement, h) in enumerate(ranked):
                k = walk.choice(score, h)
                rows[advocate_id] = None if k is None else rules[k].tier
                if k is not None:
                    walk.take(k, 1, before + offset)
        before += sum(held.values())
    return TierCuts(groups=groups, rows=rows, filled=walk.filled, cuts=tuple(cuts))
