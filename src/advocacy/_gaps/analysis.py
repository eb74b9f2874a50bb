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
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import attrs
import pendulum

from advocacy._gaps.demand import Demand
from advocacy._gaps.plan import (
    DEFAULT_DIMENSIONS,
    DemandPlan,
    Segment,
    SegmentDimension,
    segment_dimensions,
)
from advocacy._gaps.report import (
    GapReport,
    GapRow,
    RecruitCandidate,
    cents,
    key_order,
)
from advocacy._gaps.supply import Supply, count_supply, index_histories
from advocacy._internal.calendar import quarter_starts
from advocacy._internal.checks import instance_of, integer, optional
from advocacy._internal.validation import as_date, require, require_each
from advocacy._matching.capacity import ask_cost, asks_left
from advocacy._matching.policy import Policies, policies_for
from advocacy._model.checks import ACCOUNT, ADVOCATE
from advocacy._model.customers import Account, Advocate, Signals
from advocacy._model.enums import ActivityType
from advocacy._model.records import Activity, Commitment
from advocacy._scoring.model import ScoringModel
from advocacy.exceptions import InvalidValueError

__all__ = ["reference_gaps"]

_SEGMENT_KEY = instance_of(Segment, "Segment keys")


def _per_recruit(plan: DemandPlan, policies: Policies, quarters: int) -> int:
    """What a new recruit at the least engaged tier allowed can take."""
    tiers, catalog, policy = policies.tiers, policies.catalog, policies.match
    allowed = [rule for rule in tiers.rules if plan.activity in rule.activities]
    if not allowed:
        raise InvalidValueError(
            "reference_gaps",
            "plan.activity",
            plan.activity,
            "an activity some tier may be asked for",
        )
    least = allowed[-1]
    cost = ask_cost(catalog, plan.activity)
    asks = asks_left(
        plan.activity,
        minutes=least.quarterly_minutes,
        calls=policy.reference_calls_per_quarter,
        cost=cost,
    )
    if not asks:
        calls = policy.reference_calls_per_quarter
        binding = (
            f"{calls} reference calls a quarter"
            if plan.activity is ActivityType.REFERENCE_CALL and calls < 1
            else f"{least.tier.value} budget {least.quarterly_minutes} min; "
            f"{plan.activity.value} takes {cost}"
        )
        raise InvalidValueError(
            "reference_gaps",
            "policies",
            binding,
            f"policies that leave a new {least.tier.value} room for one "
            f"{plan.activity.value} a quarter",
            hint="a recruit with no capacity could never close a gap",
        )
    return asks * quarters


def _check_plan_segments(
    plan: DemandPlan, dimensions: Sequence[SegmentDimension]
) -> None:
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


def _check_customers(
    customers: Mapping[Segment, int] | None, dimensions: Sequence[SegmentDimension]
) -> dict[Segment, int] | None:
    """The customers given per segment, checked (plain ints), or `None`."""
    if customers is None:
        return None
    owner = "reference_gaps"
    require(owner, "customers", customers, instance_of(Mapping, "a mapping"))
    counted = {}
    for segment, count in customers.items():
        require(owner, "customers", segment, _SEGMENT_KEY)
        where = f"customers[{str(segment)!r}]"
        if set(segment.named) != set(dimensions):
            raise InvalidValueError(
                owner,
                where,
                str(segment),
                f"a segment naming exactly the report's dimensions "
                f"{[d.value for d in dimensions]}",
            )
        counted[segment] = require(owner, where, count, integer(0))
    return counted


def _counted(supply: Supply, counted: Mapping[Segment, int]) -> Supply:
    """`supply` with the customers given, if they count every account given."""
    for segment, found in supply.customers.items():
        if counted.get(segment, 0) < found:
            raise InvalidValueError(
                "reference_gaps",
                f"customers[{str(segment)!r}]",
                counted.get(segment, 0),
                f"at least {found}, the accounts given in the segment",
                hint="count every customer of the segment, not only the "
                "advocates' accounts",
            )
    return attrs.evolve(
        supply, customers={segment: n for segment, n in counted.items() if n}
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
    dimensions: Iterable[SegmentDimension | str] = DEFAULT_DIMENSIONS,
    redundancy: int = 2,
    candidates: int = 5,
    model: ScoringModel | None = None,
    policies: Policies | None = None,
    customers: Mapping[Segment, int] | None = None,
) -> GapReport:
    """Where the reference pool will run short in the plan's period, per segment.

    The customers of each segment are counted from `accounts`, or given as
    `customers` (segment to count, as `advocacy.frames.segment_counts` reads
    them off a dataframe), so a large customer base need not become
    `Account` values: `accounts` then need hold only the advocates'
    accounts, and the report is the one all accounts would give. A segment
    `customers` counts 0 or leaves out is one without customers.

    Args:
        accounts: The customers (given `customers`: at least every
            advocate's account).
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
        policies: The match policy, activity catalog and tier policy;
            `Policies.default()` if `None`.
        customers: Customers per segment, each segment naming exactly the
            report's dimensions, each count a whole number of 0 or more, and
            at least the `accounts` in it; `None` counts `accounts`.

    Returns:
        One explained row per segment; totals are the sums of the rows.

    Raises:
        InvalidValueError: The plan names a dimension the report does not cut
            by, spreads demand over a segment without customers, the
            policies leave a new recruit no capacity for the activity, or
            `customers` holds a segment not cut by exactly the report's
            dimensions, a negative count, or fewer than the accounts given
            in a segment.
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
    chosen = segment_dimensions(owner, dimensions)
    counted = _check_customers(customers, chosen)
    _check_plan_segments(plan, chosen)
    policies = policies_for(owner, policies)
    scorer = ScoringModel.default() if model is None else model
    companies = require_each(owner, "accounts", accounts, ACCOUNT)
    people = require_each(owner, "advocates", advocates, ADVOCATE)
    histories = index_histories(
        people, activities, commitments, policies.catalog, owner
    )
    known = {} if signals is None else signals
    scored = [a.id for a in people if a.id in known]
    totals = scorer.score_many([known[i] for i in scored], as_of=day)
    supply = count_supply(
        companies,
        people,
        plan=plan,
        dimensions=chosen,
        policies=policies,
        histories=histories,
        totals=dict(zip(scored, totals, strict=True)),
        qualify=scorer,
    )
    if counted is not None:
        supply = _counted(supply, counted)
    quarters = len(quarter_starts(plan.start, plan.end))
    per_recruit = _per_recruit(plan, policies, quarters)
    demand = Demand.of(plan, supply.customers, chosen)
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


def _row(
    segment: Segment,
    *,
    supply: Supply,
    demand: Demand,
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
