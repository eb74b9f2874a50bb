"""Assigning a batch of requests at once: globally optimal, explained.

`assign_requests` fills the most requests it can, weighted by priority (a
request needing k advocates counts only when k distinct advocates take it),
then maximises total fit, within every advocate's remaining capacity. It is
solved exactly as a min-cost flow, with branch and bound for multi-advocate
requests (`advocacy._flow`). What "optimal" covers:

- one ask per advocate in a batch (the default policy): the whole batch is
  one problem, and the result is optimal for the batch;
- more than one ask per advocate: an advocate's quarterly time budget is
  shared by asks of different lengths, which no flow can express exactly, so
  each activity type is solved in turn (most total priority first, ties in
  catalog order) with what earlier types left: optimal for each type given
  the earlier ones, not across types.

Fit enters the solver in millionths, so fits closer than 1e-6 tie. If the
search for multi-advocate requests stops at the policy's node limit, the
result says so and bounds what is missing (`priority_gap`, `fit_gap`).

The greedy baseline (`method="greedy"`) takes the best remaining pair first
(priority, then fit), one pass, and releases requests it filled only in
part. It is what spreadsheets do, kept for comparison.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal

import attrs
import pendulum

from advocacy._internal.calendar import quarter_start
from advocacy._internal.checks import Refusal
from advocacy._internal.collection import paused_collection
from advocacy._internal.flow import FlowProblem, FlowSolution, solve
from advocacy._internal.validation import as_date, require, unchecked, unique_ids
from advocacy._matching.capacity import (
    Capacity,
    History,
    ask_cost,
    asks_left,
    capacity_of,
    tier_budget,
)
from advocacy._matching.eligibility import Ineligibility, evaluate
from advocacy._matching.fit import Want
from advocacy._matching.outcomes import (
    AssignedAdvocate,
    BatchAssignment,
    Placement,
    RequestOutcome,
    Tradeoff,
    Unfilled,
    Verdict,
    WhyNot,
)
from advocacy._matching.policy import MatchPolicy, Policies, policies_for
from advocacy._matching.pool import Pool
from advocacy._matching.ranking import by_count
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.checks import REQUEST
from advocacy._model.customers import Account, Advocate
from advocacy._model.enums import ActivityType
from advocacy._model.records import Activity, Commitment, ReferenceRequest
from advocacy.exceptions import UnknownKeyError

__all__ = ["FIT_SCALE", "Method", "assign_requests"]


FIT_SCALE: Final = 1_000_000
"""Fit enters the solver in millionths."""

Method = Literal["optimal", "greedy"]


@attrs.define
class _Capacity:
    """What each advocate can still take in this batch (`asks_left` per ask)."""

    asks: list[int]
    minutes: list[int]
    calls: list[int]

    @classmethod
    def of(cls, pool: Pool) -> _Capacity:
        quarter = quarter_start(pool.as_of)
        policy = pool.policies.match
        left = [
            h.left(
                quarter,
                budget=tier_budget(a.tier, pool.policies),
                cap=policy.reference_calls_per_quarter,
            )
            for a, h in zip(pool.advocates, pool.histories, strict=True)
        ]
        return cls(
            asks=[policy.asks_per_batch] * len(pool.advocates),
            minutes=[minutes for minutes, _ in left],
            calls=[calls for _, calls in left],
        )

    def room(self, i: int, activity: ActivityType, cost: int) -> int:
        """Asks of `activity` (each `cost` minutes) advocate `i` can still take."""
        fits = asks_left(
            activity, minutes=self.minutes[i], calls=self.calls[i], cost=cost
        )
        return max(min(self.asks[i], fits), 0)

    def take(self, i: int, activity: ActivityType, cost: int, sign: int = 1) -> None:
        """Count one ask of `activity` against advocate `i` (or give it back)."""
        self.asks[i] -= sign
        self.minutes[i] -= sign * cost
        if activity is ActivityType.REFERENCE_CALL:
            self.calls[i] -= sign


@attrs.frozen
class _Solved:
    """One group's solution and what its figures mean.

    Profits are priority x BIG/k plus fit in millionths; a group's total fit
    stays below BIG, so a whole solution's value is priority x BIG plus fit.
    """

    chosen: dict[str, tuple[int, ...]]
    solution: FlowSolution
    big: int
    most_fit: int  # the most fit (millionths) any assignment could have

    @property
    def priority_gap(self) -> int:
        """Priority an optimum could add, at most: the bound's whole units."""
        return self.solution.bound // self.big - self.solution.value // self.big

    @property
    def fit_gap(self) -> int:
        """With the priority proven, fit (millionths) an optimum could add.

        The bound may hold fractions of partly filled requests' priority, so
        the fit it allows is capped by the most fit any assignment has.
        """
        priority = self.solution.value // self.big * self.big
        achieved = self.solution.value - priority
        room = min(self.solution.bound - priority, self.most_fit)
        return max(room - achieved, 0)


