"""What an advocate can still take in a quarter: the one capacity rule.

Matching, gap analysis and what-if all ask how many more asks of one
activity an advocate can take in a calendar quarter; `asks_left` is the one
answer, and eligibility's reference-call cap and time budget are exactly
"no ask left":

```text
cost       = the activity's catalog effort in minutes, at least 1
minutes    = the tier's quarterly budget - minutes counted in the quarter
calls      = reference calls a quarter - reference calls counted in it
asks left  = max(floor(minutes / cost), 0), and at most `calls` for a
             reference call
```

Counted are the activities done and the asks in flight in the quarter. A
record that gives its minutes counts them; one that does not counts the
activity's cost. An activity whose catalog effort is 0 minutes therefore
still takes one minute of the budget per ask, so a used-up budget admits no
further ask of any kind and every capacity is finite.

`History` indexes one advocate's activities and asks in flight by date and
quarter, for the rest period, the caps and the budget. An ask in flight
counts as an activity on its date (`Commitment.on`, the day they were asked
or the day it is scheduled): it uses the quarter's calls and minutes of that
date, and the rest period runs from it, so an advocate just given a batch's
request rests as if they had just done it.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable

import attrs
import pendulum

from advocacy._internal.calendar import quarter_start
from advocacy._internal.checks import integer, optional, repeated_hint, text
from advocacy._internal.text import headline_repr, plural, table
from advocacy._internal.validation import (
    as_date,
    check_fields,
    checked,
    in_order,
    require,
    require_each,
)
from advocacy._matching.policy import Policies, policies_for
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.checks import ACTIVITY, ADVOCATE, COMMITMENT
from advocacy._model.customers import Advocate
from advocacy._model.enums import ActivityType, Tier
from advocacy._model.records import Activity, Commitment
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = [
    "ActivityCapacity",
    "Capacity",
    "CapacityLimit",
    "History",
    "advocate_capacity",
    "ask_cost",
    "asks_left",
    "capacity_of",
    "quarter_asks",
    "tier_budget",
]


def ask_cost(catalog: ActivityCatalog, activity: ActivityType) -> int:
    """Minutes one ask of `activity` takes from a budget: its effort, at least 1."""
    return max(catalog.minutes(activity), 1)


def asks_left(activity: ActivityType, *, minutes: int, calls: int, cost: int) -> int:
    """Asks of `activity` that fit in `minutes` of budget and `calls` calls left.

    `floor(minutes / cost)`, at most `calls` for a reference call, never
    below 0 (an advocate already over a limit has no ask left, not a debt).
    """
    asks = minutes // cost
    if activity is ActivityType.REFERENCE_CALL:
        asks = min(asks, calls)
    return max(asks, 0)


@attrs.define
class History:
    """One advocate's activities and asks in flight, for the time-based rules."""

    activity_dates: list[pendulum.Date]  # activities done, for the recent load
    contact_dates: list[pendulum.Date]  # and asks in flight: the rest period
    # Per quarter start: reference calls and minutes, done or in flight.
    calls: dict[pendulum.Date, int]
    minutes: dict[pendulum.Date, int]

    @classmethod
    def build(
        cls,
        activities: Iterable[Activity],
        commitments: Iterable[Commitment],
        catalog: ActivityCatalog,
    ) -> History:
        """Index an advocate's records by date and quarter."""
        history = cls([], [], {}, {})
        for activity in activities:
            history.activity_dates.append(activity.date)
            history._count(activity.type, activity.date, activity.minutes, catalog)
        history.contact_dates = list(history.activity_dates)
        for commitment in commitments:
            history.contact_dates.append(commitment.on)
            history._count(
                commitment.activity, commitment.on, commitment.minutes, catalog
            )
        history.activity_dates.sort()
        history.contact_dates.sort()
        return history

    def _count(
        self,
        activity: ActivityType,
        day: pendulum.Date,
        minutes: int | None,
        catalog: ActivityCatalog,
    ) -> None:
        quarter = quarter_start(day)
        if activity is ActivityType.REFERENCE_CALL:
            self.calls[quarter] = self.calls.get(quarter, 0) + 1
        spent = ask_cost(catalog, activity) if minutes is None else minutes
        self.minutes[quarter] = self.minutes.get(quarter, 0) + spent

    def left(self, quarter: pendulum.Date, *, budget: int, cap: int) -> tuple[int, int]:
        """Minutes of `budget` and reference calls of `cap` left in `quarter`.

        Either may be negative for an advocate already over the limit.
        """
        return (
            budget - self.minutes.get(quarter, 0),
            cap - self.calls.get(quarter, 0),
        )

    def last_on_or_before(self, day: pendulum.Date) -> pendulum.Date | None:
        """The last activity or ask in flight dated on or before `day`, if any."""
        at = bisect.bisect_right(self.contact_dates, day)
        return self.contact_dates[at - 1] if at else None

    def recent(self, start: pendulum.Date, day: pendulum.Date) -> int:
        """Activities after `start`, up to `day` (the load of the last 12 months)."""
        return bisect.bisect_right(self.activity_dates, day) - bisect.bisect_right(
            self.activity_dates, start
        )


