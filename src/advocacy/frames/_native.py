"""What every frame rule shares: the engine's frame, its columns, small results.

A rule takes the user's native frame (pandas, polars, PyArrow, DuckDB, Dask,
PySpark), works on it through narwhals, and hands back the same kind. Only
small aggregates (one row of column checks, counts per score) are collected
into Python.

Column checks name the column and what it should hold, every refusal of one
call at once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, TypeAlias, cast

import narwhals.stable.v2 as nw

from advocacy._internal.validation import raise_all
from advocacy._io.parse import is_missing
from advocacy.exceptions import FieldError, InvalidTypeError, InvalidValueError

__all__ = [
    "ENGINES",
    "Frame",
    "NumberChecks",
    "NumericColumn",
    "aggregate_row",
    "back",
    "check_numbers",
    "frame_of",
    "is_lazy",
    "require_columns",
    "rows_of",
    "schema_of",
]

_NO_MARKERS: Final = frozenset[str]()  # text is never missing here, even ""

Frame: TypeAlias = "nw.DataFrame[Any] | nw.LazyFrame[Any]"
"""A narwhals frame, eager or lazy."""

ENGINES: Final = (
    "a DataFrame of pandas, polars, PyArrow, Dask or PySpark, a polars "
    "LazyFrame or a DuckDB relation"
)


def frame_of(owner: str, native: object) -> Frame:
    """The narwhals frame over `native`; a library error if it is none."""
    try:
        frame = nw.from_native(cast("Any", native))
    except TypeError:
        raise InvalidTypeError(owner, "frame", native, ENGINES) from None
    # A Series is refused above too: series are not allowed by default.
    return cast("Frame", frame)


def back(frame: Frame) -> Any:
    """The native frame of the caller's engine."""
    return nw.to_native(frame)


def is_lazy(frame: Frame) -> bool:
    """Whether `frame` is lazy (nothing computed until collected)."""
    return isinstance(frame, nw.LazyFrame)


def schema_of(frame: Frame) -> dict[str, Any]:
    """Column name to narwhals dtype, without computing the frame."""
    return dict(frame.collect_schema())


def rows_of(frame: Frame) -> list[dict[str, Any]]:
    """The rows of a small frame, as Python values (collected if lazy).

    A missing value is `None` whatever the engine holds for it (pandas' NaN,
    `pd.NA` and `NaT` included).
    """
    eager = frame.collect() if isinstance(frame, nw.LazyFrame) else frame
    return [
        {
            key: None if is_missing(value, _NO_MARKERS) else value
            for key, value in row.items()
        }
        for row in eager.rows(named=True)
    ]


def require_columns(
    owner: str, frame: Frame, wanted: Mapping[str, str], hint: str | None = None
) -> dict[str, Any]:
    """The frame's schema, if it has every column `wanted` (field to column).

    Raises:
        InvalidValueError: A column is absent (every absent one at once,
            in an `InvalidFieldsError` when several are).
    """
    schema = schema_of(frame)
    missing = [
        InvalidValueError(
            owner,
            f"frame[{column!r}]",
            "no such column",
            f"a column for {field}, among {sorted(schema)}",
            hint,
        )
        for field, column in wanted.items()
        if column not in schema
    ]
    raise_all(owner, missing)
    return schema


class NumericColumn:
    """A numeric column's bounds and whether it must hold whole numbers."""

    __slots__ = ("column", "field", "high", "hint", "low", "whole")

    def __init__(
        self,
        field: str,
        column: str,
        low: float,
        high: float | None,
        *,
        whole: bool = False,
        hint: str | None = None,
    ) -> None:
        """Describe the column that holds `field` (`hint`: a likely fix)."""
        self.field = field
        self.column = column
        self.low = low
        self.high = high
        self.whole = whole
        self.hint = hint

    def expected(self) -> str:
        """What the column may hold, in words."""
        kind = "whole numbers" if self.whole else "numbers"
        if self.high is not None:
            return f"{kind} from {self.low:g} to {self.high:g} for {self.field}"
        return f"{kind} of at least {self.low:g} for {self.field}"


