"""The points ledger's values: events, limits and the figures they lead to.

This module holds the events (`PointsEventKind`, `PointsEvent`), the
redemption limits (`RedemptionLimits`, `LimitPeriod`) and the figures a
replay produces (`PointsBalance`, `Reversal`); the rules that replay events
into a ledger are in `advocacy._ledger`. Nothing here reads a clock: every
time is an event's `at`.

Points are whole numbers, always positive on an event: the kind says which
way they go. balance = earned - reversed - redeemed, never negative;
lifetime = earned - reversed - written off.

Keep this in step with docs/explanation/ledger.md.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs
import pendulum

from advocacy._internal.checks import (
    Refusal,
    any_text,
    aware_datetime,
    integer,
    member_of,
    optional,
    text,
)
from advocacy._internal.convert import member, to_datetime
from advocacy._internal.text import a_or_an, headline_repr
from advocacy._internal.validation import check_fields, checked
from advocacy.exceptions import InvalidValueError

__all__ = [
    "LimitPeriod",
    "PointsBalance",
    "PointsEvent",
    "PointsEventKind",
    "RedemptionLimits",
    "Reversal",
]


class PointsEventKind(enum.StrEnum):
    """What happened to an advocate's points."""

    EARN = "earn"
    """Points were awarded (a challenge done, a milestone reached)."""

    REVERSE = "reverse"
    """An earlier earn was taken back, e.g. a referral that fell back from won."""

    REDEEM = "redeem"
    """Points were spent on a reward."""


class LimitPeriod(enum.StrEnum):
    """The calendar period redemption limits count in."""

    MONTH = "month"
    """A calendar month: `2026-03`."""

    QUARTER = "quarter"
    """A calendar quarter: `2026-Q1`."""

    def of(self, moment: pendulum.DateTime) -> str:
        """The period holding `moment`, on the calendar of its own offset."""
        if self is LimitPeriod.MONTH:
            return f"{moment.year:04d}-{moment.month:02d}"
        return f"{moment.year:04d}-Q{(moment.month - 1) // 3 + 1}"


def _to_kind(value: PointsEventKind | str) -> PointsEventKind | str:
    return member(PointsEventKind, value)


def _to_period(value: LimitPeriod | str) -> LimitPeriod | str:
    return member(LimitPeriod, value)


def _points(value: object) -> Refusal | None:
    refusal = integer(1)(value)
    if refusal is not None and isinstance(value, int) and not isinstance(value, bool):
        return Refusal(
            refusal.expected,
            hint="points are always positive; the kind says which way they go",
        )
    return refusal


_LIMIT: Final = optional(integer(1))
_FIGURE: Final = integer(0)


