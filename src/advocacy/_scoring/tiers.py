"""Tier policy and assignment: Champion, Advocate, Supporter.

Assignment ranks everyone scored by score (high first), then engagement
(activities in the trailing 12 months, more first), then id; it walks that
ranking once and gives each advocate the most engaged tier whose minimum
score they meet and whose cap is not yet full. That is the same as filling
Champion, then Advocate, then Supporter in rank order. A tier's cap is the
floor of its share times the number scored.

With last period's tiers and a hysteresis margin, an advocate keeps meeting
the minimum of the tier they held until their score falls more than the
margin below it; caps still hold. Margin 0 is a fresh assignment.

Keep the formulas here in step with docs/explanation/tier-policy.md.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.checks import instance_of, integer, optional
from advocacy._internal.convert import member
from advocacy._internal.validation import as_date, check_fields, require
from advocacy._model.checks import ACTIVITY
from advocacy._model.enums import Tier
from advocacy._model.records import Activity
from advocacy._scoring.score import Score
from advocacy._scoring.tier_policy import TierPolicy
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError

__all__ = [
    "TierAssignment",
    "TierCheck",
    "TierDecision",
    "assign_tiers",
    "engagement_counts",
]


@attrs.frozen
class TierCheck:
    """How one advocate fared against one tier, in the order tiers fill.

    Attributes:
        tier: The tier considered.
        floor: The minimum score that applied (lowered by the hysteresis
            margin for the tier held last period).
        cap: The tier's cap.
        meets_floor: Whether the score met the floor.
        cap_full: Whether the cap was already full when the advocate's
            turn came.
    """

    tier: Tier
    floor: int
    cap: int
    meets_floor: bool
    cap_full: bool

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def admits(self) -> bool:
        """Whether this tier took the advocate."""
        return self.meets_floor and not self.cap_full

    def explain(self, score: int) -> str:
        """This check in words."""
        name = self.tier.value.capitalize()
        if not self.meets_floor:
            return f"score {score} below {name}'s minimum {self.floor}"
        if self.cap_full:
            return (
                f"meets {name}'s minimum {self.floor} "
                f"but its cap of {self.cap} was full"
            )
        return (
            f"meets {name}'s minimum {self.floor} with room under its cap of {self.cap}"
        )


@attrs.frozen
class TierDecision:
    """One advocate's tier and why.

    Attributes:
        id: The advocate (or account) id.
        score: The score ranked on.
        engagement: Activities in the trailing 12 months (the first
            tie-break).
        rank: Position in the ranking, 1 for the first.
        tier: The tier assigned, or `None`.
        previous: Last period's tier, if given.
        checks: The tiers considered, most engaged first, up to the one
            assigned.
    """

    id: str
    score: int
    engagement: int
    rank: int
    tier: Tier | None
    previous: Tier | None
    checks: tuple[TierCheck, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def reason(self) -> str:
        """Why this tier, in one sentence."""
        parts = "; ".join(check.explain(self.score) for check in self.checks)
        outcome = self.tier.value.capitalize() if self.tier else "no tier"
        return f"{outcome} (rank {self.rank}): {parts}"


@attrs.frozen(eq=False, repr=False)
class TierAssignment(Mapping[str, Tier | None]):
    """The tiers of everyone scored: a read-only mapping of id to tier.

    `assignment["acct-7"]` is a tier or `None`; `assignment.decision(id)`
    says why. Pass an assignment back as `previous=` next period to keep
    tiers stable with a hysteresis margin. Made by `assign_tiers`.

    Attributes:
        policy: The policy applied.
        ranked: Every id scored, in rank order.
        caps: Each tier's cap for this population.
    """

    policy: TierPolicy
    ranked: tuple[str, ...]
    _tiers: dict[str, Tier | None]
    _scores: dict[str, int]
    _engagement: Mapping[str, int]
    _previous: Mapping[str, Tier | None]
    _margin: int
    _filled: dict[Tier, int | None]
    caps: dict[Tier, int] = attrs.field(init=False)
    _index: dict[str, int] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then work out the caps for this population."""
        check_fields(self)
        population = len(self.ranked)
        object.__setattr__(
            self,
            "caps",
            {rule.tier: rule.cap(population) for rule in self.policy.rules},
        )

    def __getitem__(self, advocate_id: str) -> Tier | None:
        """The tier of `advocate_id`, or `None` if it holds none."""
        try:
            return self._tiers[advocate_id]
        except KeyError:
            raise UnknownKeyError(
                "TierAssignment", "id", advocate_id, "an id that was scored"
            ) from None

    def __contains__(self, advocate_id: object) -> bool:
        """Whether `advocate_id` was scored."""
        return advocate_id in self._tiers

    def __iter__(self) -> Iterator[str]:
        """The ids, in rank order."""
        return iter(self.ranked)

    def __len__(self) -> int:
        """How many were scored."""
        return len(self.ranked)

    def counts(self) -> dict[Tier | None, int]:
        """Members per tier (`None`: no tier), every tier present."""
        found = Counter(self._tiers.values())
        return {tier: found.get(tier, 0) for tier in (*Tier, None)}

    def members(self, tier: Tier | None) -> tuple[str, ...]:
        """The ids holding `tier` (or none), in rank order."""
        return tuple(i for i in self.ranked if self._tiers[i] is tier)

    def decision(self, advocate_id: str) -> TierDecision:
        """The tier of `advocate_id` with the checks that decided it."""
        tier = self[advocate_id]
        if not self._index:
            self._index.update((i, n) for n, i in enumerate(self.ranked))
        position = self._index[advocate_id]
        score = self._scores[advocate_id]
        previous = self._previous.get(advocate_id)
        checks = []
        for rule in self.policy.rules:
            floor = rule.min_score - (self._margin if previous is rule.tier else 0)
            filled = self._filled[rule.tier]
            checks.append(
                TierCheck(
                    tier=rule.tier,
                    floor=floor,
                    cap=self.caps[rule.tier],
                    meets_floor=score >= floor,
                    cap_full=filled is not None and filled < position,
                )
            )
            if rule.tier is tier:
                break
        return TierDecision(
            id=advocate_id,
            score=score,
            engagement=self._engagement.get(advocate_id, 0),
            rank=position + 1,
            tier=tier,
            previous=previous,
            checks=tuple(checks),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per id, in rank order, ready for `pandas.DataFrame`."""
        records = []
        for advocate_id in self.ranked:
            decision = self.decision(advocate_id)
            records.append(
                {
                    "id": advocate_id,
                    "rank": decision.rank,
                    "score": decision.score,
                    "engagement": decision.engagement,
                    "tier": None if decision.tier is None else decision.tier.value,
                    "previous": (
                        None if decision.previous is None else decision.previous.value
                    ),
                    "reason": decision.reason,
                }
            )
        return records

    def summary(self) -> list[dict[str, Any]]:
        """Per tier: minimum score, share, cap, members and typical pool."""
        counts = self.counts()
        return [
            {
                "tier": rule.tier.value,
                "min_score": rule.min_score,
                "max_share": rule.max_share,
                "cap": self.caps[rule.tier],
                "members": counts[rule.tier],
                "typical_pool": rule.typical_pool,
            }
            for rule in self.policy.rules
        ]

    def __repr__(self) -> str:
        """`TierAssignment(500 scored: champion 15/15, ...)`."""
        counts = self.counts()
        parts = ", ".join(
            f"{tier.value} {counts[tier]}/{self.caps[tier]}" for tier in Tier
        )
        return f"TierAssignment({len(self)} scored: {parts}, no tier {counts[None]})"

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values())
            + "</tr>"
            for row in self.summary()
        )
        head = "".join(f"<th>{k}</th>" for k in self.summary()[0])
        return f"<table><tr>{head}</tr>{rows}</table>"


_POLICY: Final = instance_of(TierPolicy, "a TierPolicy")


def engagement_counts(
    activities: Iterable[Activity], *, as_of: pendulum.Date, months: int = 12
) -> dict[str, int]:
    """Activities per advocate in the trailing `months` months up to `as_of`.

    The window is (as_of - months, as_of]: an activity exactly `months`
    months before `as_of` falls outside it, one dated after `as_of` is
    ignored.

    Args:
        activities: The activity records.
        as_of: The window's last day.
        months: The window's length in months (at least 1).

    Returns:
        Advocate id to count; advocates without activity are absent.
    """
    end = as_date("engagement_counts", "as_of", as_of)
    require("engagement_counts", "months", months, integer(1))
    start = end.subtract(months=months)
    counts: Counter[str] = Counter()
    for activity in activities:
        require("engagement_counts", "activities", activity, ACTIVITY)
        if start < activity.date <= end:
            counts[activity.advocate_id] += 1
    return dict(counts)


def _total_of(key: str, value: object) -> int:
    if isinstance(value, Score):
        return value.total
    raise InvalidTypeError(
        "assign_tiers", f"scores[{key!r}]", value, "an int total or a Score"
    )


def _totals(scores: Mapping[str, int | Score]) -> dict[str, int]:
    require("assign_tiers", "scores", scores, _SCORES)
    # map(type, ...) keeps these checks at C speed on a million scores.
    if not set(map(type, scores)) <= {str}:
        bad = next(key for key in scores if type(key) is not str)
        raise InvalidTypeError("assign_tiers", "scores", bad, "string ids as keys")
    if set(map(type, scores.values())) <= {int}:
        return dict(scores)  # type: ignore[arg-type]  # every value is an int
    return {
        key: value if type(value) is int else _total_of(key, value)
        for key, value in scores.items()
    }


_SCORES: Final = instance_of(Mapping, "a mapping of id to score")


def _previous_tiers(
    previous: Mapping[str, Tier | str | None] | None,
) -> dict[str, Tier | None]:
    """Last period's tiers as members, from members, their values or None."""
    if previous is None:
        return {}
    require("assign_tiers", "previous", previous, _PREVIOUS)
    tiers: dict[str, Tier | None] = {}
    for key, value in previous.items():
        tier = None if value is None else member(Tier, value)
        if tier is not None and not isinstance(tier, Tier):
            raise InvalidValueError(
                "assign_tiers",
                f"previous[{key!r}]",
                value,
                "a Tier, a tier's value such as 'champion', or None",
            )
        tiers[key] = tier
    return tiers


_PREVIOUS: Final = instance_of(Mapping, "a mapping of id to last period's tier")


def assign_tiers(
    scores: Mapping[str, int | Score],
    *,
    as_of: pendulum.Date,
    activities: Iterable[Activity] = (),
    policy: TierPolicy | None = None,
    previous: Mapping[str, Tier | str | None] | None = None,
    margin: int = 0,
) -> TierAssignment:
    """Assign tiers to everyone scored.

    Ranks by score (high first), then engagement, activities in the 12
    months up to `as_of` (more first), then id; fills Champion, then
    Advocate, then Supporter in that order, each within its minimum score
    and its cap (floor of share x the number scored). Raising one
    advocate's score never lowers their tier, and the result does not depend
    on the order of the inputs.

    Args:
        scores: Id to score total (or `Score`) for everyone considered.
        as_of: The assignment date (the engagement window ends on it).
        activities: Activity records, for the engagement tie-break.
        policy: The tier policy; `TierPolicy.default()` if `None`.
        previous: Last period's tiers (an earlier `TierAssignment` will do;
            tier values such as `"champion"`, as JSON gives them back, too).
        margin: Hysteresis: a tier held last period keeps admitting its
            holder down to its minimum score less `margin` (0: fresh).

    Returns:
        The assignment, a mapping of id to tier with the reason for each.

    Raises:
        InvalidTypeError: A score is neither an int nor a `Score`, or an id
            is not a string.
        InvalidValueError: `margin` is negative.
    """
    day = as_date("assign_tiers", "as_of", as_of)
    require("assign_tiers", "policy", policy, optional(_POLICY))
    require("assign_tiers", "margin", margin, integer(0))
    rules = (TierPolicy.default() if policy is None else policy).rules
    totals = _totals(scores)
    engaged = engagement_counts(activities, as_of=day)
    before = _previous_tiers(previous)

    # Two stable sorts equal one sort on (-score, -engagement, id) and are
    # faster: ids first, then a single integer key per id.
    ranked = sorted(totals)
    if engaged:
        scale = max(engaged.values()) + 1
        ranked.sort(key=lambda i: -(totals[i] * scale + engaged.get(i, 0)))
    else:
        ranked.sort(key=totals.__getitem__, reverse=True)

    population = len(ranked)
    caps = [rule.cap(population) for rule in rules]
    floors = [rule.min_score for rule in rules]
    tiers_in_order = [rule.tier for rule in rules]
    taken = [0] * len(rules)
    filled: dict[Tier, int | None] = {
        rule.tier: (-1 if cap == 0 else None)
        for rule, cap in zip(rules, caps, strict=True)
    }
    assigned: dict[str, Tier | None] = dict.fromkeys(ranked)
    lowest_floor = min(floors) - margin
    open_tiers = sum(cap > 0 for cap in caps)
    for position, advocate_id in enumerate(ranked):
        score = totals[advocate_id]
        # Ranked by score: once a score is below every floor, or every cap is
        # full, nobody further down can be admitted.
        if score < lowest_floor or not open_tiers:
            break
        held = before.get(advocate_id) if margin else None
        for k, minimum in enumerate(floors):
            floor = minimum - margin if held is tiers_in_order[k] else minimum
            if score >= floor and taken[k] < caps[k]:
                taken[k] += 1
                assigned[advocate_id] = tiers_in_order[k]
                if taken[k] == caps[k]:
                    filled[tiers_in_order[k]] = position
                    open_tiers -= 1
                break
    return TierAssignment(
        policy=TierPolicy(rules),
        ranked=tuple(ranked),
        tiers=assigned,
        scores=totals,
        engagement=engaged,
        previous=before,
        margin=margin,
        filled=filled,
    )
