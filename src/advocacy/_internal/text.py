"""Text and HTML for reports: rounded numbers, percentages, counts, tables.

Reports round for display only: `decimal_text` rounds half to even and never
changes the value it prints. `table` draws the small HTML tables results show
in notebooks (`_repr_html_`); every cell is escaped. `headline_repr` makes a
result's `repr` its headline, the first line of its `explain()`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from decimal import Context, Decimal
from fractions import Fraction
from typing import Protocol, TypeVar

import pendulum

__all__ = [
    "a_or_an",
    "decimal_text",
    "headline_repr",
    "percent_text",
    "plural",
    "table",
    "when",
]


class _Explains(Protocol):
    def explain(self) -> str: ...


_Explained = TypeVar("_Explained", bound=_Explains)


def decimal_text(value: Decimal | Fraction, places: int = 2) -> str:
    """`value` rounded half-even to `places` decimals, trailing zeros dropped.

    Exact: 4.8 prints as `4.8`, 10 as `10`, 1/3 as `0.33`.
    """
    exact = value if isinstance(value, Decimal) else _fraction_decimal(value)
    digits = max(exact.adjusted(), 0) + places + 2
    rounded = exact.quantize(Decimal(1).scaleb(-places), context=Context(prec=digits))
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent_text(value: float | None, places: int = 0) -> str:
    """A share as a percentage (`0.575` -> `"57%"`), or `"n/a"` for `None`."""
    return "n/a" if value is None else f"{value:.{places}%}"


def _fraction_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return (
        "<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + f"</tr>{cells}</table>"
    )


def when(moment: pendulum.DateTime) -> str:
    return moment.format("YYYY-MM-DD HH:mm Z")


def a_or_an(word: str) -> str:
    """`word` with its indefinite article: `"an Activity"`, `"a Commitment"`.

    By the first letter (after any quote: `"an 'earn' event"`), which suits
    the library's class names and values.
    """
    first = word.lstrip("'\"")[:1].lower()
    return f"{'an' if first and first in 'aeiou' else 'a'} {word}"


def plural(count: int, word: str) -> str:
    """`1 request`, `3 requests`: a count and its noun."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def headline_repr(cls: type[_Explained]) -> type[_Explained]:
    """Make `cls`'s `repr` its headline: `Name(<first line of explain()>)`.

    A notebook then shows what a result says, not a wall of fields. The line
    is stripped, and of a colon that introduces the lines below it:
    `RejectedRow(row 3 (id acct-4))`. Apply it above
    `@attrs.frozen(repr=False)` (assigning to the finished class works for
    slotted classes too), only to classes whose `explain()` takes no
    arguments.

    Args:
        cls: The class to give the `repr`.

    Returns:
        `cls` itself.
    """

    def headline(self: _Explained) -> str:
        first = self.explain().partition("\n")[0].strip().removesuffix(":")
        return f"{type(self).__name__}({first})"

    # mypy forbids assigning to a method and types `__repr__`'s self as
    # `object`; replacing it on the finished class is sound.
    cls.__repr__ = headline  # type: ignore[assignment,method-assign]
    return cls
