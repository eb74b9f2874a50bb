"""Fulfilment metrics: rates, time to fulfil and the benchmarks over many requests."""

from __future__ import annotations

import random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Advocate,
    FulfilmentSummary,
    RequestState,
    RequestStatus,
    fulfilment_summary,
    request_state,
)

# The benchmark figures are module constants, not part of the flat API: this
# reaches into the private module on purpose, to pin the documented figures.
from advocacy._requests.fulfilment import (
    AD_HOC_FULFILMENT_SHARE,
    AD_HOC_FULFILMENT_WEEKS,
    FORMAL_FULFILMENT_HOURS,
    FORMAL_FULFILMENT_SHARE,
    LOW_ACCEPTANCE_RATE,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.strategies import reference_request, request_account, walks
from tests.strategies import request_event as ev

S = RequestStatus
ACCOUNTS = {"acct-1": request_account("acct-1")}
ADVOCATES = {
    "adv-1": Advocate("adv-1", "acct-1", "Ann"),
    "adv-2": Advocate("adv-2", "acct-1", "Bo"),
}


def fulfilled(
    request_id: str, hours: float, status: RequestStatus, *, declined_first: bool
) -> RequestState:
    """A request adv-1 accepts `hours` after submission (adv-2 may say no first)."""
    events = [ev("submit", 0, request_id=request_id)]
    if declined_first:
        events += [
            ev("contact", 0.1, "adv-2", request_id),
            ev("decline", 0.2, "adv-2", request_id),
        ]
    events += [
        ev("contact", 0.5, "adv-1", request_id),
        ev("accept", hours, "adv-1", request_id),
    ]
    if status in {S.SCHEDULED, S.COMPLETED}:
        events.append(ev("schedule", hours + 1, None, request_id))
    if status is S.COMPLETED:
        events.append(ev("complete", hours + 2, None, request_id))
    return request_state(
        reference_request(request_id), events, advocates=ADVOCATES, accounts=ACCOUNTS
    )


def unfulfilled(request_id: str, kind: str) -> RequestState:
    """A request adv-2 declines, then cancelled or expired a week later."""
    events = [
        ev("submit", 0, request_id=request_id),
        ev("contact", 1, "adv-2", request_id),
        ev("decline", 2, "adv-2", request_id),
        ev(kind, 168, None, request_id),
    ]
    return request_state(
        reference_request(request_id), events, advocates=ADVOCATES, accounts=ACCOUNTS
    )


def worked_example() -> list[RequestState]:
    """10 requests: 8 fulfilled (6 within 48 h), 8 accepts and 4 declines."""
    plan = [
        (1, S.COMPLETED, True),
        (4, S.COMPLETED, True),
        (12, S.COMPLETED, False),
        (24, S.COMPLETED, False),
        (40, S.COMPLETED, False),
        (48, S.SCHEDULED, False),  # exactly 48 h counts as within
        (60, S.SCHEDULED, False),
        (120, S.ACCEPTED, False),
    ]
    states = [
        fulfilled(f"req-{n:02d}", hours, status, declined_first=declined)
        for n, (hours, status, declined) in enumerate(plan, start=1)
    ]
    return [*states, unfulfilled("req-09", "cancel"), unfulfilled("req-10", "expire")]


class TestFulfilmentSummary:
    def test_worked_example(self) -> None:
        summary = fulfilment_summary(worked_example())
        assert attrs.asdict(summary) == {
            "requests": 10,
            "open": 3,
            "fulfilled": 8,
            "completed": 5,
            "cancelled": 1,
            "expired": 1,
            "within": 6,
            "within_hours": 48.0,
            "accepts": 8,
            "declines": 4,
            "fulfilment_rate": 0.8,
            "within_share": 0.6,
            "median_hours_to_fulfil": 32.0,  # (24 + 40) / 2
            "acceptance_rate": 8 / 12,
            "low_acceptance_below": 0.5,
        }
        assert not summary.low_acceptance
        assert summary.explain() == (
            "10 requests: 8 fulfilled, 3 open, 5 completed, 1 cancelled, 1 expired\n"
            "fulfilment rate: 80.0% (8 of 10)\n"
            "fulfilled within 48 h: 60.0% (6 of 10)\n"
            "median time to fulfil: 32.0 h (over 8 fulfilled)\n"
            "acceptance rate: 66.7% (8 accepted of 12 answers)\n"
            "benchmark: formal programs fulfil 80-90% of requests within 48 h; "
            "ad-hoc ones 30-40%, after 1-2 weeks; this program is below the "
            "formal-program level"
        )

    def test_benchmark_figures(self) -> None:
        assert FORMAL_FULFILMENT_HOURS == 48
        assert FORMAL_FULFILMENT_SHARE == (0.80, 0.90)
        assert AD_HOC_FULFILMENT_SHARE == (0.30, 0.40)
        assert AD_HOC_FULFILMENT_WEEKS == (1, 2)
        assert LOW_ACCEPTANCE_RATE == 0.5

    def test_at_the_formal_level(self) -> None:
        summary = fulfilment_summary(worked_example()[:5])
        assert summary.within_share == 1.0
        assert summary.benchmark.endswith("this program is at the formal-program level")

    def test_another_window_is_not_compared(self) -> None:
        summary = fulfilment_summary(worked_example(), within_hours=24)
        assert summary.within == 4
        assert summary.within_share == 0.4
        assert summary.benchmark.endswith("after 1-2 weeks")
        assert "fulfilled within 24 h: 40.0% (4 of 10)" in summary.explain()

    def test_low_acceptance(self) -> None:
        states = [
            unfulfilled("req-1", "cancel"),
            fulfilled("req-2", 5, S.ACCEPTED, declined_first=True),
        ]
        summary = fulfilment_summary(states)
        assert summary.acceptance_rate == 1 / 3
        assert summary.low_acceptance
        assert summary.explain().endswith(
            "warning: acceptance below 50% signals bad matching or an over-asked pool"
        )
        assert not fulfilment_summary(states, low_acceptance_below=0.3).low_acceptance

    def test_empty(self) -> None:
        summary = fulfilment_summary([])
        assert summary.requests == 0
        assert summary.fulfilment_rate is None
        assert summary.within_share is None
        assert summary.median_hours_to_fulfil is None
        assert summary.acceptance_rate is None
        assert not summary.low_acceptance
        assert summary.explain() == (
            "0 requests: 0 fulfilled, 0 open, 0 completed, 0 cancelled, 0 expired\n"
            "fulfilment rate: n/a (no requests)\n"
            "median time to fulfil: n/a (none fulfilled)\n"
            "acceptance rate: n/a (no answers)\n"
            "benchmark: formal programs fulfil 80-90% of requests within 48 h; "
            "ad-hoc ones 30-40%, after 1-2 weeks"
        )
        assert repr(summary) == (
            "FulfilmentSummary(0 requests, n/a fulfilled, n/a within 48 h, "
            "acceptance n/a)"
        )

    def test_accepts_the_mapping_request_states_returns(self) -> None:
        states = {state.request.id: state for state in worked_example()}
        assert fulfilment_summary(states) == fulfilment_summary(worked_example())

    def test_records_repr_and_html(self) -> None:
        summary = fulfilment_summary(worked_example())
        (record,) = summary.to_records()
        assert record["fulfilment_rate"] == 0.8
        assert record["low_acceptance"] is False
        assert repr(summary) == (
            "FulfilmentSummary(10 requests, 80% fulfilled, 60% within 48 h, "
            "acceptance 67%)"
        )
        assert summary._repr_html_().count("<tr>") == len(record) + 1

    def test_one_request_reads_in_the_singular(self) -> None:
        summary = fulfilment_summary(worked_example()[:1])
        assert summary.explain().startswith("1 request: 1 fulfilled")

    @pytest.mark.parametrize(
        ("arguments", "error", "field"),
        [
            ({"within_hours": 0}, InvalidValueError, "within_hours"),
            ({"within_hours": "48"}, InvalidTypeError, "within_hours"),
            ({"low_acceptance_below": 50}, InvalidValueError, "low_acceptance_below"),
        ],
    )
    def test_bad_arguments(
        self, arguments: dict[str, object], error: type[Exception], field: str
    ) -> None:
        with pytest.raises(error, match=rf"fulfilment_summary\.{field}"):
            fulfilment_summary([], **arguments)  # type: ignore[arg-type]

    def test_percentage_hint(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            fulfilment_summary([], low_acceptance_below=50)
        assert caught.value.hint == "this looks like a percentage; did you mean 0.5?"

    def test_bad_states(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"fulfilment_summary\.states\[0\]"):
            fulfilment_summary(["req-1"])  # type: ignore[list-item]
        state = worked_example()[0]
        with pytest.raises(InvalidValueError, match="one state per request") as caught:
            fulfilment_summary([state, state])
        assert caught.value.field == "states"


# --- properties --------------------------------------------------------------


class TestProperties:
    @given(st.integers(0, 6), st.data(), st.randoms())
    def test_summary_rates_and_order(
        self, count: int, data: st.DataObject, rng: random.Random
    ) -> None:
        states = [
            data.draw(walks(f"req-{n}", max_events=10)).state() for n in range(count)
        ]
        summary = fulfilment_summary(states)
        for rate in (
            summary.fulfilment_rate,
            summary.within_share,
            summary.acceptance_rate,
        ):
            assert rate is None or 0 <= rate <= 1
        assert summary.within <= summary.fulfilled <= summary.requests
        assert (
            summary.open + summary.completed + summary.cancelled + summary.expired
            == summary.requests
        )
        if summary.median_hours_to_fulfil is not None:
            assert summary.median_hours_to_fulfil >= 0
        shuffled = list(states)
        rng.shuffle(shuffled)
        assert fulfilment_summary(shuffled) == summary
        assert isinstance(summary, FulfilmentSummary)


SUMMARY = fulfilment_summary(worked_example())
EMPTY = fulfilment_summary([])


class TestSummaryValidation:
    """A `FulfilmentSummary`'s counts add up and its rates are their quotients."""

    @given(st.integers(0, 6), st.data())
    def test_every_summary_passes_unchanged(
        self, count: int, data: st.DataObject
    ) -> None:
        states = [
            data.draw(walks(f"req-{n}", max_events=10)).state() for n in range(count)
        ]
        summary = fulfilment_summary(states)
        assert attrs.evolve(summary) == summary

    def test_a_rate_written_as_a_decimal_is_its_quotient(self) -> None:
        assert attrs.evolve(SUMMARY, fulfilment_rate=0.8, within_share=0.6) == SUMMARY

    @pytest.mark.parametrize(
        ("summary", "changes", "field"),
        [
            (SUMMARY, {"requests": -1}, "requests"),
            (SUMMARY, {"requests": 11}, "requests"),
            (SUMMARY, {"open": 4}, "requests"),
            (SUMMARY, {"accepts": -1}, "accepts"),
            (SUMMARY, {"fulfilled": 11}, "fulfilled"),
            (SUMMARY, {"fulfilled": 4}, "fulfilled"),
            (SUMMARY, {"within": 9}, "within"),
            (SUMMARY, {"within_hours": 0.0}, "within_hours"),
            (SUMMARY, {"fulfilment_rate": 80.0}, "fulfilment_rate"),
            (SUMMARY, {"fulfilment_rate": 0.7}, "fulfilment_rate"),
            (SUMMARY, {"within_share": None}, "within_share"),
            (SUMMARY, {"acceptance_rate": 0.5}, "acceptance_rate"),
            (EMPTY, {"fulfilment_rate": 0.0}, "fulfilment_rate"),
            (SUMMARY, {"median_hours_to_fulfil": -1.0}, "median_hours_to_fulfil"),
            (SUMMARY, {"median_hours_to_fulfil": None}, "median_hours_to_fulfil"),
            (EMPTY, {"median_hours_to_fulfil": 1.0}, "median_hours_to_fulfil"),
            (SUMMARY, {"low_acceptance_below": 1.5}, "low_acceptance_below"),
        ],
    )
    def test_a_summary_is_refused_by_name(
        self,
        summary: FulfilmentSummary,
        changes: dict[str, Any],
        field: str,
    ) -> None:
        with pytest.raises(
            InvalidValueError, match=rf"^FulfilmentSummary\.{field}: got"
        ):
            attrs.evolve(summary, **changes)

    def test_the_quotient_is_named_in_the_message(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(SUMMARY, fulfilment_rate=0.7)
        assert caught.value.expected == "8/10 (0.8)"
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(EMPTY, acceptance_rate=0.5)
        assert caught.value.expected == "None, since the denominator is 0"
