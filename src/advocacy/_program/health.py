"""Program health: what a program manager looks at every week.

Over a period (default: the 12 months ending on `as_of`; nothing dated after
`as_of` counts), for the pool passed in (everyone who has not opted out):

- active advocates by tier: those with an activity in the period;
- the score distribution, in bins of 10 points (0-9, 10-19, ..., the last
  bin ending at the model's maximum: 90-100 under the default model);
- activities by type and by calendar month;
- participation by calendar quarter: the share of the pool active in the
  part of the quarter inside the period;
- the recruitment funnel, each stage inside the one before: qualified (score
  above the model's threshold) -> invited (qualified and invited) ->
  accepted, with each step's conversion (`None` over zero); invitations
  sent to advocates who did not qualify are counted beside the funnel;
- request fulfilment, from the states of requests submitted in the period
  (`fulfilment_summary`);
- over-used advocates: a calendar quarter touching the period in which an
  advocate did more reference calls than the match policy's cap, or spent
  more minutes than their tier's budget (counted as matching counts them);
- the quarterly activity plan against actuals: for each activity type with
  typical quarterly participation in the catalog (8-12 reference calls,
  10-15 reviews, 2-3 case studies, 1-2 webinars, 10-15 advisory members,
  20-30 social amplifiers), the advocates who took part in the calendar
  quarter of the period's end, below, within or above the range, and
  attainment = actual / low.

Keep this in step with docs/explanation/health-metrics.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final

import pendulum

from advocacy._internal.calendar import PERIOD, Period, quarter_start
from advocacy._internal.checks import boolean, instance_of, integer, optional
from advocacy._internal.validation import as_date, require, require_each, unique_ids
from advocacy._matching.capacity import History
from advocacy._matching.policy import Policies, policies_for
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.checks import ACTIVITY, ADVOCATE
from advocacy._model.customers import Advocate
from advocacy._model.enums import ActivityType, Tier
from advocacy._model.records import Activity
from advocacy._program.health_report import (
    NO_TIER,
    HealthReport,
    Overuse,
    PlanAttainment,
    RecruitmentFunnel,
)
from advocacy._requests.events import STATE, RequestState
from advocacy._requests.fulfilment import FulfilmentSummary, fulfilment_summary
from advocacy._scoring.model import ScoringModel
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = ["BIN", "program_health", "score_bins"]


BIN: Final = 10
"""Points per bin of the score distribution."""


def score_bins(scores: Iterable[int], maximum: int) -> dict[str, int]:
    """Scores counted in bins of 10 points; the last bin ends at `maximum`.

    `score_bins([5, 95, 100], 100)` is `{"0-9": 1, ..., "90-100": 2}`.
    """
    last = (maximum - 1) // BIN * BIN
    counts = Counter(min(score // BIN * BIN, last) for score in scores)
    return {
        f"{low}-{maximum if low == last else low + BIN - 1}": counts[low]
        for low in range(0, last + 1, BIN)
    }


_MAPPING: Final = optional(instance_of(Mapping, "a mapping of advocate id to value"))


def program_health(
    advocates: Iterable[Advocate],
    activities: Iterable[Activity],
    *,
    as_of: pendulum.Date,
    period: Period | None = None,
    scores: Mapping[str, int] | None = None,
    invitations: Mapping[str, bool] | None = None,
    requests: Iterable[RequestState] | Mapping[str, RequestState] | None = None,
    model: ScoringModel | None = None,
    policies: Policies | None = None,
) -> HealthReport:
    """The program's health over a period, as a program manager reads it weekly.

    Args:
        advocates: Everyone in the program; those who opted out are left out
            of the pool but may still be scored and invited.
        activities: Activity records; those of advocates not in `advocates`,
            outside the period or after `as_of` are ignored (over-use and
            the plan read whole calendar quarters up to `as_of`).
        as_of: The day of the report.
        period: The days counted; the 12 months ending on `as_of` if `None`.
        scores: Advocate id to score total, for the distribution and the
            funnel.
        invitations: Advocate id to whether they accepted an invitation to
            the program (needs `scores`).
        requests: Request states (from `request_states`), for fulfilment.
        model: The scoring model (its threshold is "qualified", its maximum
            ends the last bin); `ScoringModel.default()` if `None`.
        policies: The match policy, activity catalog and tier policy;
            `Policies.default()` if `None`.

    Returns:
        Every section, with the figures behind it.

    Raises:
        InvalidValueError: Two advocates share an id, a score is out of the
            model's range, or invitations come without scores.
        UnknownKeyError: A score or invitation names an advocate not in
            `advocates`.
        InvalidTypeError: An argument is of the wrong kind (named).
    """
    owner = "program_health"
    day = as_date(owner, "as_of", as_of)
    window = Period.trailing(day) if period is None else period
    require(owner, "period", window, PERIOD)
    scorer = ScoringModel.default() if model is None else model
    require(owner, "model", scorer, instance_of(ScoringModel, "a ScoringModel"))
    policies = policies_for(owner, policies)
    everyone = unique_ids(owner, "advocates", advocates, ADVOCATE)
    members = {i: a for i, a in everyone.items() if not a.opted_out}
    done = [
        a
        for a in require_each(owner, "activities", activities, ACTIVITY)
        if a.advocate_id in members and a.date <= day
    ]
    counted = [a for a in done if a.date in window]
    funnel, scored = _funnel(scores, invitations, everyone, scorer, owner)
    by_type = Counter(a.type for a in counted)
    quarter = Period.quarter_of(min(day, window.end))
    return HealthReport(
        period=window,
        as_of=day,
        pool=len(members),
        members_by_tier=_by_tier(members.values()),
        active_by_tier=_by_tier(members[i] for i in {a.advocate_id for a in counted}),
        scores=score_bins(scored, scorer.maximum),
        by_type={t: by_type[t] for t in ActivityType if by_type[t]},
        by_month=dict(
            sorted(
                Counter(f"{a.date.year}-{a.date.month:02d}" for a in counted).items()
            )
        ),
        participation=_participation(counted, window, day, len(members)),
        funnel=funnel,
        fulfilment=_fulfilment(requests, window, day, owner),
        overused=_overused(members, done, window, policies),
        quarter=quarter,
        plan=_plan(done, quarter, policies.catalog),
    )


def _by_tier(advocates: Iterable[Advocate]) -> dict[str, int]:
    counts = Counter(NO_TIER if a.tier is None else a.tier.value for a in advocates)
    return {key: counts[key] for key in [*(t.value for t in Tier), NO_TIER]}


def _known(
    values: Mapping[str, Any] | None,
    name: str,
    everyone: Mapping[str, Advocate],
    owner: str,
) -> Mapping[str, Any]:
    require(owner, name, values, _MAPPING)
    given: Mapping[str, Any] = {} if values is None else values
    for advocate_id in given:
        if advocate_id not in everyone:
            raise UnknownKeyError(
                owner, name, advocate_id, "ids of advocates passed in `advocates`"
            )
    return given


def _funnel(
    scores: Mapping[str, int] | None,
    invitations: Mapping[str, bool] | None,
    everyone: Mapping[str, Advocate],
    model: ScoringModel,
    owner: str,
) -> tuple[RecruitmentFunnel | None, list[int]]:
    """The funnel (if scored) and the scores, checked."""
    totals = _known(scores, "scores", everyone, owner)
    answers = _known(invitations, "invitations", everyone, owner)
    for advocate_id, total in totals.items():
        require(owner, f"scores[{advocate_id!r}]", total, integer(0, model.maximum))
    for advocate_id, accepted in answers.items():
        require(owner, f"invitations[{advocate_id!r}]", accepted, boolean)
    if scores is None:
        if invitations is not None:
            raise InvalidValueError(
                owner,
                "invitations",
                f"{len(answers)} invitations",
                "invitations together with scores",
                hint="the funnel starts from the advocates who qualify",
            )
        return None, []
    qualified = {i for i, total in totals.items() if model.qualifies(total)}
    invited = qualified & set(answers)
    funnel = RecruitmentFunnel(
        qualified=len(qualified),
        invited=len(invited),
        accepted=sum(1 for i in invited if answers[i]),
        invited_unqualified=len(set(answers) - qualified),
    )
    return funnel, list(totals.values())


def _participation(
    counted: Iterable[Activity], window: Period, day: pendulum.Date, pool: int
) -> dict[pendulum.Date, float]:
    """Per started quarter of the period, the share of the pool active in it."""
    active: defaultdict[pendulum.Date, set[str]] = defaultdict(set)
    for activity in counted:
        active[quarter_start(activity.date)].add(activity.advocate_id)
    return {
        q.start: float(Fraction(len(active[quarter_start(q.start)]), pool))
        if pool
        else 0.0
        for q in window.quarters()
        if q.start <= day
    }


def _fulfilment(
    requests: Iterable[RequestState] | Mapping[str, RequestState] | None,
    window: Period,
    day: pendulum.Date,
    owner: str,
) -> FulfilmentSummary | None:
    """Fulfilment of the requests submitted in the period by `as_of`."""
    if requests is None:
        return None
    states = requests.values() if isinstance(requests, Mapping) else requests
    return fulfilment_summary(
        state
        for state in require_each(owner, "requests", states, STATE)
        if state.submitted_at.date() <= day and state.submitted_at.date() in window
    )


def _overused(
    members: Mapping[str, Advocate],
    done: Iterable[Activity],
    window: Period,
    policies: Policies,
) -> tuple[Overuse, ...]:
    """Advocate-quarters touching the period past the call cap or time budget."""
    mine: defaultdict[str, list[Activity]] = defaultdict(list)
    for activity in done:
        mine[activity.advocate_id].append(activity)
    histories = {
        advocate_id: History.build(records, (), policies.catalog)
        for advocate_id, records in sorted(mine.items())
    }
    cap = policies.match.reference_calls_per_quarter
    found = []
    for quarter in (quarter_start(q.start) for q in window.quarters()):
        for advocate_id, history in histories.items():
            calls = history.calls.get(quarter, 0)
            minutes = history.minutes.get(quarter, 0)
            reasons = []
            if calls > cap:
                reasons.append(f"{calls} reference calls, cap {cap}")
            tier = members[advocate_id].tier
            if tier is not None:
                budget = policies.tiers[tier].quarterly_minutes
                if minutes > budget:
                    reasons.append(f"{minutes} min, {tier.value} budget {budget}")
            if reasons:
                found.append(
                    Overuse(advocate_id, quarter, calls, minutes, tuple(reasons))
                )
    return tuple(found)


def _plan(
    done: Iterable[Activity], quarter: Period, catalog: ActivityCatalog
) -> tuple[PlanAttainment, ...]:
    """The catalog's quarterly participation against the quarter's actuals."""
    taking_part: defaultdict[ActivityType, set[str]] = defaultdict(set)
    for activity in done:
        if activity.date in quarter:
            taking_part[activity.type].add(activity.advocate_id)
    return tuple(
        PlanAttainment(
            spec.type,
            spec.quarterly_participants[0],
            spec.quarterly_participants[1],
            len(taking_part[spec.type]),
        )
        for spec in catalog
        if spec.quarterly_participants is not None
    )
