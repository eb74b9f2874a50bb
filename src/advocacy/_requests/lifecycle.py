"""The request lifecycle's rules: replaying events into a request's state.

A request's history is an ordered list of events (submit, approve, contact,
accept, decline, schedule, complete, cancel, expire); `request_state`
replays them and returns the state they lead to. An event the current state
does not allow raises `TransitionError`. The values are in
`advocacy._requests`; the program's fulfilment metrics over many states in
`advocacy._fulfilment`.

Keep this in step with docs/explanation/request-lifecycle.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import attrs
import pendulum

from advocacy._internal.checks import instance_of
from advocacy._internal.text import plural, when
from advocacy._internal.validation import require
from advocacy._model.checks import ACCOUNT, ADVOCATE, REQUEST
from advocacy._model.customers import Account, Advocate
from advocacy._model.records import ReferenceRequest
from advocacy._requests.events import (
    EVENT,
    RequestEvent,
    RequestEventKind,
    RequestState,
    RequestStatus,
)
from advocacy.exceptions import InvalidValueError, TransitionError, UnknownKeyError

__all__ = ["request_state", "request_states"]


_CONTACT_FROM: Final = frozenset(
    {
        RequestStatus.SUBMITTED,
        RequestStatus.APPROVED,
        RequestStatus.CONTACTED,
        RequestStatus.DECLINED,
    }
)
# Events about the whole request: the status each must come from (None: any
# open one) and the status it leads to.
_REQUEST_LEVEL: Final = {
    RequestEventKind.SCHEDULE: (RequestStatus.ACCEPTED, RequestStatus.SCHEDULED),
    RequestEventKind.COMPLETE: (RequestStatus.SCHEDULED, RequestStatus.COMPLETED),
    RequestEventKind.CANCEL: (None, RequestStatus.CANCELLED),
    RequestEventKind.EXPIRE: (None, RequestStatus.EXPIRED),
}
_EVENTS: Final = instance_of(Iterable, "an iterable of RequestEvent")
_REQUESTS: Final = instance_of(Iterable, "an iterable of ReferenceRequest")
_ADVOCATES: Final = instance_of(Mapping, "a mapping of advocate id to Advocate")
_ACCOUNTS: Final = instance_of(Mapping, "a mapping of account id to Account")


@attrs.define
class _Replay:
    """The mutable fold behind `request_state`: one request, event by event."""

    request: ReferenceRequest
    owner: str
    advocates: Mapping[str, Advocate]
    accounts: Mapping[str, Account]
    status: RequestStatus | None = None
    events: list[RequestEvent] = attrs.Factory(list)
    submitted_at: pendulum.DateTime | None = None
    fulfilled_at: pendulum.DateTime | None = None
    closed_at: pendulum.DateTime | None = None
    pending: set[str] = attrs.Factory(set)
    accepted: list[str] = attrs.Factory(list)
    declined: set[str] = attrs.Factory(set)
    approved: set[str] = attrs.Factory(set)
    contacts: int = 0

    def refuse(self, event: RequestEvent, reason: str | None = None) -> TransitionError:
        return TransitionError(self.request.id, self.status, event, reason)

    def resolve(self, field: str, advocate_id: str) -> tuple[Advocate, Account]:
        """The advocate an event names and their account."""
        advocate = self.advocates.get(advocate_id)
        if advocate is None:
            raise UnknownKeyError(
                self.owner, field, advocate_id, "the id of an advocate in advocates"
            )
        require(self.owner, f"advocates[{advocate_id!r}]", advocate, ADVOCATE)
        account = self.accounts.get(advocate.account_id)
        if account is None:
            raise UnknownKeyError(
                self.owner,
                f"advocates[{advocate_id!r}].account_id",
                advocate.account_id,
                "the id of an account in accounts",
            )
        require(self.owner, f"accounts[{advocate.account_id!r}]", account, ACCOUNT)
        return advocate, account

    def apply(self, index: int, event: RequestEvent) -> None:
        """Check `event` against the state so far and apply it."""
        require(self.owner, f"events[{index}]", event, EVENT)
        if event.request_id != self.request.id:
            raise InvalidValueError(
                self.owner,
                f"events[{index}].request_id",
                event.request_id,
                f"{self.request.id!r}, the id of the request replayed",
            )
        if self.events and event.at < self.events[-1].at:
            raise self.refuse(
                event,
                f"it is dated {when(event.at)}, before the event it follows "
                f"({when(self.events[-1].at)}); events must be in time order",
            )
        # An unknown advocate is a data error whatever the state: say so first.
        resolved = (
            None
            if event.advocate_id is None
            else self.resolve(f"events[{index}].advocate_id", event.advocate_id)
        )
        if self.status is None:
            if event.kind is not RequestEventKind.SUBMIT:
                raise self.refuse(event, "the first event must be 'submit'")
            self.status = RequestStatus.SUBMITTED
            self.submitted_at = event.at
        elif event.kind is RequestEventKind.SUBMIT:
            raise self.refuse(event, "it was already submitted")
        elif self.status.is_terminal:
            raise self.refuse(event)
        elif resolved is not None:  # the event names an advocate
            self.answer(event, *resolved)
        else:
            self.close(event)
        self.events.append(event)

    def answer(self, event: RequestEvent, advocate: Advocate, account: Account) -> None:
        """Apply an approve, contact, accept or decline to an open request."""
        who = advocate.id
        needed = self.request.advocates_needed
        if event.kind is RequestEventKind.APPROVE:
            self.approved.add(account.id)
            if self.status is RequestStatus.SUBMITTED:
                self.status = RequestStatus.APPROVED
            return
        if event.kind is RequestEventKind.CONTACT:
            self.contact(event, advocate, account)
            return
        if who not in self.pending:
            if who in self.accepted:
                raise self.refuse(event, f"{who} already accepted")
            if who in self.declined:
                raise self.refuse(event, f"{who} already declined")
            raise self.refuse(event, f"{who} was not contacted for this request")
        if event.kind is RequestEventKind.ACCEPT and len(self.accepted) >= needed:
            raise self.refuse(
                event,
                f"it already has the {plural(needed, 'advocate')} it needs; record "
                f"a decline for {who} instead",
            )
        self.pending.discard(who)
        if event.kind is RequestEventKind.DECLINE:
            self.declined.add(who)
            if not self.pending and len(self.accepted) < needed:
                self.status = RequestStatus.DECLINED
            return
        self.accepted.append(who)
        if len(self.accepted) == needed:
            self.status = RequestStatus.ACCEPTED
            self.fulfilled_at = event.at

    def contact(
        self, event: RequestEvent, advocate: Advocate, account: Account
    ) -> None:
        """Apply a contact event to an open request."""
        who = advocate.id
        needed = self.request.advocates_needed
        if self.status is RequestStatus.ACCEPTED:
            raise self.refuse(
                event, f"it already has the {plural(needed, 'advocate')} it needs"
            )
        if self.status not in _CONTACT_FROM:
            raise self.refuse(event)
        if who in self.pending:
            raise self.refuse(
                event, f"{who} was already contacted and has not answered"
            )
        if who in self.accepted:
            raise self.refuse(event, f"{who} already accepted")
        if account.policy.approval_required and account.id not in self.approved:
            raise self.refuse(
                event,
                f"account {account.id} requires its owner's approval and no "
                f"'approve' was recorded for it",
            )
        self.pending.add(who)
        self.declined.discard(who)
        self.contacts += 1
        self.status = RequestStatus.CONTACTED

    def close(self, event: RequestEvent) -> None:
        """Apply a schedule, complete, cancel or expire to an open request."""
        source, target = _REQUEST_LEVEL[event.kind]
        if source is not None and self.status is not source:
            raise self.refuse(event)
        self.status = target
        if target.is_terminal:
            self.closed_at = event.at

    def state(self) -> RequestState:
        """The frozen state reached."""
        if self.status is None or self.submitted_at is None:
            raise InvalidValueError(
                self.owner,
                "events",
                self.request.id,
                "at least the 'submit' event of every request; this request has none",
            )
        return RequestState(
            request=self.request,
            status=self.status,
            events=tuple(self.events),
            submitted_at=self.submitted_at,
            fulfilled_at=self.fulfilled_at,
            closed_at=self.closed_at,
            pending=frozenset(self.pending),
            accepted=tuple(self.accepted),
            declined=frozenset(self.declined),
            approved_accounts=frozenset(self.approved),
            contacts=self.contacts,
        )


def _replay(
    owner: str,
    request: ReferenceRequest,
    advocates: Mapping[str, Advocate],
    accounts: Mapping[str, Account],
) -> _Replay:
    require(owner, "advocates", advocates, _ADVOCATES)
    require(owner, "accounts", accounts, _ACCOUNTS)
    return _Replay(
        request,
        owner,
        advocates,
        accounts,
        approved=set(request.approved_accounts),
    )


def request_state(
    request: ReferenceRequest,
    events: Iterable[RequestEvent],
    *,
    advocates: Mapping[str, Advocate],
    accounts: Mapping[str, Account],
) -> RequestState:
    """Replay one request's events and return the state they lead to.

    Transitions (see docs/explanation/request-lifecycle.md for the table):
    submit first and only once; approve in any open state (submitted ->
    approved); contact from submitted, approved, contacted or declined ->
    contacted, if the advocate is not already waiting or accepted, and their
    account's owner approved where its policy asks (an earlier approve
    event, or the request's own `approved_accounts`);
    accept or decline by an advocate waiting to answer (the last acceptance
    needed makes it accepted; a decline leaving nobody waiting and too few
    acceptances makes it declined); schedule from accepted; complete from
    scheduled; cancel or expire from any open state. Events must be in time
    order (equal times are fine).

    An advocate's opt-out is not checked: the events record what happened,
    and a history must still replay after an advocate leaves the program.
    Matching is what keeps opted-out advocates out of new asks.

    Args:
        request: The request.
        events: Its events, in the order they happened.
        advocates: Advocate id to advocate, for every advocate the events
            name (their account is read).
        accounts: Account id to account, for those advocates' accounts
            (their policy says whether approval is required).

    Returns:
        The state the events lead to.

    Raises:
        TransitionError: An event is not allowed where it comes.
        UnknownKeyError: An event names an advocate not in `advocates`, or
            an advocate's account is not in `accounts`.
        InvalidValueError: An event is for another request, or there are no
            events.
        InvalidTypeError: An argument or event is of the wrong kind.
    """
    owner = "request_state"
    require(owner, "request", request, REQUEST)
    require(owner, "events", events, _EVENTS)
    replay = _replay(owner, request, advocates, accounts)
    for index, event in enumerate(events):
        replay.apply(index, event)
    return replay.state()


def request_states(
    requests: Iterable[ReferenceRequest],
    events: Iterable[RequestEvent],
    *,
    advocates: Mapping[str, Advocate],
    accounts: Mapping[str, Account],
) -> dict[str, RequestState]:
    """Replay the events of many requests, interleaved, in time order per request.

    Each request's events are replayed as by `request_state`; events of
    different requests may come in any order relative to each other.

    Args:
        requests: The requests (distinct ids).
        events: Their events; each request's own events in the order they
            happened.
        advocates: Advocate id to advocate, for every advocate the events
            name.
        accounts: Account id to account, for those advocates' accounts.

    Returns:
        Request id to state, in id order.

    Raises:
        TransitionError: An event is not allowed where it comes.
        UnknownKeyError: An event names a request not in `requests`, an
            advocate not in `advocates`, or an advocate's account is not in
            `accounts`.
        InvalidValueError: Two requests share an id, or a request has no
            events (every request needs its submit event).
        InvalidTypeError: An argument or event is of the wrong kind.
    """
    owner = "request_states"
    require(owner, "requests", requests, _REQUESTS)
    require(owner, "events", events, _EVENTS)
    replays: dict[str, _Replay] = {}
    for index, request in enumerate(requests):
        require(owner, f"requests[{index}]", request, REQUEST)
        if request.id in replays:
            raise InvalidValueError(
                owner, "requests", request.id, "requests with distinct ids"
            )
        replays[request.id] = _replay(owner, request, advocates, accounts)
    for index, event in enumerate(events):
        require(owner, f"events[{index}]", event, EVENT)
        replay = replays.get(event.request_id)
        if replay is None:
            raise UnknownKeyError(
                owner,
                f"events[{index}].request_id",
                event.request_id,
                "the id of one of the requests",
            )
        replay.apply(index, event)
    return {request_id: replays[request_id].state() for request_id in sorted(replays)}
