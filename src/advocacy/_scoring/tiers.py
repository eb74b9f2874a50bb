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

from advocacy._internal.calendar import months_before
from advocacy._internal.checks import (
    Check,
    Refusal,
    instance_of,
    integer,
    optional,
    plain_int,
)
from advocacy._internal.convert import member
from advocacy._internal.validation import (
    as_date,
    check_fields,
    checked,
    require,
    require_each,
)
from advocacy._model.checks import ACTIVITY
from advocacy._model.enums import Tier
from advocacy._model.records import Activity
from advocacy._scoring.score import Score
from advocacy._scoring.tier_cuts import Row, cut_tiers
from advocacy._scoring.tier_policy import TierPolicy
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError

__all__ = ["TierAssignment", "assign_tiers", "engagement_counts"]
from advocacy._scoring.tier_decisions import TierCheck, TierDecision


def _of_types(words: str, *kinds: type) -> Check:
    """A mapping of string ids whose values are of `kinds` only.

    By the set of types present, at C speed: the checks of a value holding a
    million ids.
    """
    allowed = set(kinds)

    def test(value: object) -> Refusal | None:
        if not isinstance(value, Mapping) or not set(map(type, value)) <= {str}:
            return Refusal(words, wrong_type=True)
        if set(map(type, value.values())) <= allowed:
            return None
        return Refusal(words, wrong_type=True)

    return Check(test)


def _nonnegative(check: Check) -> Check:
    def test(value: object) -> Refusal | None:
        refusal = check(value)
        if refusal is not None:
            return refusal
        counts: Mapping[str, int] = value  # type: ignore[assignment]  # checked above
        return (
            None
            if min(counts.values(), default=0) >= 0
            else Refusal("counts of 0 or more")
        )

    return Check(test)


_TIERS: Final = _of_types("a mapping of id to Tier or None", Tier, type(None))
_SCORE_TOTALS: Final = _nonnegative(_of_types("a mapping of id to int total", int))
_COUNTS: Final = _nonnegative(_of_types("a mapping of id to count", int))


@attrs.frozen(eq=False, repr=False)
class TierAssignment(Mapping[str, Tier | None]):
    """The tiers of everyone scored: a read-only mapping of id to tier.

    `assignment["acct-7"]` is a tier or `None`; `assignment.decision(id)`
    says why. Pass an assignment back as `previous=` next period to keep
    tiers stable with a hysteresis margin. Made by `assign_tiers`.

    The ranking (`ranked`, the order of iteration, each decision's rank) is
    worked out when first asked for: the tiers themselves never need it
    (see `advocacy._scoring.tier_cuts`).

    Attributes:
        policy: The policy applied.
        caps: Each tier's cap for this population.
    """

    # A million ids are checked at C speed (by the types present), not one
    # by one: this value is made for every assignment.
    policy: TierPolicy
    _tiers: dict[str, Tier | None] = attrs.field(metadata=checked(_TIERS))
    _scores: dict[str, int] = attrs.field(metadata=checked(_SCORE_TOTALS))
    _engagement: Mapping[str, int] = attrs.field(metadata=checked(_COUNTS))
    _previous: Mapping[str, Tier | None] = attrs.field(metadata=checked(_TIERS))
    _margin: int = attrs.field(metadata=checked(integer(0)))
    _filled: dict[Tier, int | None]
    caps: dict[Tier, int] = attrs.field(init=False)
    _index: dict[str, int] = attrs.field(init=False, factory=dict)
    _order: list[tuple[str, ...]] = attrs.field(init=False, factory=list)

    def __attrs_post_init__(self) -> None:
        """Check the fields and that they agree, then work out the caps."""
        check_fields(self)
        population = len(self._tiers)
        caps = {rule.tier: rule.cap(population) for rule in self.policy.rules}
        if self._scores.keys() != self._tiers.keys():
            raise InvalidValueError(
                "TierAssignment",
                "scores",
                sorted(self._scores.keys() ^ self._tiers.keys())[:5],
                "exactly the ids with a tier (or None)",
            )
        held = Counter(self._tiers.values())
        over = [t.value for t in Tier if held.get(t, 0) > caps[t]]
        if over:
            raise InvalidValueError(
                "TierAssignment", "tiers", over, "no tier holding more than its cap"
            )
        object.__setattr__(self, "caps", caps)

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

    @property
    def ranked(self) -> tuple[str, ...]:
        """Every id scored, in rank order: score, then engagement, then id."""
        if not self._order:
            self._order.append(rank_order(self._scores, self._engagement))
        return self._order[0]

    def __iter__(self) -> Iterator[str]:
        """The ids, in rank order."""
        return iter(self.ranked)

    def __len__(self) -> int:
        """How many were scored."""
        return len(self._tiers)

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


