"""Applying checks: to a value object's fields, and to a rule's arguments.

Value objects attach checks to their attrs fields with `checked` (fields
without one are checked by their annotation, see `advocacy._internal.typed`)
and call `check_fields` after construction: every field is normalised
(numpy scalars become plain numbers) and checked, and all refusals are raised
together, so a caller fixing a record sees every problem at once. Rules
check their arguments with `require`, which returns the normalised value.

The checks themselves live in `advocacy._internal.checks`; the lenient
converters that widen what a constructor accepts (a string for an enum, an
iterable for a frozenset) in `advocacy._internal.convert`.

`unchecked` is the one way around the checks: a rule building a result from
parts it has already checked (a batch's outcomes, by the thousand) builds it
without re-checking them; the tests prove such results pass the checks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, Protocol, TypeVar, cast

import attrs
import pendulum

from advocacy._internal.checks import (
    Check,
    CheckLike,
    Refusal,
    as_check,
    date,
    repeated_hint,
)
from advocacy._internal.convert import to_date
from advocacy._internal.typed import FIELD_CHECK, field_checks
from advocacy.exceptions import (
    FieldError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)

__all__ = [
    "Identified",
    "agree",
    "as_date",
    "at_most",
    "check_fields",
    "checked",
    "in_order",
    "raise_all",
    "require",
    "require_each",
    "unchecked",
    "unique_ids",
]

T = TypeVar("T")
P = ParamSpec("P")


def checked(check: Check | Callable[[Any], Refusal | None]) -> dict[str, object]:
    """Field metadata telling `check_fields` to validate the field with `check`.

    Use as `attrs.field(metadata=checked(text))`: the attrs field itself stays
    visible to type checkers, so constructors keep their real signatures.
    """
    return {FIELD_CHECK: check}


def check_fields(instance: Any) -> None:
    """Normalise and check every init field of `instance`; raise all refusals.

    A field whose value its check normalises (a numpy integer in an `int`
    field) is set to the plain value.

    Raises:
        InvalidValueError: One field has a value out of range.
        InvalidTypeError: One field has a value of the wrong kind.
        InvalidFieldsError: Several fields were refused.
    """
    owner = type(instance).__name__
    errors = []
    for name, alias, check in field_checks(type(instance)):
        value = getattr(instance, name)
        if check.normalises:
            plain = check.normalise(value)
            if plain is not value:
                object.__setattr__(instance, name, plain)
                value = plain
        refusal = check.test(value)
        if refusal is not None:
            errors.append(refusal.error(owner, alias, value))
    raise_all(owner, errors)


def unchecked(cls: Callable[P, T]) -> Callable[P, T]:
    """The constructor of the attrs class `cls`, without its checks.

    For a result a rule builds from parts it has already checked, where
    checking again would cost more than the rule (a batch builds tens of
    thousands of outcomes and fits). Its fields are set as given, by keyword
    (every init field, nothing else); `__attrs_post_init__` does not run.
    The tests rebuild such results with the checked constructor to prove
    they pass every check.
    """
    return cast("Callable[P, T]", _unchecked(cast("type", cls)))


@functools.cache
def _unchecked(cls: type) -> Callable[..., Any]:
    fields = attrs.fields(cls)
    if not all(field.init for field in fields):
        msg = f"{cls.__name__} has fields set after init; build it checked"
        raise TypeError(msg)
    names = {field.name for field in fields}
    new, set_field = object.__new__, object.__setattr__

    def build(**given: Any) -> Any:
        if given.keys() != names:
            msg = f"{cls.__name__} takes exactly its fields: {sorted(names)}"
            raise TypeError(msg)
        instance: Any = new(cls)
        for name, value in given.items():
            set_field(instance, name, value)
        return instance

    return build


def raise_all(owner: str, errors: Iterable[FieldError]) -> None:
    """Raise nothing, the one error, or one error listing them all."""
    found = tuple(errors)
    if len(found) == 1:
        raise found[0]
    if found:
        raise InvalidFieldsError(owner, found)


def require(
    owner: str, name: str, value: T, check: Check | Callable[[Any], Refusal | None]
) -> T:
    """`value`, normalised by `check`, if it accepts it; else the named error.

    The normalised value is the plain form of the given one (a numpy integer
    becomes the equal `int`), so it is still a `T` to every caller.
    """
    plain: Any = check.normalise(value) if isinstance(check, Check) else value
    refusal = check(plain)
    if refusal is not None:
        raise refusal.error(owner, name, value)
    return cast("T", plain)


def require_each(
    owner: str, name: str, items: Iterable[T], check: CheckLike
) -> list[T]:
    """`items` as a list, each normalised by `check`, if it accepts them all.

    The first refused item raises `require`'s error, named `name[index]`;
    `items` that are no collection (None, a number, one string) are refused
    by `name` itself.

    Raises:
        InvalidTypeError: `items` is not iterable, or is a single string.
        InvalidValueError: An item is refused by `check` (by value).
    """
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        hint = (
            "a single string was given; wrap it in a list"
            if isinstance(items, str)
            else None
        )
        raise InvalidTypeError(owner, name, items, "a list or other iterable", hint)
    given = as_check(check)
    normalise, test = given.normalise, given.test
    listed = []
    for index, item in enumerate(items):
        plain = normalise(item)
        refusal = test(plain)
        if refusal is not None:
            raise refusal.error(owner, f"{name}[{index}]", item)
        listed.append(plain)
    return listed


def as_date(owner: str, name: str, value: Any) -> pendulum.Date:
    """Normalise and check a date argument of a rule (e.g. `as_of`)."""
    day = require(owner, name, to_date(value), date)
    return cast("pendulum.Date", day)  # the `date` check accepts nothing else


class Identified(Protocol):
    """Anything with a string `id`: accounts, advocates, activities, ..."""

    @property
    def id(self) -> str:
        """The record's id."""
        ...  # pragma: no cover  # a protocol member is never called


