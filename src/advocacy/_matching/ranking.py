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

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import pendulum

from advocacy._internal.checks import integer, repeated, text
from advocacy._internal.text import plural, table
from advocacy._internal.validation import as_date, check_fields, checked, require
from advocacy._matching.eligibility import (
    Eligibility,
    Ineligibility,
    evaluate,
)
from advocacy._matching.fit import (
    Fit,
    Want,
)
from advocacy._matching.policy import Policies, policies_for
from advocacy._matching.pool import Pool
from advocacy._model.checks import REQUEST
from advocacy._model.customers import Account, Advocate
from advocacy._model.records import Activity, Commitment, ReferenceRequest
from advocacy.exceptions import InvalidValueError

__all__ = ["Candidate", "CandidateRanking", "by_count", "rank_candidates"]


@attrs.frozen(repr=False)
class Candidate:
    """An eligible advocate for a request, with their fit.

    Attributes:
        advocate_id: The advocate.
        account_id: Their account.
        fit: How well they fit, with the breakdown.
        recent_uses: Activities in the last 12 months plus asks in flight
            (0 or more; fewer ranks first among equal fits).
    """

    advocate_id: str = attrs.field(metadata=checked(text))
    account_id: str = attrs.field(metadata=checked(text))
    fit: Fit
    recent_uses: int = attrs.field(metadata=checked(integer(0)))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    def __repr__(self) -> str:
        """`Candidate(adv-0042, fit 0.84, 2 recent uses)`."""
        return (
            f"Candidate({self.advocate_id}, fit {self.fit.value:.2f}, "
            f"{plural(self.recent_uses, 'recent use')})"
        )


def _rank_key(candidate: Candidate) -> tuple[float, int, str]:
    """Best first: higher fit, then fewer recent uses, then id."""
    return (-candidate.fit.value, candidate.recent_uses, candidate.advocate_id)


@attrs.frozen(repr=False)
class CandidateRanking:
    """The eligible advocates for one request, best first, and who was excluded.

    Attributes:
        request_id: The request.
        as_of: The date of the ranking.
        candidates: Eligible advocates, by fit (high first), then fewer
            recent uses, then id; each advocate once.
        excluded: How many advocates each rule excluded (an advocate
            excluded by two rules counts under both), most first: the
            reasons of `ineligible`, counted.
        ineligible: Each excluded advocate's eligibility for this request on
            `as_of`, with every reason (at least one) and the date they
            become eligible again; no advocate is both a candidate and
            ineligible.
    """

    request_id: str = attrs.field(metadata=checked(text))
    as_of: pendulum.Date
    candidates: tuple[Candidate, ...]
    excluded: Mapping[Ineligibility, int]
    ineligible: tuple[Eligibility, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the order and the counts."""
        check_fields(self)
        for index, (ahead, behind) in enumerate(
            itertools.pairwise(self.candidates), start=1
        ):
            if _rank_key(behind) <= _rank_key(ahead):
                raise InvalidValueError(
                    "CandidateRanking",
                    f"candidates[{index}]",
                    behind.advocate_id,
                    f"a candidate ranked after {ahead.advocate_id}: by fit (high "
                    "first), then fewer recent uses, then id",
                )
        ids = [c.advocate_id for c in self.candidates]
        if twice := repeated(ids):
            raise InvalidValueError(
                "CandidateRanking",
                "candidates",
                twice[0],
                "each advocate once",
                f"repeated: {', '.join(twice)}",
            )
        for index, eligibility in enumerate(self.ineligible):
            if (
                eligibility.request_id != self.request_id
                or eligibility.as_of != self.as_of
                or eligibility.eligible
            ):
                raise InvalidValueError(
                    "CandidateRanking",
                    f"ineligible[{index}]",
                    eligibility.advocate_id,
                    f"an advocate excluded from {self.request_id} on {self.as_of}"
                    ", with the reasons",
                )
        ids += [e.advocate_id for e in self.ineligible]
        if twice := repeated(ids):
            raise InvalidValueError(
                "CandidateRanking",
                "ineligible",
                twice[0],
                "advocates who are not candidates, each once",
                f"repeated: {', '.join(twice)}",
            )
        counted = by_count(Counter(r.kind for e in self.ineligible for r in e.reasons))
        if list(self.excluded.items()) != list(counted.items()):
            words = ", ".join(f"{kind.value} {n}" for kind, n in counted.items())
            raise InvalidValueError(
                "CandidateRanking",
                "excluded",
                {kind.value: n for kind, n in self.excluded.items()},
                f"the reasons of ineligible counted, most first ({words or 'none'})",
            )

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


def by_count(counts: Counter[Ineligibility]) -> dict[Ineligibility, int]:
    """Counts most first, ties by rule (a `StrEnum` sorts as its value)."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def rank_candidates(
    request: ReferenceRequest,
    advocates: Iterable[Advocate],
    activities: Iterable[Activity] = (),
    *,
    accounts: Mapping[str, Account],
    as_of: pendulum.Date,
    scores: Mapping[str, int] | None = None,
    commitments: Iterable[Commitment] = (),
    policies: Policies | None = None,
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
        policies: The match policy, activity catalog and tier policy;
            `Policies.default()` if `None`.

    Returns:
        The candidates with their fit breakdowns, and for the others every
        reason and the date they become eligible again.

    Raises:
        UnknownKeyError: An advocate's account is missing from `accounts`.
        InvalidTypeError: An argument is of the wrong kind (named).
    """
    owner = "rank_candidates"
    require(owner, "request", request, REQUEST)
    day = as_date(owner, "as_of", as_of)
    policies = policies_for(owner, policies)
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
    want = Want.of(request, policies.match)
    candidates, ineligible = [], []
    for i, advocate in enumerate(pool.advocates):
        eligibility = evaluate(
            advocate,
            pool.accounts[i],
            request,
            history=pool.histories[i],
            as_of=day,
            policies=policies,
        )
        if eligibility.eligible:
            candidates.append(
                Candidate(
                    advocate_id=advocate.id,
                    account_id=advocate.account_id,
                    fit=pool.explained(i, want),
                    recent_uses=pool.recent_uses(i),
                )
            )
        else:
            ineligible.append(eligibility)
    candidates.sort(key=_rank_key)
    return CandidateRanking(
        request_id=request.id,
        as_of=day,
        candidates=tuple(candidates),
        excluded=by_count(pool.exclusions(request, want)),
        ineligible=tuple(ineligible),
    )
