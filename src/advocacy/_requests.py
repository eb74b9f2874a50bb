"""The request lifecycle: a reference request's status derived from its events.

A request's history is an ordered list of `RequestEvent` values (submit,
approve, contact, accept, decline, schedule, complete, cancel, expire).
`request_state` replays them and returns the `RequestState` they lead to;
an event the current state does not allow raises `TransitionError`. Nothing
here reads a clock: every time is an event's `at`.

A request is *fulfilled* at the moment the last advocate it needs accepts:
that is when sales has its reference. Time to fulfil runs from the submit
event to that moment. `fulfilment_summary` rolls many states up into the
program's fulfilment metrics, against the industry benchmarks below.

Keep the rules and formulas here in step with
docs/explanation/request-lifecycle.md.
"""

from __future__ import annotations

import datetime
import enum
import html
import statistics
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._model import Account, Advocate, Commitment, ReferenceRequest
from advocacy._validation import (
    FRACTION,
    Refusal,
    any_text,
    check_fields,
    checked,
    instance_of,
    member,
    member_of,
    number,
    optional,
    require,
    text,
    to_float,
)
from advocacy.exceptions import (
    InvalidValueError,
    UnknownKeyError,
    ValidationError,
)

__all__ = [
    "AD_HOC_FULFILMENT_SHARE",
    "AD_HOC_FULFILMENT_WEEKS",
    "FORMAL_FULFILMENT_HOURS",
    "FORMAL_FULFILMENT_SHARE",
    "LOW_ACCEPTANCE_RATE",
    "EventKind",
    "FulfilmentSummary",
    "RequestEvent",
    "RequestState",
    "RequestStatus",
    "TransitionError",
    "fulfilment_summary",
    "request_state",
    "request_states",
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


def _aware(value: datetime.datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() is not None


def to_datetime(value: datetime.datetime | str) -> pendulum.DateTime:
    """A `pendulum.DateTime` from an aware datetime or an ISO 8601 string.

    A string must carry its offset (`"2026-03-02T09:00:00+01:00"`, or `Z`).
    Naive datetimes, dates and strings without an offset are returned as
    they are, for the check to refuse by name.
    """
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value  # type: ignore[return-value]  # refused by the check
        if not _aware(parsed):
            return value  # type: ignore[return-value]  # refused by the check
        return pendulum.instance(parsed)
    given: object = value  # at run time anything may come; the check names it
    if isinstance(given, datetime.datetime) and _aware(given):
        return (
            given if isinstance(given, pendulum.DateTime) else pendulum.instance(given)
        )
    return value  # type: ignore[return-value]  # refused by the check


_AT_EXPECTED: Final = (
    "a timezone-aware datetime: a pendulum.DateTime, an aware datetime.datetime "
    "or an ISO 8601 string with an offset"
)


def aware_datetime(value: object) -> Refusal | None:
    """Accept a timezone-aware `pendulum.DateTime` only."""
    if isinstance(value, pendulum.DateTime) and _aware(value):
        return None
    if isinstance(value, datetime.datetime):
        hint = "it has no timezone; attach one, e.g. pendulum.instance(value, tz='UTC')"
    elif isinstance(value, datetime.date):
        hint = (
            "a date has no time of day; give the moment it happened, e.g. "
            "pendulum.datetime(2026, 3, 2, 9, 30, tz='UTC')"
        )
    elif isinstance(value, str):
        hint = "write the offset, e.g. '2026-03-02T09:30:00+00:00'"
    else:
        hint = None
    return Refusal(_AT_EXPECTED, hint, wrong_type=True)


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
        if self.kind.names_advocate and self.advocate_id is None:
            raise InvalidValueError(
                "RequestEvent",
                "advocate_id",
                None,
                f"the id of the advocate concerned by a {self.kind.value!r} event",
            )
        if not self.kind.names_advocate and self.advocate_id is not None:
            raise InvalidValueError(
                "RequestEvent",
                "advocate_id",
                self.advocate_id,
                f"None for a {self.kind.value!r} event, which concerns the whole "
                "request",
            )


class TransitionError(ValidationError):
    """An event is not allowed in the state its request has reached.

    Raised by `request_state` and `request_states` for an event the request's
    status does not allow (a second submit, a schedule before acceptance,
    anything after completion), an advocate-level rule it breaks (contact
    without a required approval, an advocate asked twice, an answer from
    someone not asked) or an event dated before the one it follows.

    Attributes:
        request_id: The request.
        status: Its status before the event (`None` before it was submitted).
        event: The refused event.
        reason: Why it was refused, in words.
    """

    request_id: str
    status: RequestStatus | None
    event: RequestEvent
    reason: str

    def __init__(
        self,
        request_id: str,
        status: RequestStatus | None,
        event: RequestEvent,
        reason: str | None = None,
    ) -> None:
        """Build the error; without a reason, the status forbids the event."""
        self.request_id = request_id
        self.status = status
        self.event = event
        where = "not submitted yet" if status is None else status.value
        self.reason = f"from {where}" if reason is None else reason
        joint = " " if reason is None else ": "
        who = "" if event.advocate_id is None else f" ({event.advocate_id})"
        super().__init__(
            f"request {request_id} is {where}; {event.kind.value!r}{who} is not "
            f"allowed{joint}{self.reason}"
        )


def _when(moment: pendulum.DateTime) -> str:
    return moment.format("YYYY-MM-DD HH:mm Z")


def _plural(count: int, word: str) -> str:
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
                f"{_plural(request.advocates_needed, 'advocate')} needed): "
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
        hours = self.hours_to_fulfil
        lines.append(
            "not fulfilled" if hours is None else f"fulfilled in {hours:.1f} h"
        )
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
        hours = self.hours_to_fulfil
        fulfilled = "not fulfilled" if hours is None else f"fulfilled in {hours:.1f} h"
        return (
            f"RequestState({self.request.id}: {self.status.value}, "
            f"{len(self.accepted)}/{self.request.advocates_needed} accepted, "
            f"{fulfilled})"
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
                f"it already has the {_plural(needed, 'advocate')} it needs; record "
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
                event, f"it already has the {_plural(needed, 'advocate')} it needs"
            )
        if self.status not in _CONTACT_FROM:
            raise self.refuse(event)
        if advocate.opted_out:
            raise self.refuse(event, f"{who} has opted out of the program")
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
        if event.kind is EventKind.SCHEDULE:
            if self.status is not RequestStatus.ACCEPTED:
                raise self.refuse(event)
            self.status = RequestStatus.SCHEDULED
            return
        if event.kind is EventKind.COMPLETE:
            if self.status is not RequestStatus.SCHEDULED:
                raise self.refuse(event)
            self.status = RequestStatus.COMPLETED
        elif event.kind is EventKind.CANCEL:
            self.status = RequestStatus.CANCELLED
        else:
            self.status = RequestStatus.EXPIRED
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
    contacted, if the advocate has not opted out, is not already waiting or
    accepted, and their account's owner approved where its policy asks (an
    earlier approve event, or the request's own `approved_accounts`);
    accept or decline by an advocate waiting to answer (the last acceptance
    needed makes it accepted; a decline leaving nobody waiting and too few
    acceptances makes it declined); schedule from accepted; complete from
    scheduled; cancel or expire from any open state. Events must be in time
    order (equal times are fine).

    Args:
        request: The request.
        events: Its events, in the order they happened.
        advocates: Advocate id to advocate, for every advocate the events
            name (their opt-out flag and account are read).
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


@attrs.frozen(repr=False)
class FulfilmentSummary:
    """How well a set of requests was fulfilled, with the formulas' inputs.

    Made by `fulfilment_summary`. Rates are floats from 0 to 1, or `None`
    where their denominator is 0.

    Attributes:
        requests: Requests counted.
        open: Of those, not yet completed, cancelled or expired.
        fulfilled: Requests with every advocate needed accepted (a request
            cancelled after fulfilment still counts).
        completed: Requests completed.
        cancelled: Requests cancelled.
        expired: Requests expired.
        within: Requests fulfilled within `within_hours` of submission
            (inclusive).
        within_hours: The window of `within`.
        accepts: Accept events over all requests.
        declines: Decline events over all requests.
        fulfilment_rate: fulfilled / requests.
        within_share: within / requests.
        median_hours_to_fulfil: Median hours from submission to fulfilment
            over the fulfilled requests.
        acceptance_rate: accepts / (accepts + declines).
        low_acceptance_below: The acceptance rate below which
            `low_acceptance` is flagged.
    """

    requests: int
    open: int
    fulfilled: int
    completed: int
    cancelled: int
    expired: int
    within: int
    within_hours: float
    accepts: int
    declines: int
    fulfilment_rate: float | None
    within_share: float | None
    median_hours_to_fulfil: float | None
    acceptance_rate: float | None
    low_acceptance_below: float

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
                f"{_plural(self.requests, 'request')}: {self.fulfilled} fulfilled, "
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

        def share(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.0%}"

        return (
            f"FulfilmentSummary({_plural(self.requests, 'request')}, "
            f"{share(self.fulfilment_rate)} fulfilled, {share(self.within_share)} "
            f"within {self.within_hours:g} h, acceptance "
            f"{share(self.acceptance_rate)})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{key}</td><td>{html.escape(str(value))}</td></tr>"
            for key, value in self.to_records()[0].items()
        )
        return f"<table><tr><th>metric</th><th>value</th></tr>{rows}</table>"


_STATE: Final = instance_of(RequestState, "a RequestState")


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
    window = float(
        require(owner, "within_hours", to_float(within_hours), number(above=0))
    )
    threshold = float(
        require(owner, "low_acceptance_below", to_float(low_acceptance_below), FRACTION)
    )
    found = list(states.values() if isinstance(states, Mapping) else states)
    seen: set[str] = set()
    for index, state in enumerate(found):
        require(owner, f"states[{index}]", state, _STATE)
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
        event.kind is EventKind.ACCEPT for state in found for event in state.events
    )
    declines = sum(
        event.kind is EventKind.DECLINE for state in found for event in state.events
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
