"""The activity catalog: what each kind of advocacy costs and feeds."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from advocacy._internal.checks import (
    any_text,
    boolean,
    count_range,
    distinct_items,
    integer,
    member_of,
)
from advocacy._internal.convert import member, to_count_pair, to_tuple
from advocacy._internal.validation import check_fields, checked
from advocacy._model.enums import ActivityType, Tier, to_activity_type, to_tier
from advocacy.exceptions import UnknownKeyError

__all__ = ["ActivityCatalog", "ActivitySpec", "ImpactMetric"]


class ImpactMetric(enum.StrEnum):
    """The program metric an activity type feeds."""

    INFLUENCED_PIPELINE = "influenced_pipeline"
    """Sales pipeline an advocate helped move."""

    SOURCED_PIPELINE = "sourced_pipeline"
    """Sales pipeline an advocate brought in."""

    RATING_IMPROVEMENT = "rating_improvement"
    """Review-site rating and review count."""

    CONTENT_DOWNLOADS = "content_downloads"
    """Downloads and views of customer content."""

    ATTENDEE_CONVERSION = "attendee_conversion"
    """Event attendees who become pipeline."""

    PRODUCT_FEEDBACK = "product_feedback"
    """Feedback that shapes the product."""

    ENGAGEMENT_REACH = "engagement_reach"
    """Reach and engagement of social posts."""

    ANALYST_COVERAGE = "analyst_coverage"
    """Analyst reports and rankings."""

    MEDIA_COVERAGE = "media_coverage"
    """Press and media coverage."""

    COMMUNITY_DEFLECTION = "community_deflection"
    """Support questions answered by peers."""

    BRAND_RECOGNITION = "brand_recognition"
    """Awareness of the vendor's brand."""


def _to_impact(value: ImpactMetric | str) -> ImpactMetric | str:
    return member(ImpactMetric, value)


@attrs.frozen
class ActivitySpec:
    """What one activity type asks of an advocate and what it feeds.

    Attributes:
        type: The activity type.
        minutes: Typical effort of one contribution, in minutes.
        lowest_tier: The least engaged tier that may be asked for it.
        public: Whether it is public (needs the account's consent to
            public activity).
        impact: The program metric it feeds.
        quarterly_participants: Typical advocates taking part in a quarter
            (low, high), for planning; `None` where no figure applies.
        description: One line for people.
    """

    type: ActivityType = attrs.field(
        converter=to_activity_type, metadata=checked(member_of(ActivityType))
    )
    minutes: int = attrs.field(metadata=checked(integer(0)))
    lowest_tier: Tier = attrs.field(
        converter=to_tier, metadata=checked(member_of(Tier))
    )
    public: bool = attrs.field(metadata=checked(boolean))
    impact: ImpactMetric = attrs.field(
        converter=_to_impact, metadata=checked(member_of(ImpactMetric))
    )
    quarterly_participants: tuple[int, int] | None = attrs.field(
        default=None, converter=to_count_pair, metadata=checked(count_range)
    )
    description: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


_S, _A, _C = Tier.SUPPORTER, Tier.ADVOCATE, Tier.CHAMPION
_T, _M = ActivityType, ImpactMetric

