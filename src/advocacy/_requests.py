"""The request lifecycle: a reference request's status derived from its events.

This module holds the events (`EventKind`, `RequestEvent`), the statuses
(`RequestStatus`), the replay (`request_state`, `request_states`) and the
state it leads to (`RequestState`). A request's history is an ordered list of
events (submit, approve, contact, accept, decline, schedule, complete,
cancel, expire); `request_state` replays them and returns the state they lead
to. An event the current state does not allow raises `TransitionError`.
Nothing here reads a clock: every time is an event's `at`.

A request is *fulfilled* at the moment the last advocate it needs accepts:
that is when sales has its reference. Time to fulfil runs from the submit
event to that moment. The program's fulfilment metrics over many states are
in `advocacy._fulfilment`.

Keep this in step with docs/explanation/request-lifecycle.md.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._model import Account, Advocate, Commitment, ReferenceRequest
from advocacy._validation import (
    any_text,
    aware_datetime,
    check_fields,
    checked,
    instance_of,
    member,
    member_of,
    optional,
    require,
    text,
    to_datetime,
)
from advocacy.exceptions import InvalidValueError, TransitionError, UnknownKeyError

__all__ = [
    "EventKind",
    "RequestEvent",
    "RequestState",
    "RequestStatus",
    "request_state",
    "request_states",
]


class RequestStatus(enum.StrEnum):
    """Where a reference request stands."""

    SUBMITTED = "submitted"
    """Sales or marketing asked; nothing has happened yet."""

    APPROVED = "approved"
    """An account owner approved contacting their advocates; none contacted yet."""

    CONTACTED = "contacted"
    """Advocates were asked; the request still lacks the acceptances it needs."""

    ACCEPTED = "accepted"
    """Every advocate needed accepted: the request is fulfilled."""

    DECLINED = "declined"
    """Nobody asked is left to answer and too few accepted: ask someone else."""

    SCHEDULED = "scheduled"
    """The call, session or content is booked."""

    COMPLETED = "completed"
    """It took place (terminal)."""

    CANCELLED = "cancelled"
    """Withdrawn by the requester (terminal)."""

    EXPIRED = "expired"
    """Lapsed unfilled or unused (terminal)."""

    @property
    def is_terminal(self) -> bool:
        """Whether no event may follow: completed, cancelled or expired."""
        return self in _TERMINAL

    @property
    def is_open(self) -> bool:
        """Whether the request is still in flight (not terminal)."""
        return self not in _TERMINAL


_TERMINAL: Final = frozenset(
    {RequestStatus.COMPLETED, RequestStatus.CANCELLED, RequestStatus.EXPIRED}
)


class EventKind(enum.StrEnum):
    """What happened to a reference request."""

    SUBMIT = "submit"
    """The request was made; always the first event, and only once."""

    APPROVE = "approve"
    """The named advocate's account owner approved contacting them for it."""

    CONTACT = "contact"
    """The named advocate was asked."""

    ACCEPT = "accept"
    """The named advocate said yes."""

    DECLINE = "decline"
    """The named advocate said no."""

    SCHEDULE = "schedule"
    """The accepted advocates' part was booked."""

    COMPLETE = "complete"
    """It took place."""

    CANCEL = "cancel"
    """The requester withdrew the request."""

    EXPIRE = "expire"
    """The request lapsed."""

    @property
    def names_advocate(self) -> bool:
        """Whether events of this kind concern one advocate (and must name them)."""
        return self in _NAMES_ADVOCATE


_NAMES_ADVOCATE: Final = frozenset(
    {EventKind.APPROVE, EventKind.CONTACT, EventKind.ACCEPT, EventKind.DECLINE}
)


def _to_event_kind(value: EventKind | str) -> EventKind:
    return member(EventKind, value)


@attrs.frozen
class RequestEvent:
    """One thing that happened to a reference request.

    Attributes:
        request_id: The request it happened to.
        kind: What happened.
        at: When, as a timezone-aware datetime (an aware `datetime.datetime`
            or an ISO 8601 string with an offset is turned into a
            `pendulum.DateTime`; a date or a naive datetime is refused).
        advocate_id: The advocate concerned: required for approve, contact,
            accept and decline; `None` for the others.
        note: Free text.
    """

    request_id: str = attrs.field(metadata=checked(text))
    kind: EventKind = attrs.field(
        converter=_to_event_kind, metadata=checked(member_of(EventKind))
    )
    at: pendulum.DateTime = attrs.field(
        converter=to_datetime, metadata=checked(aware_datetime)
    )
    advocate_id: str | None = attrs.field(
        default=None, metadata=checked(optional(text))
    )
    note: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that an advocate is named where one must be."""
        check_fields(self)
        kind = repr(self.kind.value)
        if self.kind.names_advocate and self.advocate_id is None:
            expected = f"the id of the advocate concerned by a {kind} event"
        elif not self.kind.names_advocate and self.advocate_id is not None:
            expected = f"None for a {kind} event, which concerns the whole request"
        else:
            return
        raise InvalidValueError(
            "RequestEvent", "advocate_id", self.advocate_id, expected
        )


def _when(moment: pendulum.DateTime) -> str:
    return moment.format("YYYY-MM-DD HH:mm Z")


def plural(count: int, word: str) -> str:
    """`1 request`, `3 requests`: a count and its noun."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@attrs.frozen(repr=False)
