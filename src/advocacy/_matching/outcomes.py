"""What a batch assignment returns: one explained outcome per request.

`BatchAssignment.why_not(request_id, advocate_id)` answers with a `WhyNot`:

- `ASSIGNED`: they were given the request;
- `INELIGIBLE`: a rule excludes them (the reasons, and when they may be
  asked again);
- `ASSIGNED_ELSEWHERE`: eligible, but given other requests instead (which,
  with their priority and the advocate's fit there);
- `UNUSED`: eligible and given nothing; the request went to others, or
  could not be filled.

For the last two the batch is solved again with the advocate forced onto
the request (and the request filled), by the same method (`Tradeoff`): the
priority and the fit the batch would lose, and the requests it would no
longer fill. A request with fewer eligible advocates than it needs cannot be
filled, forced or not: then there is no trade-off.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

import enum
import itertools
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any, Protocol

import attrs
import pendulum

from advocacy._internal.checks import (
    FRACTION,
    Refusal,
    integer,
    number,
    optional,
    repeated_hint,
    text,
)
from advocacy._internal.text import headline_repr, table
from advocacy._internal.validation import check_fields, checked
from advocacy._matching.capacity import Capacity
from advocacy._matching.eligibility import Eligibility, Ineligibility
from advocacy._matching.fit import Fit
from advocacy._matching.ranking import by_count
from advocacy._model.enums import ActivityType
from advocacy._model.records import Commitment
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = [
    "AssignedAdvocate",
    "BatchAssignment",
    "Placement",
    "RequestOutcome",
    "Tradeoff",
    "Unfilled",
    "Verdict",
    "WhyNot",
]


class Unfilled(enum.StrEnum):
    """Why a request was not filled."""

    NO_ELIGIBLE = "no_eligible"
    """No advocate may be asked for it."""

    TOO_FEW_ELIGIBLE = "too_few_eligible"
    """Fewer advocates may be asked than it needs."""

    NEEDED_ELSEWHERE = "needed_elsewhere"
    """Its eligible advocates were worth more to other requests."""


def _method(value: object) -> Refusal | None:
    return None if value in ("optimal", "greedy") else Refusal("'optimal' or 'greedy'")


@attrs.frozen(repr=False)
class AssignedAdvocate:
    """An advocate given to a request, with their fit.

    Attributes:
        advocate_id: The advocate.
        fit: How well they fit, with the breakdown.
    """

    advocate_id: str = attrs.field(metadata=checked(text))
    fit: Fit

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    def __repr__(self) -> str:
        """`AssignedAdvocate(adv-0042, fit 0.84)`."""
        return f"AssignedAdvocate({self.advocate_id}, fit {self.fit.value:.2f})"


def _match_key(match: AssignedAdvocate) -> tuple[float, str]:
    """Best fit first, ties by id (the order `assign_requests` lists them in)."""
    return (-match.fit.value, match.advocate_id)


@headline_repr
@attrs.frozen(repr=False)
class RequestOutcome:
    """What the batch did with one request, and why.

    Attributes:
        request_id: The request.
        activity: What it asks for.
        priority: Its weight in the batch (at least 1).
        needed: How many advocates it needs (at least 1).
        matches: The advocates given to it, best fit first (ties by id):
            exactly `needed` distinct advocates, or none (unfilled).
        eligible: How many advocates could have been asked (at least
            `needed` when filled).
        excluded: How many advocates each rule excluded, most first.
        unfilled: Why it was not filled (`NO_ELIGIBLE`: none eligible;
            `TOO_FEW_ELIGIBLE`: fewer than `needed`; `NEEDED_ELSEWHERE`: at
            least `needed`), or `None` if it was.
        taken: How many of its eligible advocates were given to other
            requests (0 to `eligible`), filled or not.
        taken_by: The other requests they were given to, in id order, each
            once (empty exactly when `taken` is 0).
    """

    request_id: str = attrs.field(metadata=checked(text))
    activity: ActivityType
    priority: int = attrs.field(metadata=checked(integer(1)))
    needed: int = attrs.field(metadata=checked(integer(1)))
    matches: tuple[AssignedAdvocate, ...]
    eligible: int = attrs.field(metadata=checked(integer(0)))
    excluded: Mapping[Ineligibility, int]
    unfilled: Unfilled | None
    taken: int = attrs.field(metadata=checked(integer(0)))
    taken_by: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the matches, counts and reason agree."""
        check_fields(self)
        self._check_matches()
        self._check_counts()
        self._check_excluded()

    def _check_matches(self) -> None:
        count = len(self.matches)
        if count not in (0, self.needed) or (count == 0) is (self.unfilled is None):
            raise InvalidValueError(
                "RequestOutcome",
                "matches",
                tuple(m.advocate_id for m in self.matches),
                f"exactly {self.needed} advocates (needed) when filled, none "
                "when unfilled",
            )
        for index, (ahead, behind) in enumerate(
            itertools.pairwise(self.matches), start=1
        ):
            if _match_key(behind) <= _match_key(ahead):
                raise InvalidValueError(
                    "RequestOutcome",
                    f"matches[{index}]",
                    behind.advocate_id,
                    f"an advocate ranked after {ahead.advocate_id}: by fit (high "
                    "first), then id, each advocate once",
                )

    def _check_counts(self) -> None:
        eligible, needed = self.eligible, self.needed
        if self.unfilled is Unfilled.NO_ELIGIBLE:
            fits = eligible == 0
            words = "0, since nobody was eligible (no_eligible)"
        elif self.unfilled is Unfilled.TOO_FEW_ELIGIBLE:
            fits = 0 < eligible < needed
            words = f"an integer from 1 to {needed - 1}, fewer than needed"
        else:
            fits = eligible >= needed
            words = f"an integer of at least needed ({needed})"
        if not fits:
            raise InvalidValueError("RequestOutcome", "eligible", eligible, words)
        if self.taken > eligible:
            raise InvalidValueError(
                "RequestOutcome",
                "taken",
                self.taken,
                f"an integer from 0 to eligible ({eligible})",
            )
        if (
            bool(self.taken_by) is not (self.taken > 0)
            or list(self.taken_by) != sorted(set(self.taken_by))
            or self.request_id in self.taken_by
        ):
            raise InvalidValueError(
                "RequestOutcome",
                "taken_by",
                self.taken_by,
                "the other requests its taken advocates went to, in id order, "
                "each once (empty exactly when taken is 0)",
            )

    def _check_excluded(self) -> None:
        counts = dict(self.excluded)
        if any(n < 1 for n in counts.values()) or list(counts.items()) != list(
            by_count(Counter(counts)).items()
        ):
            raise InvalidValueError(
                "RequestOutcome",
                "excluded",
                {kind.value: n for kind, n in counts.items()},
                "counts of at least 1, most first (ties by rule)",
            )

    @property
    def filled(self) -> bool:
        """Whether it got every advocate it needs."""
        return self.unfilled is None

    @property
    def fit(self) -> float:
        """The mean fit of its advocates, from 0 to 1 (0 if unfilled)."""
        return self.total_fit / len(self.matches) if self.matches else 0.0

    @property
    def total_fit(self) -> float:
        """The summed fit of its advocates (0 if unfilled): what the batch adds."""
        return sum(m.fit.value for m in self.matches)

    def explain(self) -> str:
        """One line: who took it, or why nobody did."""
        if self.unfilled is None:
            who = ", ".join(
                f"{m.advocate_id} ({m.fit.value:.2f})" for m in self.matches
            )
            return f"{self.request_id}: {who}"
        if self.unfilled is Unfilled.NO_ELIGIBLE:
            top = ", ".join(
                f"{k.value} {n}" for k, n in list(self.excluded.items())[:3]
            )
            return f"{self.request_id}: nobody eligible ({top})"
        if self.unfilled is Unfilled.TOO_FEW_ELIGIBLE:
            return (
                f"{self.request_id}: needs {self.needed}, only {self.eligible} eligible"
            )
        advocates = "advocate" if self.eligible == 1 else "advocates"
        if not self.taken:
            return (
                f"{self.request_id}: its {self.eligible} eligible {advocates} were not "
                f"all free for the {self.needed} it needs"
            )
        share = "its" if self.taken == self.eligible else f"{self.taken} of its"
        return (
            f"{self.request_id}: {share} {self.eligible} eligible {advocates} went "
            f"to {', '.join(self.taken_by)}"
        )

    def _repr_html_(self) -> str:
        if self.filled:
            return table(
                ("advocate", "fit"),
                [(m.advocate_id, f"{m.fit.value:.3f}") for m in self.matches],
            )
        return table(
            ("unfilled", "why"),
            [(self.unfilled, self.explain())]
            + [(f"excluded by {kind.value}", n) for kind, n in self.excluded.items()],
        )


