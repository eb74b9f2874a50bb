"""The request lifecycle's values: events, statuses and the state they lead to.

This module holds the events (`RequestEventKind`, `RequestEvent`), the statuses
(`RequestStatus`) and the state a history leads to (`RequestState`); the
rules that replay a history into a state are in `advocacy._lifecycle`.
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
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.checks import (
    any_text,
    aware_datetime,
    instance_of,
    member_of,
    optional,
    text,
)
from advocacy._internal.convert import member, to_datetime
from advocacy._internal.text import plural, when
from advocacy._internal.validation import check_fields, checked
from advocacy._model.records import Commitment, ReferenceRequest
from advocacy.exceptions import InvalidValueError

__all__ = [
    "EVENT",
    "STATE",
    "RequestEvent",
    "RequestEventKind",
    "RequestState",
    "RequestStatus",
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


class RequestEventKind(enum.StrEnum):
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
    {
        RequestEventKind.APPROVE,
        RequestEventKind.CONTACT,
        RequestEventKind.ACCEPT,
        RequestEventKind.DECLINE,
    }
)


_NOT_CONTACTED: Final = frozenset({RequestStatus.SUBMITTED, RequestStatus.APPROVED})
# Statuses reached only once every advocate needed accepted, and those only
# before; cancelled and expired can follow either.
_FULFILLED: Final = frozenset(
    {RequestStatus.ACCEPTED, RequestStatus.SCHEDULED, RequestStatus.COMPLETED}
)
_UNFULFILLED: Final = frozenset(
    {*_NOT_CONTACTED, RequestStatus.CONTACTED, RequestStatus.DECLINED}
)


def _to_event_kind(value: RequestEventKind | str) -> RequestEventKind | str:
    return member(RequestEventKind, value)


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
    kind: RequestEventKind = attrs.field(
        converter=_to_event_kind, metadata=checked(member_of(RequestEventKind))
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


@attrs.frozen(repr=False)
class RequestState:
    """Where a reference request stands after its events, and how it got there.

    Made by `request_state`; every field is derived from the events.

    Attributes:
        request: The request.
        status: Its status after the last event.
        events: The events applied, in time order: the submit event first,
            every one of this request.
        submitted_at: When it was submitted (the submit event's time).
        fulfilled_at: When the last advocate needed accepted, or `None`;
            given exactly when `accepted` holds every advocate needed.
        closed_at: When it was completed, cancelled or expired, or `None`;
            given exactly when the status is terminal.
        pending: Advocates contacted who have not answered yet.
        accepted: Advocates who accepted, in the order they did (distinct,
            at most the number needed).
        declined: Advocates whose latest answer was no (no advocate is in
            more than one of `pending`, `accepted` and `declined`).
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

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that they are what the events lead to."""
        check_fields(self)
        self._check_events()
        self._check_answers()
        self._check_times()
        self._check_status()

    def _refuse(self, field: str, value: object, expected: str) -> InvalidValueError:
        return InvalidValueError("RequestState", field, value, expected)

    def _check_events(self) -> None:
        events, request_id = self.events, self.request.id
        if not events or events[0].kind is not RequestEventKind.SUBMIT:
            raise self._refuse(
                "events",
                tuple(event.kind.value for event in events),
                "events starting with the 'submit' event",
            )
        for index, event in enumerate(events):
            if event.request_id != request_id:
                raise self._refuse(
                    f"events[{index}].request_id",
                    event.request_id,
                    f"{request_id!r}, the id of the request",
                )
            if index and event.at < events[index - 1].at:
                raise self._refuse(
                    f"events[{index}].at",
                    event.at,
                    f"a time on or after the event before ({events[index - 1].at})",
                )
        if self.submitted_at != events[0].at:
            raise self._refuse(
                "submitted_at",
                self.submitted_at,
                f"the time of the submit event ({events[0].at})",
            )
        contacts = sum(event.kind is RequestEventKind.CONTACT for event in events)
        if self.contacts != contacts:
            raise self._refuse(
                "contacts",
                self.contacts,
                f"the number of contact events ({contacts})",
            )

    def _check_answers(self) -> None:
        needed = self.request.advocates_needed
        if len(self.accepted) > needed or len(set(self.accepted)) < len(self.accepted):
            raise self._refuse(
                "accepted",
                self.accepted,
                f"distinct advocates, at most {needed} (advocates_needed)",
            )
        for field, first, second in (
            ("accepted", frozenset(self.accepted), self.pending),
            ("declined", self.declined, self.pending | frozenset(self.accepted)),
        ):
            both = first & second
            if both:
                raise self._refuse(
                    field,
                    sorted(both),
                    "advocates in only one of pending, accepted and declined",
                )
        if not self.request.approved_accounts <= self.approved_accounts:
            raise self._refuse(
                "approved_accounts",
                sorted(self.approved_accounts),
                "a set holding the request's own approved_accounts "
                f"({sorted(self.request.approved_accounts)})",
            )

    def _check_times(self) -> None:
        fulfilled = len(self.accepted) == self.request.advocates_needed
        if (self.fulfilled_at is not None) is not fulfilled:
            raise self._refuse(
                "fulfilled_at",
                self.fulfilled_at,
                "the time the last advocate needed accepted"
                if fulfilled
                else "None while fewer advocates accepted than needed",
            )
        if (self.closed_at is not None) is not self.status.is_terminal:
            raise self._refuse(
                "closed_at",
                self.closed_at,
                f"the time of the event that made it {self.status.value}"
                if self.status.is_terminal
                else f"None while it is {self.status.value}",
            )
        start, end = self.submitted_at, self.events[-1].at
        for field in ("fulfilled_at", "closed_at"):
            moment = getattr(self, field)
            if moment is not None and not start <= moment <= end:
                raise self._refuse(
                    field,
                    moment,
                    f"a time from submitted_at ({start}) to the last event ({end})",
                )
            start = start if moment is None else moment

    def _check_status(self) -> None:
        fulfilled = self.fulfilled_at is not None
        if self.status in _FULFILLED and not fulfilled:
            raise self._refuse(
                "status",
                self.status.value,
                "a status before acceptance, since fewer advocates accepted "
                "than needed",
            )
        if self.status in _UNFULFILLED and fulfilled:
            raise self._refuse(
                "status",
                self.status.value,
                "accepted or a later status, since every advocate needed accepted",
            )
        if self.status in _NOT_CONTACTED and self.contacts:
            raise self._refuse(
                "status",
                self.status.value,
                "contacted or a later status, since advocates were contacted",
            )
        if self.status is RequestStatus.DECLINED and self.pending:
            raise self._refuse(
                "status",
                self.status.value,
                "a status other than declined while advocates have not answered",
            )

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
            if event.kind is RequestEventKind.CONTACT:
                contacted[str(event.advocate_id)] = event.at.date()
            elif event.kind is RequestEventKind.ACCEPT:
                committed[str(event.advocate_id)] = event.at.date()
            elif event.kind is RequestEventKind.SCHEDULE:
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
            lines.append(f"  {when(event.at)}  {event.kind.value}{who}{note}")
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
                    when(event.at),
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


EVENT: Final = instance_of(RequestEvent, "a RequestEvent")
"""Accept a `RequestEvent`."""

STATE: Final = instance_of(RequestState, "a RequestState")
"""Accept a `RequestState`."""
