"""What a batch assignment returns: one explained outcome per request."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pendulum

from advocacy._internal.text import table
from advocacy._internal.validation import check_fields
from advocacy._matching.eligibility import Ineligibility
from advocacy._matching.fit import Fit
from advocacy._model.enums import ActivityType
from advocacy.exceptions import UnknownKeyError

__all__ = ["AssignedAdvocate", "BatchAssignment", "RequestOutcome", "Unfilled"]


class Unfilled(enum.StrEnum):
    """Why a request was not filled."""

    NO_ELIGIBLE = "no_eligible"
    """No advocate may be asked for it."""

    TOO_FEW_ELIGIBLE = "too_few_eligible"
    """Fewer advocates may be asked than it needs."""

    NEEDED_ELSEWHERE = "needed_elsewhere"
    """Its eligible advocates were worth more to other requests."""


@attrs.frozen
class AssignedAdvocate:
    """An advocate given to a request, with their fit.

    Attributes:
        advocate_id: The advocate.
        fit: How well they fit, with the breakdown.
    """

    advocate_id: str
    fit: Fit

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@attrs.frozen
class RequestOutcome:
    """What the batch did with one request, and why.

    Attributes:
        request_id: The request.
        activity: What it asks for.
        priority: Its weight in the batch.
        needed: How many advocates it needs.
        matches: The advocates given to it, best fit first (empty: unfilled).
        eligible: How many advocates could have been asked.
        excluded: How many advocates each rule excluded, most first.
        unfilled: Why it was not filled, or `None` if it was.
        taken: How many of its eligible advocates were given to other requests.
        taken_by: The requests they were given to.
    """

    request_id: str
    activity: ActivityType
    priority: int
    needed: int
    matches: tuple[AssignedAdvocate, ...]
    eligible: int
    excluded: Mapping[Ineligibility, int]
    unfilled: Unfilled | None
    taken: int
    taken_by: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def filled(self) -> bool:
        """Whether it got every advocate it needs."""
        return self.unfilled is None

    @property
    def fit(self) -> float:
        """The total fit of its advocates (0 if unfilled)."""
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
    method: str
    outcomes: tuple[RequestOutcome, ...]
    load: Mapping[str, int]
    optimal: bool
    priority_gap: int | None
    fit_gap: float | None
    groups: tuple[tuple[ActivityType, ...], ...]
    flows: int

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

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
        return sum(o.fit for o in self.outcomes)

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
        """One plain dict per request, ready for `pandas.DataFrame`."""
        return [
            {
                "request_id": o.request_id,
                "activity": o.activity.value,
                "priority": o.priority,
                "needed": o.needed,
                "filled": o.filled,
                "advocates": [m.advocate_id for m in o.matches],
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
            ("request", "activity", "priority", "advocates", "fit", "why"),
            [
                (
                    o.request_id,
                    o.activity.value,
                    o.priority,
                    ", ".join(m.advocate_id for m in o.matches),
                    f"{o.fit:.2f}",
                    "" if o.filled else o.explain(),
                )
                for o in self.outcomes
            ],
        )