class Verdict(enum.StrEnum):
    """What the batch did with an advocate, for one request."""

    ASSIGNED = "assigned"
    """They were given the request."""

    INELIGIBLE = "ineligible"
    """A rule excludes them from it."""

    ASSIGNED_ELSEWHERE = "assigned_elsewhere"
    """Eligible, and given other requests instead."""

    UNUSED = "unused"
    """Eligible, and given no request of the batch."""


@attrs.frozen
class Placement:
    """A request an advocate was given, and their fit there.

    Attributes:
        request_id: The request.
        priority: Its priority in the batch (at least 1).
        fit: The advocate's fit for it, from 0 to 1.
    """

    request_id: str = attrs.field(metadata=checked(text))
    priority: int = attrs.field(metadata=checked(integer(1)))
    fit: float = attrs.field(metadata=checked(FRACTION))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@attrs.frozen
class Tradeoff:
    """What forcing an advocate onto a request would cost the batch.

    The batch solved again, by the same method, with the advocate given the
    request and the request filled.

    Attributes:
        priority_lost: The batch's priority filled less the forced one's
            (0 or more for a proven optimal batch; the greedy baseline can
            do better when forced, so it may be negative there).
        fit_lost: Likewise for the total fit, counted as the solver counts
            it (in millionths); meaningful when `priority_lost` is 0.
        unfilled: Requests the batch filled that the forced one does not,
            in id order.
        proven: Whether the forced solve is proven optimal (always so for
            the optimal method without multi-advocate requests; never for
            the greedy baseline).
    """

    priority_lost: int = attrs.field(metadata=checked(integer()))
    fit_lost: float = attrs.field(metadata=checked(number()))
    unfilled: tuple[str, ...]
    proven: bool

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the requests come in id order."""
        check_fields(self)
        if list(self.unfilled) != sorted(set(self.unfilled)):
            raise InvalidValueError(
                "Tradeoff",
                "unfilled",
                self.unfilled,
                "request ids in id order, each once",
            )

    def explain(self, forced: str = "the pair") -> str:
        """The cost in words: `forcing <forced> would lose ...`."""
        lost = (
            f"lose priority {self.priority_lost} and fit {self.fit_lost:.2f}"
            if self.priority_lost or self.fit_lost
            else "lose nothing"
        )
        dropped = f" ({', '.join(self.unfilled)} unfilled)" if self.unfilled else ""
        proof = "" if self.proven else "; the forced solve is not proven optimal"
        return f"forcing {forced} would {lost}{dropped}{proof}"


_HEADS = {
    Verdict.ASSIGNED: "was given",
    Verdict.INELIGIBLE: "may not be asked for",
    Verdict.ASSIGNED_ELSEWHERE: "went elsewhere instead of",
    Verdict.UNUSED: "was not needed for",
}


@headline_repr
@attrs.frozen(repr=False)
class WhyNot:
    """Why an advocate was, or was not, given a request in a batch.

    Attributes:
        request_id: The request.
        advocate_id: The advocate.
        verdict: What the batch did with them, for this request.
        eligibility: Their eligibility for it on the batch's date: the
            rules that exclude them (none unless `INELIGIBLE`) and when
            they may be asked again.
        fit: Their fit for it, with the breakdown (`None` when ineligible).
        elsewhere: The requests they were given instead, in id order
            (only for `ASSIGNED_ELSEWHERE`).
        given: The advocates the request was given, best fit first (empty
            if it went unfilled).
        tradeoff: What forcing them onto the request would cost
            (`ASSIGNED_ELSEWHERE` and `UNUSED`, when the request can be
            filled at all); else `None`.
    """

    request_id: str = attrs.field(metadata=checked(text))
    advocate_id: str = attrs.field(metadata=checked(text))
    verdict: Verdict
    eligibility: Eligibility
    fit: Fit | None
    elsewhere: tuple[Placement, ...]
    given: tuple[AssignedAdvocate, ...]
    tradeoff: Tradeoff | None

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that they agree with the verdict."""
        check_fields(self)
        ineligible = self.verdict is Verdict.INELIGIBLE
        if self.eligibility.eligible is ineligible or (self.fit is None) is not (
            ineligible
        ):
            raise InvalidValueError(
                "WhyNot",
                "eligibility",
                self.eligibility.eligible,
                "ineligible, without a fit, exactly when the verdict is ineligible",
            )
        if bool(self.elsewhere) is not (self.verdict is Verdict.ASSIGNED_ELSEWHERE):
            raise InvalidValueError(
                "WhyNot",
                "elsewhere",
                tuple(p.request_id for p in self.elsewhere),
                "the requests they were given instead, only when assigned elsewhere",
            )
        if self.tradeoff is not None and self.verdict in (
            Verdict.ASSIGNED,
            Verdict.INELIGIBLE,
        ):
            raise InvalidValueError(
                "WhyNot",
                "tradeoff",
                self.tradeoff,
                "None unless they were eligible and not given the request",
            )

    def explain(self) -> str:
        """The verdict in a line, then the reasons or the trade-off."""
        head = f"{self.advocate_id} {_HEADS[self.verdict]} {self.request_id}"
        if self.verdict is Verdict.INELIGIBLE:
            again = self.eligibility.next_eligible
            when = (
                "not eligible again by time alone"
                if again is None
                else f"eligible again on {again}"
            )
            reasons = self.eligibility.explain().splitlines()[1:]
            return "\n".join([f"{head} ({when}):", *reasons])
        assert self.fit is not None  # noqa: S101  # checked: eligible has a fit
        lines = [f"{head} (fit {self.fit.value:.2f})"]
        if self.elsewhere:
            lines.append(
                "  given "
                + ", ".join(
                    f"{p.request_id} (priority {p.priority}, fit {p.fit:.2f})"
                    for p in self.elsewhere
                )
            )
        if self.verdict is not Verdict.ASSIGNED:
            lines.append(
                f"  {self.request_id} went to "
                + ", ".join(f"{m.advocate_id} ({m.fit.value:.2f})" for m in self.given)
                if self.given
                else f"  {self.request_id} went unfilled"
            )
        forced = f"them onto {self.request_id}"
        if self.tradeoff is not None:
            lines.append(f"  {self.tradeoff.explain(forced)}")
        elif self.verdict is not Verdict.ASSIGNED:
            lines.append(f"  {self.request_id} cannot be filled with them")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows: list[tuple[str, str]] = [("verdict", self.verdict.value)]
        if self.fit is not None:
            rows.append(("fit", f"{self.fit.value:.3f}"))
        rows += [("reason", r.detail) for r in self.eligibility.reasons]
        if self.eligibility.reasons:
            rows.append(("eligible again", str(self.eligibility.next_eligible)))
        rows += [
            (
                "given instead",
                f"{p.request_id} (priority {p.priority}, fit {p.fit:.2f})",
            )
            for p in self.elsewhere
        ]
        if self.tradeoff is not None:
            rows.append(("if forced", self.tradeoff.explain("them")))
        return table(("why", f"{self.advocate_id} for {self.request_id}"), rows)


