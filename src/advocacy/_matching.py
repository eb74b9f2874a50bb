"""Ranking the candidates for one request; the advocate pool shared with batches.

`rank_candidates` lists the eligible advocates for one request, best fit
first (ties: fewer recent uses, then id), and counts the reasons that
excluded the rest. `Pool` prepares the advocates once per call, for one
request or a whole batch (`advocacy._batch`): histories, fit offers, and per
activity type the advocates no type-level or time rule excludes, with
indexes for the factors the policy requires.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import pendulum

from advocacy._catalog import ActivityCatalog
from advocacy._eligibility import (
    Context,
    Eligibility,
    History,
    Ineligibility,
    account_of,
    context_for,
    evaluate,
    pair_reasons,
    timed_reasons,
    type_reasons,
)
from advocacy._fit import Fit, Offer, Want, combine, explain, values, weights_of
from advocacy._match_policy import FitFactor, MatchPolicy
from advocacy._model import (
    Account,
    Activity,
    ActivityType,
    Advocate,
    Commitment,
    ReferenceRequest,
)
from advocacy._tiers import TierPolicy
from advocacy._validation import as_date, instance_of, optional, require
from advocacy.exceptions import InvalidValueError

__all__ = ["Candidate", "CandidateRanking", "rank_candidates"]

_SET_FACTORS: Final = {FitFactor.USE_CASES: "use_cases", FitFactor.PRODUCTS: "products"}
_ONE_FACTORS: Final = {
    FitFactor.INDUSTRY: "industry",
    FitFactor.SIZE: "size",
    FitFactor.REGION: "region",
    FitFactor.PERSONA: "persona",
}


class Pool:
    """The advocates, prepared once for every request of a call."""

    def __init__(
        self,
        advocates: Iterable[Advocate],
        activities: Iterable[Activity],
        *,
        accounts: Mapping[str, Account],
        as_of: pendulum.Date,
        scores: Mapping[str, int] | None,
        commitments: Iterable[Commitment],
        context: Context,
        owner: str,
    ) -> None:
        require(owner, "accounts", accounts, _MAPPING)
        require(owner, "scores", scores, _OPTIONAL_MAPPING)
        listed = list(advocates)
        for index, advocate in enumerate(listed):
            require(owner, f"advocates[{index}]", advocate, _ADVOCATE)
        ids = [a.id for a in listed]
        if len(set(ids)) != len(ids):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            raise InvalidValueError(owner, "advocates", repeated, "unique advocate ids")
        self.advocates = sorted(listed, key=lambda a: a.id)
        self.as_of, self.context = as_of, context
        self.accounts = [account_of(a, accounts, owner) for a in self.advocates]
        done: dict[str, list[Activity]] = {a.id: [] for a in self.advocates}
        for index, activity in enumerate(activities):
            require(owner, f"activities[{index}]", activity, _ACTIVITY)
            done.get(activity.advocate_id, []).append(activity)
        asked: dict[str, list[Commitment]] = {a.id: [] for a in self.advocates}
        for index, commitment in enumerate(commitments):
            require(owner, f"commitments[{index}]", commitment, _COMMITMENT)
            asked.get(commitment.advocate_id, []).append(commitment)
        self.histories = [
            History.build(done[a.id], asked[a.id], context.catalog)
            for a in self.advocates
        ]
        given = {} if scores is None else scores
        self.offers = [
            Offer.of(
                advocate,
                account,
                score=given.get(advocate.id),
                last_activity=history.last_on_or_before(as_of),
                policy=context.policy,
            )
            for advocate, account, history in zip(
                self.advocates, self.accounts, self.histories, strict=True
            )
        ]
        self.recent = [
            history.recent(as_of) + len(asked[a.id])
            for a, history in zip(self.advocates, self.histories, strict=True)
        ]
        self.weights = weights_of(context.policy)
        self._open: dict[ActivityType, tuple[list[int], Counter[Ineligibility]]] = {}
        self._index: dict[tuple[ActivityType, FitFactor], dict[object, set[int]]] = {}

    def open_for(
        self, activity: ActivityType
    ) -> tuple[list[int], Counter[Ineligibility]]:
        """Advocates no type-level or timed rule excludes, and the others' reasons."""
        if activity not in self._open:
            open_, counts = [], Counter[Ineligibility]()
            for i, advocate in enumerate(self.advocates):
                reasons = type_reasons(
                    advocate, self.accounts[i], activity, self.context
                )
                reasons += timed_reasons(
                    advocate, activity, self.histories[i], self.as_of, self.context
                )
                if reasons:
                    counts.update(r.kind for r in reasons)
                else:
                    open_.append(i)
            self._open[activity] = (open_, counts)
        return self._open[activity]

    def candidates(
        self, request: ReferenceRequest, want: Want
    ) -> tuple[list[tuple[int, float]], Counter[Ineligibility]]:
        """The eligible advocates for `request` with fits; the others' reasons.

        Each pair's factor values are computed once, for the required-factor
        rule and the fit alike.
        """
        open_, type_counts = self.open_for(request.activity)
        counts = Counter(type_counts)
        narrowed = self._matching(request.activity, want, open_)
        if len(narrowed) < len(open_):
            counts[Ineligibility.MISMATCH] += len(open_) - len(narrowed)
        policy, weights, day = self.context.policy, self.weights, self.as_of
        eligible = []
        for i in narrowed:
            parts = values(self.offers[i], want, as_of=day, policy=policy)
            reasons = pair_reasons(
                self.advocates[i],
                self.accounts[i],
                request,
                matched=parts,
                context=self.context,
            )
            if reasons:
                counts.update(r.kind for r in reasons)
            else:
                eligible.append((i, combine(parts, weights)))
        return eligible, counts

    def _matching(
        self, activity: ActivityType, want: Want, open_: list[int]
    ) -> list[int]:
        """The open advocates matching every required factor, from indexes.

        A required factor the request does not specify constrains nothing.
        Without required factors every open advocate is a candidate.
        """
        keep: set[int] | None = None
        for factor in sorted(self.context.policy.required):
            wanted: Iterable[object]
            if factor in _SET_FACTORS:
                wanted = getattr(want, _SET_FACTORS[factor])
            else:
                one = getattr(want, _ONE_FACTORS[factor])
                wanted = () if one is None else (one,)
            index = self._index_of(activity, factor, open_)
            for key in wanted:
                found = index.get(key, set())
                keep = set(found) if keep is None else keep & found
        return open_ if keep is None else sorted(keep)

    def _index_of(
        self, activity: ActivityType, factor: FitFactor, open_: list[int]
    ) -> dict[object, set[int]]:
        """Open advocates by their value of `factor` (each item, for sets)."""
        if (activity, factor) not in self._index:
            index: dict[object, set[int]] = {}
            for i in open_:
                if factor in _SET_FACTORS:
                    keys = getattr(self.offers[i], _SET_FACTORS[factor])
                else:
                    keys = (getattr(self.offers[i], _ONE_FACTORS[factor]),)
                for key in keys:
                    index.setdefault(key, set()).add(i)
            self._index[activity, factor] = index
        return self._index[activity, factor]

    def explained(self, i: int, want: Want) -> Fit:
        """The fit of advocate `i` with its breakdown."""
        return explain(
            self.offers[i], want, as_of=self.as_of, policy=self.context.policy
        )


