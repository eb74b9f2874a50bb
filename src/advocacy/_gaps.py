"""Reference gap analysis: where the pool will run short, and whom to recruit.

Per segment (product x industry x region by default):

- supply: customers in the segment, and approved references among their
  advocates: those no standing rule excludes from the plan's activity (opted
  in, available, a tier allowed to be asked, an account that allows it);
  coverage = approved / customers;
- demand: the plan's goal for the segment / average deal size = deals needed
  (rounded up); / win rate = opportunities to support (rounded up); x
  references per opportunity + marketing's asks = reference requests
  expected (rounded up);
- capacity: for each approved advocate and each calendar quarter of the
  period, what is left of the quarter's reference-call cap and of their
  tier's time budget (in asks of the plan's activity), less what is done or
  committed in it; an advocate whose account is in several of the report's
  segments (it owns several products) counts an equal share in each;
- gap = requests - capacity, rounded up, never below 0; recruits needed = gap
  / one recruit's capacity, rounded up, and at least the redundancy
  shortfall: a segment with demand needs at least k approved references
  (default 2), so no segment hangs on one customer;
- recruitment candidates: qualified advocates in the segment not yet
  approved, best score first, each with the score's breakdown.

A plan line or marketing ask that names only part of a segment (a product,
say) is spread over the matching segments in proportion to their customers.
All of this is exact (fractions); rounding happens once per segment, so a
report's totals are the sums of its rows. Counts are per segment membership:
a customer owning two products counts in both product segments.

Keep this in step with docs/explanation/gap-analysis.md.
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Final, cast

import attrs
import pendulum

from advocacy._catalog import ActivityCatalog
from advocacy._eligibility import (
    Context,
    History,
    context_for,
    quarter_start,
    type_reasons,
)
from advocacy._gap_report import (
    GapReport,
    GapRow,
    RecruitCandidate,
    cents,
    exact,
    key_order,
)
from advocacy._match_policy import MatchPolicy
from advocacy._model import (
    Account,
    Activity,
    ActivityType,
    Advocate,
    Commitment,
    Signals,
    SizeBands,
    Tier,
)
from advocacy._plan import DEFAULT_DIMENSIONS, DemandPlan, Dimension, Segment
from advocacy._scoring import ScoringModel
from advocacy._tiers import TierPolicy
from advocacy._validation import (
    as_date,
    instance_of,
    integer,
    member,
    optional,
    require,
)
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = ["reference_gaps"]


Key = tuple[Any, ...]


def _key_reader(
    dimensions: Sequence[Dimension], bands: SizeBands
) -> Callable[[Account], list[Key]]:
    """A function giving the segment keys of an account, fast.

    Keys are tuples of values in `Dimension` order, not `Segment` values: a
    large customer base has millions of account-product pairs, and a
    validated value for each would cost more than all the counting. A
    customer has one key per product it owns when cut by product.
    """
    names = [
        d.value for d in dimensions if d not in (Dimension.PRODUCT, Dimension.SIZE)
    ]
    # attrgetter returns a bare value for one name and a tuple for several:
    # reading "id" as well keeps it a tuple (dropped below), unless no other
    # name is read at all.
    read: Callable[[Account], Any] = operator.attrgetter(*names, "id")
    sized = Dimension.SIZE in dimensions
    by_product = Dimension.PRODUCT in dimensions

    def keys(account: Account) -> list[Key]:
        fixed: Key = read(account)[:-1] if names else ()
        if sized:  # size is the last dimension
            fixed = (*fixed, bands.band(account.employees))
        if by_product:
            return [(product, *fixed) for product in account.products]
        return [fixed]

    return keys


def _segment(key: Key, dimensions: Sequence[Dimension]) -> Segment:
    return Segment(**{d.value: v for d, v in zip(dimensions, key, strict=True)})


def _quarters(start: pendulum.Date, end: pendulum.Date) -> list[pendulum.Date]:
    """The first days of the calendar quarters the period touches."""
    quarters, quarter = [], quarter_start(start)
    while quarter <= end:
        quarters.append(quarter)
        quarter = quarter.add(months=3)
    return quarters


def _weights(
    segment: Segment,
    customers: Mapping[Segment, int],
    dimensions: Sequence[Dimension],
    what: str,
) -> dict[Segment, int]:
    """How a plan segment's demand is shared among the report's rows.

    A segment naming every dimension is one row, customers or not. A partial
    one is shared by the rows it contains, in proportion to their customers.
    """
    if set(segment.named) == set(dimensions):
        return {segment: 1}
    inside = {row: n for row, n in customers.items() if segment.contains(row) and n}
    if not inside:
        raise InvalidValueError(
            "reference_gaps",
            "plan",
            f"{what} for {segment}",
            "a segment with customers to spread it over, or a full segment",
            hint="name every dimension to plan for a segment with no customers yet",
        )
    return inside


def apportion(total: int, weights: Mapping[Segment, int]) -> dict[Segment, int]:
    """Split a whole number in proportion to `weights`, by largest remainders.

    Each part is the floor of its exact share; the units left go to the
    largest remainders, ties to the first segment in order. The parts sum to
    `total` exactly.
    """
    whole = sum(weights.values())
    shares = {s: Fraction(total * w, whole) for s, w in weights.items()}
    parts = {s: math.floor(q) for s, q in shares.items()}
    left = total - sum(parts.values())
    order = sorted(
        shares,
        key=lambda s: (-(shares[s] - parts[s]), key_order(_values(s))),
    )
    for segment in order[:left]:
        parts[segment] += 1
    return parts


def _values(segment: Segment) -> tuple[str | None, ...]:
    return tuple(segment.value(d) for d in Dimension)


@attrs.frozen
class _Supply:
    """Per segment: customers, approved references, capacity, candidates."""

    customers: dict[Segment, int]
    approved: dict[Segment, int]
    capacity: dict[Segment, Fraction]
    candidates: dict[Segment, list[tuple[int, str, str]]]


def _supply(
    accounts: Sequence[Account],
    advocates: Sequence[Advocate],
    *,
    plan: DemandPlan,
    dimensions: Sequence[Dimension],
    context: Context,
    histories: Mapping[str, History],
    totals: Mapping[str, int],
    qualify: ScoringModel,
) -> _Supply:
    """Count customers, approved references and their capacity per segment."""
    keys_of = _key_reader(dimensions, context.policy.size_bands)
    wanted = {a.account_id for a in advocates}
    customers: Counter[Key] = Counter()
    homes: dict[str, tuple[Account, list[Key]]] = {}
    for account in accounts:
        keys = keys_of(account)
        customers.update(keys)
        if account.id in wanted:
            homes[account.id] = (account, keys)
    approved: Counter[Key] = Counter()
    capacity: dict[Key, Fraction] = {}
    candidates: dict[Key, list[tuple[int, str, str]]] = {}
    quarters = _quarters(plan.start, plan.end)
    for advocate in advocates:
        if advocate.account_id not in homes:
            raise UnknownKeyError(
                "reference_gaps",
                "accounts",
                advocate.account_id,
                f"an account for every advocate (advocate {advocate.id!r})",
            )
        home, keys = homes[advocate.account_id]
        if not keys:  # an account owning no product, cut by product
            continue
        if type_reasons(advocate, home, plan.activity, context):
            total = totals.get(advocate.id)
            if (
                total is not None
                and qualify.qualifies(total)
                and not advocate.opted_out
            ):
                for key in keys:
                    candidates.setdefault(key, []).append(
                        (-total, advocate.id, home.id)
                    )
            continue
        left = _capacity(advocate, histories[advocate.id], quarters, plan, context)
        share = Fraction(left, len(keys))
        for key in keys:
            approved[key] += 1
            capacity[key] = capacity.get(key, Fraction(0)) + share
    segment = {key: _segment(key, dimensions) for key in customers}
    return _Supply(
        customers={segment[k]: n for k, n in customers.items()},
        approved={segment[k]: n for k, n in approved.items()},
        capacity={segment[k]: c for k, c in capacity.items()},
        candidates={segment[k]: found for k, found in candidates.items()},
    )


def _capacity(
    advocate: Advocate,
    history: History,
    quarters: Sequence[pendulum.Date],
    plan: DemandPlan,
    context: Context,
) -> int:
    """Asks of the plan's activity an approved advocate can still take."""
    policy, catalog, tiers = context.policy, context.catalog, context.tier_policy
    effort = catalog.minutes(plan.activity)
    # Approved advocates hold a tier: the standing rules refuse those without.
    budget = tiers[cast("Tier", advocate.tier)].quarterly_minutes
    left = 0
    for quarter in quarters:
        minutes = budget - history.minutes.get(quarter, 0)
        asks = minutes // effort if effort else minutes
        if plan.activity is ActivityType.REFERENCE_CALL:
            calls = policy.reference_calls_per_quarter - history.calls.get(quarter, 0)
            asks = min(asks, calls)
        left += max(asks, 0)
    return left


