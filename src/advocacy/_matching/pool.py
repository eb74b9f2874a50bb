"""The advocate pool, prepared once per call for one request or a whole batch.

`Pool` indexes the advocates once: their histories, fit offers (and each
advocate's own fit terms, score and rest), recent load, and per activity
type the advocates no type-level or time rule excludes. Per request it
counts every rule's exclusions (`exclusions`, the one count `rank_candidates`
and `assign_requests` report) and lists the eligible advocates with their
fits (`candidates`), both from indexes: advocates by account, and per
required factor by the key they offer, each wanted key's full matches found
once by the factor's own rule. The pair work left is the request's own
checks and the fit's varying terms, each term worked out once per distinct
pair of keys; the results are exactly those of `check_eligibility` and
`combine(values(...))` pair by pair (the tests prove it on random batches).

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Final, TypeAlias, cast

import attrs
import pendulum

from advocacy._internal.checks import instance_of, integer, optional
from advocacy._internal.validation import require, require_each, unique_ids
from advocacy._matching.capacity import History
from advocacy._matching.eligibility import (
    Ineligibility,
    timed_reasons,
    type_reasons,
)
from advocacy._matching.fit import (
    RULES,
    Fit,
    Offer,
    Want,
    explain,
    own_values,
    weights_of,
)
from advocacy._matching.policy import FitFactor, Policies
from advocacy._model.checks import ACTIVITY, ADVOCATE, COMMITMENT
from advocacy._model.customers import Account, Advocate, account_of
from advocacy._model.enums import ActivityType
from advocacy._model.records import Activity, Commitment, ReferenceRequest

__all__ = ["Pool"]

_Keys: TypeAlias = tuple[tuple[int, Hashable], ...]
"""Factors by number, each with a key (or `None`)."""


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
        self._year_ago = as_of.subtract(months=12)
        self.accounts = [account_of(a, accounts, owner) for a in self.advocates]
        done: dict[str, list[Activity]] = {a.id: [] for a in self.advocates}
        for activity in require_each(owner, "activities", activities, ACTIVITY):
            done.get(activity.advocate_id, []).append(activity)
        asked: dict[str, list[Commitment]] = {a.id: [] for a in self.advocates}
        for commitment in require_each(owner, "commitments", commitments, COMMITMENT):
            asked.get(commitment.advocate_id, []).append(commitment)
        self.done = [done[a.id] for a in self.advocates]
        self.asked = [asked[a.id] for a in self.advocates]
        self.histories = [
            History.build(records, asks, policies.catalog)
            for records, asks in zip(self.done, self.asked, strict=True)
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
        self.weights = weights_of(policies.match)
        self._position = {a.id: i for i, a in enumerate(self.advocates)}
        self._account_ids = [account.id for account in self.accounts]
        self._approval = [account.policy.approval_required for account in self.accounts]
        self._by_account: dict[str | None, list[int]] = {}
        for i, account_id in enumerate(self._account_ids):
            self._by_account.setdefault(account_id, []).append(i)
        self._approval_by_account = Counter(
            account_id
            for account_id, needed in zip(
                self._account_ids, self._approval, strict=True
            )
            if needed
        )
        self._approval_total = self._approval_by_account.total()
        # Per matchable factor, the distinct keys advocates offer
        # (`RULES[n].offered`), each advocate's by its code (its position).
        self._distinct: list[list[Hashable]] = []
        self._codes: list[list[int]] = []
        for rule in RULES:
            code: dict[Hashable, int] = {}
            self._codes.append(
                [
                    code.setdefault(rule.offered(offer), len(code))
                    for offer in self.offers
                ]
            )
            self._distinct.append(list(code))
        score_weight, rest_weight = self.weights[len(RULES) :]
        own = [own_values(offer, as_of, policies.match) for offer in self.offers]
        self._score_terms = [score_weight * scored for scored, _ in own]
        self._rest_terms = [rest_weight * rested for _, rested in own]
        self._open: dict[
            ActivityType, tuple[list[int], set[int], Counter[Ineligibility]]
        ] = {}
        self._by_code: dict[FitFactor, list[list[int]]] = {}
        self._fulls: dict[tuple[FitFactor, Hashable], set[int]] = {}
        self._matches: dict[_Keys, list[int]] = {}
        self._open_matched: dict[tuple[ActivityType, _Keys], list[int]] = {}
        self._terms: dict[tuple[FitFactor, Hashable], list[float]] = {}
        self._joints: dict[
            tuple[int, ...], tuple[list[int], list[tuple[int, ...]]]
        ] = {}
        self._shapes: dict[Want, tuple[_Keys, _Keys]] = {}
        self._plans: dict[_Keys, _FitPlan] = {}

    def open_for(
        self, activity: ActivityType
    ) -> tuple[list[int], set[int], Counter[Ineligibility]]:
        """Advocates no type-level or timed rule excludes, and the others' reasons.

        The open advocates come in pool order and as a set.
        """
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
            self._open[activity] = (open_, set(open_), counts)
        return self._open[activity]

    def exclusions(
        self, request: ReferenceRequest, want: Want
    ) -> Counter[Ineligibility]:
        """How many advocates each rule excludes from `request`: the one count.

        Every advocate is counted under every rule that excludes them, as
        `check_eligibility` would list it for them (what `rank_candidates`
        shows one by one and `assign_requests` counts per request). The
        type-level and timed rules are counted once per activity type; the
        request's own rules from indexes, without visiting each advocate.
        """
        keys, _ = self._shape(want)
        approved = request.approved_accounts
        own = (
            (
                Ineligibility.APPROVAL_NEEDED,
                self._approval_total
                - sum(self._approval_by_account.get(a, 0) for a in approved),
            ),
            (
                Ineligibility.SAME_COMPANY,
                len(self._by_account.get(request.prospect.account_id, ())),
            ),
            (Ineligibility.EXCLUDED, len(self._position.keys() & request.excluded)),
            (
                Ineligibility.MISMATCH,
                len(self.advocates) - len(self._full_match(keys)) if keys else 0,
            ),
        )
        counts = self.open_for(request.activity)[2].copy()
        for kind, count in own:
            if count:  # only the rules that exclude someone
                counts[kind] += count
        return counts

    def candidates(
        self, request: ReferenceRequest, want: Want
    ) -> tuple[list[int], list[float]]:
        """The eligible advocates for `request`, in pool order, and their fits.

        The advocates no type-level or timed rule excludes, narrowed by the
        required factors' indexes, less those the request's own rules
        exclude (`pair_reasons`: approval, the prospect's company, the
        request's exclusions). Each fit is `combine(values(...))` to the
        last bit: the same terms added in the same order, with each
        advocate's own terms (score, rest) worked out once per pool and each
        factor's term once per distinct key. The varying factors' part is
        summed once per combination of the advocates' keys (`_joint`), or,
        for a request with fewer pairs than combinations, a term at a time
        over its candidates; either way in `combine`'s order.
        """
        keys, shape = self._shape(want)
        eligible = self._open_matches(request.activity, keys)
        blocked = self._blocked(request)
        if blocked:
            eligible = [i for i in eligible if i not in blocked]
        if self._approval_total:
            approved = request.approved_accounts
            needs, accounts = self._approval, self._account_ids
            eligible = [i for i in eligible if not needs[i] or accounts[i] in approved]
        plan = self._fit_plan(shape)
        if not plan.weight_sum:
            return eligible, [0.0] * len(eligible)
        scores, rests, weight_sum = self._score_terms, self._rest_terms, plan.weight_sum
        if plan.parts is None and len(plan.combinations) <= len(eligible):
            # The factors' part once per combination of keys, then per pair.
            plan.parts = [plan.part(keys) for keys in plan.combinations]
        if plan.parts is not None:
            parts, codes = plan.parts, plan.codes
            return eligible, [
                (parts[codes[i]] + scores[i] + rests[i]) / weight_sum for i in eligible
            ]
        # More combinations than pairs: the running sums, a term at a time.
        totals = [plan.head] * len(eligible)
        for n, terms in plan.steps:
            if n is None:
                term = terms[0]  # a constant term, after a varying one
                totals = [total + term for total in totals]
            else:
                by_code = self._codes[n]
                totals = [
                    total + terms[by_code[i]]
                    for total, i in zip(totals, eligible, strict=True)
                ]
        return eligible, [
            (total + scores[i] + rests[i]) / weight_sum
            for total, i in zip(totals, eligible, strict=True)
        ]

    def _joint(
        self, varying: tuple[int, ...]
    ) -> tuple[list[int], list[tuple[int, ...]]]:
        """Per advocate, a code for its keys of the factors `varying` together.

        Returns the codes (by pool index) and the combinations of keys'
        codes, by code. Worked out once per pool and set of factors.
        """
        if varying not in self._joints:
            columns = [self._codes[n] for n in varying]
            table: dict[tuple[int, ...], int] = {}
            rows = (
                zip(*columns, strict=True)
                if columns
                else itertools.repeat((), len(self.offers))
            )
            codes = [table.setdefault(row, len(table)) for row in rows]
            self._joints[varying] = (codes, list(table))
        return self._joints[varying]

    def _open_matches(self, activity: ActivityType, keys: _Keys) -> list[int]:
        """The open advocates (`open_for`) who fully match the required `keys`.

        In pool order; listed once per activity type and combination of keys.
        """
        open_, open_set, _ = self.open_for(activity)
        if not keys:
            return open_
        if (activity, keys) not in self._open_matched:
            self._open_matched[activity, keys] = [
                i for i in self._full_match(keys) if i in open_set
            ]
        return self._open_matched[activity, keys]

    def _blocked(self, request: ReferenceRequest) -> set[int]:
        """Advocates at the prospect's company or excluded by the request."""
        blocked = set(self._by_account.get(request.prospect.account_id, ()))
        blocked.update(
            self._position[advocate_id]
            for advocate_id in request.excluded
            if advocate_id in self._position
        )
        return blocked

    def _shape(self, want: Want) -> tuple[_Keys, _Keys]:
        """The factors `want` specifies, by number, with its keys.

        Returns the required ones with their keys (what the full-match
        index is looked up by), and the shape of its fit: every specified
        factor in order, a required one with `None` (its value is 1 for
        every candidate) and any other with its key. Once per distinct want.
        """
        found = self._shapes.get(want)
        if found is None:
            required = self.policies.match.required
            keys: list[tuple[int, Hashable]] = []
            shape: list[tuple[int, Hashable]] = []
            for n, rule in enumerate(RULES):
                wanted = rule.wanted(want)
                if wanted is None:
                    continue
                if rule.factor in required:
                    keys.append((n, wanted))
                    shape.append((n, None))
                else:
                    shape.append((n, wanted))
            found = self._shapes[want] = (tuple(keys), tuple(shape))
        return found

    def _fit_plan(self, shape: _Keys) -> _FitPlan:
        """The fit's terms for a shape of request (`_shape`), in `combine`'s order.

        A required factor's value is 1 for every candidate, so its term is
        its weight. Once per shape.
        """
        if shape not in self._plans:
            head = weight_sum = 0.0
            steps: list[tuple[int | None, list[float]]] = []
            for n, wanted in shape:
                weight = self.weights[n]
                weight_sum += weight
                if wanted is not None:
                    steps.append((n, self._terms_of(n, wanted, weight)))
                elif steps:
                    steps.append((None, [weight * 1.0]))
                else:
                    head += weight * 1.0
            for weight in self.weights[len(RULES) :]:
                weight_sum += weight
            codes, combinations = self._joint(
                tuple(n for n, _ in steps if n is not None)
            )
            self._plans[shape] = _FitPlan(head, steps, weight_sum, codes, combinations)
        return self._plans[shape]

    def _terms_of(self, n: int, wanted: Hashable, weight: float) -> list[float]:
        """Factor `n`'s term, `weight x value`, for each distinct key offered.

        Worked out once per wanted key. A specified factor always has a
        value (`FactorRule`), never `None`.
        """
        rule = RULES[n]
        terms = self._terms.get((rule.factor, wanted))
        if terms is None:
            policy = self.policies.match
            terms = [
                weight * cast("float", rule.value(wanted, key, policy))
                for key in self._distinct[n]
            ]
            self._terms[rule.factor, wanted] = terms
        return terms

    def _full_match(self, keys: _Keys) -> list[int]:
        """Advocates whose every required factor in `keys` is 1, in pool order.

        `keys` are a request's required keys (`_shape`), at least one. Each factor's
        set for a wanted key is found once per pool, by the factor's own rule
        over the distinct keys advocates offer; the sets are intersected
        smallest first, and the advocates listed once per combination.
        """
        if keys not in self._matches:
            found = sorted((self._full(n, wanted) for n, wanted in keys), key=len)
            self._matches[keys] = sorted(found[0].intersection(*found[1:]))
        return self._matches[keys]

    def _full(self, n: int, wanted: Hashable) -> set[int]:
        """Advocates whose value of factor `n` for `wanted` is exactly 1."""
        rule = RULES[n]
        cached = self._fulls.get((rule.factor, wanted))
        if cached is None:
            if rule.factor not in self._by_code:
                people: list[list[int]] = [[] for _ in self._distinct[n]]
                for i, code in enumerate(self._codes[n]):
                    people[code].append(i)
                self._by_code[rule.factor] = people
            policy = self.policies.match
            cached = {
                i
                for key, holders in zip(
                    self._distinct[n], self._by_code[rule.factor], strict=True
                )
                if rule.value(wanted, key, policy) == 1.0
                for i in holders
            }
            self._fulls[rule.factor, wanted] = cached
        return cached

    def recent_uses(self, i: int) -> int:
        """Advocate `i`'s activities in the last 12 months and asks in flight."""
        history = self.histories[i]
        return history.recent(self._year_ago, self.as_of) + len(self.asked[i])

    def position(self, advocate_id: str) -> int | None:
        """The pool index of an advocate, or `None` if not in the pool."""
        return self._position.get(advocate_id)

    def explained(self, i: int, want: Want) -> Fit:
        """The fit of advocate `i` with its breakdown."""
        return explain(
            self.offers[i],
            want,
            as_of=self.as_of,
            policy=self.policies.match,
            weights=self.weights,
        )


@attrs.define
class _FitPlan:
    """The fit's terms for one shape of request, in `combine`'s order.

    `head` sums the leading constant terms; each step after it is a varying
    factor (its number and the term of each code of its keys) or a constant
    term (no number, one term). `codes` gives each advocate's combination of
    the varying factors' keys (`Pool._joint`), and `parts` the factors' part
    of the fit per combination, once a request has needed them.
    """

    head: float
    steps: list[tuple[int | None, list[float]]]
    weight_sum: float
    codes: list[int]
    combinations: list[tuple[int, ...]]
    parts: list[float] | None = None

    def part(self, keys: tuple[int, ...]) -> float:
        """The factors' part for one combination: each varying step's code.

        The terms are added in `combine`'s order, as the running sums add
        them.
        """
        total, at = self.head, iter(keys)
        for n, terms in self.steps:
            total += terms[0 if n is None else next(at)]
        return total


_MAPPING: Final = instance_of(Mapping, "a mapping of account id to Account")
_SCORE: Final = integer(0)
_OPTIONAL_MAPPING: Final = optional(
    instance_of(Mapping, "a mapping of advocate id to score")
)