class NumberChecks:
    """`check_numbers` in two halves, so one aggregate pass can hold more.

    `aggregates` are the expressions to select in the pass (none for a
    column that is not numeric); `refusals(row)` reads the collected row
    and returns every refusal, the wrong types first.
    """

    __slots__ = ("_numeric", "_owner", "_wrong_type", "aggregates")

    def __init__(
        self, owner: str, schema: Mapping[str, Any], columns: Iterable[NumericColumn]
    ) -> None:
        """Sort `columns` into numeric ones (checked by value) and the rest."""
        self._owner = owner
        self._wrong_type: list[FieldError] = []
        self._numeric: list[NumericColumn] = []
        for spec in columns:
            dtype = schema[spec.column]
            if dtype.is_numeric():
                self._numeric.append(spec)
            else:
                self._wrong_type.append(
                    InvalidTypeError(
                        owner,
                        f"frame[{spec.column!r}]",
                        str(dtype),
                        spec.expected(),
                        spec.hint,
                    )
                )
        self.aggregates: list[nw.Expr] = []
        for n, spec in enumerate(self._numeric):
            values = nw.col(spec.column)
            self.aggregates += [
                values.min().alias(f"low{n}"),
                values.max().alias(f"high{n}"),
            ]
            if spec.whole and not schema[spec.column].is_integer():
                # An integer column holds no fraction; a float or decimal
                # one may. A missing value has none (pandas' NaN is unequal
                # to itself, so it is taken out before comparing).
                floats = values.cast(nw.Float64())
                fraction = (floats != floats.round(0)) & ~floats.is_null()
                self.aggregates.append(
                    fraction.cast(nw.Int64()).max().alias(f"frac{n}")
                )

    def refusals(self, row: Mapping[str, Any]) -> list[FieldError]:
        """Every refusal, given the row the aggregates collected."""
        found = list(self._wrong_type)
        for n, spec in enumerate(self._numeric):
            refused = _refused(
                spec, row[f"low{n}"], row[f"high{n}"], row.get(f"frac{n}")
            )
            if refused is not None:
                found.append(
                    InvalidValueError(
                        self._owner,
                        f"frame[{spec.column!r}]",
                        refused,
                        spec.expected(),
                        spec.hint,
                    )
                )
        return found


def aggregate_row(frame: Frame, aggregates: Sequence[nw.Expr]) -> dict[str, Any]:
    """The one row of `aggregates` over `frame` (empty if there are none)."""
    if not aggregates:
        return {}
    (row,) = rows_of(frame.select(*aggregates))
    return row


def check_numbers(owner: str, frame: Frame, columns: Iterable[NumericColumn]) -> None:
    """Refuse columns that are not numeric or hold values out of bounds.

    Types are read from the schema; values by one aggregate pass over the
    frame (nulls are missing values and pass), collected as one row.

    Raises:
        InvalidTypeError: A column is not numeric.
        InvalidValueError: A column holds a value out of bounds, a fraction
            where whole numbers are meant, or NaN or infinity (every
            refusal at once, in an `InvalidFieldsError` when several).
    """
    checks = NumberChecks(owner, schema_of(frame), columns)
    raise_all(owner, checks.refusals(aggregate_row(frame, checks.aggregates)))


def _refused(
    spec: NumericColumn, low: float | None, high: float | None, fraction: int | None
) -> object:
    """The value shown for a refused column, or `None` if it passes."""
    if low is None or high is None:
        return None  # every value missing
    for value in (low, high):
        if not math.isfinite(value):
            return value
    if low < spec.low:
        return _plain(low)
    if spec.high is not None and high > spec.high:
        return _plain(high)
    if spec.whole and fraction:
        return "a number with a fraction"
    return None


def _plain(value: float) -> float | int:
    """A whole float as an int (the message shows 11, not 11.0)."""
    return int(value) if value == int(value) else value