def _per_recruit(plan: DemandPlan, context: Context, quarters: int) -> int:
    """What a new recruit at the least engaged tier allowed can take."""
    tiers, catalog, policy = context.tier_policy, context.catalog, context.policy
    allowed = [rule for rule in tiers.rules if plan.activity in rule.activities]
    if not allowed:
        raise InvalidValueError(
            "reference_gaps",
            "plan.activity",
            plan.activity,
            "an activity some tier may be asked for",
        )
    effort = catalog.minutes(plan.activity)
    minutes = allowed[-1].quarterly_minutes
    asks = minutes // effort if effort else minutes
    if plan.activity is ActivityType.REFERENCE_CALL:
        asks = min(asks, policy.reference_calls_per_quarter)
    return asks * quarters


def _histories(
    people: Sequence[Advocate],
    activities: Iterable[Activity],
    commitments: Iterable[Commitment],
    catalog: ActivityCatalog,
    owner: str,
) -> dict[str, History]:
    """Each advocate's records, indexed by quarter (others' records are ignored)."""
    done: dict[str, list[Activity]] = {a.id: [] for a in people}
    for activity in activities:
        require(owner, "activities", activity, _ACTIVITY)
        done.get(activity.advocate_id, []).append(activity)
    asked: dict[str, list[Commitment]] = {a.id: [] for a in people}
    for commitment in commitments:
        require(owner, "commitments", commitment, _COMMITMENT)
        asked.get(commitment.advocate_id, []).append(commitment)
    return {a.id: History.build(done[a.id], asked[a.id], catalog) for a in people}