class BatchInputs(Protocol):
    """What `assign_requests` keeps to answer questions about its batch."""

    def why_not(
        self, batch: BatchAssignment, request_id: str, advocate_id: str
    ) -> WhyNot:
        """The answer of `BatchAssignment.why_not`."""
        ...

    def capacity(self, batch: BatchAssignment, advocate_id: str) -> Capacity:
        """The answer of `BatchAssignment.capacity`."""
        ...


@attrs.frozen(repr=False)
class BatchAssignment:
    """One assignment of a batch of requests, with the reason for every part.

    Attributes:
        as_of: The date of the batch.
        method: `"optimal"` or `"greedy"`.
        outcomes: One per request, in request id order.
        load: Advocate id to the number of requests given to them.
        optimal: Whether the result is proven optimal (always true for a
            batch without multi-advocate requests; see the module notes for
            what is optimised together).
        priority_gap: How much more priority an optimal fill could reach, at
            most (0 when the filled requests are proven best); `None` for the
            greedy baseline, which proves nothing.
        fit_gap: When `priority_gap` is 0, how much more total fit an optimal
            assignment could reach, at most; otherwise `None`.
        groups: The activity types solved together, in solving order.
        flows: Min-cost flows solved.
    """

    as_of: pendulum.Date
    method: str = attrs.field(metadata=checked(_method))
    outcomes: tuple[RequestOutcome, ...]
    load: Mapping[str, int]
    optimal: bool
    priority_gap: int | None = attrs.field(metadata=checked(optional(integer(0))))
    fit_gap: float | None = attrs.field(metadata=checked(optional(number(0))))
    groups: tuple[tuple[ActivityType, ...], ...]
    flows: int = attrs.field(metadata=checked(integer(0)))
    # The inputs, for the answers worked out on demand (`why_not`,
    # `capacity`): set by `assign_requests`, never stored or compared.
    _inputs: BatchInputs | None = attrs.field(
        init=False, default=None, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the order, the load, the proof and the groups."""
        check_fields(self)
        ids = [o.request_id for o in self.outcomes]
        if ids != sorted(set(ids)):
            raise InvalidValueError(
                "BatchAssignment",
                "outcomes",
                tuple(ids),
                "one outcome per request, in request id order",
                repeated_hint(ids),
            )
        given = Counter(m.advocate_id for o in self.outcomes for m in o.matches)
        if dict(self.load) != dict(given):
            raise InvalidValueError(
                "BatchAssignment",
                "load",
                dict(self.load),
                "each advocate given a request, with how many requests they "
                f"were given in outcomes ({dict(sorted(given.items()))})",
            )
        self._check_proof()
        types = [activity for group in self.groups for activity in group]
        wanted = {o.activity for o in self.outcomes}
        if (
            not all(self.groups)
            or len(types) != len(set(types))
            or set(types) != wanted
        ):
            raise InvalidValueError(
                "BatchAssignment",
                "groups",
                tuple(tuple(a.value for a in group) for group in self.groups),
                "non-empty groups holding each activity type of the outcomes "
                f"once ({', '.join(sorted(a.value for a in wanted)) or 'none'})",
            )

    def _check_proof(self) -> None:
        if (self.priority_gap is None) is not (self.method == "greedy"):
            raise InvalidValueError(
                "BatchAssignment",
                "priority_gap",
                self.priority_gap,
                "None for the greedy baseline"
                if self.method == "greedy"
                else "an integer of at least 0 for an optimal assignment",
            )
        if (self.fit_gap is None) is not (self.priority_gap != 0):
            raise InvalidValueError(
                "BatchAssignment",
                "fit_gap",
                self.fit_gap,
                "a number of at least 0 when priority_gap is 0"
                if self.priority_gap == 0
                else "None unless priority_gap is 0",
            )
        if self.optimal and (self.priority_gap != 0 or self.fit_gap != 0):
            raise InvalidValueError(
                "BatchAssignment",
                "optimal",
                self.optimal,
                "False unless priority_gap and fit_gap are 0 (nothing could be better)",
            )

    def commitments(self) -> tuple[Commitment, ...]:
        """The asks this batch makes, as the `Commitment` values a host stores.

        One per advocate given a request, dated the batch's date, the
        catalog's typical minutes (`minutes=None`); in request id order,
        then advocate id. Passed back to matching as `commitments`, they
        count against the caps and the time budget, and rest the advocate
        from the batch's date.
        """
        return tuple(
            Commitment(m.advocate_id, o.request_id, o.activity, self.as_of)
            for o in self.outcomes
            for m in sorted(o.matches, key=lambda m: m.advocate_id)
        )

    def why_not(self, request_id: str, advocate_id: str) -> WhyNot:
        """Why `advocate_id` was, or was not, given `request_id`.

        Ineligible: the rules and when they may be asked again. Eligible:
        where they went instead, or that they were not needed, with what
        forcing them onto the request would cost (the batch solved again
        with that pair fixed, exactly, by the same method).

        Raises:
            UnknownKeyError: The request is not in the batch, or the
                advocate not among those the batch was given.
            InvalidValueError: This assignment was rebuilt from stored data
                (`from_dict`), which keeps no inputs to answer from.
        """
        return self._given_inputs("why_not").why_not(self, request_id, advocate_id)

    def capacity(self, advocate_id: str) -> Capacity:
        """What `advocate_id` can still take after this batch.

        Their quarter's minutes and reference calls less what they already
        had counted and what this batch gives them, and the asks they may
        still be given in this batch (`asks_per_batch` less their load).

        Raises:
            UnknownKeyError: The advocate is not among those the batch was
                given.
            InvalidValueError: This assignment was rebuilt from stored data.
        """
        return self._given_inputs("capacity").capacity(self, advocate_id)

    def _given_inputs(self, method: str) -> BatchInputs:
        if self._inputs is None:
            raise InvalidValueError(
                f"BatchAssignment.{method}",
                "self",
                "an assignment without its inputs",
                "the BatchAssignment that assign_requests returned",
                hint="a stored assignment keeps no advocates or activities: "
                "assign the batch again to ask it",
            )
        return self._inputs

    def __getitem__(self, request_id: str) -> RequestOutcome:
        """The outcome of one request."""
        for outcome in self.outcomes:
            if outcome.request_id == request_id:
                return outcome
        raise UnknownKeyError(
            "BatchAssignment", "request_id", request_id, "a request in the batch"
        )

    def __iter__(self) -> Iterator[RequestOutcome]:
        """The outcomes, in request id order."""
        return iter(self.outcomes)

    def __len__(self) -> int:
        """How many requests the batch held."""
        return len(self.outcomes)

    @property
    def filled(self) -> int:
        """Requests filled."""
        return sum(o.filled for o in self.outcomes)

    @property
    def priority_filled(self) -> int:
        """The summed priority of the requests filled."""
        return sum(o.priority for o in self.outcomes if o.filled)

    @property
    def total_fit(self) -> float:
        """The summed fit of every advocate given to a request."""
        return sum(o.total_fit for o in self.outcomes)

    def explain(self) -> str:
        """The batch in words: totals, proof, then every unfilled request."""
        if self.optimal:
            proof = "proven optimal"
        elif self.priority_gap is None:
            proof = "a baseline, not optimised"
        elif self.fit_gap is not None:
            proof = f"the filled requests are proven best; fit within {self.fit_gap:g}"
        else:
            proof = f"not proven: at most {self.priority_gap} priority short"
        head = (
            f"{self.filled} of {len(self)} requests filled "
            f"(priority {self.priority_filled}, total fit {self.total_fit:.2f}), "
            f"{self.method}, {proof}"
        )
        lines = [head, *(f"  {o.explain()}" for o in self.outcomes if not o.filled)]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per request, ready for `pandas.DataFrame`.

        `fits` holds each advocate's fit (in the order of `advocates`), `fit`
        their mean, from 0 to 1.
        """
        return [
            {
                "request_id": o.request_id,
                "activity": o.activity.value,
                "priority": o.priority,
                "needed": o.needed,
                "filled": o.filled,
                "advocates": [m.advocate_id for m in o.matches],
                "fits": [m.fit.value for m in o.matches],
                "fit": o.fit,
                "eligible": o.eligible,
                "unfilled": None if o.unfilled is None else o.unfilled.value,
                "why": o.explain(),
            }
            for o in self.outcomes
        ]

    def __repr__(self) -> str:
        """`BatchAssignment(18 of 20 filled, priority 31, fit 14.20, ...)`."""
        if self.method == "greedy":
            state = "greedy baseline"
        else:
            state = "proven optimal" if self.optimal else "not proven optimal"
        return (
            f"BatchAssignment({self.filled} of {len(self)} filled, priority "
            f"{self.priority_filled}, fit {self.total_fit:.2f}, {state})"
        )

    def _repr_html_(self) -> str:
        return table(
            ("request", "activity", "priority", "advocates (fit)", "mean fit", "why"),
            [
                (
                    o.request_id,
                    o.activity.value,
                    o.priority,
                    ", ".join(
                        f"{m.advocate_id} ({m.fit.value:.2f})" for m in o.matches
                    ),
                    f"{o.fit:.2f}" if o.filled else "",
                    "" if o.filled else o.explain(),
                )
                for o in self.outcomes
            ],
        )
