"""The request lifecycle: events to status, every transition, commitments."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    ActivityType,
    Advocate,
    Commitment,
    RequestEvent,
    RequestEventKind,
    RequestState,
    RequestStatus,
    request_state,
    request_states,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    TransitionError,
    UnknownKeyError,
    ValidationError,
)
from tests.checks import refused
from tests.strategies import (
    T0,
    Walk,
    event_gaps,
    reference_request,
    request_account,
    walks,
)
from tests.strategies import request_event as ev

S = RequestStatus
K = RequestEventKind

ACCOUNTS = {
    "acct-1": request_account("acct-1"),
    "acct-2": request_account("acct-2", approval=True),
    "acct-3": request_account("acct-3"),
}
ADVOCATES = {
    advocate.id: advocate
    for advocate in (
        Advocate("adv-1", "acct-1", "Ann"),
        Advocate("adv-2", "acct-1", "Bo"),
        Advocate("adv-3", "acct-2", "Cy"),
        Advocate("adv-4", "acct-3", "Di"),
        Advocate("adv-out", "acct-3", "Ed", opted_out=True),
    )
}


def replay(
    events: Sequence[RequestEvent], needed: int = 1, **changes: Any
) -> RequestState:
    return request_state(
        reference_request(needed=needed, **changes),
        events,
        advocates=ADVOCATES,
        accounts=ACCOUNTS,
    )


# A legal prefix reaching each status (one advocate needed; adv-1 takes it).
PREFIXES: dict[RequestStatus, list[RequestEvent]] = {
    S.SUBMITTED: [ev("submit", 0)],
    S.APPROVED: [ev("submit", 0), ev("approve", 1, "adv-1")],
    S.CONTACTED: [ev("submit", 0), ev("contact", 1, "adv-1")],
    S.DECLINED: [ev("submit", 0), ev("contact", 1, "adv-1"), ev("decline", 2, "adv-1")],
    S.ACCEPTED: [ev("submit", 0), ev("contact", 1, "adv-1"), ev("accept", 2, "adv-1")],
    S.SCHEDULED: [
        ev("submit", 0),
        ev("contact", 1, "adv-1"),
        ev("accept", 2, "adv-1"),
        ev("schedule", 3),
    ],
    S.COMPLETED: [
        ev("submit", 0),
        ev("contact", 1, "adv-1"),
        ev("accept", 2, "adv-1"),
        ev("schedule", 3),
        ev("complete", 4),
    ],
    S.CANCELLED: [ev("submit", 0), ev("cancel", 1)],
    S.EXPIRED: [ev("submit", 0), ev("expire", 1)],
}

# The advocate each kind of event names when tried after a prefix: adv-2 is
# fresh (never asked), adv-1 is the one the prefix asked.
TRIED: dict[RequestEventKind, str | None] = {
    K.SUBMIT: None,
    K.APPROVE: "adv-2",
    K.CONTACT: "adv-2",
    K.ACCEPT: "adv-1",
    K.DECLINE: "adv-1",
    K.SCHEDULE: None,
    K.COMPLETE: None,
    K.CANCEL: None,
    K.EXPIRE: None,
}

CLOSE = {K.CANCEL: S.CANCELLED, K.EXPIRE: S.EXPIRED}
LEGAL: dict[tuple[RequestStatus, RequestEventKind], RequestStatus] = {
    (S.SUBMITTED, K.APPROVE): S.APPROVED,
    (S.SUBMITTED, K.CONTACT): S.CONTACTED,
    (S.APPROVED, K.APPROVE): S.APPROVED,
    (S.APPROVED, K.CONTACT): S.CONTACTED,
    (S.CONTACTED, K.APPROVE): S.CONTACTED,
    (S.CONTACTED, K.CONTACT): S.CONTACTED,
    (S.CONTACTED, K.ACCEPT): S.ACCEPTED,
    (S.CONTACTED, K.DECLINE): S.DECLINED,
    (S.DECLINED, K.APPROVE): S.DECLINED,
    (S.DECLINED, K.CONTACT): S.CONTACTED,
    (S.ACCEPTED, K.APPROVE): S.ACCEPTED,
    (S.ACCEPTED, K.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, K.APPROVE): S.SCHEDULED,
    (S.SCHEDULED, K.COMPLETE): S.COMPLETED,
    **{
        (status, kind): closed
        for status in S
        if status.is_open
        for kind, closed in CLOSE.items()
    },
}
ILLEGAL = sorted(set(itertools.product(S, K)) - set(LEGAL))


def after(status: RequestStatus, kind: RequestEventKind) -> list[RequestEvent]:
    """The prefix reaching `status`, then an event of `kind` an hour later."""
    prefix = PREFIXES[status]
    late = (prefix[-1].at - T0).total_seconds() / 3600 + 1
    return [*prefix, ev(kind, late, TRIED[kind])]


class TestLegalPaths:
    def test_single_advocate_from_submit_to_complete(self) -> None:
        state = replay(PREFIXES[S.COMPLETED])
        assert state.status is S.COMPLETED
        assert state.accepted == ("adv-1",)
        assert state.pending == frozenset()
        assert state.declined == frozenset()
        assert state.contacts == 1
        assert state.submitted_at == T0
        assert state.fulfilled_at == T0.add(hours=2)
        assert state.closed_at == T0.add(hours=4)
        assert state.events == tuple(PREFIXES[S.COMPLETED])

    def test_with_approval(self) -> None:
        events = [
            ev("submit", 0),
            ev("approve", 1, "adv-3"),
            ev("contact", 2, "adv-3"),
            ev("accept", 3, "adv-3"),
        ]
        state = replay(events)
        assert state.status is S.ACCEPTED
        assert state.approved_accounts == frozenset({"acct-2"})
        assert replay(events[:2]).status is S.APPROVED

    def test_approval_given_on_the_request(self) -> None:
        events = [ev("submit", 0), ev("contact", 1, "adv-3")]
        state = replay(events, approved_accounts={"acct-2"})
        assert state.status is S.CONTACTED
        assert state.approved_accounts == frozenset({"acct-2"})

    def test_approval_leaves_a_later_status_alone(self) -> None:
        state = replay([*PREFIXES[S.CONTACTED], ev("approve", 2, "adv-3")])
        assert state.status is S.CONTACTED
        assert state.approved_accounts == frozenset({"acct-2"})

    def test_decline_then_another_contact(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("decline", 2, "adv-1"),
            ev("contact", 3, "adv-2"),
            ev("accept", 4, "adv-2"),
        ]
        assert replay(events[:3]).status is S.DECLINED
        state = replay(events)
        assert state.status is S.ACCEPTED
        assert state.accepted == ("adv-2",)
        assert state.declined == frozenset({"adv-1"})
        assert state.contacts == 2

    def test_a_declined_advocate_may_be_asked_again(self) -> None:
        events = [*PREFIXES[S.DECLINED], ev("contact", 3, "adv-1")]
        state = replay(events)
        assert state.status is S.CONTACTED
        assert state.pending == frozenset({"adv-1"})
        assert state.declined == frozenset()
        assert replay([*events, ev("accept", 4, "adv-1")]).accepted == ("adv-1",)

    def test_two_advocates_accepting(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("contact", 1, "adv-4"),
            ev("accept", 2, "adv-4"),
        ]
        partial = replay(events, needed=2)
        assert partial.status is S.CONTACTED
        assert partial.fulfilled_at is None
        assert partial.accepted == ("adv-4",)
        assert partial.pending == frozenset({"adv-1"})
        state = replay([*events, ev("accept", 5, "adv-1")], needed=2)
        assert state.status is S.ACCEPTED
        assert state.accepted == ("adv-4", "adv-1")
        assert state.fulfilled_at == T0.add(hours=5)
        assert state.hours_to_fulfil == 5

    def test_two_needed_one_declines_while_another_is_asked(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("contact", 1, "adv-2"),
            ev("accept", 2, "adv-1"),
            ev("decline", 3, "adv-2"),
        ]
        state = replay(events, needed=2)
        assert state.status is S.DECLINED  # nobody left to answer, 1 of 2 accepted
        state = replay([*events, ev("contact", 4, "adv-4")], needed=2)
        assert state.status is S.CONTACTED

    def test_extra_advocate_may_decline_after_fulfilment(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("contact", 1, "adv-2"),
            ev("accept", 2, "adv-1"),
        ]
        assert replay(events).pending == frozenset({"adv-2"})
        state = replay([*events, ev("schedule", 3), ev("decline", 4, "adv-2")])
        assert state.status is S.SCHEDULED
        assert state.pending == frozenset()
        assert state.declined == frozenset({"adv-2"})

    @pytest.mark.parametrize("kind", [K.CANCEL, K.EXPIRE])
    @pytest.mark.parametrize("status", [s for s in S if s.is_open])
    def test_cancel_and_expire_from_every_open_state(
        self, status: RequestStatus, kind: RequestEventKind
    ) -> None:
        events = after(status, kind)
        state = replay(events)
        assert state.status is CLOSE[kind]
        assert state.closed_at == events[-1].at
        assert state.commitments() == ()

    def test_contact_of_an_advocate_who_has_since_opted_out(self) -> None:
        """History stands: a contact replays whatever the advocate's flag says now."""
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-out"),
            ev("accept", 2, "adv-out"),
        ]
        state = replay(events)
        assert state.status is S.ACCEPTED
        assert state.accepted == ("adv-out",)
        back_then = attrs.evolve(ADVOCATES["adv-out"], opted_out=False)
        assert (
            request_state(
                reference_request(),
                events,
                advocates={**ADVOCATES, "adv-out": back_then},
                accounts=ACCOUNTS,
            )
            == state
        )

    def test_equal_times_are_in_order(self) -> None:
        events = [ev("submit", 0), ev("contact", 0, "adv-1"), ev("accept", 0, "adv-1")]
        state = replay(events)
        assert state.status is S.ACCEPTED
        assert state.hours_to_fulfil == 0


