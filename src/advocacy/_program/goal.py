"""Program goals: a metric, a target and a period, as data.

A [`ProgramGoal`][advocacy.ProgramGoal] ties one of the nine top-level
metrics (pipeline sourced and influenced, retention, NPS, referrals,
references, reviews, content, social shares) to a target over a period.
`goal_progress` (in `advocacy._program.goals`) measures it from the records.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from advocacy._internal.calendar import PERIOD, Period
from advocacy._internal.checks import (
    ANYTHING,
    CheckLike,
    Refusal,
    any_text,
    collection_of,
    integer,
    member_of,
    number,
    optional,
)
from advocacy._internal.convert import member
from advocacy._internal.text import decimal_text
from advocacy._internal.validation import check_fields, checked, raise_all
from advocacy._model.enums import ActivityType, to_activity_types
from advocacy._model.money import Money, amount_check, money_text
from advocacy.exceptions import FieldError, InvalidValueError

__all__ = ["GoalMetric", "ProgramGoal", "Target"]


_T = ActivityType


class GoalMetric(enum.StrEnum):
    """The top-level program metrics a goal can target."""

    PIPELINE_SOURCED = "pipeline_sourced"
    """Pipeline advocates brought in (referrals), a `Money` target."""

    PIPELINE_INFLUENCED = "pipeline_influenced"
    """Pipeline advocacy influenced, a `Money` target."""

    RETENTION = "retention"
    """Won renewals over closed renewals, a fraction target (0.9)."""

    NPS = "nps"
    """Net Promoter Score, a target from above 0 to 100."""

    REFERRALS = "referrals"
    """Referral activities, a count target."""

    REFERENCES = "references"
    """Reference calls, a count target."""

    REVIEWS = "reviews"
    """Online reviews, a count target."""

    CONTENT_SOURCED = "content_sourced"
    """Case studies, testimonials and user-generated content, a count target."""

    SOCIAL_SHARES = "social_shares"
    """Social shares, a count target."""

    @property
    def cumulative(self) -> bool:
        """Whether it adds up over the period (pipeline, counts), not a level."""
        return self not in {GoalMetric.RETENTION, GoalMetric.NPS}

    @property
    def activity_types(self) -> frozenset[ActivityType]:
        """The activity types a count metric counts by default (else empty)."""
        return _COUNTED.get(self, frozenset())


_COUNTED: Final = {
    GoalMetric.REFERRALS: frozenset({_T.REFERRAL}),
    GoalMetric.REFERENCES: frozenset({_T.REFERENCE_CALL}),
    GoalMetric.REVIEWS: frozenset({_T.ONLINE_REVIEW}),
    GoalMetric.CONTENT_SOURCED: frozenset(
        {_T.CASE_STUDY, _T.TESTIMONIAL, _T.USER_GENERATED_CONTENT}
    ),
    GoalMetric.SOCIAL_SHARES: frozenset({_T.SOCIAL_SHARE}),
}
_MONEY_METRICS: Final = {GoalMetric.PIPELINE_SOURCED, GoalMetric.PIPELINE_INFLUENCED}


def _to_metric(value: GoalMetric | str) -> GoalMetric | str:
    return member(GoalMetric, value)


Target = Money | int | float


def _to_types(
    value: Iterable[ActivityType | str] | None,
) -> frozenset[ActivityType | str] | Iterable[ActivityType | str] | None:
    return None if value is None else to_activity_types(value)


def _money_target(value: object) -> Refusal | None:
    refusal = amount_check(value)
    if refusal is not None:
        return attrs.evolve(refusal, expected="a Money above zero")
    if isinstance(value, Money) and value.is_zero():
        return Refusal("a Money above zero")
    return None


_TARGETS: Final[dict[GoalMetric, CheckLike]] = {
    GoalMetric.RETENTION: number(high=1, above=0, percent_hint=True),
    GoalMetric.NPS: number(high=100, above=0),
    **dict.fromkeys(_MONEY_METRICS, _money_target),
    **dict.fromkeys(_COUNTED, integer(1)),
}


@attrs.frozen
class ProgramGoal:
    """A target for one program metric over a period.

    Attributes:
        metric: What is measured.
        target: A `Money` for pipeline, an int of 1 or more for counts, a
            fraction above 0 up to 1 for retention, a score above 0 up to 100
            for NPS.
        period: The days the goal covers (a `Period`, or its plain dict).
        name: A label for reports; the metric's name if empty.
        activity_types: For a count metric, the types to count instead of
            the metric's default; `None` keeps the default.
    """

    metric: GoalMetric = attrs.field(
        converter=_to_metric, metadata=checked(member_of(GoalMetric))
    )
    # Exact numbers stay as they are until the metric is known: a Decimal
    # pipeline target is refused with a hint to add the currency, a Decimal
    # rate becomes a float (see __attrs_post_init__).
    target: Target = attrs.field(metadata=checked(ANYTHING))
    period: Period = attrs.field(metadata=checked(PERIOD))
    name: str = attrs.field(default="", metadata=checked(any_text))
    activity_types: frozenset[ActivityType] | None = attrs.field(
        default=None,
        converter=_to_types,
        metadata=checked(
            optional(collection_of(member_of(ActivityType), "ActivityType values"))
        ),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the target for the metric and the period."""
        check_fields(self)
        if not self.metric.cumulative and isinstance(self.target, Decimal | Fraction):
            object.__setattr__(self, "target", float(self.target))
        errors: list[FieldError] = []
        refusal = _TARGETS[self.metric](self.target)
        if refusal is not None:
            expected = f"{refusal.expected} as a {self.metric.value} target"
            errors.append(
                attrs.evolve(refusal, expected=expected).error(
                    "ProgramGoal", "target", self.target
                )
            )
        if self.activity_types is not None and (
            not self.activity_types or self.metric not in _COUNTED
        ):
            errors.append(
                InvalidValueError(
                    "ProgramGoal",
                    "activity_types",
                    self.activity_types,
                    "None, or a non-empty set for a count metric",
                )
            )
        raise_all("ProgramGoal", errors)

    @property
    def label(self) -> str:
        """The name, or the metric's name with spaces."""
        return self.name or self.metric.value.replace("_", " ")

    @property
    def counted_types(self) -> frozenset[ActivityType]:
        """The activity types a count goal counts (empty for other metrics)."""
        if self.activity_types is not None:
            return self.activity_types
        return self.metric.activity_types

    def show(self, value: Target | Fraction) -> str:
        """`value` as reports show this goal's metric.

        Money as `USD 1,250,000`, retention as `91.7%`, NPS as `+42.0`,
        counts as `12` (and a pro-rata count as `7.5`).
        """
        if isinstance(value, Money):
            return money_text(value)
        if self.metric is GoalMetric.RETENTION:
            return f"{float(value):.1%}"
        if self.metric is GoalMetric.NPS:
            return f"{float(value):+.1f}"
        return decimal_text(Fraction(value), 1)
