"""The advocate pool, prepared once per call for one request or a whole batch.

`Pool` indexes the advocates: their histories, fit offers, recent load, and
per activity type the advocates no type-level or time rule excludes, with
indexes for the factors the policy requires. `rank_candidates` and
`assign_requests` both build their candidate pairs from it, so they count
exclusions the same way.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Final

import pendulum

from advocacy._internal.checks import instance_of, integer, optional
from advocacy._internal.validation import require, unique_ids
from advocacy._matching.capacity import History
from advocacy._matching.eligibility import (
    Ineligibility,
    pair_reasons,
    timed_reasons,
    type_reasons,
)
from advocacy._matching.fit import (
    Fit,
    Offer,
    Want,
    combine,
    explain,
    values,
    weights_of,
)
from advocacy._matching.policy import FitFactor, Policies
from advocacy._model.checks import ACTIVITY, ADVOCATE, COMMITMENT
from advocacy._model.customers import Account, Advocate, account_of
from advocacy._model.enums import ActivityType
from advocacy._model.records import Activity, Commitment, ReferenceRequest

__all__ = ["Pool"]

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
        policies: Policies,
        owner: str,
    ) -> None:
        require(owner, "accounts", accounts, _MAPPING)
        require(owner, "scores", scores, _OPTIONAL_MAPPING)
        people = unique_ids(owner, "advocates", advocates, ADVOCATE, noun="advocate")
        self.advocates = [people[i] for i in sorted(people)]
        self.as_of, self.policies = as_of, policies
        self.accounts = [account_of(a, accounts, owner) for a in self.advocates]
        done: dict[str, list[Activity]] = {a.id: [] for a in self.advocates}
        for index, activity in enumerate(activities):
            require(owner, f"activities[{index}]", activity, ACTIVITY)
            done.get(activity.advocate_id, []).append(activity)
        asked: dict[str, list[Commitment]] = {a.id: [] for a in self.advocates}
        for index, commitment in enumerate(commitments):
            require(owner, f"commitments[{index}]", commitment, COMMITMENT)
            asked.get(commitment.advocate_id, []).append(commitment)
        self.histories = [
            History.build(done[a.id], asked[a.id], policies.catalog)
            for a in self.advocates
        ]
        known = {} if scores is None else scores
        given = {
            a.id: require(owner, f"scores[{a.id!r}]", known[a.id], _SCORE)
            for a in self.advocates
            if a.id in known
        }
        self.offers = [
            Offer.of(
                advocate,
                account,
                score=given.get(advocate.id),
                last_activity=history.last_on_or_before(as_of),
                policy=policies.match,
            )
            for advocate, account, history in zip(
                self.advocates, self.accounts, self.histories, strict=True
            )
        ]
        self.recent = [
            history.recent(as_of) + len(asked[a.id])
            for a, history in zip(self.advocates, self.histories, strict=True)
        ]
        self.weights = weights_of(policies.match)
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
                    advocate, self.accounts[i], activity, self.policies
                )
                reasons += timed_reasons(
                    advocate, activity, self.histories[i], self.as_of, self.policies
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
        policy, weights, day = self.policies.match, self.weights, self.as_of
        eligible = []
        for i in narrowed:
            parts = values(self.offers[i], want, as_of=day, policy=policy)
            reasons = pair_reasons(
                self.advocates[i],
                self.accounts[i],
                request,
                matched=parts,
                policies=self.policies,
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
        for factor in sorted(self.policies.match.required):
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
            self.offers[i], want, as_of=self.as_of, policy=self.policies.match
        )


_MAPPING: Final = instance_of(Mapping, "a mapping of account id to Account")
_SCORE: Final = integer(0)
_OPTIONAL_MAPPING: Final = optional(
    instance_of(Mapping, "a mapping of advocate id to score")
)