class TestTransitionTable:
    def test_table_covers_every_pair(self) -> None:
        assert len(LEGAL) + len(ILLEGAL) == len(S) * len(K) == 81
        assert len(LEGAL) == 26

    @pytest.mark.parametrize(("status", "kind"), sorted(LEGAL))
    def test_legal(self, status: RequestStatus, kind: RequestEventKind) -> None:
        assert replay(PREFIXES[status]).status is status
        assert replay(after(status, kind)).status is LEGAL[status, kind]

    @pytest.mark.parametrize(("status", "kind"), ILLEGAL)
    def test_illegal(self, status: RequestStatus, kind: RequestEventKind) -> None:
        events = after(status, kind)
        with pytest.raises(TransitionError) as caught:
            replay(events)
        error = caught.value
        assert isinstance(error, ValidationError)
        assert isinstance(error, ValueError)
        assert (error.request_id, error.status, error.event) == (
            "req-1",
            status,
            events[-1],
        )
        message = str(error)
        assert message.startswith(f"request req-1 is {status.value}; ")
        assert f"{kind.value!r}" in message

    def test_message_of_a_status_refusal(self) -> None:
        with pytest.raises(TransitionError) as caught:
            replay(after(S.COMPLETED, K.CANCEL))
        assert str(caught.value) == (
            "request req-1 is completed; 'cancel' is not allowed from completed"
        )
        assert caught.value.reason == "from completed"


