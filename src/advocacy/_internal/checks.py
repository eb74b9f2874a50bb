"""Named checks: what a value must be, in words a person can act on.

A [`Check`][advocacy._internal.checks.Check] tests one value and returns
`None` when it is accepted or a `Refusal` saying what is accepted instead.
It also knows how to *normalise* the values it accepts from other libraries:
a numpy integer where an int is meant becomes a plain `int`, a numpy float,
`Decimal` or `Fraction` where a float is meant a plain `float`, a numpy bool
a plain `bool`, and an integral float (`9.0`) where an int is meant the int
`9`. Normalising never raises and never makes up a value: what it does not
recognise is left for the test to refuse by name. A `bool` is never a number,
and NaN and infinity are refused everywhere.
"""

from __future__ import annotations

import datetime
import enum
import math
import numbers
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.text import a_or_an, decimal_text
from advocacy.exceptions import FieldError, InvalidTypeError, InvalidValueError

__all__ = [
    "ANYTHING",
    "FRACTION",
    "IDS",
    "TEXTS",
    "Check",
    "CheckLike",
    "Refusal",
    "any_text",
    "as_check",
    "aware_datetime",
    "boolean",
    "collection_of",
    "count_range",
    "date",
    "distinct_items",
    "instance_of",
    "integer",
    "is_aware",
    "member_of",
    "number",
    "optional",
    "plain_bool",
    "plain_int",
    "plain_real",
    "rate_check",
    "repeated",
    "repeated_hint",
    "text",
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


def _same(value: Any) -> Any:
    return value


@attrs.frozen
class Check:
    """A test of one value, and how the values it accepts are made plain.

    Call it: `check(value)` is `None` when `value` is accepted, else the
    `Refusal`. `check.normalise(value)` is applied first by
    `check_fields` and `require`.

    Attributes:
        test: The test itself.
        normalise: Turns a foreign form of an accepted value into the plain
            one the library stores; leaves anything else as it is.
    """

    test: Callable[[Any], Refusal | None]
    normalise: Callable[[Any], Any] = _same

    def __call__(self, value: Any) -> Refusal | None:
        """`None` if `value` is accepted, else why not."""
        return self.test(value)

    @property
    def normalises(self) -> bool:
        """Whether the check changes any value before testing it."""
        return self.normalise is not _same


CheckLike = Check | Callable[[Any], Refusal | None]
"""A `Check`, or a bare test function (which normalises nothing)."""


def as_check(check: CheckLike) -> Check:
    """`check` as a `Check`."""
    return check if isinstance(check, Check) else Check(check)


def _anything(_value: object) -> Refusal | None:
    return None


ANYTHING: Final = Check(_anything)
"""Accept anything: for a field its class checks as a whole, after the rest."""


# --- numbers as other libraries hand them over ------------------------------


def _is_foreign_bool(value: object) -> bool:
    # numpy's bool is not a `bool` and not an Integral; it must not become a
    # number. Named by type, so numpy is never imported.
    kind = type(value)
    return kind.__module__ == "numpy" and kind.__name__ in {"bool", "bool_"}


def plain_int(value: Any) -> Any:
    """An `int` from any integer (numpy's included) or integral finite float.

    Booleans (Python's and numpy's) and everything else are returned as
    they are, for the test to refuse.
    """
    if type(value) is int or isinstance(value, bool) or _is_foreign_bool(value):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if (
        isinstance(value, numbers.Real)
        and not isinstance(value, Fraction)
        and math.isfinite(value)
        and float(value).is_integer()
    ):
        return int(float(value))
    return value


def plain_real(value: Any) -> Any:
    """A plain `int` or `float` from any real number, `Decimal` included.

    Integers stay integers (`88` stays `88`); numpy floats, `Decimal` and
    `Fraction` become floats. Booleans and everything else are returned as
    they are.
    """
    kind = type(value)
    if kind is int or kind is float or isinstance(value, bool):
        return value
    if _is_foreign_bool(value):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real | Decimal):
        return float(value)
    return value


def plain_bool(value: Any) -> Any:
    """A `bool` from numpy's bool; anything else as it is."""
    return bool(value) if _is_foreign_bool(value) else value


# --- checks -------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _with_none(check: Check) -> Callable[[Any], Any]:
    def normalise(value: Any) -> Any:
        return None if value is None else check.normalise(value)

    return normalise


def optional(given: CheckLike) -> Check:
    """Accept `None` or what `check` accepts."""
    check = as_check(given)

    def optional_check(value: object) -> Refusal | None:
        if value is None:
            return None
        refusal = check(value)
        if refusal is None:
            return None
        return attrs.evolve(refusal, expected=f"{refusal.expected}, or None")

    return Check(optional_check, _with_none(check))


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

    return Check(integer_check, plain_int)


