"""The error hierarchy: one root, each error also the fitting built-in."""

from __future__ import annotations

import pytest

from advocacy import RequestEvent, RequestStatus, exceptions
from advocacy.exceptions import (
    AdvocacyError,
    CurrencyMismatchError,
    FieldError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
    TransitionError,
    UnknownKeyError,
    ValidationError,
)


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (ValidationError, ValueError),
        (InvalidValueError, ValueError),
        (InvalidTypeError, TypeError),
        (InvalidFieldsError, ValueError),
        (InvalidFieldsError, TypeError),
        (CurrencyMismatchError, ValueError),
        (UnknownKeyError, KeyError),
        (TransitionError, ValueError),
    ],
)
def test_every_error_is_an_advocacy_error_and_a_builtin(
    error: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(error, AdvocacyError)
    assert issubclass(error, builtin)
    assert error.__doc__


def test_every_public_error_is_listed() -> None:
    found = {
        name
        for name, value in vars(exceptions).items()
        if isinstance(value, type) and issubclass(value, AdvocacyError)
    }
    assert found == set(exceptions.__all__)


def test_field_error_message_and_parts() -> None:
    error = InvalidValueError("Signals", "nps", 11, "an integer from 0 to 10", "hint")
    assert str(error) == "Signals.nps: got 11; expected an integer from 0 to 10 (hint)"
    assert (error.owner, error.field, error.value, error.expected, error.hint) == (
        "Signals",
        "nps",
        11,
        "an integer from 0 to 10",
        "hint",
    )
    assert isinstance(error, FieldError)


def test_several_fields_listed_once() -> None:
    errors = (
        InvalidValueError("Signals", "nps", 11, "0-10"),
        InvalidTypeError("Signals", "health_score", "x", "a number"),
    )
    error = InvalidFieldsError("Signals", errors)
    assert error.errors == errors
    assert str(error) == (
        "Signals: 2 inputs refused:\n"
        "  - Signals.nps: got 11; expected 0-10\n"
        "  - Signals.health_score: got 'x'; expected a number"
    )


def test_long_values_are_cut_short_in_messages() -> None:
    value = list(range(1000))
    error = InvalidValueError("Owner", "field", value, "something short")
    assert len(str(error)) < 100
    assert error.value is value


def test_currency_mismatch_names_the_operation_and_currencies() -> None:
    error = CurrencyMismatchError("sum", ("USD", "EUR"))
    assert error.currencies == ("USD", "EUR")
    assert str(error) == (
        "sum: amounts in USD and EUR cannot be combined; convert them to one "
        "currency first"
    )


class TestTransitionError:
    EVENT = RequestEvent("req-7", "contact", "2026-03-02T09:00:00Z", "adv-3")

    def test_without_a_reason_the_status_forbids_the_event(self) -> None:
        error = TransitionError("req-7", RequestStatus.COMPLETED, self.EVENT)
        assert (error.request_id, error.status, error.event, error.reason) == (
            "req-7",
            RequestStatus.COMPLETED,
            self.EVENT,
            "from completed",
        )
        assert str(error) == (
            "request req-7 is completed; 'contact' (adv-3) is not allowed from "
            "completed"
        )

    def test_a_reason_and_a_request_not_yet_submitted(self) -> None:
        reason = "the first event must be 'submit'"
        error = TransitionError("req-7", None, self.EVENT, reason)
        assert error.reason == reason
        assert str(error) == (
            "request req-7 is not submitted yet; 'contact' (adv-3) is not allowed: "
            "the first event must be 'submit'"
        )
