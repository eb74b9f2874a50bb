"""Program goals: a target per top-level metric and period, and progress to it.

A goal counts the records dated in its period up to `as_of`, that is in
[start, min(end, as_of)]:

```text
pipeline_sourced     pipeline of opportunities created in it that
                     attribute_pipeline credits as sourced (referral)
pipeline_influenced  ... credits as influenced (not sourced)
retention            won / closed, over renewals (kind RENEWAL) closed in it
nps                  net_promoter_score of the responses dated in it (or, from
                     signals, every contact's latest response, once the
                     period has started)
referrals            referral activities
references           reference-call activities
reviews              online-review activities
content_sourced      case studies, testimonials and user-generated content
social_shares        social-share activities
```

Pipeline is attributed as of the period's last day seen (min(end, as_of)),
so a deal closed after the period is still open pipeline in it.

```text
progress = actual / target                (nps: max(actual, 0) / target)
elapsed  = days of [start, end] up to and including as_of / days in it
on track = progress >= elapsed           cumulative metrics (pipeline, counts)
on track = actual >= target              level metrics (retention, nps)
```

Every goal is an "at least" goal. A level metric with nothing to measure
(no closed renewal, no response) has no progress and the status `no_data`.
The comparisons are exact (fractions), never float round-off.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from advocacy._amounts import amount_check, decimal_text, money_text
from advocacy._attribution import attribute_pipeline
from advocacy._goal_report import GoalProgress, GoalReport, GoalStatus
from advocacy._model import (
    Activity,
    ActivityType,
    DealKind,
    Opportunity,
    Outcome,
    Signals,
    to_activity_types,
)
from advocacy._money import Money
from advocacy._nps import net_promoter_score
from advocacy._period import Period
from advocacy._requests import plural
from advocacy._serde import structure
from advocacy._validation import (
    Check,
    Refusal,
    any_text,
    as_date,
    check_fields,
    checked,
    collection_of,
    date,
    instance_of,
    integer,
    member,
    member_of,
    number,
    optional,
    raise_all,
    require,
    to_date,
    unique_ids,
)
from advocacy.exceptions import FieldError, InvalidValueError

__all__ = [
    "GoalMetric",
    "NpsResponse",
    "ProgramGoal",
    "goal_progress",
]

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


@attrs.frozen
class NpsResponse:
    """One dated Net Promoter response.

    Attributes:
        date: When it was given.
        score: The answer, 0-10.
    """

    date: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    score: int = attrs.field(metadata=checked(integer(0, 10)))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


def _to_period(value: Period | Mapping[str, Any]) -> Period:
    return structure(Period, value)


def _to_metric(value: GoalMetric | str) -> GoalMetric:
    return member(GoalMetric, value)


Target = Money | int | float


def _to_target(value: Target | Decimal | Fraction | Mapping[str, Any]) -> Target:
    # Exact numbers stay as they are until the metric is known: a Decimal
    # pipeline target is refused with a hint to add the currency, a Decimal
    # rate becomes a float.
    if isinstance(value, Mapping):
        return structure(Money, value)
    return value  # type: ignore[return-value]  # checked per metric


def _to_types(
    value: Iterable[ActivityType | str] | None,
) -> frozenset[ActivityType] | None:
    return None if value is None else to_activity_types(value)


def _money_target(value: object) -> Refusal | None:
    refusal = amount_check(value)
    if refusal is not None:
        return attrs.evolve(refusal, expected="a Money above zero")
    if isinstance(value, Money) and value.is_zero():
        return Refusal("a Money above zero")
    return None


_TARGETS: Final[dict[GoalMetric, Check]] = {
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
    target: Target = attrs.field(converter=_to_target)
    period: Period = attrs.field(
        converter=_to_period, metadata=checked(instance_of(Period, "a Period"))
    )
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


_OPPORTUNITY: Final = instance_of(Opportunity, "an Opportunity")
_ACTIVITY: Final = instance_of(Activity, "an Activity")
_RESPONSE: Final = instance_of(NpsResponse, "an NpsResponse")
_GOAL: Final = instance_of(ProgramGoal, "a ProgramGoal")


def _exact(value: int | float | Money) -> Fraction:
    """A target as the exact number it was written as (0.9 is 9/10)."""
    if isinstance(value, Money):
        return Fraction(value.amount)
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


@attrs.frozen
class _Records:
    """The records every goal reads, checked once."""

    activities: tuple[Activity, ...]
    opportunities: tuple[Opportunity, ...]
    responses: tuple[NpsResponse, ...] | None
    latest: tuple[int, ...]
    window_days: int | None


def _measure(
    goal: ProgramGoal, records: _Records, day: pendulum.Date
) -> tuple[Fraction | None, Target | None, int, str]:
    """The exact value, the value as reported, the records counted, in words."""
    seen = min(goal.period.end, day)

    def within(on: pendulum.Date) -> bool:
        return on <= seen and on in goal.period

    metric = goal.metric
    if isinstance(goal.target, Money):
        deals = [o for o in records.opportunities if within(o.created)]
        figures = attribute_pipeline(
            deals,
            records.activities,
            as_of=max(seen, goal.period.start),
            window_days=records.window_days,
            currency=goal.target.currency,
        )
        group = (
            figures.sourced
            if metric is GoalMetric.PIPELINE_SOURCED
            else figures.influenced
        )
        word = "sourced" if metric is GoalMetric.PIPELINE_SOURCED else "influenced"
        detail = f"{plural(group.opportunities, 'deal')} {word}"
        return (
            Fraction(group.pipeline.amount),
            group.pipeline,
            group.opportunities,
            detail,
        )
    if metric is GoalMetric.RETENTION:
        closed = [
            o
            for o in records.opportunities
            if o.kind is DealKind.RENEWAL and o.closed is not None and within(o.closed)
        ]
        won = sum(o.outcome is Outcome.WON for o in closed)
        detail = f"{won} of {plural(len(closed), 'closed renewal')} won"
        if not closed:
            return None, None, 0, detail
        return Fraction(won, len(closed)), won / len(closed), len(closed), detail
    if metric is GoalMetric.NPS:
        if records.responses is None:
            answers = list(records.latest) if goal.period.start <= day else []
        else:
            answers = [r.score for r in records.responses if within(r.date)]
        nps = net_promoter_score(answers)
        detail = f"from {plural(nps.responses, 'response')}"
        if nps.score is None:
            return None, None, 0, detail
        exact = Fraction(100 * (nps.promoters - nps.detractors), nps.responses)
        return exact, nps.score, nps.responses, detail
    types = goal.counted_types
    count = sum(a.type in types and within(a.date) for a in records.activities)
    words = ", ".join(sorted(t.value.replace("_", " ") for t in types))
    return Fraction(count), count, count, f"counting {words}"


def _progress(goal: ProgramGoal, records: _Records, day: pendulum.Date) -> GoalProgress:
    exact, actual, counted, detail = _measure(goal, records, day)
    days = goal.period.days
    gone = int(goal.period.elapsed(day) * days)
    if exact is None:
        return GoalProgress(goal, None, None, gone, GoalStatus.NO_DATA, 0, detail)
    target = _exact(goal.target)
    share = max(exact, Fraction(0)) / target
    # Exact: a cumulative goal keeps pace, a level goal reaches its target.
    on_track = share * days >= gone if goal.metric.cumulative else exact >= target
    status = GoalStatus.ON_TRACK if on_track else GoalStatus.BEHIND
    return GoalProgress(goal, actual, float(share), gone, status, counted, detail)


_METRIC_RANK: Final = {m: n for n, m in enumerate(GoalMetric)}


def _goal_order(goal: ProgramGoal) -> tuple[Any, ...]:
    """Metric, start, end, label, then target and types: a total order."""
    target = goal.target
    amount = target.amount if isinstance(target, Money) else target
    currency = target.currency if isinstance(target, Money) else ""
    types = None if goal.activity_types is None else sorted(goal.activity_types)
    return (
        _METRIC_RANK[goal.metric],
        goal.period.start,
        goal.period.end,
        goal.label,
        currency,
        amount,
        types is not None,
        types or [],
    )


def goal_progress(
    goals: Iterable[ProgramGoal],
    *,
    as_of: pendulum.Date,
    activities: Iterable[Activity] = (),
    opportunities: Iterable[Opportunity] = (),
    nps_responses: Iterable[NpsResponse] | None = None,
    signals: Mapping[str, Signals] | None = None,
    window_days: int | None = None,
) -> GoalReport:
    """Each goal's progress from the records of its period up to `as_of`.

    ```text
    progress = actual / target            (nps: max(actual, 0) / target)
    elapsed  = days of the period up to as_of / days in the period
    on track = progress >= elapsed        pipeline and count goals
    on track = actual >= target           retention and NPS goals
    ```

    Args:
        goals: The goals.
        as_of: The date progress is measured on.
        activities: Advocacy activities (counted, and linked to deals for
            attribution; every activity a deal links must be here).
        opportunities: Sales deals (pipeline and renewals).
        nps_responses: Dated NPS responses, for NPS goals.
        signals: Instead of `nps_responses`: each contact's latest response
            (undated), counted for every NPS goal whose period has started.
        window_days: The attribution window for influenced pipeline (see
            `attribute_pipeline`); `None` counts any linked activity.

    Returns:
        Every goal's value, progress, elapsed share and status, explained.

    Raises:
        CurrencyMismatchError: A deal in another currency than a pipeline
            goal's target.
        InvalidValueError: Both `nps_responses` and `signals` are given, or
            two records share an id.
        UnknownKeyError: A deal links an activity not given.
        InvalidTypeError: An input of the wrong kind (named).
    """
    owner = "goal_progress"
    day = as_date(owner, "as_of", as_of)
    chosen = [require(owner, "goals", g, _GOAL) for g in goals]
    if nps_responses is not None and signals is not None:
        raise InvalidValueError(
            owner, "signals", "<signals>", "None when nps_responses are given"
        )
    responses = (
        None
        if nps_responses is None
        else tuple(require(owner, "nps_responses", r, _RESPONSE) for r in nps_responses)
    )
    latest: list[int] = []
    if signals is not None:
        require(owner, "signals", signals, instance_of(Mapping, "a mapping of signals"))
        for key, found in signals.items():
            require(owner, f"signals[{key!r}]", found, instance_of(Signals, "Signals"))
            if found.nps is not None:
                latest.append(found.nps)
    require(owner, "window_days", window_days, optional(integer(0)))
    records = _Records(
        activities=tuple(
            unique_ids(owner, "activities", activities, _ACTIVITY).values()
        ),
        opportunities=tuple(
            unique_ids(owner, "opportunities", opportunities, _OPPORTUNITY).values()
        ),
        responses=responses,
        latest=tuple(latest),
        window_days=window_days,
    )
    rows = sorted(
        (_progress(goal, records, day) for goal in chosen),
        key=lambda row: _goal_order(row.goal),
    )
    return GoalReport(as_of=day, goals=tuple(rows))