def number(
    low: float | None = None,
    high: float | None = None,
    *,
    above: float | None = None,
    percent_hint: bool = False,
) -> Check:
    """Accept a finite int or float within [low, high] (and above `above`).

    Rates, shares and scores are floats throughout the library (one choice,
    made once); the check's normaliser turns an exact `Decimal` or
    `Fraction` into one at the boundary, so a test never compares a
    `Decimal` with a float threshold (Decimal("0.70") is exactly above the
    float 0.7).

    With `percent_hint`, a value that reads as a percentage, from 2 to 100,
    is refused with a hint that a fraction was probably meant (70 for
    0.70). A value just above 1 (1.5) reads as a ratio, not as 1.5%, so it
    gets no hint.
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
            if percent_hint and 2 <= value <= 100:
                hint = f"this looks like a percentage; did you mean {value / 100:g}?"
            return Refusal(expected, hint)
        return None

    return Check(number_check, plain_real)


FRACTION: Final = number(0, 1, percent_hint=True)
"""A share or rate from 0 to 1 inclusive."""


def _boolean(value: object) -> Refusal | None:
    if isinstance(value, bool):
        return None
    return Refusal("True or False", wrong_type=True)


boolean: Final = Check(_boolean, plain_bool)
"""Accept `True` or `False` only (not 0, 1 or a string)."""


def _text(value: object) -> Refusal | None:
    if not isinstance(value, str):
        return Refusal("a non-empty string", wrong_type=True)
    if not value.strip():
        return Refusal("a non-empty string")
    return None


text: Final = Check(_text)
"""Accept a string with at least one non-space character."""


def _any_text(value: object) -> Refusal | None:
    if isinstance(value, str):
        return None
    return Refusal("a string", wrong_type=True)


any_text: Final = Check(_any_text)
"""Accept any string, empty included."""


def instance_of(cls: type, words: str | None = None) -> Check:
    """Accept an instance of `cls`, described as `words` ("an Activity")."""
    expected = a_or_an(cls.__name__) if words is None else words

    def instance_check(value: object) -> Refusal | None:
        if isinstance(value, cls):
            return None
        return Refusal(expected, wrong_type=True)

    return Check(instance_check)


def member_of(enum_cls: type[enum.Enum]) -> Check:
    """Accept a member of `enum_cls` (converters turn its values into members)."""
    choices = ", ".join(repr(m.value) for m in enum_cls)
    return instance_of(enum_cls, f"{a_or_an(enum_cls.__name__)}: one of {choices}")


def _date(value: object) -> Refusal | None:
    if isinstance(value, datetime.datetime):
        return Refusal(
            "a date without a time of day",
            hint="pass the date part, e.g. value.date()",
            wrong_type=True,
        )
    if type(value) is pendulum.Date:
        return None
    return Refusal(
        "a date: a pendulum.Date, a datetime.date or an ISO 8601 string "
        "such as '2026-03-31'",
        wrong_type=True,
    )


date: Final = Check(_date)
"""Accept a calendar date (a `pendulum.Date` that is not a `DateTime`)."""


def is_aware(value: datetime.datetime) -> bool:
    """Whether a datetime carries a timezone with an offset."""
    return value.tzinfo is not None and value.utcoffset() is not None


_AWARE_EXPECTED: Final = (
    "a timezone-aware datetime: a pendulum.DateTime, an aware datetime.datetime "
    "or an ISO 8601 string with an offset"
)


def _aware_datetime(value: object) -> Refusal | None:
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


aware_datetime: Final = Check(_aware_datetime)
"""Accept a timezone-aware `pendulum.DateTime` only."""


def collection_of(check: CheckLike, words: str) -> Check:
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

    return Check(collection_check)


TEXTS: Final = collection_of(text, "non-empty strings")
"""A frozenset or tuple of non-empty strings."""

IDS: Final = collection_of(text, "ids (non-empty strings)")
"""A frozenset or tuple of ids."""


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

    return Check(distinct_check)


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


def _count_range(value: object) -> Refusal | None:
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


def _pair_of_ints(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2:
        return tuple(plain_int(v) for v in value)
    return value


count_range: Final = Check(_count_range, _pair_of_ints)
"""Accept `None` or a `(low, high)` pair of ints with 0 <= low <= high."""


def _rate_check(value: object) -> Refusal | None:
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


rate_check: Final = Check(_rate_check)
"""Accept a finite `Decimal` from 0 to 1 (a percentage gets a hint)."""