def _check_dimensions(dimensions: Iterable[Dimension | str]) -> tuple[Dimension, ...]:
    chosen = []
    for given in dimensions:
        dimension = member(Dimension, given)
        if not isinstance(dimension, Dimension):
            raise InvalidValueError(
                "reference_gaps",
                "dimensions",
                given,
                f"dimensions among {[d.value for d in Dimension]}",
            )
        chosen.append(dimension)
    if not chosen or len(set(chosen)) != len(chosen):
        raise InvalidValueError(
            "reference_gaps",
            "dimensions",
            list(dimensions),
            "one or more distinct dimensions",
        )
    return tuple(d for d in Dimension if d in chosen)


def _check_plan_segments(plan: DemandPlan, dimensions: Sequence[Dimension]) -> None:
    for where, segment in [("lines", line.segment) for line in plan.lines] + [
        ("marketing", ask.segment) for ask in plan.marketing
    ]:
        extra = [d.value for d in segment.named if d not in dimensions]
        if extra:
            raise InvalidValueError(
                "reference_gaps",
                f"plan.{where}",
                str(segment),
                f"segments cut only by the report's dimensions "
                f"{[d.value for d in dimensions]}, not by {extra}",
            )


def reference_gaps(
    accounts: Iterable[Account],
    advocates: Iterable[Advocate],
    plan: DemandPlan,
    *,
    as_of: pendulum.Date,
    signals: Mapping[str, Signals] | None = None,
    activities: Iterable[Activity] = (),
    commitments: Iterable[Commitment] = (),
    dimensions: Iterable[Dimension | str] = DEFAULT_DIMENSIONS,
    redundancy: int = 2,
    candidates: int = 5,
    model: ScoringModel | None = None,
    policy: MatchPolicy | None = None,
    tier_policy: TierPolicy | None = None,
    catalog: ActivityCatalog | None = None,
) -> GapReport:
    """Where the reference pool will run short in the plan's period, per segment.

    Args:
        accounts: The customers.
        advocates: Their advocates.
        plan: What sales and marketing will ask for, and when.
        as_of: The date of the analysis (candidates are scored on it).
        signals: Advocate id to signals, for ranking recruitment candidates.
        activities: Activity records (capacity already used in the period).
        commitments: Asks in flight (capacity already promised).
        dimensions: How to cut the customer base; product x industry x region
            by default.
        redundancy: The fewest approved references a segment with demand
            should have (k, default 2).
        candidates: Recruitment candidates to list per segment.
        model: The scoring model for candidates; `ScoringModel.default()`.
        policy: The match policy (caps); `MatchPolicy.default()`.
        tier_policy: The tier policy (budgets); `TierPolicy.default()`.
        catalog: The activity catalog (efforts); `ActivityCatalog.default()`.

    Returns:
        One explained row per segment; totals are the sums of the rows.

    Raises:
        InvalidValueError: The plan names a dimension the report does not cut
            by, spreads demand over a segment without customers, or the
            policies leave a new recruit no capacity for the activity.
        InvalidTypeError: An argument is of the wrong kind (named).
    """
    owner = "reference_gaps"
    day = as_date(owner, "as_of", as_of)
    require(owner, "plan", plan, instance_of(DemandPlan, "a DemandPlan"))
    require(owner, "signals", signals, optional(instance_of(Mapping, "a mapping")))
    require(owner, "redundancy", redundancy, integer(0))
    require(owner, "candidates", candidates, integer(0))
    require(
        owner, "model", model, optional(instance_of(ScoringModel, "a ScoringModel"))
    )
    chosen = _check_dimensions(dimensions)
    _check_plan_segments(plan, chosen)
    context = context_for(policy, tier_policy, catalog, owner)
    scorer = ScoringModel.default() if model is None else model
    customers = [require(owner, "accounts", a, _ACCOUNT) for a in accounts]
    people = [require(owner, "advocates", a, _ADVOCATE) for a in advocates]
    histories = _histories(people, activities, commitments, context.catalog, owner)
    known = {} if signals is None else signals
    scored = [a.id for a in people if a.id in known]
    totals = scorer.score_many([known[i] for i in scored], as_of=day)
    supply = _supply(
        customers,
        people,
        plan=plan,
        dimensions=chosen,
        context=context,
        histories=histories,
        totals=dict(zip(scored, totals, strict=True)),
        qualify=scorer,
    )
    quarters = len(_quarters(plan.start, plan.end))
    per_recruit = _per_recruit(plan, context, quarters)
    demand = _Demand.of(plan, supply.customers, chosen)
    segments = sorted(
        set(supply.customers) | set(demand.goal) | set(demand.marketing),
        key=lambda s: key_order(tuple(s.value(d) for d in chosen)),
    )

    def best(segment: Segment) -> list[RecruitCandidate]:
        ranked = sorted(supply.candidates.get(segment, []))[:candidates]
        return [
            RecruitCandidate(
                advocate_id, account_id, scorer.score(known[advocate_id], as_of=day)
            )
            for _, advocate_id, account_id in ranked
        ]

    rows = tuple(
        _row(
            segment,
            supply=supply,
            demand=demand,
            quarters=quarters,
            per_recruit=per_recruit,
            redundancy=redundancy,
            candidates=best(segment),
        )
        for segment in segments
    )
    return GapReport(
        as_of=day,
        plan=plan,
        dimensions=chosen,
        rows=rows,
        per_recruit=per_recruit,
        redundancy=redundancy,
        demand=demand.working,
    )