def rank_order(
    scores: Mapping[str, int], engaged: Mapping[str, int]
) -> tuple[str, ...]:
    """The ids by score (high first), then engagement (more first), then id."""
    # Two stable sorts equal one sort on (-score, -engagement, id) and are
    # faster: ids first, then a single integer key per id.
    ranked = sorted(scores)
    if engaged:
        scale = max(engaged.values()) + 1
        ranked.sort(key=lambda i: -(scores[i] * scale + engaged.get(i, 0)))
    else:
        ranked.sort(key=scores.__getitem__, reverse=True)
    return tuple(ranked)


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
    owner = "engagement_counts"
    end = as_date(owner, "as_of", as_of)
    start = months_before(owner, end, months)
    counts: Counter[str] = Counter()
    for activity in require_each(owner, "activities", activities, ACTIVITY):
        if start < activity.date <= end:
            counts[activity.advocate_id] += 1
    return dict(counts)


def _total_of(key: str, value: object) -> int:
    total = value.total if isinstance(value, Score) else plain_int(value)
    if type(total) is not int:
        raise InvalidTypeError(
            "assign_tiers", f"scores[{key!r}]", value, "an int total or a Score"
        )
    if total < 0:
        raise InvalidValueError(
            "assign_tiers", f"scores[{key!r}]", value, "a total of 0 or more"
        )
    return total


def _totals(scores: Mapping[str, int | Score]) -> dict[str, int]:
    require("assign_tiers", "scores", scores, _SCORES)
    # map(type, ...) keeps these checks at C speed on a million scores.
    if not set(map(type, scores)) <= {str}:
        bad = next(key for key in scores if type(key) is not str)
        raise InvalidTypeError("assign_tiers", "scores", bad, "string ids as keys")
    plain: dict[str, int] = {}
    if set(map(type, scores.values())) <= {int}:
        plain.update(scores)  # type: ignore[arg-type]  # every value is an int
        if min(plain.values(), default=0) >= 0:
            return plain
    return {key: _total_of(key, value) for key, value in scores.items()}


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

    # Held tiers count only with a margin: without one, everyone at a score
    # is one group (see advocacy._scoring.tier_cuts).
    held = before if margin else {}
    counts: dict[int, dict[Tier | None, int]] = {}
    if held:
        for (total, tier), n in Counter(
            zip(totals.values(), map(held.get, totals), strict=True)
        ).items():
            counts.setdefault(total, {})[tier] = n
    else:
        counts = {total: {None: n} for total, n in Counter(totals.values()).items()}

    def rows_at(score: int) -> list[Row]:
        return [
            (i, engaged.get(i, 0), held.get(i))
            for i, total in totals.items()
            if total == score
        ]

    cuts = cut_tiers(rules, counts, margin=margin, rows_at=rows_at)
    if held:
        assigned = {i: cuts.tier(i, total, held.get(i)) for i, total in totals.items()}
    else:
        # At C speed: a million tiers from the hundred-odd score groups.
        by_score = {score: tier for (score, _), tier in cuts.groups.items()}
        assigned = dict(zip(totals, map(by_score.get, totals.values()), strict=True))
        assigned.update(cuts.rows)
    return TierAssignment(
        policy=TierPolicy(rules),
        tiers=assigned,
        scores=totals,
        engagement=engaged,
        previous=before,
        margin=margin,
        filled=cuts.filled,
    )