# (type, minutes, lowest tier, public, impact, participants a quarter, words).
# Efforts and participation of the six activities in the catalog's docstring
# come from a typical quarterly program; the rest are this library's defaults
# (all of them are tabled in docs/explanation/tier-policy.md).
_DEFAULTS: tuple[tuple[Any, ...], ...] = (
    (_T.REFERENCE_CALL, 30, _A, False, _M.INFLUENCED_PIPELINE, (8, 12),
     "A call with a prospect evaluating the product"),
    (_T.ONLINE_REVIEW, 15, _S, False, _M.RATING_IMPROVEMENT, (10, 15),
     "A review on a site such as G2 or Capterra"),
    (_T.TESTIMONIAL, 20, _S, True, _M.CONTENT_DOWNLOADS, None,
     "A short quote for the website or sales material"),
    (_T.CASE_STUDY, 120, _A, True, _M.CONTENT_DOWNLOADS, (2, 3),
     "An interview and review of a published customer story"),
    (_T.SPEAKING, 240, _C, True, _M.BRAND_RECOGNITION, None,
     "A talk at a conference or event, preparation included"),
    (_T.WEBINAR, 60, _A, True, _M.ATTENDEE_CONVERSION, (1, 2),
     "A webinar appearance"),
    (_T.ADVISORY_BOARD, 120, _C, False, _M.PRODUCT_FEEDBACK, (10, 15),
     "A customer advisory board meeting"),
    (_T.SOCIAL_SHARE, 5, _S, True, _M.ENGAGEMENT_REACH, (20, 30),
     "Sharing or amplifying a post"),
    (_T.REFERRAL, 15, _S, False, _M.SOURCED_PIPELINE, None,
     "Introducing a prospect to the vendor"),
    (_T.ANALYST_BRIEFING, 60, _C, False, _M.ANALYST_COVERAGE, None,
     "A briefing with an industry analyst"),
    (_T.PRESS, 60, _C, True, _M.MEDIA_COVERAGE, None,
     "A press release quote or media interview"),
    (_T.USER_GENERATED_CONTENT, 30, _S, True, _M.ENGAGEMENT_REACH, None,
     "A blog post, video or template of their own"),
    (_T.COMMUNITY_ANSWER, 10, _S, True, _M.COMMUNITY_DEFLECTION, None,
     "Answering another customer in the community"),
    (_T.AWARD_NOMINATION, 15, _S, False, _M.BRAND_RECOGNITION, None,
     "Nominating the vendor or product for an award"),
    (_T.SITE_VISIT, 240, _C, False, _M.INFLUENCED_PIPELINE, None,
     "Hosting a prospect at their site"),
)  # fmt: skip


def _to_specs(
    value: Iterable[ActivitySpec],
) -> tuple[ActivitySpec, ...] | Iterable[ActivitySpec]:
    return to_tuple(value)


_check_specs: Final = distinct_items(
    ActivitySpec, "a tuple of ActivitySpec, one per activity type", lambda s: s.type
)


@attrs.frozen
class ActivityCatalog:
    """Per activity type: effort, lowest tier, public or not, impact metric.

    `ActivityCatalog.default()` holds the figures of a typical quarterly
    program (reference call 30 min, online review 15 min, case study 2 h,
    webinar 1 h, advisory board meeting 2 h, social amplification 5 min) and
    documented defaults for the other types. Look a type up with
    `catalog[ActivityType.WEBINAR]`.

    Attributes:
        specs: One spec per activity type the program uses.
    """

    specs: tuple[ActivitySpec, ...] = attrs.field(
        converter=_to_specs, metadata=checked(_check_specs)
    )
    _by_type: dict[ActivityType, ActivitySpec] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        """Check the specs and index them by type."""
        check_fields(self)
        object.__setattr__(self, "_by_type", {s.type: s for s in self.specs})

    @classmethod
    def default(cls) -> ActivityCatalog:
        """The catalog of every `ActivityType` with the documented defaults."""
        return cls(
            tuple(
                ActivitySpec(t, minutes, tier, public, impact, participants, words)
                for t, minutes, tier, public, impact, participants, words in _DEFAULTS
            )
        )

    def __getitem__(self, activity: ActivityType) -> ActivitySpec:
        """The spec of `activity`.

        Raises:
            UnknownKeyError: The catalog has no spec for it.
        """
        try:
            return self._by_type[activity]
        except KeyError:
            raise UnknownKeyError(
                "ActivityCatalog",
                "activity",
                activity,
                f"one of the catalog's types: {sorted(self._by_type)}",
            ) from None

    def __contains__(self, activity: object) -> bool:
        """Whether the catalog has a spec for `activity`."""
        return activity in self._by_type

    def __iter__(self) -> Iterator[ActivitySpec]:
        """The specs, in catalog order."""
        return iter(self.specs)

    def __len__(self) -> int:
        """How many activity types the catalog covers."""
        return len(self.specs)

    def minutes(self, activity: ActivityType) -> int:
        """The typical effort of one `activity`, in minutes."""
        return self[activity].minutes
