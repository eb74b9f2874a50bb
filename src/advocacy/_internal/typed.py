"""Checks derived from type annotations, for fields that name no check.

A value class states a field's type once, in its annotation. Where the field
carries no explicit check (`checked(...)`), `check_fields` derives one from
the annotation: `int` is an integer, `float` a finite number, `bool` a bool,
`str` a string, an enum its members, an attrs class its instances, `X | None`
either, `tuple[X, ...]`, `frozenset[X]` and `Mapping[K, V]` those containers
with every item checked. A derived check also normalises what it accepts (a
numpy integer in a `tuple[int, ...]` becomes an `int`), exactly as the named
checks do. Ranges and consistency the annotation cannot say stay explicit.

Derived checks are built once per class and cached.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, cast

import attrs
import pendulum

from advocacy._internal.checks import (
    ANYTHING,
    Check,
    Refusal,
    any_text,
    aware_datetime,
    boolean,
    date,
    instance_of,
    integer,
    member_of,
    number,
    optional,
)
from advocacy._internal.text import a_or_an

__all__ = ["FIELD_CHECK", "check_for", "field_checks"]


def _finite_decimal(value: object) -> Refusal | None:
    if isinstance(value, Decimal) and value.is_finite():
        return None
    if isinstance(value, Decimal):
        return Refusal("a finite Decimal; NaN and infinity are not accepted")
    return Refusal("a Decimal", wrong_type=True)


_SCALARS: Final[dict[Any, Check]] = {
    int: integer(),
    float: number(),
    bool: boolean,
    str: any_text,
    Decimal: Check(_finite_decimal),
    Fraction: instance_of(Fraction, "a Fraction"),
    pendulum.DateTime: aware_datetime,
    pendulum.Date: date,
    datetime.date: date,
    type(None): Check(lambda v: None if v is None else Refusal("None")),
}


def _words(hint: Any) -> str:
    """A type in words: `an Activity`, `a tuple of Candidate`."""
    if isinstance(hint, type) and typing.get_origin(hint) is None:
        return a_or_an(hint.__name__)
    return f"a {hint}"


def _name(hint: Any) -> str:
    """A type's own name (`Candidate`), or the annotation as written."""
    return str(getattr(hint, "__name__", hint))


def _union(checks: list[Check], words: str) -> Check:
    def union_check(value: object) -> Refusal | None:
        for check in checks:
            if check(check.normalise(value)) is None:
                return None
        return Refusal(words, wrong_type=True)

    def normalise(value: Any) -> Any:
        # A value some member takes as it is stays as it is (88.0 stays a
        # float in an `int | float`); otherwise the first member whose
        # normalised form it passes.
        if any(check(value) is None for check in checks):
            return value
        for check in checks:
            plain = check.normalise(value)
            if check(plain) is None:
                return plain
        return value

    return Check(union_check, normalise)


def _items(container: type, item: Check, words: str) -> Check:
    """A tuple or frozenset whose every item `item` accepts."""
    test = item.test  # called directly: this runs once per item of every value
    strings = item is any_text  # all strings: one pass in C, then done

    def items_check(value: object) -> Refusal | None:
        if not isinstance(value, container):
            return Refusal(words, wrong_type=True)
        elements: Iterable[Any] = cast("Iterable[Any]", value)  # tuple or frozenset
        if strings and all(isinstance(element, str) for element in elements):
            return None
        for index, element in enumerate(elements):
            refusal = test(element)
            if refusal is not None:
                where = f"item {index}" if container is tuple else repr(element)
                return Refusal(
                    f"{words}; {where} is not {refusal.expected}",
                    refusal.hint,
                    wrong_type=refusal.wrong_type,
                )
        return None

    if not item.normalises:
        return Check(items_check)

    def normalise(value: Any) -> Any:
        if isinstance(value, tuple | frozenset):
            return type(value)(item.normalise(element) for element in value)
        return value

    return Check(items_check, normalise)