class TestAdvocateRules:
    def refused(self, events: list[RequestEvent], needed: int = 1) -> str:
        with pytest.raises(TransitionError) as caught:
            replay(events, needed=needed)
        assert caught.value.event is events[-1]
        return str(caught.value)

    def test_contact_without_required_approval(self) -> None:
        message = self.refused([ev("submit", 0), ev("contact", 1, "adv-3")])
        assert message == (
            "request req-1 is submitted; 'contact' (adv-3) is not allowed: account "
            "acct-2 requires its owner's approval and no 'approve' was recorded for it"
        )

    def test_approval_of_another_account_does_not_count(self) -> None:
        events = [ev("submit", 0), ev("approve", 1, "adv-1"), ev("contact", 2, "adv-3")]
        assert "acct-2 requires its owner's approval" in self.refused(events)

    def test_contact_twice_without_an_answer(self) -> None:
        events = [*PREFIXES[S.CONTACTED], ev("contact", 2, "adv-1")]
        assert "adv-1 was already contacted and has not answered" in self.refused(
            events
        )

    def test_contact_an_advocate_who_accepted(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("accept", 2, "adv-1"),
            ev("contact", 3, "adv-1"),
        ]
        assert "adv-1 already accepted" in self.refused(events, needed=2)

    def test_contact_when_every_advocate_needed_accepted(self) -> None:
        message = self.refused(after(S.ACCEPTED, K.CONTACT))
        assert "it already has the 1 advocate it needs" in message

    @pytest.mark.parametrize("kind", ["accept", "decline"])
    def test_answer_from_someone_not_asked(self, kind: str) -> None:
        events = [*PREFIXES[S.CONTACTED], ev(kind, 2, "adv-2")]
        assert "adv-2 was not contacted for this request" in self.refused(events)

    @pytest.mark.parametrize("kind", ["accept", "decline"])
    def test_answer_twice(self, kind: str) -> None:
        accepted = [*PREFIXES[S.ACCEPTED], ev(kind, 3, "adv-1")]
        assert "adv-1 already accepted" in self.refused(accepted)
        declined = [*PREFIXES[S.DECLINED], ev(kind, 3, "adv-1")]
        assert "adv-1 already declined" in self.refused(declined)

    def test_accept_beyond_the_advocates_needed(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("contact", 1, "adv-2"),
            ev("accept", 2, "adv-1"),
            ev("accept", 3, "adv-2"),
        ]
        message = self.refused(events)
        assert message == (
            "request req-1 is accepted; 'accept' (adv-2) is not allowed: it already "
            "has the 1 advocate it needs; record a decline for adv-2 instead"
        )
        three_asked = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("contact", 1, "adv-2"),
            ev("contact", 1, "adv-4"),
            ev("accept", 2, "adv-1"),
            ev("accept", 2, "adv-4"),
            ev("accept", 3, "adv-2"),
        ]
        assert "the 2 advocates it needs" in self.refused(three_asked, needed=2)

    @pytest.mark.parametrize("kind", [k for k in K if k is not K.SUBMIT])
    def test_first_event_must_be_submit(self, kind: RequestEventKind) -> None:
        with pytest.raises(TransitionError) as caught:
            replay([ev(kind, 0, TRIED[kind])])
        assert caught.value.status is None
        assert str(caught.value).startswith("request req-1 is not submitted yet; ")
        assert "the first event must be 'submit'" in str(caught.value)
        assert caught.value.reason == "the first event must be 'submit'"

    def test_submit_only_once(self) -> None:
        message = self.refused([ev("submit", 0), ev("submit", 1)])
        assert message == (
            "request req-1 is submitted; 'submit' is not allowed: it was already "
            "submitted"
        )

    def test_out_of_order_events(self) -> None:
        events = [ev("submit", 5), ev("contact", 4, "adv-1")]
        message = self.refused(events)
        assert message == (
            "request req-1 is submitted; 'contact' (adv-1) is not allowed: it is "
            "dated 2026-03-02 13:00 +00:00, before the event it follows "
            "(2026-03-02 14:00 +00:00); events must be in time order"
        )

    def test_order_is_by_instant_not_by_wall_clock(self) -> None:
        submit = RequestEvent("req-1", "submit", "2026-03-02T10:00:00+01:00")
        contact = RequestEvent("req-1", "contact", "2026-03-02T09:30:00+00:00", "adv-1")
        assert replay([submit, contact]).hours_to_fulfil is None
        early = RequestEvent("req-1", "contact", "2026-03-02T09:30:00+01:00", "adv-1")
        with pytest.raises(TransitionError, match="time order"):
            replay([submit, early])


