"""What an advocate can still take in a quarter: the one capacity rule.

Matching, gap analysis and what-if all ask how many more asks of one
activity an advocate can take; `asks_left` is the one answer. An ask costs
its catalog effort against the tier's quarterly time budget, and at least
one minute: an activity whose effort is 0 minutes still takes a minute of
the budget, so a used-up budget admits no further ask of any kind. A
reference call also needs one of the quarter's reference calls left.

`History` indexes one advocate's activities and asks in flight by date and
quarter, for the rest period, the caps and the budget.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from advocacy._internal.calendar import quarter_start
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.enums import ActivityType
from advocacy._model.records import Activity, Commitment


@attrs.define
class History:
    """One advocate's activities and asks in flight, for the time-based rules."""

    activity_dates: list[pendulum.Date]
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
        history = cls([], {}, {})
        for activity in activities:
            history.activity_dates.append(activity.date)
            history._count(activity.type, activity.date, activity.minutes, catalog)
        for commitment in commitments:
            history._count(
                commitment.activity, commitment.on, commitment.minutes, catalog
            )
        history.activity_dates.sort()
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
        spent = catalog.minutes(activity) if minutes is None else minutes
        self.minutes[quarter] = self.minutes.get(quarter, 0) + spent

    def last_on_or_before(self, day: pendulum.Date) -> pendulum.Date | None:
        """The last activity date on or before `day`, if any."""
        last = None
        for activity_date in self.activity_dates:
            if activity_date > day:
                break
            last = activity_date
        return last

    def recent(self, day: pendulum.Date) -> int:
        """Activities in the 12 months up to `day` (for spreading the load)."""
        start = day.subtract(months=12)
        return sum(1 for d in self.activity_dates if start < d <= day)
