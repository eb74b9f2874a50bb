"""What activities earn under a gamification policy: points and badges.

- `points_earned` awards each activity the points of its type's challenge,
  and a referral the milestone's points when the opportunity it is linked
  to is won (dated the close date). `PointsEarned.events()` turns the
  awards into earn events for the points ledger with stable ids, so
  recomputing them never counts twice.
- `badges_earned` counts each advocate's activities per badge; a badge is
  earned on the date of the activity that reached its count (activities
  taken by date, then id).

Results do not depend on the order of the activities. The policy, and
`level_reached`, are in `advocacy._gamification`.

Keep this in step with docs/explanation/ledger.md.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._gamification.points import PointsEvent, PointsEventKind
from advocacy._gamification.policy import Badge, Challenge, GamificationPolicy
from advocacy._internal.checks import instance_of, integer, text
from advocacy._internal.text import headline_repr, table
from advocacy._internal.validation import check_fields, checked, require, unique_ids
from advocacy._model.checks import ACTIVITY, OPPORTUNITY
from advocacy._model.enums import ActivityType, DealOutcome
from advocacy._model.records import Activity, Opportunity
from advocacy.exceptions import InvalidValueError

__all__ = [
    "BadgeProgress",
    "BadgesEarned",
    "PointsEarned",
    "PointsLine",
    "badges_earned",
    "points_earned",
]


_POLICY: Final = instance_of(GamificationPolicy, "a GamificationPolicy")
_ACTIVITIES: Final = instance_of(Iterable, "an iterable of Activity")
_OPPORTUNITIES: Final = instance_of(Iterable, "an iterable of Opportunity")


def _policy(owner: str, policy: GamificationPolicy | None) -> GamificationPolicy:
    if policy is None:
        return GamificationPolicy.default()
    result: GamificationPolicy = require(owner, "policy", policy, _POLICY)
    return result


def _activities(owner: str, activities: Iterable[Activity]) -> list[Activity]:
    """The activities checked, with distinct ids, by advocate, date and id."""
    require(owner, "activities", activities, _ACTIVITIES)
    found = unique_ids(owner, "activities", activities, ACTIVITY)
    return sorted(found.values(), key=lambda a: (a.advocate_id, a.date, a.id))


def _won(
    owner: str, opportunities: Iterable[Opportunity]
) -> tuple[dict[str, Opportunity], dict[str, list[Opportunity]]]:
    """Won opportunities by id, and by the activity ids they list."""
    require(owner, "opportunities", opportunities, _OPPORTUNITIES)
    known = unique_ids(owner, "opportunities", opportunities, OPPORTUNITY)
    won = {k: o for k, o in known.items() if o.outcome is DealOutcome.WON}
    by_activity: dict[str, list[Opportunity]] = defaultdict(list)
    for opportunity in won.values():
        for activity_id in opportunity.activity_ids:
            by_activity[activity_id].append(opportunity)
    return won, by_activity


@headline_repr
@attrs.frozen(repr=False)
class PointsLine:
    """Points one activity earned under one challenge.

    Attributes:
        advocate_id: Who earned them.
        activity_id: The activity.
        activity: Its type, the type the challenge rewards.
        challenge: The challenge that awarded them.
        on: The activity's date, or the won opportunity's close date for a
            won-deal milestone.
        opportunity_id: The won opportunity, for a milestone; else `None`.
    """

    advocate_id: str
    activity_id: str
    activity: ActivityType
    challenge: Challenge
    on: pendulum.Date
    opportunity_id: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that they fit the challenge."""
        check_fields(self)
        challenge = self.challenge
        if self.activity is not challenge.activity:
            raise InvalidValueError(
                "PointsLine",
                "activity",
                self.activity,
                f"{challenge.activity.value}, the type {challenge.id} rewards",
            )
        if (self.opportunity_id is None) == challenge.won_deal:
            raise InvalidValueError(
                "PointsLine",
                "opportunity_id",
                self.opportunity_id,
                f"the won opportunity of the milestone {challenge.id}"
                if challenge.won_deal
                else f"None for {challenge.id}, which is not a milestone",
            )

    @property
    def points(self) -> int:
        """The challenge's points."""
        return self.challenge.points

    @property
    def event_id(self) -> str:
        """The id of its earn event: `"<activity id>:<challenge id>"`."""
        return f"{self.activity_id}:{self.challenge.id}"

    def explain(self) -> str:
        """One line: `2026-01-12 act-1 reference_call +100 (reference-call)`."""
        won = "" if self.opportunity_id is None else f", {self.opportunity_id} won"
        return (
            f"{self.on} {self.activity_id} {self.activity.value} +{self.points:,} "
            f"({self.challenge.id}{won})"
        )


