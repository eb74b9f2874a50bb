"""Lenient converters for attrs fields: normalise what they recognise, return the rest.

attrs (and mypy's attrs plugin) take a field's `__init__` parameter type from
its converter's first parameter, so each field uses a named converter whose
signature says what callers may pass: a string for an enum, any iterable for
a frozenset, a `datetime.date` or an ISO 8601 string for a date. A converter
turns what it recognises into the field's type and returns anything else
unchanged, and its return type says so (`Tier | str` for a string that names
no tier): the field's check then refuses the leftover by name, together with
every other bad field. A converter never raises.

Nested values (an account's policy, a model's criteria) are never parsed
from dicts here: constructors take values, and the converter at the edge
(`advocacy._io`) builds nested values from plain data.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TypeVar, cast

import pendulum

from advocacy._internal.checks import is_aware, plain_real

__all__ = [
    "member",
    "members",
    "to_count_pair",
    "to_date",
    "to_datetime",
    "to_float",
    "to_frozenset",
    "to_optional_date",
    "to_optional_float",
    "to_rate",
    "to_string_tuple",
    "to_strings",
    "to_tuple",
]

T = TypeVar("T")
V = TypeVar("V")
E = TypeVar("E", bound=enum.Enum)


def to_float(value: float | Decimal | Fraction) -> float | Decimal | Fraction:
    """A plain float from an exact `Decimal` or `Fraction` (or a numpy float).

    The field's number check normalises by the same rule (`plain_real`);
    this converter is what lets the constructor's signature say that exact
    numbers are welcome.
    """
    return cast("float | Decimal | Fraction", plain_real(value))


def to_optional_float(
    value: float | Decimal | Fraction | None,
) -> float | Decimal | Fraction | None:
    """`to_float`, passing `None` through."""
    return None if value is None else to_float(value)


def to_date(value: datetime.date | str) -> pendulum.Date | datetime.date | str:
    """A `pendulum.Date` from a `datetime.date` or an ISO 8601 date string."""
    if type(value) is datetime.date:
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return pendulum.Date.fromisoformat(value)
        except ValueError:
            pass
    return value


def to_optional_date(
    value: datetime.date | str | None,
) -> pendulum.Date | datetime.date | str | None:
    """`to_date`, passing `None` through."""
    return None if value is None else to_date(value)


def to_datetime(
    value: datetime.datetime | str,
) -> pendulum.DateTime | datetime.datetime | str:
    """A `pendulum.DateTime` from an aware datetime or an ISO 8601 string.

    A string must carry its offset (`"2026-03-02T09:00:00+01:00"`, or `Z`).
    Naive datetimes, dates and strings without an offset are returned as
    they are, for the `aware_datetime` check to refuse by name.
    """
    parsed: object = value
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(parsed, pendulum.DateTime) and is_aware(parsed):
        return parsed
    if isinstance(parsed, datetime.datetime) and is_aware(parsed):
        return pendulum.instance(parsed)
    return value


def to_frozenset(value: Iterable[T]) -> frozenset[T] | Iterable[T]:
    """A frozenset from a list, set or other iterable that is not a string.

    Anything else, and an iterable with an unhashable item (as a tuple, for
    the check to name the item), is returned unconverted.
    """
    if isinstance(value, frozenset | str) or not isinstance(value, Iterable):
        return value
    items = tuple(value)
    try:
        return frozenset(items)
    except TypeError:
        return items


def to_tuple(value: Iterable[T]) -> tuple[T, ...] | Iterable[T]:
    """A tuple from a list or other iterable that is not a string or a mapping."""
    if isinstance(value, tuple | str | dict) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def to_strings(value: Iterable[str]) -> frozenset[str] | Iterable[str]:
    """A frozenset of strings from any iterable of them (see `to_frozenset`)."""
    return to_frozenset(value)


def to_string_tuple(value: Iterable[str]) -> tuple[str, ...] | Iterable[str]:
    """A tuple of strings from any iterable of them (see `to_tuple`)."""
    return to_tuple(value)


def to_count_pair(
    value: tuple[int, int] | list[int] | None,
) -> tuple[int, ...] | list[int] | None:
    """A `(low, high)` tuple from a two-item list, as JSON gives it back."""
    return tuple(value) if isinstance(value, list) else value


def member(enum_cls: type[E], value: V) -> E | V:
    """`enum_cls(value)` for a member or a member's value, else `value` as is.

    Matching is exact (`"champion"`, not `"Champion"`): lenient spellings are
    record ingest's business.
    """
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except (ValueError, TypeError):
        return value


def members(enum_cls: type[E], value: Iterable[V]) -> frozenset[E | V] | Iterable[V]:
    """A frozenset of `enum_cls` members from a collection of members or values.

    Items that name no member are kept as they are, for the check to name.
    """
    collected = to_frozenset(value)
    if not isinstance(collected, frozenset):
        return value
    return frozenset(member(enum_cls, item) for item in collected)


def to_rate(value: Decimal | float | str) -> Decimal | float | str:
    """An exact rate: floats through their shortest repr, `0.25` -> `Decimal('0.25')`.

    Anything unreadable (and a bool) is returned as it is for the rate check
    to refuse.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int | str):
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            pass
    return value
