"""Lenient parsers: one value as a CRM export or a DataFrame hands it over.

Each parser takes one raw value and returns it as the type a value class
stores, or raises `Unparsed` saying what is accepted. They read what CRM
exports, CSV files and DataFrame records actually hold:

- numbers: numbers of any library (numpy's included), and text such as
  `"9"`, `" 0.73 "`, `"1,200"` (commas between groups of three digits),
  `"73%"` (always a percentage: 0.73, in a percent column too), `"1e3"`;
- whole numbers: the above when whole (`"1,200"`, `"9.0"`, `9.0`);
- booleans: `True`/`False` (numpy's too), `1`/`0`, and the words
  `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f`, `on`/`off`, `1`/`0` in any
  case;
- dates: dates, datetimes (`pd.Timestamp` included) and ISO 8601 text
  (`"2026-03-31"`, `"2026-03-31T23:30:00Z"`, with any offset): a datetime
  gives its calendar date as written, in its own offset; numpy
  `datetime64`; and epoch milliseconds (an integer or digits, 12 or more of
  them, as HubSpot writes timestamps), read in UTC;
- enum values in any case, with spaces or hyphens for underscores
  (`"Reference Call"`), and the aliases of the mapping's alias table;
- multi-selects: text split on the mapping's separator (`;`), or a list.

What counts as *no value* (`""`, `"N/A"`, `"null"`, NaN, `pd.NA`, `NaT`,
`None`) is decided before a parser runs, by `is_missing`.

Keep this in step with docs/explanation/record-ingest.md.
"""

from __future__ import annotations

import datetime
import enum
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import pendulum

from advocacy._internal.text import a_or_an

__all__ = [
    "FALSE_WORDS",
    "MISSING_MARKERS",
    "PERCENT",
    "TRUE_WORDS",
    "Parser",
    "Unparsed",
    "boolean",
    "date",
    "enum_lookup",
    "enum_member",
    "exact",
    "is_missing",
    "items",
    "number",
    "spelling",
    "text",
    "whole_number",
]

Parser = Callable[[Any], Any]
"""A parser: a raw value in, the stored value out (or `Unparsed` raised)."""


class Unparsed(Exception):  # noqa: N818  # an internal signal, not an error class
    """A raw value a parser cannot read; ingest reports it as the row's error.

    Attributes:
        expected: What is accepted, in words.
        hint: A likely fix, or `None`.
    """

    def __init__(self, expected: str, hint: str | None = None) -> None:
        """Say what is accepted, and a likely fix."""
        super().__init__(expected)
        self.expected = expected
        self.hint = hint


MISSING_MARKERS: Final = frozenset(
    {"", "n/a", "na", "null", "none", "nan", "nat", "<na>", "-", "--"}
)
"""Text that means *no value*, compared after trimming and in any case."""

TRUE_WORDS: Final = frozenset({"true", "t", "yes", "y", "1", "on"})
"""Text read as `True`, in any case."""

FALSE_WORDS: Final = frozenset({"false", "f", "no", "n", "0", "off"})
"""Text read as `False`, in any case."""


def _is_pandas_missing(kind: type) -> bool:
    # pd.NA and pd.NaT, named by type so pandas is never imported.
    return kind.__name__ in {"NAType", "NaTType"} and kind.__module__.startswith(
        "pandas"
    )


def is_missing(value: object, markers: frozenset[str] = MISSING_MARKERS) -> bool:
    """Whether `value` means *no value*: `None`, a marker, NaN, `pd.NA`, `NaT`.

    `markers` are compared with the text trimmed and case-folded.
    """
    if value is None:
        return True
    kind = type(value)
    if isinstance(value, str):
        return value.strip().casefold() in markers
    if kind is int or kind is bool:
        return False
    if _is_pandas_missing(kind):
        return True
    try:
        # NaN of any library (and numpy's NaT) is the one value unequal to
        # itself.
        return bool(value != value)  # noqa: PLR0124  # the NaN test
    except (TypeError, ValueError, ArithmeticError):
        return False


# --- text ---------------------------------------------------------------------


def text(value: Any) -> str:
    """Text, trimmed; a whole number (an id exported as `1234.0`) as digits."""
    if type(value) is str:
        return value.strip()
    if isinstance(value, numbers.Real | Decimal):
        try:
            number = exact(value)
        except Unparsed:
            raise Unparsed("text") from None
        if number == number.to_integral_value():
            return str(int(number))
    raise Unparsed("text")


# --- numbers ------------------------------------------------------------------