class RequestState:
    """Where a reference request stands after its events, and how it got there.

    Made by `request_state`; every field is derived from the events.

    Attributes:
        request: The request.
        status: Its status after the last event.
        events: The events applied, in order.
        submitted_at: When it was submitted.
        fulfilled_at: When the last advocate needed accepted, or `None`.
        closed_at: When it was completed, cancelled or expired, or `None`.
        pending: Advocates contacted who have not answered yet.
        accepted: Advocates who accepted, in the order they did.
        declined: Advocates whose latest answer was no.
        approved_accounts: Accounts whose owner approved contacting their
            advocates: the request's own `approved_accounts` and those of
            the approve events.
        contacts: How many contact events there were.
    """

    request: ReferenceRequest
    status: RequestStatus
    events: tuple[RequestEvent, ...]
    submitted_at: pendulum.DateTime
    fulfilled_at: pendulum.DateTime | None
    closed_at: pendulum.DateTime | None
    pending: frozenset[str]
    accepted: tuple[str, ...]
    declined: frozenset[str]
    approved_accounts: frozenset[str]
    contacts: int

    @property
    def time_to_fulfil(self) -> pendulum.Duration | None:
        """From submission to fulfilment (`fulfilled_at - submitted_at`), or `None`."""
        if self.fulfilled_at is None:
            return None
        return (self.fulfilled_at - self.submitted_at).as_duration()

    @property
    def hours_to_fulfil(self) -> float | None:
        """`time_to_fulfil` in hours, or `None` while unfulfilled."""
        elapsed = self.time_to_fulfil
        return None if elapsed is None else elapsed.total_seconds() / 3600

    def _fulfilment_words(self) -> str:
        hours = self.hours_to_fulfil
        return "not fulfilled" if hours is None else f"fulfilled in {hours:.1f} h"

    def commitments(self) -> tuple[Commitment, ...]:
        """The asks of this request still in flight, for matching's quarterly caps.

        One per advocate waiting to answer, on the date they were (last)
        contacted, and one per advocate who accepted, on the date they
        accepted or, once the request is scheduled, the date it was
        scheduled. Dates are the events' calendar dates in their own offsets.
        A completed, cancelled or expired request has none: a completed one
        is counted from its activity record instead.

        Returns:
            The commitments, by advocate id.
        """
        if self.status.is_terminal:
            return ()
        contacted: dict[str, pendulum.Date] = {}
        committed: dict[str, pendulum.Date] = {}
        scheduled: pendulum.Date | None = None
        for event in self.events:
            if event.kind is EventKind.CONTACT:
                contacted[str(event.advocate_id)] = event.at.date()
            elif event.kind is EventKind.ACCEPT:
                committed[str(event.advocate_id)] = event.at.date()
            elif event.kind is EventKind.SCHEDULE:
                scheduled = event.at.date()
        days = {advocate_id: contacted[advocate_id] for advocate_id in self.pending}
        days.update(
            (advocate_id, scheduled or committed[advocate_id])
            for advocate_id in self.accepted
        )
        return tuple(
            Commitment(
                advocate_id, self.request.id, self.request.activity, days[advocate_id]
            )
            for advocate_id in sorted(days)
        )

    def explain(self) -> str:
        """The request's timeline as text: one line per event, then where it stands."""
        request = self.request
        lines = [
            (
                f"request {request.id} ({request.activity.value}, "
                f"{plural(request.advocates_needed, 'advocate')} needed): "
                f"{self.status.value}"
            )
        ]
        for event in self.events:
            who = "" if event.advocate_id is None else f" {event.advocate_id}"
            note = f" ({event.note})" if event.note else ""
            lines.append(f"  {_when(event.at)}  {event.kind.value}{who}{note}")
        lines.append(
            f"accepted {len(self.accepted)}/{request.advocates_needed}: "
            f"{', '.join(self.accepted) or 'none'}; "
            f"pending: {', '.join(sorted(self.pending)) or 'none'}; "
            f"declined: {', '.join(sorted(self.declined)) or 'none'}"
        )
        lines.append(self._fulfilment_words())
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per event, ready for `pandas.DataFrame`."""
        return [
            {
                "request_id": event.request_id,
                "at": event.at,
                "kind": event.kind.value,
                "advocate_id": event.advocate_id,
                "note": event.note,
            }
            for event in self.events
        ]

    def __repr__(self) -> str:
        """`RequestState(req-1: scheduled, 1/1 accepted, fulfilled in 26.5 h)`."""
        return (
            f"RequestState({self.request.id}: {self.status.value}, "
            f"{len(self.accepted)}/{self.request.advocates_needed} accepted, "
            f"{self._fulfilment_words()})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (
                    _when(event.at),
                    event.kind.value,
                    event.advocate_id or "",
                    event.note,
                )
            )
            + "</tr>"
            for event in self.events
        )
        return (
            f"<table><caption>{html.escape(repr(self))}</caption>"
            "<tr><th>at</th><th>event</th><th>advocate</th><th>note</th></tr>"
            f"{rows}</table>"
        )


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
    EventKind.SCHEDULE: (RequestStatus.ACCEPTED, RequestStatus.SCHEDULED),
    EventKind.COMPLETE: (RequestStatus.SCHEDULED, RequestStatus.COMPLETED),
    EventKind.CANCEL: (None, RequestStatus.CANCELLED),
    EventKind.EXPIRE: (None, RequestStatus.EXPIRED),
}
_EVENT: Final = instance_of(RequestEvent, "a RequestEvent")
_REQUEST: Final = instance_of(ReferenceRequest, "a ReferenceRequest")
_EVENTS: Final = instance_of(Iterable, "an iterable of RequestEvent")
_REQUESTS: Final = instance_of(Iterable, "an iterable of ReferenceRequest")
_ADVOCATES: Final = instance_of(Mapping, "a mapping of advocate id to Advocate")
_ACCOUNTS: Final = instance_of(Mapping, "a mapping of account id to Account")
_ADVOCATE: Final = instance_of(Advocate, "an Advocate")
_ACCOUNT: Final = instance_of(Account, "an Account")


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
        require(self.owner, f"advocates[{advocate_id!r}]", advocate, _ADVOCATE)
        account = self.accounts.get(advocate.account_id)
        if account is None:
            raise UnknownKeyError(
                self.owner,
                f"advocates[{advocate_id!r}].account_id",
                advocate.account_id,
                "the id of an account in accounts",
            )
        require(self.owner, f"accounts[{advocate.account_id!r}]", account, _ACCOUNT)
        return advocate, account

    def apply(self, index: int, event: RequestEvent) -> None:
        """Check `event` against the state so far and apply it."""
        require(self.owner, f"events[{index}]", event, _EVENT)
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
                f"it is dated {_when(event.at)}, before the event it follows "
                f"({_when(self.events[-1].at)}); events must be in time order",
            )
        # An unknown advocate is a data error whatever the state: say so first.
        resolved = (
            None
            if event.advocate_id is None
            else self.resolve(f"events[{index}].advocate_id", event.advocate_id)
        )
        if self.status is None:
            if event.kind is not EventKind.SUBMIT:
                raise self.refuse(event, "the first event must be 'submit'")
            self.status = RequestStatus.SUBMITTED
            self.submitted_at = event.at
        elif event.kind is EventKind.SUBMIT:
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
        if event.kind is EventKind.APPROVE:
            self.approved.add(account.id)
            if self.status is RequestStatus.SUBMITTED:
                self.status = RequestStatus.APPROVED
            return
        if event.kind is EventKind.CONTACT:
            self.contact(event, advocate, account)
            return
        if who not in self.pending:
            if who in self.accepted:
                raise self.refuse(event, f"{who} already accepted")
            if who in self.declined:
                raise self.refuse(event, f"{who} already declined")
            raise self.refuse(event, f"{who} was not contacted for this request")
        if event.kind is EventKind.ACCEPT and len(self.accepted) >= needed:
            raise self.refuse(
                event,
                f"it already has the {plural(needed, 'advocate')} it needs; record "
                f"a decline for {who} instead",
            )
        self.pending.discard(who)
        if event.kind is EventKind.DECLINE:
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
    require(owner, "request", request, _REQUEST)
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
        require(owner, f"requests[{index}]", request, _REQUEST)
        if request.id in replays:
            raise InvalidValueError(
                owner, "requests", request.id, "requests with distinct ids"
            )
        replays[request.id] = _replay(owner, request, advocates, accounts)
    for index, event in enumerate(events):
        require(owner, f"events[{index}]", event, _EVENT)
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