class TestLookups:
    def test_unknown_advocate(self) -> None:
        with pytest.raises(UnknownKeyError) as caught:
            replay([ev("submit", 0), ev("contact", 1, "adv-9")])
        assert isinstance(caught.value, KeyError)
        assert str(caught.value) == (
            "request_state.events[1].advocate_id: got 'adv-9'; expected the id of "
            "an advocate in advocates"
        )

    def test_unknown_advocate_even_after_the_end(self) -> None:
        with pytest.raises(UnknownKeyError, match="adv-9"):
            replay([*PREFIXES[S.CANCELLED], ev("approve", 2, "adv-9")])

    def test_unknown_account(self) -> None:
        advocates = {**ADVOCATES, "adv-5": Advocate("adv-5", "acct-9", "Flo")}
        error = refused(
            UnknownKeyError,
            r"request_state\.advocates\['adv-5'\]\.account_id",
            lambda: request_state(
                reference_request(),
                [ev("submit", 0), ev("approve", 1, "adv-5")],
                advocates=advocates,
                accounts=ACCOUNTS,
            ),
            value="acct-9",
        )
        assert error.field == "advocates['adv-5'].account_id"
        assert error.expected == "the id of an account in accounts"

    def test_mapping_values_of_the_wrong_kind(self) -> None:
        events = [ev("submit", 0), ev("approve", 1, "adv-1")]
        refused(
            InvalidTypeError,
            r"request_state\.advocates\['adv-1'\]",
            lambda: request_state(
                reference_request(),
                events,
                advocates={"adv-1": "Ann"},  # type: ignore[dict-item]
                accounts=ACCOUNTS,
            ),
            value="Ann",
            expected="an Advocate",
        )
        refused(
            InvalidTypeError,
            r"request_state\.accounts\['acct-1'\]",
            lambda: request_state(
                reference_request(),
                events,
                advocates=ADVOCATES,
                accounts={"acct-1": "Acme"},  # type: ignore[dict-item]
            ),
            value="Acme",
            expected="an Account",
        )

    def test_event_of_another_request(self) -> None:
        error = refused(
            InvalidValueError,
            r"request_state\.events\[1\]\.request_id",
            lambda: replay([ev("submit", 0), ev("cancel", 1, request_id="req-2")]),
            value="req-2",
            expected="'req-1', the id of the request replayed",
        )
        assert error.field == "events[1].request_id"
        assert "'req-1', the id of the request replayed" in str(error)

    def test_no_events(self) -> None:
        error = refused(
            InvalidValueError,
            r"request_state\.events",
            lambda: replay([]),
            value="req-1",
        )
        assert error.expected == (
            "at least the 'submit' event of every request; this request has none"
        )

    @pytest.mark.parametrize(
        ("arguments", "field"),
        [
            ({"request": "req-1"}, "request"),
            ({"events": 7}, "events"),
            ({"events": ["submit"]}, r"events\[0\]"),
            ({"advocates": list(ADVOCATES.values())}, "advocates"),
            ({"accounts": None}, "accounts"),
        ],
    )
    def test_wrong_kinds(self, arguments: dict[str, object], field: str) -> None:
        given: dict[str, object] = {
            "request": reference_request(),
            "events": [ev("submit", 0)],
            "advocates": ADVOCATES,
            "accounts": ACCOUNTS,
            **arguments,
        }
        with pytest.raises(InvalidTypeError, match=rf"request_state\.{field}"):
            request_state(
                given["request"],  # type: ignore[arg-type]
                given["events"],  # type: ignore[arg-type]
                advocates=given["advocates"],  # type: ignore[arg-type]
                accounts=given["accounts"],  # type: ignore[arg-type]
            )