def _line_order(line: PointsLine) -> tuple[str, pendulum.Date, str, str]:
    """Where a line goes: advocate id, date, activity id, challenge id."""
    return line.advocate_id, line.on, line.activity_id, line.challenge.id


@attrs.frozen(repr=False)
class PointsEarned:
    """The points activities earned under a policy, line by line.

    Made by `points_earned`.

    Attributes:
        lines: One per activity and challenge, by advocate id, date,
            activity id and challenge id.
        totals: Advocate id to points earned: the sum of their lines, for
            every advocate with a line, in id order.
    """

    lines: tuple[PointsLine, ...]
    totals: Mapping[str, int]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the lines' order and that the totals add up."""
        check_fields(self)
        owner = "PointsEarned"
        for index, (before, after) in enumerate(
            itertools.pairwise(self.lines), start=1
        ):
            if _line_order(after) <= _line_order(before):
                raise InvalidValueError(
                    owner,
                    f"lines[{index}]",
                    after.event_id,
                    f"a line after {before.event_id}: by advocate id, date, "
                    "activity id, then challenge id, each activity and "
                    "challenge once",
                )
        sums: dict[str, int] = {}
        for line in self.lines:
            sums[line.advocate_id] = sums.get(line.advocate_id, 0) + line.points
        if list(self.totals.items()) != list(sums.items()):
            raise InvalidValueError(
                owner,
                "totals",
                dict(self.totals),
                f"the sums of the lines per advocate, in id order: {sums}",
            )

    def total(self, advocate_id: str) -> int:
        """Points `advocate_id` earned (0 if none)."""
        return self.totals.get(advocate_id, 0)

    def events(self, *, tz: str = "UTC") -> tuple[PointsEvent, ...]:
        """Earn events for the points ledger, in time order, then by id.

        Each is dated the start of its line's day in `tz` and named by
        `PointsLine.event_id`, so the same award always makes the same event
        and a ledger counts it once however often it is recomputed.

        Args:
            tz: The IANA time zone whose midnight dates the events.

        Raises:
            InvalidValueError: `tz` is not a time zone name.
        """
        zone = require("PointsEarned.events", "tz", tz, text)
        try:
            pendulum.timezone(zone)
        except ValueError:
            raise InvalidValueError(
                "PointsEarned.events", "tz", tz, "an IANA time zone name such as 'UTC'"
            ) from None
        made = (
            PointsEvent(
                line.event_id,
                line.advocate_id,
                PointsEventKind.EARN,
                line.points,
                pendulum.datetime(line.on.year, line.on.month, line.on.day, tz=zone),
                note=line.challenge.name,
            )
            for line in self.lines
        )
        return tuple(sorted(made, key=lambda event: (event.at, event.id)))

    def explain(self) -> str:
        """Each advocate's total, then their lines."""
        lines = []
        for advocate_id, total in self.totals.items():
            lines.append(f"{advocate_id}: {total:,} points")
            lines += [
                f"  {line.explain()}"
                for line in self.lines
                if line.advocate_id == advocate_id
            ]
        return "\n".join(lines) or "no points earned"

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per line, ready for `pandas.DataFrame`."""
        return [
            {
                "advocate_id": line.advocate_id,
                "activity_id": line.activity_id,
                "activity": line.activity.value,
                "challenge_id": line.challenge.id,
                "points": line.points,
                "on": line.on,
                "opportunity_id": line.opportunity_id,
                "event_id": line.event_id,
            }
            for line in self.lines
        ]

    def __repr__(self) -> str:
        """`PointsEarned(12 lines, 3 advocates, 1,860 points)`."""
        return (
            f"PointsEarned({len(self.lines)} lines, {len(self.totals)} advocates, "
            f"{sum(self.totals.values()):,} points)"
        )

    def _repr_html_(self) -> str:
        return table(
            ("advocate", "date", "activity", "challenge", "points"),
            [
                (
                    line.advocate_id,
                    line.on,
                    line.activity_id,
                    line.challenge.id,
                    line.points,
                )
                for line in self.lines
            ],
        )


def points_earned(
    activities: Iterable[Activity],
    *,
    opportunities: Iterable[Opportunity] = (),
    policy: GamificationPolicy | None = None,
) -> PointsEarned:
    """The points each activity earns under the policy's challenges.

    An activity earns its type's plain challenge, dated the activity's date.
    It also earns its type's won-deal milestone (a referral that becomes a
    won deal) when a won opportunity is linked to it, by the activity's
    `opportunity_id` or the opportunity's `activity_ids`; the milestone is
    dated the earliest such close date. An opportunity not passed in counts
    as not won. A type without a challenge earns nothing.

    Args:
        activities: The activities (distinct ids), in any order.
        opportunities: Opportunities the activities are linked to (distinct
            ids); only won ones matter.
        policy: The policy (default `GamificationPolicy.default()`).

    Returns:
        The lines and totals.

    Raises:
        InvalidValueError: Two activities or opportunities share an id.
        InvalidTypeError: An argument or item is of the wrong kind.
    """
    owner = "points_earned"
    chosen = _policy(owner, policy)
    found = _activities(owner, activities)
    won, by_activity = _won(owner, opportunities)
    lines = []
    for activity in found:
        plain = chosen.challenge(activity.type)
        if plain is not None:
            lines.append(
                PointsLine(
                    activity.advocate_id,
                    activity.id,
                    activity.type,
                    plain,
                    activity.date,
                )
            )
        milestone = chosen.challenge(activity.type, won_deal=True)
        linked = [*by_activity.get(activity.id, ())]
        if activity.opportunity_id in won:
            linked.append(won[activity.opportunity_id])
        if milestone is not None and linked:
            first = min(linked, key=lambda o: (o.closed, o.id))
            lines.append(
                PointsLine(
                    activity.advocate_id,
                    activity.id,
                    activity.type,
                    milestone,
                    first.closed or activity.date,
                    first.id,
                )
            )
    lines.sort(key=_line_order)
    totals: dict[str, int] = {}
    for line in lines:
        totals[line.advocate_id] = totals.get(line.advocate_id, 0) + line.points
    return PointsEarned(tuple(lines), totals)


@headline_repr
@attrs.frozen(repr=False)
class BadgeProgress:
    """How far one advocate is towards one badge.

    Attributes:
        advocate_id: The advocate.
        badge: The badge.
        count: Activities of the kind the badge counts, all of them (at
            least 0).
        on: The date of the activity that reached the badge's count, or
            `None` while it is not earned (the count below the badge's).
    """

    advocate_id: str
    badge: Badge
    count: int = attrs.field(metadata=checked(integer(0)))
    on: pendulum.Date | None

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the date is given once the count is met."""
        check_fields(self)
        reached = self.count >= self.badge.count
        if (self.on is not None) != reached:
            raise InvalidValueError(
                "BadgeProgress",
                "on",
                self.on,
                f"the date the badge was earned: {self.count} of "
                f"{self.badge.count} {self.badge.counts} earns it"
                if reached
                else f"None while {self.count} of {self.badge.count} "
                f"{self.badge.counts} are done",
            )

    @property
    def earned(self) -> bool:
        """Whether the badge is earned."""
        return self.on is not None

    def explain(self) -> str:
        """`Review Pro (2026-03-02)`, or `Review Pro 3/5 online_review activities`."""
        if self.on is not None:
            return f"{self.badge.name} ({self.on})"
        return f"{self.badge.name} {self.count}/{self.badge.count} {self.badge.counts}"


@attrs.frozen(repr=False)
class BadgesEarned:
    """Badges earned and in progress, per advocate.

    Made by `badges_earned`.

    Attributes:
        rows: One per advocate and badge with at least one activity counted,
            by advocate id, then in the policy's badge order.
    """

    rows: tuple[BadgeProgress, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then one row per advocate and badge, by advocate."""
        check_fields(self)
        owner = "BadgesEarned"
        seen: set[tuple[str, str]] = set()
        last = None
        for index, row in enumerate(self.rows):
            key = (row.advocate_id, row.badge.id)
            if row.count < 1:
                raise InvalidValueError(
                    owner,
                    f"rows[{index}].count",
                    row.count,
                    "at least 1: a badge without an activity counted has no row",
                )
            if key in seen or (last is not None and row.advocate_id < last):
                raise InvalidValueError(
                    owner,
                    f"rows[{index}]",
                    f"{row.advocate_id} {row.badge.id}",
                    "one row per advocate and badge, by advocate id",
                )
            seen.add(key)
            last = row.advocate_id

    @property
    def earned(self) -> tuple[BadgeProgress, ...]:
        """The rows of badges earned."""
        return tuple(row for row in self.rows if row.earned)

    def of(self, advocate_id: str) -> tuple[BadgeProgress, ...]:
        """The rows of one advocate (empty if they have none)."""
        return tuple(row for row in self.rows if row.advocate_id == advocate_id)

    def explain(self) -> str:
        """One line per advocate: badges earned, then those in progress."""
        lines = []
        for advocate_id in dict.fromkeys(row.advocate_id for row in self.rows):
            rows = self.of(advocate_id)
            earned = ", ".join(r.explain() for r in rows if r.earned) or "none"
            going = ", ".join(r.explain() for r in rows if not r.earned) or "none"
            lines.append(f"{advocate_id}: earned {earned}; in progress {going}")
        return "\n".join(lines) or "no badges in progress"

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per row, ready for `pandas.DataFrame`."""
        return [
            {
                "advocate_id": row.advocate_id,
                "badge_id": row.badge.id,
                "badge": row.badge.name,
                "count": row.count,
                "needed": row.badge.count,
                "earned": row.earned,
                "on": row.on,
            }
            for row in self.rows
        ]

    def __repr__(self) -> str:
        """`BadgesEarned(7 earned, 12 in progress)`."""
        earned = len(self.earned)
        return f"BadgesEarned({earned} earned, {len(self.rows) - earned} in progress)"

    def _repr_html_(self) -> str:
        return table(
            ("advocate", "badge", "count", "needed", "earned on"),
            [
                (r.advocate_id, r.badge.name, r.count, r.badge.count, r.on or "")
                for r in self.rows
            ],
        )


def badges_earned(
    activities: Iterable[Activity], *, policy: GamificationPolicy | None = None
) -> BadgesEarned:
    """Each advocate's progress towards each badge of the policy.

    A badge counts an advocate's activities of its type (every type when the
    badge names none); it is earned once the count reaches the badge's, on
    the date of the activity that reached it (activities taken by date, then
    id).

    Args:
        activities: The activities (distinct ids), in any order.
        policy: The policy (default `GamificationPolicy.default()`).

    Returns:
        The progress rows.

    Raises:
        InvalidValueError: Two activities share an id.
        InvalidTypeError: An argument or item is of the wrong kind.
    """
    owner = "badges_earned"
    chosen = _policy(owner, policy)
    by_advocate: dict[str, list[Activity]] = defaultdict(list)
    for activity in _activities(owner, activities):
        by_advocate[activity.advocate_id].append(activity)
    rows = []
    for advocate_id, done in by_advocate.items():
        for badge in chosen.badges:
            counted = [a for a in done if badge.activity in (None, a.type)]
            if counted:
                on = (
                    counted[badge.count - 1].date
                    if len(counted) >= badge.count
                    else None
                )
                rows.append(BadgeProgress(advocate_id, badge, len(counted), on))
    return BadgesEarned(tuple(rows))
