"""Points events and redemption limits: what each accepts, refuses and means."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pendulum
import pytest

from advocacy import (
    LimitPeriod,
    PointsEvent,
    RedemptionLimits,
    from_dict,
    to_dict,
)
from advocacy.exceptions import (
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.gamification.ledger import (
    T0,
    K,
    earn,
    redeem,
    reverse,
)


class TestPointsEvent:
    def test_converts_values_and_times(self) -> None:
        event = PointsEvent("e-1", "adv-1", "earn", 100, "2026-03-02T10:00:00+01:00")
        assert event.kind is K.EARN
        assert isinstance(event.at, pendulum.DateTime)
        assert event.at == T0
        assert event.at.utcoffset() == datetime.timedelta(hours=1)

    @pytest.mark.parametrize("points", [0, -5])
    @pytest.mark.parametrize("kind", ["earn", "redeem"])
    def test_points_must_be_positive(self, kind: str, points: int) -> None:
        reward = "mug" if kind == "redeem" else None
        with pytest.raises(InvalidValueError) as caught:
            PointsEvent("e-1", "adv-1", kind, points, T0, reward=reward)
        assert str(caught.value) == (
            f"PointsEvent.points: got {points}; expected an integer of at least 1 "
            "(points are always positive; the kind says which way they go)"
        )

    @pytest.mark.parametrize("points", ["100", True, None])
    def test_points_must_be_an_int(self, points: object) -> None:
        with pytest.raises(InvalidTypeError, match=r"PointsEvent\.points"):
            PointsEvent("e-1", "adv-1", "earn", points, T0)  # type: ignore[arg-type]

    def test_a_fraction_of_a_point(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            PointsEvent("e-1", "adv-1", "earn", 1.5, T0)  # type: ignore[arg-type]
        assert caught.value.hint is None

    def test_a_time_without_a_zone(self) -> None:
        with pytest.raises(InvalidTypeError, match="it has no timezone"):
            PointsEvent("e-1", "adv-1", "earn", 5, pendulum.naive(2026, 3, 2))

    def test_reward_goes_with_a_redeem_only(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            PointsEvent("e-1", "adv-1", "redeem", 5, T0)
        assert str(caught.value) == (
            "PointsEvent.reward: got None; expected a reward for a 'redeem' event"
        )
        refused(
            InvalidValueError,
            "PointsEvent.reward",
            lambda: PointsEvent("e-1", "adv-1", "earn", 5, T0, reward="mug"),
            value="mug",
            expected="None for an 'earn' event",
        )

    def test_reverses_goes_with_a_reverse_only(self) -> None:
        with pytest.raises(InvalidValueError, match="a reverses for a 'reverse'"):
            PointsEvent("e-1", "adv-1", "reverse", 5, T0)
        refused(
            InvalidValueError,
            "PointsEvent.reverses",
            lambda: PointsEvent(
                "e-1", "adv-1", "redeem", 5, T0, reward="mug", reverses="e-0"
            ),
            value="e-0",
            expected="None for a 'redeem' event",
        )

    def test_several_bad_fields_at_once(self) -> None:
        with pytest.raises(InvalidFieldsError) as caught:
            PointsEvent("", "adv-1", "spend", 0, "soon")
        assert [e.field for e in caught.value.errors] == ["id", "kind", "points", "at"]

    @pytest.mark.parametrize(
        "event",
        [
            earn("e-1", 100),
            redeem("e-2", 40, 3),
            reverse("e-3", "e-1", 100, 5),
            PointsEvent(
                "e-4", "adv-2", "earn", 7, "2026-03-02T09:00:00-05:00", note="x"
            ),
        ],
    )
    def test_round_trips_through_plain_dicts(self, event: PointsEvent) -> None:
        plain = json.loads(json.dumps(to_dict(event)))
        assert from_dict(PointsEvent, plain) == event


class TestLimits:
    def test_defaults(self) -> None:
        limits = RedemptionLimits.default()
        assert (limits.per_advocate, limits.program) == (2500, 25000)
        assert limits.period is LimitPeriod.QUARTER
        assert limits.explain() == (
            "redemption limits: 2,500 points per advocate and 25,000 for the "
            "program per quarter"
        )

    def test_repr_is_the_headline(self) -> None:
        assert repr(RedemptionLimits.unlimited()) == (
            "RedemptionLimits(no redemption limits but the balance)"
        )

    def test_unlimited_and_partial(self) -> None:
        assert RedemptionLimits.unlimited().explain() == (
            "no redemption limits but the balance"
        )
        monthly = RedemptionLimits(per_advocate=None, program=900, period="month")
        assert monthly.explain() == ("redemption limits: 900 for the program per month")

    @pytest.mark.parametrize(
        ("moment", "month", "quarter"),
        [
            ("2026-03-31T23:30:00-05:00", "2026-03", "2026-Q1"),
            ("2026-04-01T00:00:00+02:00", "2026-04", "2026-Q2"),
            ("2026-12-31T12:00:00+00:00", "2026-12", "2026-Q4"),
            ("2026-07-01T00:00:00+00:00", "2026-07", "2026-Q3"),
        ],
    )
    def test_periods_on_the_events_own_calendar(
        self, moment: str, month: str, quarter: str
    ) -> None:
        at = pendulum.parse(moment)
        assert isinstance(at, pendulum.DateTime)
        assert LimitPeriod.MONTH.of(at) == month
        assert LimitPeriod.QUARTER.of(at) == quarter

    @pytest.mark.parametrize(
        ("changes", "error"),
        [
            ({"per_advocate": 0}, InvalidValueError),
            ({"program": -1}, InvalidValueError),
            ({"program": True}, InvalidTypeError),
            ({"period": "week"}, InvalidTypeError),
        ],
    )
    def test_bad_limits(self, changes: dict[str, Any], error: type[Exception]) -> None:
        with pytest.raises(error, match=r"RedemptionLimits\."):
            RedemptionLimits(**changes)

    def test_round_trip(self) -> None:
        limits = RedemptionLimits(per_advocate=None, program=400, period="month")
        assert to_dict(limits) == {
            "per_advocate": None,
            "program": 400,
            "period": "month",
        }
        assert from_dict(RedemptionLimits, to_dict(limits)) == limits