_GROUPED: Final = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_NUMBER: Final = "a number, e.g. 9, 0.73, '1,200' or '73%'"


def _decimal_text(raw: str) -> Decimal:
    """A finite Decimal from number text; `Unparsed` if it is not one."""
    body = raw.strip()
    percent = body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    if "," in body:
        if not _GROUPED.fullmatch(body):
            raise Unparsed(
                _NUMBER,
                "commas are read only between groups of three digits "
                "('1,200'); write a decimal point for a fraction ('0.73')",
            )
        body = body.replace(",", "")
    try:
        value = Decimal(body)
    except InvalidOperation:
        raise Unparsed(_NUMBER) from None
    if not value.is_finite():
        raise Unparsed(f"{_NUMBER}; infinity is not accepted")
    return value / 100 if percent else value


def exact(value: Any) -> Decimal:
    """Any accepted number as an exact Decimal (floats by their shortest repr)."""
    kind = type(value)
    if kind is str:
        return _decimal_text(value)
    if kind is bool or kind.__name__ in {"bool", "bool_"}:
        raise Unparsed(_NUMBER, "a yes/no value is not a number")
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        if value.is_finite():
            return value
        raise Unparsed(f"{_NUMBER}; infinity is not accepted")
    if isinstance(value, numbers.Real):
        as_float = float(value)
        if math.isfinite(as_float):
            return Decimal(repr(as_float))
        raise Unparsed(f"{_NUMBER}; infinity is not accepted")
    raise Unparsed(_NUMBER)


PERCENT: Final = Decimal("0.01")
"""The scale of a column written in percent: `73` is 0.73."""


def _unscaled(value: Any, scale: Decimal | None) -> Decimal | None:
    """The scale to apply: none to percent text in a percent column.

    `"73%"` is already the fraction 0.73 (the sign says so); scaling it
    again as a percent would store 0.0073.
    """
    if scale == PERCENT and isinstance(value, str) and value.strip().endswith("%"):
        return None
    return scale


def number(value: Any, scale: Decimal | None = None) -> float:
    """A finite float; with `scale`, the number times `scale` (0.01 for percent)."""
    scale = _unscaled(value, scale)
    if scale is None:
        kind = type(value)
        if kind is float:
            if math.isfinite(value):
                return float(value)
            raise Unparsed(f"{_NUMBER}; infinity is not accepted")
        if kind is int:
            return float(value)
        if kind is str and "," not in value and "%" not in value:
            try:
                parsed = float(value)
            except ValueError:
                raise Unparsed(_NUMBER) from None
            if math.isfinite(parsed):
                return parsed
            raise Unparsed(f"{_NUMBER}; infinity is not accepted")
        return float(exact(value))
    return float(exact(value) * scale)


_WHOLE: Final = "a whole number, e.g. 9 or '1,200'"


def whole_number(value: Any, scale: Decimal | None = None) -> int:
    """An int; with `scale`, the number times `scale` rounded half to even."""
    scale = _unscaled(value, scale)
    if scale is None:
        if type(value) is int:
            return int(value)
        if type(value) is str and value.isascii() and value.isdigit():
            return int(value)
        found = _whole_exact(value)
        if found != found.to_integral_value():
            raise Unparsed(_WHOLE, f"{found} has a fraction")
        return int(found)
    return int((_whole_exact(value) * scale).to_integral_value())


def _whole_exact(value: Any) -> Decimal:
    try:
        return exact(value)
    except Unparsed as error:
        raise Unparsed(_WHOLE, error.hint) from None


# --- booleans -----------------------------------------------------------------

_BOOLEAN: Final = "yes or no: true/false, yes/no, y/n, 1/0 or on/off"


def boolean(value: Any) -> bool:
    """A bool from a bool (numpy's too), 1/0, or a yes/no word."""
    kind = type(value)
    if kind is bool:
        return bool(value)
    if kind is str:
        word = value.strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise Unparsed(_BOOLEAN)
    if kind.__module__ == "numpy" and kind.__name__ in {"bool", "bool_"}:
        return bool(value)
    if isinstance(value, numbers.Real) and value in (0, 1):
        return bool(value)
    raise Unparsed(_BOOLEAN)


# --- dates --------------------------------------------------------------------

_DATE: Final = (
    "a date: ISO 8601 text such as '2026-03-31' (a datetime such as "
    "'2026-03-31T09:00:00Z' gives its date), a date or datetime, or epoch "
    "milliseconds"
)
_EPOCH_DIGITS: Final = 12
_EPOCH: Final = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _day(moment: datetime.date) -> pendulum.Date:
    return pendulum.Date(moment.year, moment.month, moment.day)


