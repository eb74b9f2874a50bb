"""The errors `advocacy` raises.

Every error derives from [`AdvocacyError`][advocacy.exceptions.AdvocacyError],
so `except AdvocacyError` catches anything the library rejects. Each specific
error also derives from the built-in exception that fits (`ValueError` for a
bad value, `TypeError` for a value of the wrong kind), so code written against
the built-ins keeps working.

Errors about one input name it: `error.owner` is the class or rule that
refused it, `error.field` the argument, `error.value` what was passed,
`error.expected` what is accepted and `error.hint` a likely fix, where one is
known. Where several inputs of one object are wrong, a single
[`InvalidFieldsError`][advocacy.exceptions.InvalidFieldsError] lists them all.
A request history the lifecycle does not allow raises
[`TransitionError`][advocacy.exceptions.TransitionError].
"""

from __future__ import annotations

import enum
import reprlib
from typing import Protocol

__all__ = [
    "AdvocacyError",
    "CurrencyMismatchError",
    "FieldError",
    "InvalidFieldsError",
    "InvalidTypeError",
    "InvalidValueError",
    "TransitionError",
    "UnknownKeyError",
    "ValidationError",
]


class AdvocacyError(Exception):
    """Root of every error raised by `advocacy`.

    Catch this to handle anything the library refuses; it is never raised
    itself.
    """


class ValidationError(AdvocacyError, ValueError):
    """An input was refused: a value out of range or inconsistent with others.

    Raised at the boundary, by a constructor or a rule, before any
    computation; the message names the field, the value and what is accepted.
    """


class FieldError(AdvocacyError):
    """Base for errors about one named input.

    Attributes:
        owner: The class or rule that refused the value (e.g. `"Signals"`).
        field: The name of the argument or attribute, or its path inside a
            nested value (`arr.amount`); empty for the value as a whole.
        value: The value that was passed.
        expected: What is accepted, in words.
        hint: A likely fix for a common slip, or `None`.
    """

    owner: str
    field: str
    value: object
    expected: str
    hint: str | None

    def __init__(
        self,
        owner: str,
        field: str,
        value: object,
        expected: str,
        hint: str | None = None,
    ) -> None:
        """Build the error and its message from its parts."""
        self.owner = owner
        self.field = field
        self.value = value
        self.expected = expected
        self.hint = hint
        where = f"{owner}.{field}" if field else owner
        message = f"{where}: got {_shown(value)}; expected {expected}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class InvalidValueError(FieldError, ValidationError):
    """One input has the right kind but a value that is not accepted.

    For example an NPS response of 11, a feature adoption of 70 where a
    fraction such as 0.70 is meant, or a tier share above 1.
    """


class InvalidTypeError(FieldError, TypeError):
    """One input is of a kind the library does not accept.

    For example a float where money is expected (floats cannot hold cents
    exactly), or a `pendulum.DateTime` where a date is meant.
    """


class UnknownKeyError(FieldError, KeyError):
    """A lookup by id or key found nothing.

    Raised by the library's read-only mappings and catalogs, for example a
    `TierAssignment` asked for an id that was never scored. It is also a
    `KeyError`, so `in`, `.get()` and other mapping idioms work as usual.
    """

    def __str__(self) -> str:
        """The message itself (a bare `KeyError` would quote it)."""
        return str(self.args[0])


class CurrencyMismatchError(ValidationError):
    """Two amounts in different currencies were combined.

    The library never converts currencies and never sums across them.

    Attributes:
        currencies: The currencies that met, in the order they were found.
    """

    currencies: tuple[str, ...]

    def __init__(self, operation: str, currencies: tuple[str, ...]) -> None:
        """Build the error for `operation` on amounts in `currencies`."""
        self.currencies = currencies
        super().__init__(
            f"{operation}: amounts in {' and '.join(currencies)} cannot be "
            "combined; convert them to one currency first"
        )


class InvalidFieldsError(ValidationError, TypeError):
    """Several inputs of one object were refused at once.

    It may hold both kinds of refusal, so it is both a `ValueError` and a
    `TypeError`: code catching either built-in catches it.

    Attributes:
        owner: The class or rule that refused them.
        errors: One [`FieldError`][advocacy.exceptions.FieldError] per input,
            in field order.
    """

    owner: str
    errors: tuple[FieldError, ...]

    def __init__(self, owner: str, errors: tuple[FieldError, ...]) -> None:
        """Build the error listing every refused input of `owner`."""
        self.owner = owner
        self.errors = errors
        lines = "\n".join(f"  - {error}" for error in errors)
        super().__init__(f"{owner}: {len(errors)} inputs refused:\n{lines}")


class RefusedEvent(Protocol):
    """What `TransitionError` reads of the refused event.

    A [`RequestEvent`][advocacy.RequestEvent] has these and more; this module
    imports nothing of the package, so it names only what the message uses.
    """

    @property
    def kind(self) -> enum.StrEnum:
        """What happened (a `RequestEventKind`)."""
        ...  # pragma: no cover  # a protocol member is never called

    @property
    def advocate_id(self) -> str | None:
        """The advocate it concerns, if any."""
        ...  # pragma: no cover  # a protocol member is never called


class TransitionError(ValidationError):
    """An event is not allowed in the state its request has reached.

    Raised by `request_state` and `request_states` for an event the request's
    status does not allow (a second submit, a schedule before acceptance,
    anything after completion), an advocate-level rule it breaks (contact
    without a required approval, an advocate asked twice, an answer from
    someone not asked) or an event dated before the one it follows.

    Attributes:
        request_id: The request.
        status: Its `RequestStatus` before the event (`None` before it was
            submitted).
        event: The refused `RequestEvent`.
        reason: Why it was refused, in words.
    """

    request_id: str
    status: enum.StrEnum | None
    event: RefusedEvent
    reason: str

    def __init__(
        self,
        request_id: str,
        status: enum.StrEnum | None,
        event: RefusedEvent,
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


# Python 3.11's Repr takes no arguments; its limits are set once, here.
_SHORT = reprlib.Repr()
_SHORT.maxlevel = 3
_SHORT.maxstring = 60
_SHORT.maxother = 120
_SHORT.maxlong = 40
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxfrozenset = 6
_SHORT.maxdict = 6


def _shown(value: object) -> str:
    """The value as a message shows it: its repr, cut short if long."""
    return _SHORT.repr(value)
