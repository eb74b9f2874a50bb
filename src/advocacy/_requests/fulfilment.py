"""Fulfilment metrics: how well, and how fast, a program fulfils its requests.

This module holds `fulfilment_summary`, which rolls many `RequestState`
values up into the program's fulfilment metrics (fulfilment rate, share
fulfilled within a window, median time to fulfil, acceptance rate), the
`FulfilmentSummary` it returns, and the industry benchmarks it compares
against. A request is *fulfilled* when the last advocate it needs accepts
(`RequestState.fulfilled_at`); the lifecycle itself is in
`advocacy._requests`.

Keep this in step with docs/explanation/request-lifecycle.md.
"""

from __future__ import annotations

import html
import statistics
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from advocacy._internal.checks import FRACTION, integer, number, optional
from advocacy._internal.text import percent_text, plural
from advocacy._internal.validation import check_fields, checked, require, require_each
from advocacy._requests.events import (
    STATE,
    RequestEventKind,
    RequestState,
    RequestStatus,
)
from advocacy.exceptions import InvalidValueError

__all__ = [
    "AD_HOC_FULFILMENT_SHARE",
    "AD_HOC_FULFILMENT_WEEKS",
    "FORMAL_FULFILMENT_HOURS",
    "FORMAL_FULFILMENT_SHARE",
    "LOW_ACCEPTANCE_RATE",
    "FulfilmentSummary",
    "fulfilment_summary",
]


FORMAL_FULFILMENT_HOURS: Final = 48
"""The window the formal-program benchmark is measured in, in hours."""

FORMAL_FULFILMENT_SHARE: Final = (0.80, 0.90)
"""Formal programs fulfil 80-90% of requests within 48 hours."""

AD_HOC_FULFILMENT_SHARE: Final = (0.30, 0.40)
"""Ad-hoc programs fulfil 30-40% of requests, and only after 1-2 weeks."""

AD_HOC_FULFILMENT_WEEKS: Final = (1, 2)
"""How long the ad-hoc programs of `AD_HOC_FULFILMENT_SHARE` take, in weeks."""

LOW_ACCEPTANCE_RATE: Final = 0.50
"""An acceptance rate below this signals bad matching or an over-asked pool."""

_COUNT: Final = checked(integer(0))
_RATE: Final = checked(optional(FRACTION))