@attrs.frozen
class _Demand:
    """The plan's demand, rounded once per plan line, apportioned to rows."""

    goal: dict[Segment, Fraction]
    deals: Counter[Segment]
    opportunities: Counter[Segment]
    requests: Counter[Segment]
    marketing: Counter[Segment]
    currency: str | None
    working: tuple[str, ...]
    shares: dict[Segment, list[str]]

    @classmethod
    def of(
        cls,
        plan: DemandPlan,
        customers: Mapping[Segment, int],
        dimensions: Sequence[Dimension],
    ) -> _Demand:
        goal: dict[Segment, Fraction] = {}
        deals, opportunities, requests, marketing = (
            Counter[Segment]() for _ in range(4)
        )
        working: list[str] = []
        shares: dict[Segment, list[str]] = {}
        for line in plan.lines:
            weights = _weights(line.segment, customers, dimensions, "a revenue goal")
            exact_deals = Fraction(line.goal.amount) / Fraction(line.deal_size.amount)
            line_deals = math.ceil(exact_deals)
            line_opps = (
                line_deals
                if plan.win_rate is None
                else math.ceil(line_deals / exact(plan.win_rate))
            )
            line_requests = math.ceil(
                line_opps * exact(plan.references_per_opportunity)
            )
            working.append(
                f"{line.segment}: goal {line.goal} / deal size {line.deal_size} = "
                f"{float(exact_deals):.2f} -> {line_deals} deals"
                + (
                    ""
                    if plan.win_rate is None
                    else f"; / win rate {plan.win_rate:g} -> {line_opps} opportunities"
                )
                + f"; x {plan.references_per_opportunity:g} references per "
                f"opportunity -> {line_requests} requests"
            )
            whole = sum(weights.values())
            parts = (
                apportion(line_deals, weights),
                apportion(line_opps, weights),
                apportion(line_requests, weights),
            )
            for segment, weight in weights.items():
                goal[segment] = Fraction(line.goal.amount) * weight / whole
                deals[segment] += parts[0][segment]
                opportunities[segment] += parts[1][segment]
                requests[segment] += parts[2][segment]
                shares.setdefault(segment, []).append(
                    f"{weight} of {whole} customers of {line.segment}'s plan: "
                    f"{parts[0][segment]} of {line_deals} deals, {parts[1][segment]} "
                    f"of {line_opps} opportunities, {parts[2][segment]} of "
                    f"{line_requests} requests"
                )
        for ask in plan.marketing:
            weights = _weights(ask.segment, customers, dimensions, "a marketing ask")
            asks = apportion(ask.count, weights)
            what = ask.description or "marketing"
            working.append(f"{ask.segment}: {what}, {ask.count} asks on {ask.on}")
            for segment, count in asks.items():
                if count:
                    marketing[segment] += count
                    shares.setdefault(segment, []).append(
                        f"{count} of {ask.count} asks for {what}"
                    )
        currency = plan.lines[0].goal.currency if plan.lines else None
        return cls(
            goal, deals, opportunities, requests, marketing, currency,
            tuple(working), shares,
        )  # fmt: skip


