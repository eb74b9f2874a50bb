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
from collections.abc import Iterable

import attrs
import pendulum

from advocacy._internal.calendar import quarter_start
from advocacy._matching.policy import Policies
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.enums import ActivityType, Tier
from advocacy._model.records import Activity, Commitment

__all__ = ["History", "ask_cost", "asks_left", "quarter_asks"]


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

    def recent(self, day: pendulum.Date) -> int:
        """Activities in the 12 months up to `day` (for spreading the load)."""
        start = day.subtract(months=12)
        return sum(1 for d in self.activity_dates if start < d <= day)


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
        budget=policies.tiers[tier].quarterly_minutes,
        cap=policies.match.reference_calls_per_quarter,
    )
    return asks_left(
        activity,
        minutes=minutes,
        calls=calls,
        cost=ask_cost(policies.catalog, activity),
    )