def _fixed(items: list[Check], words: str) -> Check:
    """A tuple of exactly these items, in order."""

    def fixed_check(value: object) -> Refusal | None:
        if not isinstance(value, tuple) or len(value) != len(items):
            return Refusal(words, wrong_type=True)
        for index, (check, element) in enumerate(zip(items, value, strict=True)):
            refusal = check(element)
            if refusal is not None:
                return Refusal(
                    f"{words}; item {index} is not {refusal.expected}",
                    refusal.hint,
                    wrong_type=refusal.wrong_type,
                )
        return None

    def normalise(value: Any) -> Any:
        if isinstance(value, tuple) and len(value) == len(items):
            return tuple(c.normalise(v) for c, v in zip(items, value, strict=True))
        return value

    return Check(fixed_check, normalise)


def _mapping(key: Check, item: Check, words: str) -> Check:
    def mapping_check(value: object) -> Refusal | None:
        if not isinstance(value, Mapping):
            return Refusal(words, wrong_type=True)
        for k, v in value.items():
            refusal = key(k)
            if refusal is not None:
                return Refusal(f"{words}; key {k!r} is not {refusal.expected}")
            refusal = item(v)
            if refusal is not None:
                return Refusal(
                    f"{words}; the value of {k!r} is not {refusal.expected}",
                    refusal.hint,
                    wrong_type=refusal.wrong_type,
                )
        return None

    return Check(mapping_check)


def check_for(hint: Any) -> Check:  # noqa: PLR0911  # a return per kind of type
    """The check a resolved type annotation implies (see the module notes)."""
    if hint is Any or hint is object:
        return ANYTHING
    if hint in _SCALARS:
        return _SCALARS[hint]
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        members = [a for a in args if a is not type(None)]
        inner = (
            check_for(members[0])
            if len(members) == 1
            else _union(
                [check_for(m) for m in members],
                " or ".join(_words(m) for m in members),
            )
        )
        return optional(inner) if len(members) < len(args) else inner
    if origin is typing.Literal:
        allowed = set(args)
        return Check(
            lambda v: None if v in allowed else Refusal(f"one of {sorted(allowed)}")
        )
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            inner = check_for(args[0])
            return _items(tuple, inner, f"a tuple of {_name(args[0])}")
        return _fixed([check_for(a) for a in args], f"a tuple of {len(args)} items")
    if origin is frozenset:
        return _items(frozenset, check_for(args[0]), f"a frozenset of {_name(args[0])}")
    if origin in (dict, Mapping) or (
        isinstance(origin, type) and issubclass(origin, Mapping)
    ):
        return _mapping(check_for(args[0]), check_for(args[1]), "a mapping")
    if isinstance(origin, type) and attrs.has(origin):  # LoadedRecords[Account]
        return instance_of(origin)
    if origin is not None and callable(hint):  # Callable[...] and the like
        return ANYTHING
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return member_of(hint)
    if isinstance(hint, type):
        return instance_of(hint)
    return ANYTHING


FIELD_CHECK: Final = "advocacy.check"
"""The key of a field's explicit check in its attrs metadata."""

_PLANS: dict[type, tuple[tuple[str, str, Check], ...]] = {}


def field_checks(cls: type) -> tuple[tuple[str, str, Check], ...]:
    """Per init field of an attrs class: attribute name, alias and its check.

    The field's own `checked(...)` check where it has one, else the one its
    annotation implies. Built on the first call for a class, then cached.
    """
    try:
        return _PLANS[cls]
    except KeyError:
        pass
    hints = typing.get_type_hints(cls)
    plan = []
    for attribute in attrs.fields(cls):
        if not attribute.init:
            continue
        given: Check | Callable[[Any], Refusal | None] | None = attribute.metadata.get(
            FIELD_CHECK
        )
        if given is None:
            check = check_for(hints.get(attribute.name, Any))
        elif isinstance(given, Check):
            check = given
        else:
            check = Check(given)
        plan.append((attribute.name, attribute.alias, check))
    _PLANS[cls] = tuple(plan)
    return _PLANS[cls]