class TestTimeToFulfil:
    def test_exact(self) -> None:
        events = [
            RequestEvent("req-1", "submit", "2026-03-02T09:00:00+00:00"),
            RequestEvent("req-1", "contact", "2026-03-02T10:15:00+00:00", "adv-1"),
            RequestEvent("req-1", "accept", "2026-03-03T11:30:00+00:00", "adv-1"),
        ]
        state = replay(events)
        assert state.time_to_fulfil == pendulum.duration(hours=26, minutes=30)
        assert type(state.time_to_fulfil) is pendulum.Duration
        assert state.hours_to_fulfil == 26.5

    def test_across_offsets(self) -> None:
        events = [
            RequestEvent("req-1", "submit", "2026-03-02T09:00:00+01:00"),
            RequestEvent("req-1", "contact", "2026-03-02T08:00:00+00:00", "adv-1"),
            RequestEvent("req-1", "accept", "2026-03-02T09:00:00+00:00", "adv-1"),
        ]
        assert replay(events).hours_to_fulfil == 1

    def test_unfulfilled(self) -> None:
        state = replay(PREFIXES[S.CONTACTED])
        assert state.time_to_fulfil is None
        assert state.hours_to_fulfil is None

    def test_fulfilment_outlives_a_cancellation(self) -> None:
        state = replay([*PREFIXES[S.ACCEPTED], ev("cancel", 9)])
        assert state.status is S.CANCELLED
        assert state.hours_to_fulfil == 2
        assert state.closed_at == T0.add(hours=9)


class TestCommitments:
    def commitment(self, advocate_id: str, on: str) -> Commitment:
        return Commitment(advocate_id, "req-1", ActivityType.REFERENCE_CALL, on)

    def test_pending_on_the_contact_date(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-2"),
            ev("contact", 30, "adv-1"),
        ]
        assert replay(events).commitments() == (
            self.commitment("adv-1", "2026-03-03"),
            self.commitment("adv-2", "2026-03-02"),
        )

    def test_accepted_on_the_accept_date_then_the_schedule_date(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("accept", 30, "adv-1"),
            ev("schedule", 60),
        ]
        assert replay(events[:3]).commitments() == (
            self.commitment("adv-1", "2026-03-03"),
        )
        assert replay(events).commitments() == (self.commitment("adv-1", "2026-03-04"),)

    def test_a_partly_accepted_request(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-1"),
            ev("contact", 1, "adv-2"),
            ev("accept", 25, "adv-1"),
            ev("decline", 26, "adv-2"),
        ]
        state = replay(events, needed=2)
        assert state.status is S.DECLINED
        assert state.commitments() == (self.commitment("adv-1", "2026-03-03"),)

    def test_none_for_a_declined_or_unasked_request(self) -> None:
        assert replay(PREFIXES[S.DECLINED]).commitments() == ()
        assert replay(PREFIXES[S.APPROVED]).commitments() == ()

    @pytest.mark.parametrize("status", [S.COMPLETED, S.CANCELLED, S.EXPIRED])
    def test_none_once_closed(self, status: RequestStatus) -> None:
        assert replay(PREFIXES[status]).commitments() == ()

    def test_dates_are_in_the_events_own_offset(self) -> None:
        events = [
            RequestEvent("req-1", "submit", "2026-03-02T20:00:00-05:00"),
            RequestEvent("req-1", "contact", "2026-03-02T23:30:00-05:00", "adv-1"),
        ]
        assert replay(events).commitments()[0].on == pendulum.date(2026, 3, 2)

    def test_activity_is_the_requests(self) -> None:
        request = attrs.evolve(reference_request(), activity=ActivityType.WEBINAR)
        state = request_state(
            request, PREFIXES[S.CONTACTED], advocates=ADVOCATES, accounts=ACCOUNTS
        )
        assert state.commitments()[0].activity is ActivityType.WEBINAR


