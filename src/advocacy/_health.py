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

import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from advocacy._amounts import percent_text
from advocacy._catalog import ActivityCatalog
from advocacy._eligibility import Context, History, context_for, quarter_start
from advocacy._fulfilment import FulfilmentSummary, fulfilment_summary
from advocacy._match_policy import MatchPolicy
from advocacy._model import Activity, ActivityType, Advocate, Tier
from advocacy._period import Period
from advocacy._requests import RequestState
from advocacy._scoring import ScoringModel
from advocacy._tiers import TierPolicy
from advocacy._validation import (
    as_date,
    boolean,
    instance_of,
    integer,
    optional,
    require,
    unique_ids,
)
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = ["Funnel", "HealthReport", "Overuse", "PlanAttainment", "program_health"]

BIN: Final = 10
"""Points per bin of the score distribution."""

NO_TIER: Final = "no tier"
"""The key under which advocates without a tier are counted."""


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@attrs.frozen
class Funnel:
    """The recruitment funnel, each stage inside the one before.

    Attributes:
        qualified: Advocates scored above the model's threshold.
        invited: Of those, how many were invited.
        accepted: Of those, how many accepted.
        invited_unqualified: Invitations sent to advocates who did not
            qualify (beside the funnel, not in it).
    """

    qualified: int
    invited: int
    accepted: int
    invited_unqualified: int

    @property
    def invite_rate(self) -> float | None:
        """Invited / qualified (`None` with nobody qualified)."""
        return _rate(self.invited, self.qualified)

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted / invited (`None` with nobody invited)."""
        return _rate(self.accepted, self.invited)

    @property
    def conversion(self) -> float | None:
        """Accepted / qualified: the whole funnel (`None` with nobody qualified)."""
        return _rate(self.accepted, self.qualified)


@attrs.frozen
class Overuse:
    """A quarter in which an advocate was asked for more than the rules allow.

    Attributes:
        advocate_id: The advocate.
        quarter: The quarter's first day.
        reference_calls: Reference calls they did in it.
        minutes: Minutes they spent in it.
        reasons: Which limits were passed, in words.
    """

    advocate_id: str
    quarter: pendulum.Date
    reference_calls: int
    minutes: int
    reasons: tuple[str, ...]


@attrs.frozen
class PlanAttainment:
    """One line of the quarterly activity plan against what happened.

    Attributes:
        activity: The activity type.
        low: The plan's low end (advocates taking part in a quarter).
        high: Its high end.
        actual: Advocates who took part in the quarter (each counted once).
    """

    activity: ActivityType
    low: int
    high: int
    actual: int

    @property
    def attainment(self) -> float | None:
        """Actual / the plan's low end (`None` if the low end is 0)."""
        return _rate(self.actual, self.low)

    @property
    def status(self) -> str:
        """`"below"`, `"within"` or `"above"` the plan's range."""
        if self.actual < self.low:
            return "below"
        return "above" if self.actual > self.high else "within"