_MAPPING: Final = instance_of(Mapping, "a mapping of account id to Account")
_OPTIONAL_MAPPING: Final = optional(
    instance_of(Mapping, "a mapping of advocate id to score")
)
_ADVOCATE: Final = instance_of(Advocate, "an Advocate")
_ACTIVITY: Final = instance_of(Activity, "an Activity")
_COMMITMENT: Final = instance_of(Commitment, "a Commitment")
_REQUEST: Final = instance_of(ReferenceRequest, "a ReferenceRequest")


@attrs.frozen
class Candidate:
    """An eligible advocate for a request, with their fit.

    Attributes:
        advocate_id: The advocate.
        account_id: Their account.
        fit: How well they fit, with the breakdown.
        recent_uses: Activities in the last 12 months plus asks in flight
            (fewer ranks first among equal fits).
    """

    advocate_id: str
    account_id: str
    fit: Fit
    recent_uses: int


@attrs.frozen(repr=False)
class CandidateRanking:
    """The eligible advocates for one request, best first, and who was excluded.

    Attributes:
        request_id: The request.
        as_of: The date of the ranking.
        candidates: Eligible advocates, by fit (high first), then fewer
            recent uses, then id.
        excluded: How many advocates each rule excluded (an advocate
            excluded by two rules counts under both), most first.
        ineligible: Each excluded advocate's eligibility, with every reason
            and the date they become eligible again.
    """

    request_id: str
    as_of: pendulum.Date
    candidates: tuple[Candidate, ...]
    excluded: Mapping[Ineligibility, int]
    ineligible: tuple[Eligibility, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per candidate, ready for `pandas.DataFrame`."""
        return [
            {
                "rank": rank,
                "advocate_id": c.advocate_id,
                "account_id": c.account_id,
                "fit": c.fit.value,
                "recent_uses": c.recent_uses,
                **{f"fit_{p.factor.value}": p.value for p in c.fit.components},
            }
            for rank, c in enumerate(self.candidates, start=1)
        ]

    def explain(self) -> str:
        """The top candidates and the exclusion counts, in words."""
        lines = [
            f"{len(self.candidates)} eligible for {self.request_id} on {self.as_of}"
        ]
        lines += [
            f"  {rank}. {c.advocate_id} fit {c.fit.value:.3f}, {c.recent_uses} recent"
            for rank, c in enumerate(self.candidates[:10], start=1)
        ]
        lines += [
            f"  excluded by {kind.value}: {n}" for kind, n in self.excluded.items()
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        """`CandidateRanking(req-1: 12 eligible, best adv-0042 0.91)`."""
        count = f"{self.request_id}: {len(self.candidates)} eligible"
        if not self.candidates:
            return f"CandidateRanking({count})"
        top = self.candidates[0]
        return f"CandidateRanking({count}, best {top.advocate_id} {top.fit.value:.2f})"

    def _repr_html_(self) -> str:
        return table(
            ("rank", "advocate", "fit", "recent uses"),
            [
                (rank, c.advocate_id, f"{c.fit.value:.3f}", c.recent_uses)
                for rank, c in enumerate(self.candidates, start=1)
            ],
        )


def table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return (
        "<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + f"</tr>{cells}</table>"
    )


def by_count(counts: Counter[Ineligibility]) -> dict[Ineligibility, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0].value)))


def rank_candidates(
    request: ReferenceRequest,
    advocates: Iterable[Advocate],
    activities: Iterable[Activity] = (),
    *,
    accounts: Mapping[str, Account],
    as_of: pendulum.Date,
    scores: Mapping[str, int] | None = None,
    commitments: Iterable[Commitment] = (),
    policy: MatchPolicy | None = None,
    tier_policy: TierPolicy | None = None,
    catalog: ActivityCatalog | None = None,
) -> CandidateRanking:
    """The eligible advocates for one request, best fit first.

    Args:
        request: The request.
        advocates: Everyone who might be asked.
        activities: Activity records (for rest periods, caps and load).
        accounts: Account id to account, for every advocate's account.
        as_of: The date of the ask.
        scores: Advocate id to score, for the fit's small score preference.
        commitments: Asks already in flight (they count against caps).
        policy: The match policy; `MatchPolicy.default()` if `None`.
        tier_policy: The tier policy; `TierPolicy.default()` if `None`.
        catalog: The activity catalog; `ActivityCatalog.default()` if `None`.

    Returns:
        The candidates with their fit breakdowns, and for the others every
        reason and the date they become eligible again.

    Raises:
        UnknownKeyError: An advocate's account is missing from `accounts`.
        InvalidTypeError: An argument is of the wrong kind (named).
    """
    owner = "rank_candidates"
    require(owner, "request", request, _REQUEST)
    day = as_date(owner, "as_of", as_of)
    context = context_for(policy, tier_policy, catalog, owner)
    pool = Pool(
        advocates, activities, accounts=accounts, as_of=day, scores=scores,
        commitments=commitments, context=context, owner=owner,
    )  # fmt: skip
    want = Want.of(request, context.policy)
    candidates, ineligible = [], []
    for i, advocate in enumerate(pool.advocates):
        eligibility = evaluate(
            advocate, pool.accounts[i], request,
            history=pool.histories[i], as_of=day, context=context,
        )  # fmt: skip
        if eligibility.eligible:
            candidates.append(
                Candidate(
                    advocate_id=advocate.id,
                    account_id=advocate.account_id,
                    fit=pool.explained(i, want),
                    recent_uses=pool.recent[i],
                )
            )
        else:
            ineligible.append(eligibility)
    candidates.sort(key=lambda c: (-c.fit.value, c.recent_uses, c.advocate_id))
    counts = Counter(r.kind for e in ineligible for r in e.reasons)
    return CandidateRanking(
        request_id=request.id,
        as_of=day,
        candidates=tuple(candidates),
        excluded=by_count(counts),
        ineligible=tuple(ineligible),
    )