class TestRendering:
    def test_explain(self) -> None:
        events = [
            ev("submit", 0),
            ev("contact", 1, "adv-2"),
            RequestEvent("req-1", "decline", T0.add(hours=2), "adv-2", "travelling"),
            ev("contact", 3, "adv-1"),
            ev("accept", 26.5, "adv-1"),
        ]
        assert replay(events).explain() == (
            "request req-1 (reference_call, 1 advocate needed): accepted\n"
            "  2026-03-02 09:00 +00:00  submit\n"
            "  2026-03-02 10:00 +00:00  contact adv-2\n"
            "  2026-03-02 11:00 +00:00  decline adv-2 (travelling)\n"
            "  2026-03-02 12:00 +00:00  contact adv-1\n"
            "  2026-03-03 11:30 +00:00  accept adv-1\n"
            "accepted 1/1: adv-1; pending: none; declined: adv-2\n"
            "fulfilled in 26.5 h"
        )

    def test_explain_unfulfilled(self) -> None:
        text = replay(PREFIXES[S.CONTACTED], needed=2).explain()
        assert text.splitlines()[0].endswith(
            "(reference_call, 2 advocates needed): contacted"
        )
        assert text.endswith(
            "accepted 0/2: none; pending: adv-1; declined: none\nnot fulfilled"
        )

    def test_repr_records_and_html(self) -> None:
        state = replay(PREFIXES[S.SCHEDULED])
        assert repr(state) == (
            "RequestState(req-1: scheduled, 1/1 accepted, fulfilled in 2.0 h)"
        )
        assert repr(replay(PREFIXES[S.SUBMITTED])) == (
            "RequestState(req-1: submitted, 0/1 accepted, not fulfilled)"
        )
        records = state.to_records()
        assert records[1] == {
            "request_id": "req-1",
            "at": T0.add(hours=1),
            "kind": "contact",
            "advocate_id": "adv-1",
            "note": "",
        }
        assert len(records) == 4
        page = state._repr_html_()
        assert page.count("<tr>") == 5
        assert "<td>schedule</td>" in page