def tier_budget(tier: Tier | None, policies: Policies) -> int:
    """The minutes a quarter a member of `tier` may be asked for (none: 0)."""
    return 0 if tier is None else policies.tiers[tier].quarterly_minutes


def quarter_asks(
    tier: Tier,
    history: History,
    activity: ActivityType,
    quarter: pendulum.Date,
    policies: Policies,
) -> int:
    """Asks of `activity` an advocate holding `tier` can still take in `quarter`."""
    minutes, calls = history.left(
        quarter,
        budget=tier_budget(tier, policies),
        cap=policies.match.reference_calls_per_quarter,
    )
    return asks_left(
        activity,
        minutes=minutes,
        calls=calls,
        cost=ask_cost(policies.catalog, activity),
    )


class CapacityLimit(enum.StrEnum):
    """What stops an advocate taking another ask."""

    TIME_BUDGET = "time_budget"
    """Their tier's quarterly time budget (no tier: no budget at all)."""

    REFERENCE_CALLS = "reference_calls"
    """The reference calls a quarter (reference calls only)."""

    BATCH = "batch"
    """The asks one advocate is given in one batch."""


@attrs.frozen
class ActivityCapacity:
    """How many asks of one activity type an advocate can still take.

    Attributes:
        activity: The activity type.
        minutes: The minutes one ask of it takes from the budget (at least 1).
        asks: How many more they can take (0 or more).
        limit: The limit that gives `asks`: the first that binds, in the
            order time budget, reference calls, batch.
    """

    activity: ActivityType
    minutes: int = attrs.field(metadata=checked(integer(1)))
    asks: int = attrs.field(metadata=checked(integer(0)))
    limit: CapacityLimit

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@headline_repr
@attrs.frozen(repr=False)
class Capacity:
    """What an advocate can still take this quarter, and in a batch.

    The one capacity rule (`asks_left`), answered per activity type with
    the limit that binds. Counted are the activities done and the asks in
    flight dated in the quarter of `as_of`.

    Attributes:
        advocate_id: The advocate.
        as_of: The date asked about.
        quarter: The first day of its calendar quarter.
        budget: Their tier's quarterly minutes (0 without a tier).
        minutes_left: Minutes of `budget` not yet counted (0 or more).
        calls_cap: The reference calls a quarter.
        calls_left: Reference calls of `calls_cap` not yet counted (0 or more).
        batch_asks: Asks they may still be given in the batch, or `None`
            when not asked about a batch.
        activities: One line per activity type of the catalog, in its order.
    """

    advocate_id: str = attrs.field(metadata=checked(text))
    as_of: pendulum.Date
    quarter: pendulum.Date
    budget: int = attrs.field(metadata=checked(integer(0)))
    minutes_left: int = attrs.field(metadata=checked(integer(0)))
    calls_cap: int = attrs.field(metadata=checked(integer(0)))
    calls_left: int = attrs.field(metadata=checked(integer(0)))
    batch_asks: int | None = attrs.field(metadata=checked(optional(integer(0))))
    activities: tuple[ActivityCapacity, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the figures agree."""
        check_fields(self)
        in_order(self, "quarter", "as_of")
        if self.minutes_left > self.budget or self.calls_left > self.calls_cap:
            raise InvalidValueError(
                "Capacity",
                "minutes_left" if self.minutes_left > self.budget else "calls_left",
                max(self.minutes_left - self.budget, self.calls_left - self.calls_cap),
                "no more left than the budget and the cap allow",
            )
        twice = repeated_hint(line.activity.value for line in self.activities)
        if twice is not None:
            raise InvalidValueError(
                "Capacity",
                "activities",
                tuple(line.activity.value for line in self.activities),
                "each activity type once",
                twice,
            )

    def __getitem__(self, activity: ActivityType | str) -> ActivityCapacity:
        """The line of one activity type."""
        for line in self.activities:
            if line.activity == activity:
                return line
        raise UnknownKeyError(
            "Capacity",
            "activity",
            activity,
            "an activity type of the catalog: "
            + ", ".join(line.activity.value for line in self.activities),
        )

    def asks(self, activity: ActivityType | str) -> int:
        """How many more asks of `activity` they can take."""
        return self[activity].asks

    def explain(self) -> str:
        """The headline, then one line per activity type."""
        batch = "" if self.batch_asks is None else f", {self.batch_asks} in this batch"
        head = (
            f"{self.advocate_id} on {self.as_of}: {self.minutes_left} of "
            f"{self.budget} minutes and {self.calls_left} of {self.calls_cap} "
            f"reference calls left this quarter{batch}"
        )
        lines = [head]
        lines += [
            f"  {line.activity.value}: {plural(line.asks, 'ask')} "
            f"({line.minutes} min each; limit {line.limit.value})"
            for line in self.activities
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return table(
            ("activity", "asks left", "minutes each", "limit"),
            [
                (line.activity.value, line.asks, line.minutes, line.limit.value)
                for line in self.activities
            ],
        )


def capacity_of(
    advocate: Advocate,
    history: History,
    as_of: pendulum.Date,
    policies: Policies,
    *,
    batch_asks: int | None = None,
) -> Capacity:
    """An advocate's capacity on `as_of` (within `batch_asks`, if given)."""
    quarter = quarter_start(as_of)
    budget = tier_budget(advocate.tier, policies)
    cap = policies.match.reference_calls_per_quarter
    minutes, calls = history.left(quarter, budget=budget, cap=cap)
    lines = []
    for spec in policies.catalog:
        cost = ask_cost(policies.catalog, spec.type)
        asks = asks_left(spec.type, minutes=minutes, calls=calls, cost=cost)
        limit = CapacityLimit.TIME_BUDGET
        if spec.type is ActivityType.REFERENCE_CALL and max(calls, 0) < max(
            minutes // cost, 0
        ):
            limit = CapacityLimit.REFERENCE_CALLS
        if batch_asks is not None and batch_asks < asks:
            asks, limit = batch_asks, CapacityLimit.BATCH
        lines.append(ActivityCapacity(spec.type, cost, asks, limit))
    return Capacity(
        advocate_id=advocate.id,
        as_of=as_of,
        quarter=quarter,
        budget=budget,
        minutes_left=max(minutes, 0),
        calls_cap=cap,
        calls_left=max(calls, 0),
        batch_asks=batch_asks,
        activities=tuple(lines),
    )


def advocate_capacity(
    advocate: Advocate,
    *,
    as_of: pendulum.Date,
    activities: Iterable[Activity] = (),
    commitments: Iterable[Commitment] = (),
    policies: Policies | None = None,
) -> Capacity:
    """What `advocate` can still take in the quarter of `as_of`, per activity type.

    The rule matching and gap analysis apply (`asks_left`): the tier's
    quarterly minutes and the reference calls a quarter, less what the
    quarter's activities and asks in flight have counted. For what is left
    after a batch, ask the batch: `BatchAssignment.capacity(advocate_id)`.

    Args:
        advocate: The advocate.
        as_of: The date asked about; its calendar quarter is counted.
        activities: Activity records; only the advocate's own are read.
        commitments: Asks in flight; only the advocate's own are read.
        policies: The match policy, activity catalog and tier policy;
            `Policies.default()` if `None`.

    Returns:
        Minutes and reference calls left, and per activity type the asks
        left with the limit that binds.

    Raises:
        InvalidTypeError: An argument is of the wrong kind (named).
    """
    owner = "advocate_capacity"
    require(owner, "advocate", advocate, ADVOCATE)
    day = as_date(owner, "as_of", as_of)
    policies = policies_for(owner, policies)
    done = [
        activity
        for activity in require_each(owner, "activities", activities, ACTIVITY)
        if activity.advocate_id == advocate.id
    ]
    asked = [
        commitment
        for commitment in require_each(owner, "commitments", commitments, COMMITMENT)
        if commitment.advocate_id == advocate.id
    ]
    history = History.build(done, asked, policies.catalog)
    return capacity_of(advocate, history, day, policies)