R = TypeVar("R", bound=Identified)


def unique_ids(
    owner: str, name: str, items: Iterable[R], check: Check, *, noun: str = ""
) -> dict[str, R]:
    """`items` by their `id`, each checked; repeated ids are refused, all at once.

    Args:
        owner: The rule or class reading the items.
        name: The argument holding them.
        items: The items.
        check: The check each item must pass (named by its position).
        noun: What the ids are ids of, for the message ("unique request ids").

    Raises:
        InvalidTypeError: An item is refused by `check`.
        InvalidValueError: Ids repeat: the value is the first id seen twice,
            the hint names every repeated id.
    """
    listed = require_each(owner, name, items, check)
    found: dict[str, R] = {}
    first: str | None = None
    for item in listed:
        if item.id in found and first is None:
            first = item.id
        found.setdefault(item.id, item)
    if first is not None:
        words = f"unique {noun} ids" if noun else "unique ids"
        hint = repeated_hint(item.id for item in listed)
        raise InvalidValueError(owner, name, first, words, hint)
    return found


def in_order(instance: Any, earlier: str, later: str) -> None:
    """Refuse `instance.<later>` dated before `instance.<earlier>`, by name.

    `None` on either side passes (an open end, or a date not given).

    Raises:
        InvalidValueError: The later date is before the earlier one.
    """
    first, last = getattr(instance, earlier), getattr(instance, later)
    if first is not None and last is not None and last < first:
        raise InvalidValueError(
            type(instance).__name__,
            later,
            last,
            f"a date on or after {earlier} ({first})",
        )


def at_most(owner: str, name: str, value: int, bound: str, limit: int) -> None:
    """Refuse `value` above `limit`, the value of the field named `bound`.

    Raises:
        InvalidValueError: `value` is above `limit`.
    """
    if value > limit:
        raise InvalidValueError(owner, name, value, f"at most {bound} ({limit})")


def agree(owner: str, name: str, value: object, expected: object, words: str) -> None:
    """Refuse `value` unless it equals `expected`, what the formula `words` gives.

    Raises:
        InvalidValueError: `value` is not `expected`.
    """
    if value != expected:
        raise InvalidValueError(owner, name, value, f"{words} ({expected!r})")