class TestManyRequests:
    def test_interleaved_events(self) -> None:
        requests = [reference_request("req-2"), reference_request("req-1", needed=2)]
        events = [
            ev("submit", 0, request_id="req-2"),
            ev("submit", 0),
            ev("contact", 1, "adv-1", request_id="req-2"),
            ev("contact", 1, "adv-1"),
            ev("accept", 2, "adv-1", request_id="req-2"),
            ev("cancel", 3),
        ]
        states = request_states(
            requests, events, advocates=ADVOCATES, accounts=ACCOUNTS
        )
        assert list(states) == ["req-1", "req-2"]
        assert states["req-1"].status is S.CANCELLED
        assert states["req-2"].status is S.ACCEPTED
        assert states["req-2"].request is requests[0]
        assert states["req-1"] == replay(
            [e for e in events if e.request_id == "req-1"], needed=2
        )

    def test_unknown_request(self) -> None:
        with pytest.raises(UnknownKeyError) as caught:
            request_states(
                [reference_request()],
                [ev("submit", 0), ev("submit", 0, request_id="req-7")],
                advocates=ADVOCATES,
                accounts=ACCOUNTS,
            )
        assert str(caught.value) == (
            "request_states.events[1].request_id: got 'req-7'; expected the id of "
            "one of the requests"
        )

    def test_a_request_without_events(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            request_states(
                [reference_request(), reference_request("req-2")],
                [ev("submit", 0)],
                advocates=ADVOCATES,
                accounts=ACCOUNTS,
            )
        assert caught.value.value == "req-2"
        assert "request_states.events: got 'req-2'" in str(caught.value)

    def test_duplicate_request_ids(self) -> None:
        error = refused(
            InvalidValueError,
            r"request_states\.requests",
            lambda: request_states(
                [reference_request(), reference_request()],
                [],
                advocates=ADVOCATES,
                accounts=ACCOUNTS,
            ),
            value="req-1",
        )
        assert error.field == "requests"
        assert error.expected == "requests with distinct ids"

    def test_errors_name_the_position_in_the_whole_list(self) -> None:
        events = [
            ev("submit", 0, request_id="req-2"),
            ev("submit", 0),
            ev("accept", 1, "adv-9", request_id="req-2"),
        ]
        with pytest.raises(UnknownKeyError, match=r"request_states\.events\[2\]"):
            request_states(
                [reference_request(), reference_request("req-2")],
                events,
                advocates=ADVOCATES,
                accounts=ACCOUNTS,
            )

    def test_transition_errors_name_their_request(self) -> None:
        events = [ev("submit", 0, request_id="req-2"), ev("schedule", 1, None, "req-2")]
        with pytest.raises(TransitionError, match="request req-2 is submitted"):
            request_states(
                [reference_request("req-2")],
                events,
                advocates=ADVOCATES,
                accounts=ACCOUNTS,
            )

    @pytest.mark.parametrize(
        ("requests", "events", "field"),
        [
            (None, [], "requests"),
            (["req-1"], [], r"requests\[0\]"),
            ([], 5, "events"),
            ([], [None], r"events\[0\]"),
        ],
    )
    def test_wrong_kinds(self, requests: object, events: object, field: str) -> None:
        with pytest.raises(InvalidTypeError, match=rf"request_states\.{field}"):
            request_states(
                requests,  # type: ignore[arg-type]
                events,  # type: ignore[arg-type]
                advocates=ADVOCATES,
                accounts=ACCOUNTS,
            )


class TestProperties:
    @given(walks())
    def test_legal_histories_replay_as_the_model_says(self, walk: Walk) -> None:
        state = walk.state()
        assert state.status is walk.model.status
        assert state.pending == frozenset(walk.model.pending)
        assert state.accepted == tuple(walk.model.accepted)
        assert state.declined == frozenset(walk.model.declined)
        assert state.approved_accounts == frozenset(walk.model.approved)
        assert state.contacts == sum(e.kind is K.CONTACT for e in walk.events)

    @given(walks())
    def test_invariants(self, walk: Walk) -> None:
        state = walk.state()
        needed = walk.request.advocates_needed
        assert len(state.accepted) <= needed
        assert len(set(state.accepted)) == len(state.accepted)
        assert not state.pending & set(state.accepted)
        assert not state.pending & state.declined
        assert not state.declined & set(state.accepted)
        # Acceptances never fall, so fulfilment is reaching the number needed.
        assert (state.fulfilled_at is not None) == (len(state.accepted) == needed)
        if state.fulfilled_at is not None:
            assert state.hours_to_fulfil is not None
            assert state.hours_to_fulfil >= 0
        assert (state.closed_at is not None) == state.status.is_terminal

    @given(walks())
    def test_commitments_are_the_asks_in_flight(self, walk: Walk) -> None:
        state = walk.state()
        made = state.commitments()
        if state.status.is_terminal:
            assert made == ()
        else:
            assert [c.advocate_id for c in made] == sorted(
                {*state.pending, *state.accepted}
            )
            assert all(c.request_id == walk.request.id for c in made)
            assert all(c.on >= state.submitted_at.date() for c in made)

    @given(walks(), st.data())
    def test_every_next_event_is_allowed_exactly_when_the_model_allows_it(
        self, walk: Walk, data: st.DataObject
    ) -> None:
        kind = data.draw(st.sampled_from(K))
        who = (
            data.draw(st.sampled_from(sorted(walk.advocates)))
            if kind.names_advocate
            else None
        )
        late = (walk.events[-1].at - T0).total_seconds() / 3600
        events = [*walk.events, ev(kind, late + data.draw(event_gaps), who)]
        if walk.model.legal(kind, who):
            assert walk.state(events).events[-1] is events[-1]
        else:
            with pytest.raises(TransitionError) as caught:
                walk.state(events)
            assert str(caught.value).startswith(
                f"request req-1 is {walk.model.status}; {kind.value!r}"
            )

    @given(walks())
    def test_opting_out_afterwards_changes_no_replay(self, walk: Walk) -> None:
        """Every advocate opting out after the fact leaves the state as it was."""
        gone = {
            advocate_id: attrs.evolve(advocate, opted_out=True)
            for advocate_id, advocate in walk.advocates.items()
        }
        replayed = request_state(
            walk.request, walk.events, advocates=gone, accounts=walk.accounts
        )
        assert replayed == walk.state()

    @given(walks(), st.data())
    def test_a_prefix_of_a_legal_history_is_legal(
        self, walk: Walk, data: st.DataObject
    ) -> None:
        cut = data.draw(st.integers(1, len(walk.events)))
        assert walk.state(walk.events[:cut]).events == tuple(walk.events[:cut])


def state_at(status: RequestStatus) -> RequestState:
    return replay(PREFIXES[status])


# Two advocates needed: adv-1 accepted, adv-2 declined, adv-4 still to answer.
MIXED = replay(
    [
        ev("submit", 0),
        ev("contact", 1, "adv-1"),
        ev("contact", 1, "adv-2"),
        ev("contact", 1, "adv-4"),
        ev("decline", 2, "adv-2"),
        ev("accept", 3, "adv-1"),
    ],
    needed=2,
    approved_accounts={"acct-3"},
)


class TestStateValidation:
    """A `RequestState` holds only what replaying its events can lead to."""

    @given(walks())
    def test_every_replayed_state_passes_unchanged(self, walk: Walk) -> None:
        state = walk.state()
        assert attrs.evolve(state) == state

    def test_the_mixed_state_used_here(self) -> None:
        assert MIXED.status is S.CONTACTED
        assert (MIXED.pending, MIXED.accepted, MIXED.declined) == (
            frozenset({"adv-4"}),
            ("adv-1",),
            frozenset({"adv-2"}),
        )
        assert MIXED.contacts == 3

    @pytest.mark.parametrize(
        ("state", "changes", "field"),
        [
            (state_at(S.SUBMITTED), {"events": ()}, "events"),
            (
                state_at(S.ACCEPTED),
                {"events": tuple(PREFIXES[S.ACCEPTED][1:])},
                "events",
            ),
            (
                state_at(S.ACCEPTED),
                {"events": (*PREFIXES[S.ACCEPTED][:2], ev("accept", 2, "adv-1", "x"))},
                r"events\[2\]\.request_id",
            ),
            (
                state_at(S.ACCEPTED),
                {"events": tuple(PREFIXES[S.ACCEPTED][i] for i in (0, 2, 1))},
                r"events\[2\]\.at",
            ),
            (state_at(S.ACCEPTED), {"submitted_at": T0.add(hours=1)}, "submitted_at"),
            (state_at(S.ACCEPTED), {"contacts": 2}, "contacts"),
            (state_at(S.ACCEPTED), {"accepted": ("adv-1", "adv-2")}, "accepted"),
            (MIXED, {"accepted": ("adv-1", "adv-1")}, "accepted"),
            (MIXED, {"accepted": ("adv-4",)}, "accepted"),
            (MIXED, {"declined": frozenset({"adv-4"})}, "declined"),
            (MIXED, {"declined": frozenset({"adv-1"})}, "declined"),
            (MIXED, {"approved_accounts": frozenset()}, "approved_accounts"),
            (state_at(S.ACCEPTED), {"fulfilled_at": None}, "fulfilled_at"),
            (state_at(S.CONTACTED), {"fulfilled_at": T0}, "fulfilled_at"),
            (
                state_at(S.ACCEPTED),
                {"fulfilled_at": T0.subtract(hours=1)},
                "fulfilled_at",
            ),
            (state_at(S.ACCEPTED), {"fulfilled_at": T0.add(hours=9)}, "fulfilled_at"),
            (state_at(S.CANCELLED), {"closed_at": None}, "closed_at"),
            (state_at(S.ACCEPTED), {"closed_at": T0.add(hours=2)}, "closed_at"),
            (state_at(S.COMPLETED), {"closed_at": T0.add(hours=1)}, "closed_at"),
            (state_at(S.CONTACTED), {"status": S.ACCEPTED}, "status"),
            (state_at(S.ACCEPTED), {"status": S.CONTACTED}, "status"),
            (state_at(S.CONTACTED), {"status": S.SUBMITTED}, "status"),
            (MIXED, {"status": S.DECLINED}, "status"),
        ],
    )
    def test_a_state_is_refused_by_name(
        self, state: RequestState, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^RequestState\.{field}: got"):
            attrs.evolve(state, **changes)

    def test_a_decline_leaving_nobody_to_answer_is_declined(self) -> None:
        declined = state_at(S.DECLINED)
        assert declined.pending == frozenset()
        assert attrs.evolve(declined) == declined