@attrs.frozen(repr=False)
class HealthReport:
    """The program's health, section by section.

    Attributes:
        period: The days counted.
        as_of: The day of the report.
        pool: Advocates counted (those who have not opted out).
        members_by_tier: Tier value (or `"no tier"`) to advocates in the pool.
        active_by_tier: Tier value (or `"no tier"`) to those active in the
            period.
        scores: Bin label (e.g. `"80-89"`) to advocates scored in it.
        by_type: Activity type to activities in the period (types with none
            left out), in the order of `ActivityType`.
        by_month: `"YYYY-MM"` to activities in the period, in month order.
        participation: Quarter's first day to the share of the pool active
            in it (quarters of the period that have started by `as_of`).
        funnel: The recruitment funnel, if scores were given.
        fulfilment: Fulfilment of the requests submitted in the period, if
            request states were given.
        overused: Over-used advocate-quarters, by quarter then advocate.
        quarter: The calendar quarter the plan is checked for.
        plan: The quarterly activity plan against actuals.
    """

    period: Period
    as_of: pendulum.Date
    pool: int
    members_by_tier: dict[str, int]
    active_by_tier: dict[str, int]
    scores: dict[str, int]
    by_type: dict[ActivityType, int]
    by_month: dict[str, int]
    participation: dict[pendulum.Date, float]
    funnel: Funnel | None
    fulfilment: FulfilmentSummary | None
    overused: tuple[Overuse, ...]
    quarter: Period
    plan: tuple[PlanAttainment, ...]

    @property
    def active(self) -> int:
        """Advocates active in the period."""
        return sum(self.active_by_tier.values())

    @property
    def activities(self) -> int:
        """Activities in the period by the pool."""
        return sum(self.by_type.values())

    @property
    def quarter_elapsed(self) -> float:
        """The share of the plan's quarter elapsed on `as_of` (0-1)."""
        return float(self.quarter.elapsed(self.as_of))

    def explain(self) -> str:
        """Every section in a few lines, with the figures behind each rate."""
        tiers = ", ".join(
            f"{tier} {self.active_by_tier[tier]}/{count}"
            for tier, count in self.members_by_tier.items()
        )
        head = (
            f"{self.active} of {self.pool} advocates active, {self.activities} "
            f"activities ({self.period}); active/members by tier: {tiers}"
        )
        lines = [
            head,
            "participation by quarter: "
            + (
                ", ".join(f"{q} {r:.0%}" for q, r in self.participation.items())
                or "none started"
            ),
            "activities by type: "
            + (", ".join(f"{t.value} {n}" for t, n in self.by_type.items()) or "none"),
        ]
        if self.funnel is not None:
            f = self.funnel
            lines.append(
                f"funnel: {f.qualified} qualified -> {f.invited} invited "
                f"({percent_text(f.invite_rate)}) -> {f.accepted} accepted "
                f"({percent_text(f.acceptance_rate)}); {f.invited_unqualified} "
                "more invited without qualifying"
            )
        if self.fulfilment is not None:
            lines.append(f"requests: {self.fulfilment.explain().splitlines()[0]}")
        lines.append(
            f"over-used: {len(self.overused)} advocate-quarters"
            + "".join(
                f"; {o.advocate_id} {o.quarter} ({', '.join(o.reasons)})"
                for o in self.overused[:3]
            )
        )
        lines.append(
            f"plan for {self.quarter} ({self.quarter_elapsed:.0%} elapsed), "
            "advocates taking part:"
        )
        lines += [
            f"  {p.activity.value}: {p.actual} of {p.low}-{p.high} "
            f"({percent_text(p.attainment)} of the low end, {p.status})"
            for p in self.plan
        ]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """Every figure as a plain row: section, key, value."""
        rows: list[dict[str, Any]] = []

        def add(section: str, items: Mapping[Any, Any]) -> None:
            rows.extend(
                {"section": section, "key": str(key), "value": value}
                for key, value in items.items()
            )

        add("members_by_tier", self.members_by_tier)
        add("active_by_tier", self.active_by_tier)
        add("scores", self.scores)
        add("by_type", {t.value: n for t, n in self.by_type.items()})
        add("by_month", self.by_month)
        add("participation", self.participation)
        if self.funnel is not None:
            add("funnel", attrs.asdict(self.funnel))
        if self.fulfilment is not None:
            add("fulfilment", self.fulfilment.to_records()[0])
        add(
            "overused",
            {f"{o.advocate_id} {o.quarter}": o.minutes for o in self.overused},
        )
        add("plan", {p.activity.value: p.actual for p in self.plan})
        return rows

    def __repr__(self) -> str:
        """`HealthReport(173 of 490 active, 12 over-used, plan 4 of 6 met)`."""
        met = sum(p.status != "below" for p in self.plan)
        return (
            f"HealthReport({self.active} of {self.pool} active, "
            f"{len(self.overused)} over-used, plan {met} of {len(self.plan)} met)"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{p.activity.value}</td><td>{p.actual}</td>"
            f"<td>{p.low}-{p.high}</td><td>{p.status}</td></tr>"
            for p in self.plan
        )
        return (
            f"<table><caption>{html.escape(repr(self))}</caption><tr><th>activity"
            f"</th><th>actual</th><th>plan</th><th>status</th></tr>{rows}</table>"
        )


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


_ADVOCATE: Final = instance_of(Advocate, "an Advocate")
_ACTIVITY: Final = instance_of(Activity, "an Activity")
_STATE: Final = instance_of(RequestState, "a RequestState")
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
    policy: MatchPolicy | None = None,
    tier_policy: TierPolicy | None = None,
    catalog: ActivityCatalog | None = None,
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
        policy: The match policy (the reference-call cap).
        tier_policy: The tier policy (quarterly time budgets).
        catalog: The activity catalog (efforts, the quarterly plan).

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
    require(owner, "period", window, instance_of(Period, "a Period"))
    scorer = ScoringModel.default() if model is None else model
    require(owner, "model", scorer, instance_of(ScoringModel, "a ScoringModel"))
    context = context_for(policy, tier_policy, catalog, owner)
    everyone = unique_ids(owner, "advocates", advocates, _ADVOCATE)
    members = {i: a for i, a in everyone.items() if not a.opted_out}
    done = [
        a
        for a in (require(owner, "activities", a, _ACTIVITY) for a in activities)
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
        overused=_overused(members, done, window, context),
        quarter=quarter,
        plan=_plan(done, quarter, context.catalog),
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
) -> tuple[Funnel | None, list[int]]:
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
    funnel = Funnel(
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
        for state in (require(owner, "requests", s, _STATE) for s in states)
        if state.submitted_at.date() <= day and state.submitted_at.date() in window
    )


def _overused(
    members: Mapping[str, Advocate],
    done: Iterable[Activity],
    window: Period,
    context: Context,
) -> tuple[Overuse, ...]:
    """Advocate-quarters touching the period past the call cap or time budget."""
    mine: defaultdict[str, list[Activity]] = defaultdict(list)
    for activity in done:
        mine[activity.advocate_id].append(activity)
    histories = {
        advocate_id: History.build(records, (), context.catalog)
        for advocate_id, records in sorted(mine.items())
    }
    cap = context.policy.reference_calls_per_quarter
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
                budget = context.tier_policy[tier].quarterly_minutes
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