def _from_epoch_ms(milliseconds: int) -> pendulum.Date:
    try:
        return _day(_EPOCH + datetime.timedelta(milliseconds=milliseconds))
    except OverflowError:
        raise Unparsed(_DATE, "epoch milliseconds out of range") from None


def _date_text(raw: str) -> pendulum.Date:
    body = raw.strip()
    if body.isascii() and body.isdigit() and len(body) >= _EPOCH_DIGITS:
        return _from_epoch_ms(int(body))
    try:
        return _day(datetime.date.fromisoformat(body))
    except ValueError:
        pass
    try:
        return _day(datetime.datetime.fromisoformat(body))
    except ValueError:
        pass
    hint = None
    if "/" in body or "." in body:
        hint = (
            "write dates as ISO 8601, year first (2026-03-31): 03/04/2026 is ambiguous"
        )
    raise Unparsed(_DATE, hint)


def date(value: Any) -> pendulum.Date:
    """A calendar date from a date, a datetime's date part, ISO text or epoch ms."""
    kind = type(value)
    if kind is pendulum.Date:
        return value  # type: ignore[no-any-return]  # exactly a pendulum.Date
    if kind is str:
        return _date_text(value)
    if isinstance(value, datetime.date):
        return _day(value)
    if kind.__name__ == "datetime64":  # numpy, named so it is never imported
        return _date_text(str(value))
    if (
        type(value) is not bool
        and isinstance(value, numbers.Integral)
        and len(str(abs(int(value)))) >= _EPOCH_DIGITS
    ):
        return _from_epoch_ms(int(value))
    raise Unparsed(_DATE)


# --- enums --------------------------------------------------------------------

_SEPARATORS: Final = re.compile(r"[\s_\-/]+")


def spelling(word: str) -> str:
    """A word as enum lookup compares it: trimmed, case-folded, `_` for gaps.

    `"Reference Call"`, `"reference-call"` and `" REFERENCE_CALL "` are all
    `"reference_call"`.
    """
    return _SEPARATORS.sub("_", word.strip().casefold()).strip("_")


def enum_lookup(
    enum_cls: type[enum.Enum], aliases: Mapping[str, enum.Enum]
) -> dict[str, enum.Enum]:
    """Every accepted spelling of `enum_cls`'s members, by `spelling`.

    A member's value and name, then the aliases (an alias never replaces a
    member's own value).
    """
    lookup: dict[str, enum.Enum] = {}
    for alias, member in aliases.items():
        lookup[spelling(alias)] = member
    for member in enum_cls:
        lookup[spelling(member.name)] = member
        lookup[spelling(str(member.value))] = member
    return lookup


def enum_member(enum_cls: type[enum.Enum], lookup: Mapping[str, enum.Enum]) -> Parser:
    """A parser of `enum_cls` members from any spelling `lookup` knows."""
    choices = ", ".join(repr(m.value) for m in enum_cls)
    expected = f"{a_or_an(enum_cls.__name__)}: one of {choices} (in any case)"
    own = {spelling(m.name) for m in enum_cls} | {
        spelling(str(m.value)) for m in enum_cls
    }
    if set(lookup) - own:
        expected += ", or an alias in the mapping's table"

    def parse(value: Any) -> enum.Enum:
        if isinstance(value, enum_cls):
            return value
        if type(value) is str:
            found = lookup.get(value)
            if found is None:
                found = lookup.get(spelling(value))
            if found is not None:
                return found
        raise Unparsed(
            expected,
            "extend the mapping's alias table for a spelling of your own",
        )

    return parse


# --- multi-selects ------------------------------------------------------------


def items(item: Parser, separator: str) -> Parser:
    """A parser of a frozenset: text split on `separator`, or a list or set.

    Empty items are skipped; an item `item` cannot read is named.
    """

    def parse(value: Any) -> frozenset[Any]:
        parts: Iterable[Any]
        if type(value) is str:
            parts = value.split(separator)
        elif isinstance(value, list | tuple | set | frozenset):
            parts = value
        else:
            raise Unparsed(f"a list, or text separated by {separator!r}")
        found = []
        for part in parts:
            if type(part) is str and not part.strip():
                continue
            try:
                found.append(item(part))
            except Unparsed as error:
                raise Unparsed(
                    f"items separated by {separator!r}; {part!r} is not "
                    f"{error.expected}",
                    error.hint,
                ) from None
        return frozenset(found)

    return parse