@attrs.frozen(repr=False)
class FulfilmentSummary:
    """How well a set of requests was fulfilled, with the formulas' inputs.

    Made by `fulfilment_summary`. Rates are floats from 0 to 1, or `None`
    where their denominator is 0; counts are 0 or more.

    Attributes:
        requests: Requests counted.
        open: Of those, not yet completed, cancelled or expired (so open,
            completed, cancelled and expired add up to `requests`).
        fulfilled: Requests with every advocate needed accepted (a request
            cancelled after fulfilment still counts; at most `requests`,
            at least `completed`).
        completed: Requests completed.
        cancelled: Requests cancelled.
        expired: Requests expired.
        within: Requests fulfilled within `within_hours` of submission
            (inclusive; at most `fulfilled`).
        within_hours: The window of `within` (above 0).
        accepts: Accept events over all requests.
        declines: Decline events over all requests.
        fulfilment_rate: fulfilled / requests.
        within_share: within / requests.
        median_hours_to_fulfil: Median hours from submission to fulfilment
            over the fulfilled requests (0 or more; `None` when none was
            fulfilled).
        acceptance_rate: accepts / (accepts + declines).
        low_acceptance_below: The acceptance rate below which
            `low_acceptance` is flagged (0 to 1).
    """

    requests: int = attrs.field(metadata=_COUNT)
    open: int = attrs.field(metadata=_COUNT)
    fulfilled: int = attrs.field(metadata=_COUNT)
    completed: int = attrs.field(metadata=_COUNT)
    cancelled: int = attrs.field(metadata=_COUNT)
    expired: int = attrs.field(metadata=_COUNT)
    within: int = attrs.field(metadata=_COUNT)
    within_hours: float = attrs.field(metadata=checked(number(above=0)))
    accepts: int = attrs.field(metadata=_COUNT)
    declines: int = attrs.field(metadata=_COUNT)
    fulfilment_rate: float | None = attrs.field(metadata=_RATE)
    within_share: float | None = attrs.field(metadata=_RATE)
    median_hours_to_fulfil: float | None = attrs.field(
        metadata=checked(optional(number(0)))
    )
    acceptance_rate: float | None = attrs.field(metadata=_RATE)
    low_acceptance_below: float = attrs.field(metadata=checked(FRACTION))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the counts add up and the rates follow."""
        check_fields(self)
        statuses = self.open + self.completed + self.cancelled + self.expired
        if statuses != self.requests:
            raise InvalidValueError(
                "FulfilmentSummary",
                "requests",
                self.requests,
                f"open + completed + cancelled + expired ({statuses})",
            )
        for name, count, low, high in (
            ("fulfilled", self.fulfilled, self.completed, self.requests),
            ("within", self.within, 0, self.fulfilled),
        ):
            if not low <= count <= high:
                raise InvalidValueError(
                    "FulfilmentSummary",
                    name,
                    count,
                    f"an integer from {low} to {high}",
                )
        answers = self.accepts + self.declines
        # Each rate must be the very quotient of its counts: a division is
        # correctly rounded, so no tolerance is needed.
        for name, value, part, whole in (
            ("fulfilment_rate", self.fulfilment_rate, self.fulfilled, self.requests),
            ("within_share", self.within_share, self.within, self.requests),
            ("acceptance_rate", self.acceptance_rate, self.accepts, answers),
        ):
            rate = part / whole if whole else None
            if value != rate:
                raise InvalidValueError(
                    "FulfilmentSummary",
                    name,
                    value,
                    f"{part}/{whole} ({rate!r})"
                    if whole
                    else "None, since the denominator is 0",
                )
        if (self.median_hours_to_fulfil is None) is not (self.fulfilled == 0):
            raise InvalidValueError(
                "FulfilmentSummary",
                "median_hours_to_fulfil",
                self.median_hours_to_fulfil,
                "None, since none was fulfilled"
                if self.fulfilled == 0
                else "the median hours to fulfil, a number of at least 0",
            )

    @property
    def low_acceptance(self) -> bool:
        """Whether acceptance is below the threshold (bad matching, over-asked pool)."""
        return (
            self.acceptance_rate is not None
            and self.acceptance_rate < self.low_acceptance_below
        )

    @property
    def benchmark(self) -> str:
        """The industry benchmark, and where this program stands if comparable."""
        low, high = FORMAL_FULFILMENT_SHARE
        ad_low, ad_high = AD_HOC_FULFILMENT_SHARE
        weeks_low, weeks_high = AD_HOC_FULFILMENT_WEEKS
        note = (
            f"formal programs fulfil {low * 100:.0f}-{high:.0%} of requests "
            f"within {FORMAL_FULFILMENT_HOURS} h; ad-hoc ones "
            f"{ad_low * 100:.0f}-{ad_high:.0%}, after {weeks_low}-{weeks_high} weeks"
        )
        if self.within_share is None or self.within_hours != FORMAL_FULFILMENT_HOURS:
            return note
        level = "at" if self.within_share >= low else "below"
        return f"{note}; this program is {level} the formal-program level"

    def explain(self) -> str:
        """The metrics in words, with their inputs and the benchmark."""
        lines = [
            (
                f"{plural(self.requests, 'request')}: {self.fulfilled} fulfilled, "
                f"{self.open} open, {self.completed} completed, {self.cancelled} "
                f"cancelled, {self.expired} expired"
            )
        ]
        if self.fulfilment_rate is None or self.within_share is None:
            lines.append("fulfilment rate: n/a (no requests)")
        else:
            lines += [
                (
                    f"fulfilment rate: {self.fulfilment_rate:.1%} "
                    f"({self.fulfilled} of {self.requests})"
                ),
                (
                    f"fulfilled within {self.within_hours:g} h: "
                    f"{self.within_share:.1%} ({self.within} of {self.requests})"
                ),
            ]
        if self.median_hours_to_fulfil is None:
            lines.append("median time to fulfil: n/a (none fulfilled)")
        else:
            lines.append(
                f"median time to fulfil: {self.median_hours_to_fulfil:.1f} h "
                f"(over {self.fulfilled} fulfilled)"
            )
        if self.acceptance_rate is None:
            lines.append("acceptance rate: n/a (no answers)")
        else:
            lines.append(
                f"acceptance rate: {self.acceptance_rate:.1%} ({self.accepts} "
                f"accepted of {self.accepts + self.declines} answers)"
            )
        lines.append(f"benchmark: {self.benchmark}")
        if self.low_acceptance:
            lines.append(
                f"warning: acceptance below {self.low_acceptance_below:.0%} signals "
                "bad matching or an over-asked pool"
            )
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """The summary as one plain dict, ready for `pandas.DataFrame`."""
        return [{**attrs.asdict(self), "low_acceptance": self.low_acceptance}]

    def __repr__(self) -> str:
        """`FulfilmentSummary(10 requests, 80% fulfilled, 60% within 48 h, ...)`."""
        return (
            f"FulfilmentSummary({plural(self.requests, 'request')}, "
            f"{percent_text(self.fulfilment_rate)} fulfilled, "
            f"{percent_text(self.within_share)} within {self.within_hours:g} h, "
            f"acceptance {percent_text(self.acceptance_rate)})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{key}</td><td>{html.escape(str(value))}</td></tr>"
            for key, value in self.to_records()[0].items()
        )
        return f"<table><tr><th>metric</th><th>value</th></tr>{rows}</table>"


def fulfilment_summary(
    states: Iterable[RequestState] | Mapping[str, RequestState],
    *,
    within_hours: float = FORMAL_FULFILMENT_HOURS,
    low_acceptance_below: float = LOW_ACCEPTANCE_RATE,
) -> FulfilmentSummary:
    """Fulfilment metrics over a set of request states.

    fulfilment_rate = fulfilled / requests; within_share = (requests
    fulfilled within `within_hours` of submission, inclusive) / requests;
    median_hours_to_fulfil over the fulfilled requests; acceptance_rate =
    accepts / (accepts + declines), over every answer recorded. Each is
    `None` when its denominator is 0. The result does not depend on the
    order of the states.

    Args:
        states: Request states (a mapping from `request_states` will do).
        within_hours: The fulfilment window, in hours (above 0; default 48,
            the window of the industry benchmark).
        low_acceptance_below: Flag an acceptance rate below this (default
            0.50).

    Returns:
        The summary.

    Raises:
        InvalidTypeError: A state is not a `RequestState`.
        InvalidValueError: Two states are of the same request, or a
            threshold is out of range.
    """
    owner = "fulfilment_summary"
    window = float(require(owner, "within_hours", within_hours, number(above=0)))
    threshold = float(
        require(owner, "low_acceptance_below", low_acceptance_below, FRACTION)
    )
    found = require_each(
        owner,
        "states",
        states.values() if isinstance(states, Mapping) else states,
        STATE,
    )
    seen: set[str] = set()
    for state in found:
        if state.request.id in seen:
            raise InvalidValueError(
                owner, "states", state.request.id, "one state per request"
            )
        seen.add(state.request.id)
    hours = sorted(
        h for h in (state.hours_to_fulfil for state in found) if h is not None
    )
    within = sum(h <= window for h in hours)
    accepts = sum(
        event.kind is RequestEventKind.ACCEPT
        for state in found
        for event in state.events
    )
    declines = sum(
        event.kind is RequestEventKind.DECLINE
        for state in found
        for event in state.events
    )
    requests = len(found)
    statuses = [state.status for state in found]
    return FulfilmentSummary(
        requests=requests,
        open=sum(status.is_open for status in statuses),
        fulfilled=len(hours),
        completed=statuses.count(RequestStatus.COMPLETED),
        cancelled=statuses.count(RequestStatus.CANCELLED),
        expired=statuses.count(RequestStatus.EXPIRED),
        within=within,
        within_hours=window,
        accepts=accepts,
        declines=declines,
        fulfilment_rate=len(hours) / requests if requests else None,
        within_share=within / requests if requests else None,
        median_hours_to_fulfil=statistics.median(hours) if hours else None,
        acceptance_rate=(
            accepts / (accepts + declines) if accepts + declines else None
        ),
        low_acceptance_below=threshold,
    )
