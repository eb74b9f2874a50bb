"""What a batch assignment returns: one explained outcome per request."""

from __future__ import annotations

import enum
import itertools
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pendulum

from advocacy._internal.checks import (
    Refusal,
    integer,
    number,
    optional,
    repeated_hint,
    text,
)
from advocacy._internal.text import table
from advocacy._internal.validation import check_fields, checked
from advocacy._matching.eligibility import Ineligibility
from advocacy._matching.fit import Fit
from advocacy._matching.ranking import by_count
from advocacy._model.enums import ActivityType
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = ["AssignedAdvocate", "BatchAssignment", "RequestOutcome", "Unfilled"]


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


@attrs.frozen
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


def _match_key(match: AssignedAdvocate) -> tuple[float, str]:
    """Best fit first, ties by id (the order `assign_requests` lists them in)."""
    return (-match.fit.value, match.advocate_id)


@attrs.frozen
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
