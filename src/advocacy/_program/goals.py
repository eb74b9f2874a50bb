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

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from advocacy._impact.attribution import attribute_pipeline
from advocacy._impact.nps import net_promoter_score
from advocacy._internal.checks import instance_of, integer, optional
from advocacy._internal.text import plural
from advocacy._internal.validation import as_date, require, require_each, unique_ids
from advocacy._model.checks import ACTIVITY, NPS_RESPONSE, OPPORTUNITY, SIGNALS
from advocacy._model.customers import Signals
from advocacy._model.enums import DealKind, DealOutcome
from advocacy._model.money import Money
from advocacy._model.records import Activity, NpsResponse, Opportunity
from advocacy._program.goal import GoalMetric, ProgramGoal, Target
from advocacy._program.goal_report import GoalProgress, GoalReport, GoalStatus
from advocacy.exceptions import InvalidValueError

__all__ = ["goal_progress"]


_GOAL: Final = instance_of(ProgramGoal, "a ProgramGoal")


def _exact(value: int | float | Money) -> Fraction:
    """A target as the exact number it was written as (0.9 is 9/10)."""
    if isinstance(value, Money):
        return Fraction(value.amount)
    if isinstance(value, float):  # numpy.float64 too: its repr is not a number
        return Fraction(repr(float(value)))
    return Fraction(value)


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
        won = sum(o.outcome is DealOutcome.WON for o in closed)
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
    chosen = require_each(owner, "goals", goals, _GOAL)
    if nps_responses is not None and signals is not None:
        raise InvalidValueError(
            owner, "signals", "<signals>", "None when nps_responses are given"
        )
    responses = (
        None
        if nps_responses is None
        else tuple(require_each(owner, "nps_responses", nps_responses, NPS_RESPONSE))
    )
    latest: list[int] = []
    if signals is not None:
        require(owner, "signals", signals, instance_of(Mapping, "a mapping of signals"))
        for key, found in signals.items():
            require(owner, f"signals[{key!r}]", found, SIGNALS)
            if found.nps is not None:
                latest.append(found.nps)
    require(owner, "window_days", window_days, optional(integer(0)))
    records = _Records(
        activities=tuple(
            unique_ids(owner, "activities", activities, ACTIVITY).values()
        ),
        opportunities=tuple(
            unique_ids(owner, "opportunities", opportunities, OPPORTUNITY).values()
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
