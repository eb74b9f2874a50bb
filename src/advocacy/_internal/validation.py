"""Small named checks for value objects and rule arguments.

A check looks at one value and returns `None` when it is accepted or a
`Refusal` saying what is accepted instead. Value objects attach checks to
their attrs fields with `checked` and call `check_fields` after
construction: every field is checked, and all refusals are raised together,
so a caller fixing a record sees every problem at once.

The lenient converters these fields use live in `advocacy._internal.convert`:
they normalise what they recognise and leave the rest for a check to refuse
by name.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Final, Protocol, TypeVar

import attrs
import pendulum

from advocacy._internal.convert import (
    T,
    is_aware,
    to_date,
)
from advocacy._internal.text import decimal_text
from advocacy.exceptions import (
    FieldError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)

__all__ = [
    "FRACTION",
    "IDS",
    "TEXTS",
    "Check",
    "Identified",
    "Refusal",
    "any_text",
    "as_date",
    "aware_datetime",
    "boolean",
    "check_fields",
    "checked",
    "collection_of",
    "count_range",
    "date",
    "distinct_items",
    "in_order",
    "instance_of",
    "integer",
    "member_of",
    "number",
    "optional",
    "raise_all",
    "rate_check",
    "repeated",
    "repeated_hint",
    "require",
    "text",
    "unique_ids",
]


@attrs.frozen
class Refusal:
    """Why a check refused a value.

    Attributes:
        expected: What is accepted, in words.
        hint: A likely fix, or `None`.
        wrong_type: The value is of the wrong kind (a `TypeError`), not out
            of range (a `ValueError`).
    """

    expected: str
    hint: str | None = None
    wrong_type: bool = False

    def error(self, owner: str, name: str, value: object) -> FieldError:
        """The library error for `value` refused as `owner.name`."""
        kind = InvalidTypeError if self.wrong_type else InvalidValueError
        return kind(owner, name, value, self.expected, self.hint)


Check = Callable[[Any], Refusal | None]

_CHECK: Final = "advocacy.check"


def checked(check: Check) -> dict[str, Check]:
    """Field metadata telling `check_fields` to validate the field with `check`.

    Use as `attrs.field(metadata=checked(text))`: the attrs field itself stays
    visible to type checkers, so constructors keep their real signatures.
    """
    return {_CHECK: check}


def check_fields(instance: Any) -> None:
    """Run every field check of `instance`; raise all refusals together.

    Raises:
        InvalidValueError: One field has a value out of range.
        InvalidTypeError: One field has a value of the wrong kind.
        InvalidFieldsError: Several fields were refused.
    """
    owner = type(instance).__name__
    errors = []
    for attribute in attrs.fields(type(instance)):
        check = attribute.metadata.get(_CHECK)
        if check is None:
            continue
        value = getattr(instance, attribute.name)
        refusal = check(value)
        if refusal is not None:
            errors.append(refusal.error(owner, attribute.name, value))
    raise_all(owner, errors)


def raise_all(owner: str, errors: Iterable[FieldError]) -> None:
    """Raise nothing, the one error, or one error listing them all."""
    found = tuple(errors)
    if len(found) == 1:
        raise found[0]
    if found:
        raise InvalidFieldsError(owner, found)


def require(owner: str, name: str, value: T, check: Check) -> T:
    """Return `value` if `check` accepts it; raise the named error if not."""
    refusal = check(value)
    if refusal is not None:
        raise refusal.error(owner, name, value)
    return value


# --- checks -------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def optional(check: Check) -> Check:
    """Accept `None` or what `check` accepts."""

    def optional_check(value: object) -> Refusal | None:
        if value is None:
            return None
        refusal = check(value)
        if refusal is None:
            return None
        return attrs.evolve(refusal, expected=f"{refusal.expected}, or None")

    return optional_check


def _range_words(what: str, low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{what} from {low:g} to {high:g}"
    if low is not None:
        return f"{what} of at least {low:g}"
    if high is not None:
        return f"{what} of at most {high:g}"
    return what


def integer(low: int | None = None, high: int | None = None) -> Check:
    """Accept an `int` (not a bool) within [low, high]; either bound may be open."""
    expected = _range_words("an integer", low, high)

    def integer_check(value: object) -> Refusal | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return Refusal(expected, wrong_type=not _is_number(value))
        if (low is not None and value < low) or (high is not None and value > high):
            return Refusal(expected)
        return None

    return integer_check


def number(
    low: float | None = None,
    high: float | None = None,
    *,
    above: float | None = None,
    percent_hint: bool = False,
) -> Check:
    """Accept a finite int or float within [low, high] (and above `above`).

    Rates, shares and scores are floats throughout the library (one choice,
    made once); `to_float` turns an exact `Decimal` or `Fraction` into
    one at the boundary, so a check never compares a `Decimal` with a float
    threshold (Decimal("0.70") is exactly above the float 0.7).

    With `percent_hint`, a value in (1, 100] is refused with a hint that a
    fraction was probably meant (70 for 0.70).
    """
    what = "a number" if above is None else f"a number above {above:g}"
    expected = _range_words(what, low, high)

    def number_check(value: Any) -> Refusal | None:
        if not _is_number(value):
            return Refusal(expected, wrong_type=True)
        if not math.isfinite(value):
            return Refusal(f"{expected}; NaN and infinity are not accepted")
        if (
            (low is not None and value < low)
            or (high is not None and value > high)
            or (above is not None and value <= above)
        ):
            hint = None
            if percent_hint and 1 < value <= 100:
                hint = f"this looks like a percentage; did you mean {value / 100:g}?"
            return Refusal(expected, hint)
        return None

    return number_check


FRACTION: Final = number(0, 1, percent_hint=True)
"""A share or rate from 0 to 1 inclusive."""


def boolean(value: object) -> Refusal | None:
    """Accept `True` or `False` only (not 0, 1 or a string)."""
    if isinstance(value, bool):
        return None
    return Refusal("True or False", wrong_type=True)


def text(value: object) -> Refusal | None:
    """Accept a string with at least one non-space character."""
    if not isinstance(value, str):
        return Refusal("a non-empty string", wrong_type=True)
    if not value.strip():
        return Refusal("a non-empty string")
    return None


def any_text(value: object) -> Refusal | None:
    """Accept any string, empty included."""
    if isinstance(value, str):
        return None
    return Refusal("a string", wrong_type=True)


def instance_of(cls: type, words: str) -> Check:
    """Accept an instance of `cls`, described to the user as `words`."""

    def instance_check(value: object) -> Refusal | None:
        if isinstance(value, cls):
            return None
        return Refusal(words, wrong_type=True)

    return instance_check


def member_of(enum_cls: type[enum.Enum]) -> Check:
    """Accept a member of `enum_cls` (converters turn its values into members)."""
    choices = ", ".join(repr(m.value) for m in enum_cls)
    words = f"a {enum_cls.__name__}: one of {choices}"
    return instance_of(enum_cls, words)


def date(value: object) -> Refusal | None:
    """Accept a calendar date (a `pendulum.Date` that is not a `DateTime`)."""
    if isinstance(value, datetime.datetime):
        return Refusal(
            "a date without a time of day",
            hint="pass the date part, e.g. value.date()",
            wrong_type=True,
        )
    if type(value) is pendulum.Date:
        return None
    return Refusal("a pendulum.Date or datetime.date", wrong_type=True)


_AWARE_EXPECTED: Final = (
    "a timezone-aware datetime: a pendulum.DateTime, an aware datetime.datetime "
    "or an ISO 8601 string with an offset"
)


def aware_datetime(value: object) -> Refusal | None:
    """Accept a timezone-aware `pendulum.DateTime` only."""
    if isinstance(value, pendulum.DateTime) and is_aware(value):
        return None
    if isinstance(value, datetime.datetime):
        hint = "it has no timezone; attach one, e.g. pendulum.instance(value, tz='UTC')"
    elif isinstance(value, datetime.date):
        hint = (
            "a date has no time of day; give the moment it happened, e.g. "
            "pendulum.datetime(2026, 3, 2, 9, 30, tz='UTC')"
        )
    elif isinstance(value, str):
        hint = "write the offset, e.g. '2026-03-02T09:30:00+00:00'"
    else:
        hint = None
    return Refusal(_AWARE_EXPECTED, hint, wrong_type=True)


def collection_of(check: Check, words: str) -> Check:
    """Accept a frozenset or tuple whose every item `check` accepts."""
    expected = f"a collection of {words}"

    def collection_check(value: object) -> Refusal | None:
        if isinstance(value, str):
            return Refusal(
                expected,
                hint="a single string was given; wrap it in a list",
                wrong_type=True,
            )
        if not isinstance(value, frozenset | tuple):
            return Refusal(expected, wrong_type=True)
        for item in value:
            refusal = check(item)
            if refusal is not None:
                return Refusal(
                    f"{expected}; {item!r} is not {refusal.expected}",
                    hint=refusal.hint,
                    wrong_type=refusal.wrong_type,
                )
        return None

    return collection_check


def repeated(keys: Iterable[object]) -> list[str]:
    """The keys that occur more than once, as sorted strings, each once.

    One pass with a counter: linear in the number of keys.
    """
    counts = Counter(str(key) for key in keys)
    return sorted(key for key, n in counts.items() if n > 1)


def repeated_hint(keys: Iterable[object]) -> str | None:
    """`"repeated: a, b"` naming the keys that occur more than once, or `None`."""
    found = repeated(keys)
    return f"repeated: {', '.join(found)}" if found else None


def distinct_items(cls: type, words: str, key: Callable[[Any], object]) -> Check:
    """Accept a tuple of `cls` whose `key(item)` values are all different.

    `words` says what is accepted ("a tuple of Badge with distinct ids"); a
    repeated key is named in the hint.
    """

    def distinct_check(value: object) -> Refusal | None:
        if not isinstance(value, tuple) or not all(isinstance(v, cls) for v in value):
            return Refusal(words, wrong_type=True)
        hint = repeated_hint(key(item) for item in value)
        return None if hint is None else Refusal(words, hint)

    return distinct_check


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
    listed = list(items)
    found: dict[str, R] = {}
    first: str | None = None
    for index, item in enumerate(listed):
        require(owner, f"{name}[{index}]", item, check)
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


def count_range(value: object) -> Refusal | None:
    """Accept `None` or a `(low, high)` pair of ints with 0 <= low <= high."""
    expected = "None or a (low, high) pair of counts with 0 <= low <= high"
    if value is None:
        return None
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and all(type(v) is int for v in value)
    ):
        return Refusal(expected, wrong_type=True)
    low, high = value
    return None if 0 <= low <= high else Refusal(expected)


def as_date(owner: str, name: str, value: Any) -> pendulum.Date:
    """Normalise and check a date argument of a rule (e.g. `as_of`)."""
    result: pendulum.Date = require(owner, name, to_date(value), date)
    return result


def rate_check(value: object) -> Refusal | None:
    """Accept a finite `Decimal` from 0 to 1 (a percentage gets a hint)."""
    expected = "a rate from 0 to 1 (a Decimal, a float or a numeric string)"
    if not isinstance(value, Decimal):
        return Refusal(expected, wrong_type=True)
    if not value.is_finite():
        return Refusal(f"{expected}; NaN and infinity are not accepted")
    if value < 0 or value > 1:
        hint = None
        if 1 < value <= 100:
            hint = (
                "this looks like a percentage; did you mean "
                f"{decimal_text(value / 100, 4)}?"
            )
        return Refusal(expected, hint)
    return None


TEXTS = collection_of(text, "non-empty strings")
IDS = collection_of(text, "ids (non-empty strings)")