@attrs.frozen
class _Wanted:
    """One request as the solver sees it.

    `priority` and `needed` are the request's, except for a request with an
    advocate forced onto it (`_forcing`): it needs one fewer, from the
    others, and outranks every other request.
    """

    request: ReferenceRequest
    want: Want
    candidates: tuple[int, ...]
    fits: tuple[float, ...]
    excluded: Counter[Ineligibility]
    priority: int
    needed: int


def _groups(
    wanted: Sequence[_Wanted], policy: MatchPolicy, catalog: ActivityCatalog
) -> list[tuple[ActivityType, ...]]:
    """The activity types solved together, in solving order."""
    types = sorted({w.request.activity for w in wanted}, key=list(ActivityType).index)
    if policy.asks_per_batch == 1 or len(types) <= 1:
        return [tuple(types)] if types else []
    weight = Counter[ActivityType]()
    for w in wanted:
        weight[w.request.activity] += w.request.priority
    order = [spec.type for spec in catalog]
    types.sort(key=lambda t: (-weight[t], order.index(t) if t in order else len(order)))
    return [(t,) for t in types]


def _solve_group(
    group: Sequence[_Wanted],
    capacity: _Capacity,
    catalog: ActivityCatalog,
    node_limit: int,
) -> _Solved:
    """Solve one group exactly."""
    fillable = [w for w in group if w.needed and len(w.candidates) >= w.needed]
    if not fillable:
        return _Solved({}, FlowSolution((), 0, 0, proven=True, nodes=0), 1, 0)
    used = sorted(set().union(*(w.candidates for w in fillable)))
    local = [0] * (used[-1] + 1)  # pool index to the solver's, for those used
    for n, i in enumerate(used):
        local[i] = n
    mixed = len({w.request.activity for w in fillable}) > 1
    activity = fillable[0].request.activity
    cost = ask_cost(catalog, activity)
    caps = tuple(
        capacity.asks[i] if mixed else capacity.room(i, activity, cost) for i in used
    )
    slots = tuple(w.needed for w in fillable)
    big = math.lcm(*slots) * (sum(slots) * FIT_SCALE + 1)
    # Candidates come in pool order, so their local numbers ascend too.
    advocates = tuple(tuple([local[i] for i in w.candidates]) for w in fillable)
    profits = tuple(
        tuple([base + round(f * FIT_SCALE) for f in w.fits])
        for w, k in zip(fillable, slots, strict=True)
        for base in (w.priority * (big // k),)
    )
    solution = solve(
        FlowProblem(slots, caps, advocates, profits), node_limit=node_limit
    )
    chosen = {
        w.request.id: tuple(used[a] for a in places)
        for w, places in zip(fillable, solution.assigned, strict=True)
        if places
    }
    # Rounding keeps order, so the best fit's millionths are the most's.
    most_fit = sum(
        k * round(max(w.fits) * FIT_SCALE) for w, k in zip(fillable, slots, strict=True)
    )
    return _Solved(chosen, solution, big, most_fit)


def _greedy(
    wanted: Sequence[_Wanted], capacity: _Capacity, catalog: ActivityCatalog
) -> dict[str, tuple[int, ...]]:
    """Best pair first, one pass; requests filled in part are released."""
    pairs = sorted(
        (-w.priority, -f, w.request.id, i, n)
        for n, w in enumerate(wanted)
        for i, f in zip(w.candidates, w.fits, strict=True)
    )
    chosen: dict[str, list[int]] = {}
    for _, _, request_id, i, n in pairs:
        request = wanted[n].request
        places = chosen.setdefault(request_id, [])
        cost = ask_cost(catalog, request.activity)
        if len(places) < wanted[n].needed and capacity.room(i, request.activity, cost):
            places.append(i)
            capacity.take(i, request.activity, cost)
    for w in wanted:
        places = chosen.get(w.request.id, [])
        if len(places) < w.needed:
            for i in places:
                capacity.take(
                    i, w.request.activity, ask_cost(catalog, w.request.activity), -1
                )
            chosen.pop(w.request.id, None)
    return {k: tuple(v) for k, v in chosen.items()}


def _check_requests(
    requests: Iterable[ReferenceRequest], owner: str
) -> list[ReferenceRequest]:
    batch = unique_ids(owner, "requests", requests, REQUEST, noun="request")
    return [batch[i] for i in sorted(batch)]


def _is_method(value: object) -> Refusal | None:
    if value in ("optimal", "greedy"):
        return None
    return Refusal("'optimal' or 'greedy'")


def assign_requests(
    requests: Iterable[ReferenceRequest],
    advocates: Iterable[Advocate],
    activities: Iterable[Activity] = (),
    *,
    accounts: Mapping[str, Account],
    as_of: pendulum.Date,
    scores: Mapping[str, int] | None = None,
    commitments: Iterable[Commitment] = (),
    policies: Policies | None = None,
    method: Method = "optimal",
) -> BatchAssignment:
    """Assign a whole batch of requests at once, optimally.

    Fills the most requests, weighted by priority, then maximises total fit,
    without exceeding any advocate's capacity across the batch: one ask per
    advocate by default (`MatchPolicy.asks_per_batch`), and within the
    quarter's reference-call cap and tier time budget. A request needing k
    advocates is filled only by k distinct advocates, or not at all.

    Args:
        requests: The batch (unique ids).
        advocates: Everyone who might be asked.
        activities: Activity records (rest periods, caps, load).
        accounts: Account id to account, for every advocate's account.
        as_of: The date of the batch.
        scores: Advocate id to score, for the fit's small score preference.
        commitments: Asks already in flight (they count against caps).
        policies: The match policy, activity catalog and tier policy;
            `Policies.default()` if `None`.
        method: `"optimal"` (the default) or `"greedy"`, the baseline.

    Returns:
        Per request, its advocates with their fit, or why it was not filled;
        each advocate's load; whether the result is proven optimal. It keeps
        its inputs to answer `why_not` and `capacity` on demand.

    Python's cyclic garbage collector is paused while the batch is built (a
    large batch makes millions of small objects and no cycles, and the
    collector's runs would find nothing) and restored after, even on error.

    Raises:
        InvalidValueError: Two requests share an id, or `method` is unknown.
        UnknownKeyError: An advocate's account is missing from `accounts`.
        InvalidTypeError: An argument is of the wrong kind (named).
    """
    owner = "assign_requests"
    day = as_date(owner, "as_of", as_of)
    require(owner, "method", method, _is_method)
    policies = policies_for(owner, policies)
    batch = _check_requests(requests, owner)
    with paused_collection():
        return _assign(
            batch,
            advocates,
            activities,
            accounts=accounts,
            day=day,
            scores=scores,
            commitments=commitments,
            policies=policies,
            method=method,
        )


def _assign(
    batch: Sequence[ReferenceRequest],
    advocates: Iterable[Advocate],
    activities: Iterable[Activity],
    *,
    accounts: Mapping[str, Account],
    day: pendulum.Date,
    scores: Mapping[str, int] | None,
    commitments: Iterable[Commitment],
    policies: Policies,
    method: str,
) -> BatchAssignment:
    """`assign_requests` once its arguments are checked."""
    owner = "assign_requests"
    pool = Pool(
        advocates,
        activities,
        accounts=accounts,
        as_of=day,
        scores=scores,
        commitments=commitments,
        policies=policies,
        owner=owner,
    )
    wanted = _wanted(pool, batch)
    groups = _groups(wanted, policies.match, policies.catalog)
    solved = _solve(wanted, pool, groups, method)
    result = _result(pool, wanted, solved, day=day, method=method, groups=groups)
    object.__setattr__(result, "_inputs", _Inputs(pool, wanted, groups, method, solved))
    return result


def _wanted(pool: Pool, batch: Sequence[ReferenceRequest]) -> list[_Wanted]:
    """Each request with its candidates, their fits and the exclusion counts."""
    wanted = []
    for request in batch:
        want = Want.of(request, pool.policies.match)
        places, fits = pool.candidates(request, want)
        wanted.append(
            _Wanted(
                request,
                want,
                tuple(places),
                tuple(fits),
                pool.exclusions(request, want),
                request.priority,
                request.advocates_needed,
            )
        )
    return wanted


@attrs.frozen
class _Chosen:
    """A batch solved: each filled request's advocates, and what is proven."""

    chosen: dict[str, tuple[int, ...]]
    optimal: bool
    priority_gap: int | None
    fit_gap: float | None
    flows: int


def _solve(
    wanted: Sequence[_Wanted],
    pool: Pool,
    groups: Sequence[tuple[ActivityType, ...]],
    method: str,
    forced: tuple[str, int] | None = None,
) -> _Chosen:
    """Solve the batch by `method`, each group in turn.

    `forced`: a request and an advocate given it before anything is solved
    (their ask taken from the advocate's capacity; `wanted` already holds
    the request as `_forcing` made it).
    """
    policies = pool.policies
    capacity = _Capacity.of(pool)
    fixed: dict[str, tuple[int, ...]] = {}
    if forced is not None:
        request_id, i = forced
        activity = next(
            w.request.activity for w in wanted if w.request.id == request_id
        )
        capacity.take(i, activity, ask_cost(policies.catalog, activity))
        fixed[request_id] = (i,)
    if method == "greedy":
        chosen = _greedy(wanted, capacity, policies.catalog)
        return _Chosen(
            _joined(fixed, chosen),
            optimal=False,
            priority_gap=None,
            fit_gap=None,
            flows=0,
        )
    chosen = {}
    proven, priority_gap, fit_units, flows = True, 0, 0, 0
    for group in groups:
        members = [w for w in wanted if w.request.activity in group]
        solved = _solve_group(
            members, capacity, policies.catalog, policies.match.node_limit
        )
        by_id = {w.request.id: w.request for w in members}
        for request_id, places in solved.chosen.items():
            activity = by_id[request_id].activity
            for i in places:
                capacity.take(i, activity, ask_cost(policies.catalog, activity))
        chosen |= solved.chosen
        flows += solved.solution.nodes
        proven = proven and solved.solution.proven
        priority_gap += solved.priority_gap
        fit_units += solved.fit_gap
    return _Chosen(
        _joined(fixed, chosen),
        optimal=proven,
        priority_gap=priority_gap,
        fit_gap=fit_units / FIT_SCALE if not priority_gap else None,
        flows=flows,
    )


def _joined(
    fixed: Mapping[str, tuple[int, ...]], chosen: Mapping[str, tuple[int, ...]]
) -> dict[str, tuple[int, ...]]:
    """The solver's choice with the forced advocate put back on their request."""
    return {**chosen, **{r: places + chosen.get(r, ()) for r, places in fixed.items()}}


def _forcing(wanted: Sequence[_Wanted], request_id: str, i: int) -> list[_Wanted]:
    """The batch with advocate `i` given `request_id`: left to find, the rest.

    The request then needs one advocate fewer, not `i`, and outranks every
    other request (its priority exceeds theirs together), so the solver
    fills it whenever it can be filled.
    """
    above = sum(w.priority for w in wanted) + 1
    forced = []
    for w in wanted:
        if w.request.id != request_id:
            forced.append(w)
            continue
        others = [n for n, j in enumerate(w.candidates) if j != i]
        forced.append(
            attrs.evolve(
                w,
                candidates=tuple(w.candidates[n] for n in others),
                fits=tuple(w.fits[n] for n in others),
                priority=w.priority + above,
                needed=w.needed - 1,
            )
        )
    return forced


@attrs.frozen
class _Inputs:
    """The solved batch's inputs, for the answers worked out on demand."""

    pool: Pool
    wanted: Sequence[_Wanted]
    groups: Sequence[tuple[ActivityType, ...]]
    method: str
    solved: _Chosen

    def _advocate(self, owner: str, advocate_id: str) -> int:
        i = self.pool.position(advocate_id)
        if i is None:
            raise UnknownKeyError(
                owner, "advocate_id", advocate_id, "an advocate the batch was given"
            )
        return i

    def why_not(
        self, batch: BatchAssignment, request_id: str, advocate_id: str
    ) -> WhyNot:
        outcome = batch[request_id]
        i = self._advocate("BatchAssignment.why_not", advocate_id)
        (w,) = (w for w in self.wanted if w.request.id == request_id)
        pool = self.pool
        eligibility = evaluate(
            pool.advocates[i],
            pool.accounts[i],
            w.request,
            history=pool.histories[i],
            as_of=pool.as_of,
            policies=pool.policies,
        )
        given = [
            (o, m) for o in batch for m in o.matches if m.advocate_id == advocate_id
        ]
        elsewhere = tuple(
            Placement(o.request_id, o.priority, m.fit.value)
            for o, m in given
            if o.request_id != request_id
        )
        tradeoff = None
        if not eligibility.eligible:
            verdict, elsewhere = Verdict.INELIGIBLE, ()
        elif any(o.request_id == request_id for o, _ in given):
            verdict, elsewhere = Verdict.ASSIGNED, ()
        else:
            verdict = Verdict.ASSIGNED_ELSEWHERE if elsewhere else Verdict.UNUSED
            tradeoff = self._tradeoff(w, i)
        return WhyNot(
            request_id=request_id,
            advocate_id=advocate_id,
            verdict=verdict,
            eligibility=eligibility,
            fit=pool.explained(i, w.want) if eligibility.eligible else None,
            elsewhere=elsewhere,
            given=outcome.matches,
            tradeoff=tradeoff,
        )

    def _tradeoff(self, w: _Wanted, i: int) -> Tradeoff | None:
        """The batch solved again with advocate `i` given `w`'s request."""
        if len(w.candidates) < w.needed:
            return None  # it cannot be filled at all
        with paused_collection():
            forced = _solve(
                _forcing(self.wanted, w.request.id, i),
                self.pool,
                self.groups,
                self.method,
                forced=(w.request.id, i),
            )
        if len(forced.chosen[w.request.id]) < w.request.advocates_needed:
            return None  # the others it needs were used up before it was solved
        before = _totals(self.wanted, self.solved.chosen)
        after = _totals(self.wanted, forced.chosen)
        return Tradeoff(
            priority_lost=before[0] - after[0],
            fit_lost=(before[1] - after[1]) / FIT_SCALE,
            unfilled=tuple(sorted(set(self.solved.chosen) - set(forced.chosen))),
            proven=forced.optimal,
        )

    def capacity(self, batch: BatchAssignment, advocate_id: str) -> Capacity:
        i = self._advocate("BatchAssignment.capacity", advocate_id)
        pool = self.pool
        advocate = pool.advocates[i]
        mine = [c for c in batch.commitments() if c.advocate_id == advocate_id]
        history = History.build(
            pool.done[i], [*pool.asked[i], *mine], pool.policies.catalog
        )
        left = pool.policies.match.asks_per_batch - batch.load.get(advocate_id, 0)
        return capacity_of(
            advocate, history, pool.as_of, pool.policies, batch_asks=left
        )


def _totals(
    wanted: Sequence[_Wanted], chosen: Mapping[str, tuple[int, ...]]
) -> tuple[int, int]:
    """Priority filled and fit in millionths, as the solver counts them."""
    priority = units = 0
    for w in wanted:
        places = chosen.get(w.request.id, ())
        if places:
            priority += w.request.priority
            fits = dict(zip(w.candidates, w.fits, strict=True))
            units += sum(round(fits[i] * FIT_SCALE) for i in places)
    return priority, units


def _result(
    pool: Pool,
    wanted: Sequence[_Wanted],
    solved: _Chosen,
    *,
    day: pendulum.Date,
    method: str,
    groups: Sequence[tuple[ActivityType, ...]],
) -> BatchAssignment:
    """Turn the chosen advocates into explained outcomes."""
    chosen = solved.chosen
    # Built from checked parts; the tests rebuild them checked.
    assigned, outcome = unchecked(AssignedAdvocate), unchecked(RequestOutcome)
    holder: dict[int, list[str]] = {}
    for request_id, places in chosen.items():
        for i in places:
            holder.setdefault(i, []).append(request_id)
    outcomes = []
    for w in wanted:
        request = w.request
        places = chosen.get(request.id, ())
        matches = sorted(
            (
                assigned(
                    advocate_id=pool.advocates[i].id, fit=pool.explained(i, w.want)
                )
                for i in places
            ),
            key=lambda m: (-m.fit.value, m.advocate_id),
        )
        unfilled = None
        # Its eligible advocates given to other requests, and those requests:
        # an advocate's requests are distinct, so any but [this one] counts.
        only_this = [request.id]
        given = [holder[i] for i in w.candidates if i in holder]
        taken = [rs for rs in given if rs != only_this]
        taken_by = tuple(sorted({r for rs in taken for r in rs} - {request.id}))
        if not places:
            if not w.candidates:
                unfilled = Unfilled.NO_ELIGIBLE
            elif len(w.candidates) < request.advocates_needed:
                unfilled = Unfilled.TOO_FEW_ELIGIBLE
            else:
                unfilled = Unfilled.NEEDED_ELSEWHERE
        outcomes.append(
            outcome(
                request_id=request.id,
                activity=request.activity,
                priority=request.priority,
                needed=request.advocates_needed,
                matches=tuple(matches),
                eligible=len(w.candidates),
                excluded=by_count(w.excluded),
                unfilled=unfilled,
                taken=len(taken),
                taken_by=taken_by,
            )
        )
    load = Counter(pool.advocates[i].id for places in chosen.values() for i in places)
    return BatchAssignment(
        as_of=day,
        method=method,
        outcomes=tuple(outcomes),
        load=dict(sorted(load.items())),
        optimal=solved.optimal,
        priority_gap=solved.priority_gap,
        fit_gap=solved.fit_gap,
        groups=tuple(groups),
        flows=solved.flows,
    )
