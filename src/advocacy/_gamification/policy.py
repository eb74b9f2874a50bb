"""Gamification policy: challenges worth points, badges and levels, as data.

A `GamificationPolicy` holds the challenges (points per activity type, and
milestones such as a referral that becomes a won deal), the badges (unlocked
by a count of activities, of one type or of any), the levels (unlocked by a
lifetime points total *and* an activity count, both together) and the
redemption limits of the points ledger. `GamificationPolicy.default()` holds
this library's documented defaults: a starting point to tune, not an
industry standard. Every part round-trips through `to_dict` / `from_dict`.

`level_reached` gives the highest level whose points *and* activity
thresholds are both met (thresholds never fall up the ladder, so the levels
met are always the first few), and what the next level still needs. The
points and badges activities earn are in `advocacy._rewards`; the points
ledger in `advocacy._ledger`.

Keep this in step with docs/explanation/ledger.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, Final

import attrs

from advocacy._gamification.points import RedemptionLimits
from advocacy._internal.checks import (
    any_text,
    boolean,
    distinct_items,
    instance_of,
    integer,
    member_of,
    optional,
    repeated_hint,
    text,
)
from advocacy._internal.convert import member, to_tuple
from advocacy._internal.text import headline_repr
from advocacy._internal.validation import check_fields, checked, require
from advocacy._model.enums import ActivityType
from advocacy._model.enums import to_activity_type as _to_type
from advocacy.exceptions import InvalidValueError

__all__ = [
    "Badge",
    "Challenge",
    "GamificationLevel",
    "GamificationPolicy",
    "LevelReached",
    "level_reached",
]


def _to_optional_type(value: ActivityType | str | None) -> ActivityType | str | None:
    return None if value is None else member(ActivityType, value)


@attrs.frozen
class Challenge:
    """Points for doing one kind of activity, or for a milestone it reaches.

    Attributes:
        id: Unique challenge id; earn events are named after it.
        name: What the advocate is asked to do, in words.
        activity: The activity type it rewards.
        points: Points awarded (at least 1).
        won_deal: A milestone: awarded when the opportunity the activity is
            linked to is won, dated the close date, not when it is done.
        description: One line for people.
    """

    id: str = attrs.field(metadata=checked(text))
    name: str = attrs.field(metadata=checked(text))
    activity: ActivityType = attrs.field(
        converter=_to_type, metadata=checked(member_of(ActivityType))
    )
    points: int = attrs.field(metadata=checked(integer(1)))
    won_deal: bool = attrs.field(default=False, metadata=checked(boolean))
    description: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@attrs.frozen
class Badge:
    """A badge unlocked by a number of activities.

    Attributes:
        id: Unique badge id.
        name: Its name, e.g. `"Review Pro"`.
        count: Activities needed (at least 1).
        activity: The activity type counted, or `None` to count every type.
        description: One line for people.
    """

    id: str = attrs.field(metadata=checked(text))
    name: str = attrs.field(metadata=checked(text))
    count: int = attrs.field(metadata=checked(integer(1)))
    activity: ActivityType | None = attrs.field(
        default=None,
        converter=_to_optional_type,
        metadata=checked(optional(member_of(ActivityType))),
    )
    description: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def counts(self) -> str:
        """What it counts, in words: `"online_review activities"`."""
        return "activities" if self.activity is None else f"{self.activity} activities"


@attrs.frozen
class GamificationLevel:
    """A level, unlocked by a points total and an activity count together.

    Attributes:
        name: Its name, e.g. `"Gold"`; unique in a policy.
        points: Lifetime points needed (at least 0).
        activities: Activities needed (at least 0).
    """

    name: str = attrs.field(metadata=checked(text))
    points: int = attrs.field(metadata=checked(integer(0)))
    activities: int = attrs.field(metadata=checked(integer(0)))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


_T = ActivityType
# (id, name, activity, points, won deal). This library's defaults.
_CHALLENGES: Final = (
    ("reference-call", "Take a reference call", _T.REFERENCE_CALL, 100, False),
    ("online-review", "Write an online review", _T.ONLINE_REVIEW, 50, False),
    ("testimonial", "Give a testimonial", _T.TESTIMONIAL, 50, False),
    ("case-study", "Feature in a case study", _T.CASE_STUDY, 250, False),
    ("speaking", "Speak at an event", _T.SPEAKING, 300, False),
    ("webinar", "Present a webinar", _T.WEBINAR, 200, False),
    ("advisory-board", "Attend an advisory board", _T.ADVISORY_BOARD, 150, False),
    ("social-share", "Share a post", _T.SOCIAL_SHARE, 10, False),
    ("referral", "Refer a prospect", _T.REFERRAL, 50, False),
    ("referral-won", "Referral becomes a won deal", _T.REFERRAL, 500, True),
    ("analyst-briefing", "Brief an analyst", _T.ANALYST_BRIEFING, 150, False),
    ("press", "Speak to the press", _T.PRESS, 200, False),
    ("user-content", "Create your own content", _T.USER_GENERATED_CONTENT, 100, False),
    ("community-answer", "Answer in the community", _T.COMMUNITY_ANSWER, 10, False),
    ("award-nomination", "Nominate us for an award", _T.AWARD_NOMINATION, 25, False),
    ("site-visit", "Host a site visit", _T.SITE_VISIT, 300, False),
)
# (id, name, count, activity or None for any).
_BADGES: Final = (
    ("first-reference", "First Reference", 1, _T.REFERENCE_CALL),
    ("reference-regular", "Reference Regular", 5, _T.REFERENCE_CALL),
    ("review-pro", "Review Pro", 5, _T.ONLINE_REVIEW),
    ("storyteller", "Storyteller", 1, _T.CASE_STUDY),
    ("on-stage", "On Stage", 1, _T.SPEAKING),
    ("insider", "Insider", 1, _T.ADVISORY_BOARD),
    ("connector", "Connector", 3, _T.REFERRAL),
    ("amplifier", "Amplifier", 10, _T.SOCIAL_SHARE),
    ("community-helper", "Community Helper", 10, _T.COMMUNITY_ANSWER),
    ("dedicated", "Dedicated Advocate", 10, None),
)
_LEVELS: Final = (
    ("Bronze", 0, 0),
    ("Silver", 500, 3),
    ("Gold", 1500, 8),
    ("Platinum", 4000, 20),
)


def _to_challenges(
    value: Iterable[Challenge],
) -> tuple[Challenge, ...] | Iterable[Challenge]:
    return to_tuple(value)


def _to_badges(
    value: Iterable[Badge],
) -> tuple[Badge, ...] | Iterable[Badge]:
    return to_tuple(value)


def _to_levels(
    value: Iterable[GamificationLevel],
) -> tuple[GamificationLevel, ...] | Iterable[GamificationLevel]:
    return to_tuple(value)


_CHALLENGE_ITEMS: Final = distinct_items(
    Challenge, "a tuple of Challenge with distinct ids", lambda c: c.id
)
_BADGE_ITEMS: Final = distinct_items(
    Badge, "a tuple of Badge with distinct ids", lambda b: b.id
)
_LEVEL_ITEMS: Final = distinct_items(
    GamificationLevel,
    "a tuple of GamificationLevel with distinct names",
    lambda level: level.name,
)


@attrs.frozen
class GamificationPolicy:
    """Challenges, badges, levels and redemption limits, as data.

    `GamificationPolicy.default()` holds this library's defaults (see
    docs/explanation/ledger.md for the tables).

    Attributes:
        challenges: Points per activity type and milestone. At most one
            plain challenge and one won-deal milestone per activity type.
        badges: Badges, in the order they are shown.
        levels: Levels from the lowest, which needs 0 points and 0
            activities; both thresholds never fall from one level to the
            next, and points rise.
        limits: Redemption limits for the points ledger.
    """

    challenges: tuple[Challenge, ...] = attrs.field(
        converter=_to_challenges, metadata=checked(_CHALLENGE_ITEMS)
    )
    badges: tuple[Badge, ...] = attrs.field(
        converter=_to_badges, metadata=checked(_BADGE_ITEMS)
    )
    levels: tuple[GamificationLevel, ...] = attrs.field(
        converter=_to_levels, metadata=checked(_LEVEL_ITEMS)
    )
    limits: RedemptionLimits = attrs.field(
        factory=RedemptionLimits.default,
        metadata=checked(instance_of(RedemptionLimits, "a RedemptionLimits")),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then one challenge per kind and the level ladder."""
        check_fields(self)
        kinds = [(c.activity, c.won_deal) for c in self.challenges]
        hint = repeated_hint(f"{a.value}{' (won deal)' * won}" for a, won in kinds)
        if hint is not None:
            raise InvalidValueError(
                "GamificationPolicy",
                "challenges",
                self.challenges,
                "one challenge and one won-deal milestone per activity type at most",
                hint,
            )
        levels = self.levels
        if not levels or (levels[0].points, levels[0].activities) != (0, 0):
            raise InvalidValueError(
                "GamificationPolicy",
                "levels",
                levels,
                "a first level needing 0 points and 0 activities",
            )
        for low, high in itertools.pairwise(levels):
            if high.points <= low.points or high.activities < low.activities:
                raise InvalidValueError(
                    "GamificationPolicy",
                    "levels",
                    levels,
                    "levels in ascending order: more points and at least as "
                    "many activities than the level before",
                    f"{high.name} comes after {low.name}",
                )

    @classmethod
    def default(cls) -> GamificationPolicy:
        """This library's defaults: 16 challenges, 10 badges, 4 levels."""
        return cls(
            challenges=tuple(
                Challenge(key, name, activity, points, won_deal=won)
                for key, name, activity, points, won in _CHALLENGES
            ),
            badges=tuple(
                Badge(key, name, count, activity)
                for key, name, count, activity in _BADGES
            ),
            levels=tuple(GamificationLevel(*level) for level in _LEVELS),
        )

    def challenge(
        self, activity: ActivityType, *, won_deal: bool = False
    ) -> Challenge | None:
        """The challenge for `activity` (or its won-deal milestone), if any."""
        for c in self.challenges:
            if c.activity is activity and c.won_deal is won_deal:
                return c
        return None