def _row(
    segment: Segment,
    *,
    supply: _Supply,
    demand: _Demand,
    quarters: int,
    per_recruit: int,
    redundancy: int,
    candidates: Sequence[RecruitCandidate],
) -> GapRow:
    """One segment's figures and the working behind them."""
    customers = supply.customers.get(segment, 0)
    approved = supply.approved.get(segment, 0)
    capacity = supply.capacity.get(segment, Fraction(0))
    working = [
        f"customers {customers}, approved references {approved}"
        + (f" (coverage {approved / customers:.0%})" if customers else "")
    ]
    working += demand.shares.get(segment, [])
    requests = demand.requests[segment] + demand.marketing[segment]
    working.append(
        f"requests: {demand.requests[segment]} from sales + "
        f"{demand.marketing[segment]} from marketing = {requests}"
    )
    working.append(
        f"capacity {float(capacity):g} asks from {approved} approved references "
        f"over {quarters} quarter{'s' if quarters > 1 else ''}"
    )
    gap = max(math.ceil(requests - capacity), 0)
    shortfall = max(redundancy - approved, 0) if requests else 0
    needed = math.ceil(Fraction(gap, per_recruit))
    recruits = max(needed, shortfall)
    working.append(f"gap {requests} - {float(capacity):g} -> {gap}")
    working.append(
        f"recruits: {gap} / {per_recruit} per recruit -> {needed}"
        + (f"; at least {shortfall} for {redundancy} references" if shortfall else "")
    )
    goal = demand.goal.get(segment)
    return GapRow(
        segment=segment,
        customers=customers,
        approved=approved,
        goal=None
        if goal is None or demand.currency is None
        else cents(goal, demand.currency),
        deals=demand.deals[segment],
        opportunities=demand.opportunities[segment],
        marketing=demand.marketing[segment],
        requests=requests,
        capacity=capacity,
        shortfall=shortfall,
        gap=gap,
        recruits=recruits,
        candidates=tuple(candidates),
        working=tuple(working),
    )


_ACCOUNT: Final = instance_of(Account, "an Account")
_ADVOCATE: Final = instance_of(Advocate, "an Advocate")
_ACTIVITY: Final = instance_of(Activity, "an Activity")
_COMMITMENT: Final = instance_of(Commitment, "a Commitment")
