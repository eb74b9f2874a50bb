"""Request statuses, event kinds and events, their values, checks and order."""

from __future__ import annotations

import datetime

import pendulum
import pytest

from advocacy import (
    RequestEvent,
    RequestEventKind,
    RequestStatus,
)
from advocacy.exceptions import (
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.strategies import (
    T0,
)

S = RequestStatus
K = RequestEventKind


class TestStatusAndKinds:
    def test_terminal_and_open(self) -> None:
        assert {s for s in S if s.is_terminal} == {
            S.COMPLETED,
            S.CANCELLED,
            S.EXPIRED,
        }
        assert all(s.is_open is not s.is_terminal for s in S)

    def test_kinds_that_name_an_advocate(self) -> None:
        assert {k for k in K if k.names_advocate} == {
            K.APPROVE,
            K.CONTACT,
            K.ACCEPT,
            K.DECLINE,
        }

    def test_values_are_lower_case_words(self) -> None:
        assert [s.value for s in S] == [
            "submitted",
            "approved",
            "contacted",
            "accepted",
            "declined",
            "scheduled",
            "completed",
            "cancelled",
            "expired",
        ]
        assert [k.value for k in K] == [
            "submit",
            "approve",
            "contact",
            "accept",
            "decline",
            "schedule",
            "complete",
            "cancel",
            "expire",
        ]


class TestRequestEvent:
    def test_converts_values_and_times(self) -> None:
        event = RequestEvent("req-1", "contact", "2026-03-02T09:30:00+01:00", "adv-1")
        assert event.kind is K.CONTACT
        assert isinstance(event.at, pendulum.DateTime)
        assert event.at == pendulum.datetime(2026, 3, 2, 8, 30, tz="UTC")
        assert event.at.utcoffset() == datetime.timedelta(hours=1)

    def test_accepts_z_and_aware_stdlib_datetimes(self) -> None:
        zulu = RequestEvent("req-1", "submit", "2026-03-02T09:00:00Z")
        stdlib = RequestEvent(
            "req-1", "submit", datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
        )
        assert zulu.at == stdlib.at == T0
        assert isinstance(stdlib.at, pendulum.DateTime)
        assert RequestEvent("req-1", K.SUBMIT, T0).at is T0

    @pytest.mark.parametrize(
        ("at", "hint"),
        [
            (pendulum.date(2026, 3, 2), "a date has no time of day"),
            (datetime.date(2026, 3, 2), "a date has no time of day"),
            (datetime.datetime(2026, 3, 2, 9), "it has no timezone"),  # noqa: DTZ001
            (pendulum.naive(2026, 3, 2, 9), "it has no timezone"),
            ("2026-03-02T09:00:00", "write the offset"),
            ("2026-03-02", "write the offset"),
            ("next tuesday", "write the offset"),
        ],
    )
    def test_refuses_times_without_a_zone(self, at: object, hint: str) -> None:
        with pytest.raises(InvalidTypeError, match=r"RequestEvent\.at") as caught:
            RequestEvent("req-1", "submit", at)  # type: ignore[arg-type]
        assert caught.value.field == "at"
        assert caught.value.hint is not None
        assert hint in caught.value.hint

    def test_refuses_a_number_for_at(self) -> None:
        with pytest.raises(InvalidTypeError, match="timezone-aware") as caught:
            RequestEvent("req-1", "submit", 1772442000)  # type: ignore[arg-type]
        assert caught.value.field == "at"
        assert caught.value.hint is None

    @pytest.mark.parametrize("kind", [k for k in K if k.names_advocate])
    def test_advocate_required(self, kind: RequestEventKind) -> None:
        with pytest.raises(InvalidValueError, match=r"RequestEvent\.advocate_id") as c:
            RequestEvent("req-1", kind, T0)
        assert f"a {kind.value!r} event" in str(c.value)

    @pytest.mark.parametrize("kind", [k for k in K if not k.names_advocate])
    def test_advocate_refused_where_the_event_is_about_the_request(
        self, kind: RequestEventKind
    ) -> None:
        with pytest.raises(InvalidValueError, match=r"RequestEvent\.advocate_id") as c:
            RequestEvent("req-1", kind, T0, "adv-1")
        assert "None for a" in str(c.value)
        assert c.value.value == "adv-1"

    def test_bad_fields(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"RequestEvent\.kind"):
            RequestEvent("req-1", "approved", T0)
        with pytest.raises(InvalidValueError, match=r"RequestEvent\.request_id"):
            RequestEvent(" ", "submit", T0)
        with pytest.raises(InvalidTypeError, match=r"RequestEvent\.note"):
            RequestEvent("req-1", "submit", T0, note=None)  # type: ignore[arg-type]
        with pytest.raises(InvalidFieldsError) as caught:
            RequestEvent("", "nope", "yesterday")
        assert [e.field for e in caught.value.errors] == ["request_id", "kind", "at"]