_POLICY: Final = instance_of(GamificationPolicy, "a GamificationPolicy")


@headline_repr
@attrs.frozen(repr=False)
class LevelReached:
    """The level an advocate reached, and what the next one needs.

    Made by `level_reached`.

    Attributes:
        level: The highest level whose points and activity thresholds are
            both met.
        points: The advocate's lifetime points (at least 0).
        activities: The advocate's activity count (at least 0).
        next: The level above (more points, at least as many activities),
            not met yet; or `None` at the top.
    """

    level: GamificationLevel
    points: int = attrs.field(metadata=checked(integer(0)))
    activities: int = attrs.field(metadata=checked(integer(0)))
    next: GamificationLevel | None

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the level is met and the next is not."""
        check_fields(self)
        level, upper = self.level, self.next
        if not self._meets(level):
            raise InvalidValueError(
                "LevelReached",
                "level",
                level.name,
                f"a level met by {self.points} points and {self.activities} "
                f"activities; {level.name} needs {level.points} and "
                f"{level.activities}",
            )
        if upper is None:
            return
        if upper.points <= level.points or upper.activities < level.activities:
            expected = (
                f"a level above {level.name}: more than {level.points} points "
                f"and at least {level.activities} activities"
            )
        elif self._meets(upper):
            expected = (
                f"a level not met yet by {self.points} points and "
                f"{self.activities} activities, or None"
            )
        else:
            return
        raise InvalidValueError("LevelReached", "next", upper.name, expected)

    def _meets(self, level: GamificationLevel) -> bool:
        return self.points >= level.points and self.activities >= level.activities

    @property
    def points_to_next(self) -> int:
        """More points the next level needs (0 when met or at the top)."""
        return 0 if self.next is None else max(0, self.next.points - self.points)

    @property
    def activities_to_next(self) -> int:
        """More activities the next level needs (0 when met or at the top)."""
        if self.next is None:
            return 0
        return max(0, self.next.activities - self.activities)

    def explain(self) -> str:
        """The level with its thresholds, then what the next one still needs."""
        level = self.level
        head = (
            f"{level.name}: {self.points:,} points (needs {level.points:,}) and "
            f"{self.activities} activities (needs {level.activities})"
        )
        if self.next is None:
            return f"{head}; the highest level"
        needs = []
        if self.points_to_next:
            needs.append(f"{self.points_to_next:,} more points")
        if self.activities_to_next:
            needs.append(f"{self.activities_to_next} more activities")
        return f"{head}; next {self.next.name} needs {' and '.join(needs)}"

    def to_records(self) -> list[dict[str, Any]]:
        """The result as one plain dict, ready for `pandas.DataFrame`."""
        return [
            {
                "level": self.level.name,
                "points": self.points,
                "activities": self.activities,
                "next": None if self.next is None else self.next.name,
                "points_to_next": self.points_to_next,
                "activities_to_next": self.activities_to_next,
            }
        ]


def level_reached(
    points: int, activities: int, *, policy: GamificationPolicy | None = None
) -> LevelReached:
    """The highest level whose points and activity thresholds are both met.

    Pass lifetime points (`PointsBalance.lifetime`), so that spending points
    never costs a level; a reversed earn does.

    Args:
        points: Lifetime points (at least 0).
        activities: Activities done (at least 0).
        policy: The policy (default `GamificationPolicy.default()`).

    Returns:
        The level, with the next level and what it still needs.

    Raises:
        InvalidValueError: A count is negative.
        InvalidTypeError: A count is not an int, or the policy is of the
            wrong kind.
    """
    owner = "level_reached"
    require(owner, "points", points, integer(0))
    require(owner, "activities", activities, integer(0))
    if policy is None:
        policy = GamificationPolicy.default()
    levels = require(owner, "policy", policy, _POLICY).levels
    reached = [
        n
        for n, level in enumerate(levels)
        if points >= level.points and activities >= level.activities
    ]
    # Thresholds never fall up the ladder, so the levels met are a prefix.
    top = reached[-1]
    upper = levels[top + 1] if top + 1 < len(levels) else None
    return LevelReached(levels[top], points, activities, upper)
