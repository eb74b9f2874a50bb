"""Lenient converters for attrs fields: normalise what they recognise, return the rest.

attrs (and mypy's attrs plugin) take a field's `__init__` parameter type from
its converter's first parameter, so each field uses a named converter whose
signature says what callers may pass. A converter turns a list into a
frozenset, a `datetime.date` or an ISO 8601 string into a `pendulum.Date`, an
aware datetime into a `pendulum.DateTime`, a value into an enum member; it
returns anything it does not recognise untouched, for the field's check (in
`advocacy._internal.validation`) to refuse by name. A converter never raises.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TypeVar

import pendulum

from advocacy._internal.checks import is_aware

__all__ = [
    "member",
    "members",
    "to_date",
    "to_datetime",
    "to_float",
    "to_frozenset",
    "to_optional_date",
    "to_optional_float",
    "to_pair",
    "to_rate",
    "to_tuple",
]


T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


# --- lenient converters ---------------------------------------------------
#
# attrs (and mypy's attrs plugin) take a field's __init__ parameter type from
# its converter's first parameter, so each field uses a named converter whose
# signature says what callers may pass. The helpers below do the work; they
# return anything they do not recognise untouched, for the check to refuse.


def to_float(value: float | Decimal | Fraction) -> float:
    """Turn an exact `Decimal` or `Fraction` rate into the nearest float."""
    if isinstance(value, Decimal | Fraction):
        return float(value)
    return value


def to_optional_float(value: float | Decimal | Fraction | None) -> float | None:
    """`to_float`, passing `None` through."""
    return None if value is None else to_float(value)


def to_date(value: datetime.date | str) -> pendulum.Date:
    """Turn a `datetime.date` or an ISO 8601 string into a `pendulum.Date`."""
    if type(value) is datetime.date:
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return pendulum.Date.fromisoformat(value)
        except ValueError:
            pass
    return value  # type: ignore[return-value]  # refused by the `date` check


def to_optional_date(value: datetime.date | str | None) -> pendulum.Date | None:
    """`to_date`, passing `None` through."""
    return None if value is None else to_date(value)


def to_datetime(value: datetime.datetime | str) -> pendulum.DateTime:
    """A `pendulum.DateTime` from an aware datetime or an ISO 8601 string.

    A string must carry its offset (`"2026-03-02T09:00:00+01:00"`, or `Z`).
    Naive datetimes, dates and strings without an offset are returned as
    they are, for the `aware_datetime` check to refuse by name.
    """
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value  # type: ignore[return-value]  # refused by the check
        if not is_aware(parsed):
            return value  # type: ignore[return-value]  # refused by the check
        return pendulum.instance(parsed)
    given: object = value  # at run time anything may come; the check names it
    if isinstance(given, datetime.datetime) and is_aware(given):
        return (
            given if isinstance(given, pendulum.DateTime) else pendulum.instance(given)
        )
    return value  # type: ignore[return-value]  # refused by the check


def to_frozenset(value: Iterable[str]) -> frozenset[str]:
    """Turn a list, set or other non-string iterable into a frozenset."""
    if isinstance(value, frozenset | str) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # refused by the check
    items = tuple(value)
    try:
        return frozenset(items)
    except TypeError:  # an unhashable item: the check names it
        return items  # type: ignore[return-value]


def to_tuple(value: Iterable[str]) -> tuple[str, ...]:
    """Turn a list or other non-string iterable into a tuple."""
    if isinstance(value, tuple | str) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # refused by the check
    return tuple(value)


def to_pair(value: tuple[int, int] | list[int] | None) -> tuple[int, int] | None:
    """Turn a two-item list (as JSON gives it) into a tuple."""
    if isinstance(value, list):
        return tuple(value)  # type: ignore[return-value]  # length checked later
    return value


def member(enum_cls: type[E], value: object) -> E:
    """`enum_cls(value)` for a member or a member's value, else `value` as is."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except (ValueError, TypeError):
        return value  # type: ignore[return-value]  # refused by `member_of`


def members(enum_cls: type[E], value: object) -> frozenset[E]:
    """A frozenset of `enum_cls` members from a collection of members or values."""
    collected: object = to_frozenset(value)  # type: ignore[arg-type]
    if not isinstance(collected, frozenset):
        return collected  # type: ignore[return-value]  # refused by the check
    return frozenset(member(enum_cls, item) for item in collected)


def to_rate(value: Decimal | float | str | int) -> Decimal:
    """An exact rate: floats through their shortest repr, `0.25` -> `Decimal('0.25')`.

    Anything unreadable is returned as it is for the rate check to refuse.
    """
    if isinstance(value, bool):
        return value  # type: ignore[return-value]  # refused by the check
    if isinstance(value, float | int | str):
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            pass
    return value  # type: ignore[return-value]  # refused by the check