@headline_repr
@attrs.frozen(repr=False)
class RedemptionLimits:
    """How many points may be redeemed in a calendar period.

    Defaults (this library's, not an industry figure): at most 2,500 points
    per advocate and 25,000 for the whole program per calendar quarter.
    A period is the calendar month or quarter of the redeem event's time, in
    that time's own offset.

    Attributes:
        per_advocate: Most points one advocate may redeem in a period, or
            `None` for no limit.
        program: Most points all advocates together may redeem in a period,
            or `None` for no limit.
        period: The period both limits count in.
    """

    per_advocate: int | None = attrs.field(default=2500, metadata=checked(_LIMIT))
    program: int | None = attrs.field(default=25000, metadata=checked(_LIMIT))
    period: LimitPeriod = attrs.field(
        default=LimitPeriod.QUARTER,
        converter=_to_period,
        metadata=checked(member_of(LimitPeriod)),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def default(cls) -> RedemptionLimits:
        """2,500 points per advocate and 25,000 for the program, per quarter."""
        return cls()

    @classmethod
    def unlimited(cls) -> RedemptionLimits:
        """No limit but the balance."""
        return cls(per_advocate=None, program=None)

    def explain(self) -> str:
        """The limits in words."""
        if self.per_advocate is None and self.program is None:
            return "no redemption limits but the balance"
        parts = []
        if self.per_advocate is not None:
            parts.append(f"{self.per_advocate:,} points per advocate")
        if self.program is not None:
            parts.append(f"{self.program:,} for the program")
        return f"redemption limits: {' and '.join(parts)} per {self.period.value}"


@attrs.frozen
class PointsEvent:
    """One change to an advocate's points.

    Attributes:
        id: Unique event id; the same event applied twice counts once.
        advocate_id: Whose points.
        kind: Earn, reverse or redeem.
        points: How many points, at least 1 (the kind gives the direction);
            a reverse carries the points of the earn it reverses.
        at: When, as a timezone-aware datetime (an aware `datetime.datetime`
            or an ISO 8601 string with an offset is turned into a
            `pendulum.DateTime`).
        reward: What the points were spent on: required for a redeem, `None`
            otherwise.
        reverses: The id of the earn it takes back: required for a reverse,
            `None` otherwise.
        note: Free text.
    """

    id: str = attrs.field(metadata=checked(text))
    advocate_id: str = attrs.field(metadata=checked(text))
    kind: PointsEventKind = attrs.field(
        converter=_to_kind, metadata=checked(member_of(PointsEventKind))
    )
    points: int = attrs.field(metadata=checked(_points))
    at: pendulum.DateTime = attrs.field(
        converter=to_datetime, metadata=checked(aware_datetime)
    )
    reward: str | None = attrs.field(default=None, metadata=checked(optional(text)))
    reverses: str | None = attrs.field(default=None, metadata=checked(optional(text)))
    note: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that `reward` and `reverses` fit the kind."""
        check_fields(self)
        for field, kind in (
            ("reward", PointsEventKind.REDEEM),
            ("reverses", PointsEventKind.REVERSE),
        ):
            value = getattr(self, field)
            if self.kind is kind and value is None:
                expected = f"a {field} for {a_or_an(repr(kind.value))} event"
            elif self.kind is not kind and value is not None:
                expected = f"None for {a_or_an(repr(self.kind.value))} event"
            else:
                continue
            raise InvalidValueError("PointsEvent", field, value, expected)


@headline_repr
@attrs.frozen(repr=False)
class PointsBalance:
    """One advocate's points after the ledger's events.

    Attributes:
        advocate_id: The advocate.
        earned: Points of every earn event.
        reversed: Points reverse events clawed back from the balance.
        written_off: Points reverse events could not claw back because they
            had been spent.
        redeemed: Points spent on rewards.
        balance: Spendable points: earned - reversed - redeemed, never
            negative.

    Every figure is at least 0, and lifetime is never below the balance
    (no more is written off than was redeemed).
    """

    advocate_id: str
    earned: int = attrs.field(default=0, metadata=checked(_FIGURE))
    reversed: int = attrs.field(default=0, metadata=checked(_FIGURE))
    written_off: int = attrs.field(default=0, metadata=checked(_FIGURE))
    redeemed: int = attrs.field(default=0, metadata=checked(_FIGURE))
    balance: int = attrs.field(default=0, metadata=checked(_FIGURE))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the balance and lifetime add up."""
        check_fields(self)
        spendable = self.earned - self.reversed - self.redeemed
        if self.balance != spendable:
            raise InvalidValueError(
                "PointsBalance",
                "balance",
                self.balance,
                f"earned - reversed - redeemed = {self.earned} - {self.reversed} "
                f"- {self.redeemed} = {spendable}",
            )
        if self.written_off > self.redeemed:
            raise InvalidValueError(
                "PointsBalance",
                "written_off",
                self.written_off,
                f"at most redeemed ({self.redeemed}): only points spent are "
                "written off, so lifetime is never below the balance",
            )

    @property
    def lifetime(self) -> int:
        """Points of every earn still standing: earned - reversed - written off."""
        return self.earned - self.reversed - self.written_off

    def explain(self) -> str:
        """One line: lifetime and balance, then where they come from."""
        return (
            f"{self.advocate_id}: lifetime {self.lifetime:,}, balance "
            f"{self.balance:,} (earned {self.earned:,}, reversed {self.reversed:,}, "
            f"written off {self.written_off:,}, redeemed {self.redeemed:,})"
        )


@headline_repr
@attrs.frozen(repr=False)
class Reversal:
    """What one reverse event did.

    Attributes:
        event_id: The reverse event.
        earn_id: The earn it took back.
        advocate_id: Whose points.
        points: The earn's points (at least 1).
        clawed_back: Points taken from the balance: the smaller of `points`
            and the balance just before (at least 0).
        written_off: `points - clawed_back`: already spent, not taken back.
    """

    event_id: str
    earn_id: str
    advocate_id: str
    points: int = attrs.field(metadata=checked(integer(1)))
    clawed_back: int = attrs.field(metadata=checked(_FIGURE))
    written_off: int = attrs.field(metadata=checked(_FIGURE))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the two parts make up the points."""
        check_fields(self)
        if self.clawed_back + self.written_off != self.points:
            raise InvalidValueError(
                "Reversal",
                "written_off",
                self.written_off,
                f"points - clawed_back = {self.points} - {self.clawed_back} = "
                f"{self.points - self.clawed_back}",
            )

    def explain(self) -> str:
        """One line: which earn, how much clawed back, how much written off."""
        return (
            f"{self.event_id} reverses {self.earn_id} of {self.advocate_id} "
            f"({self.points:,} points): clawed back {self.clawed_back:,}, "
            f"written off {self.written_off:,}"
        )
