"""Scoring a whole customer base inside its dataframe engine.

`score_frame` compiles a [`ScoringModel`][advocacy.ScoringModel] into one
expression per criterion (`when(test).then(points).otherwise(0)`) and adds
the points, the total and whether it qualifies as columns of the caller's
own frame. The tests and their edge cases are the object path's: a missing
value (null, or NaN in a float column) never meets a criterion, `BETWEEN`
includes both ends, and tenure counts whole calendar months with the integer
arithmetic of [`tenure_months`][advocacy.tenure_months]. A column written in
a unit (`Unit.PERCENT`: 73 for 0.73) is compared as record ingest reads it,
through constants found once, never by scaling every value.

Keep the formulas here in step with docs/explanation/scoring-model.md.
"""

from __future__ import annotations

import math
import operator
import struct
import sys
from collections.abc import Callable, Collection, Mapping
from typing import Any, Final

import narwhals.stable.v2 as nw
import pendulum

from advocacy._internal.calendar import is_month_end
from advocacy._internal.checks import instance_of
from advocacy._internal.validation import as_date, raise_all, require
from advocacy._io import parse
from advocacy._io.mapping import ColumnMapping, Unit
from advocacy._scoring.criteria import Comparison, Criterion, Signal
from advocacy._scoring.model import ScoringModel
from advocacy.exceptions import FieldError, InvalidTypeError, InvalidValueError
from advocacy.frames._columns import readable, restored
from advocacy.frames._native import (
    Frame,
    NumberChecks,
    NumericColumn,
    aggregate_row,
    back,
    frame_of,
    require_columns,
)

__all__ = ["score_frame"]

_OWNER: Final = "score_frame"

_SINCE: Final = "customer_since"

_HINT: Final = (
    "name a field's column in the mapping: "
    "ColumnMapping(columns={'<field>': '<column>'})"
)

_LATEST: Final = "customer_since_latest"
"""The alias of the aggregate that finds the latest customer-since date."""

# The numeric signals as `Signals` accepts them: (low, high, whole).
_NUMBERS: Final[dict[str, tuple[float, float | None, bool]]] = {
    "nps": (0, 10, True),
    "feature_adoption": (0, 1, False),
    "health_score": (0, 100, False),
    "positive_mentions": (0, None, True),
}

_SCALED: Final = frozenset({"feature_adoption", "health_score"})
"""The fields whose column may be written in a unit (floats, as ingest)."""

_COMPARE: Final = {
    Comparison.GT: operator.gt,
    Comparison.GE: operator.ge,
    Comparison.LT: operator.lt,
    Comparison.LE: operator.le,
    Comparison.EQ: operator.eq,
}


def score_frame(
    frame: object,
    model: ScoringModel | None = None,
    *,
    as_of: pendulum.Date,
    columns: ColumnMapping | None = None,
) -> Any:
    """Score every row of a dataframe, in its own engine.

    Adds one integer column per criterion, `points_<criterion.name>` (its
    points when met, else 0), `score` (their sum) and `qualified`
    (`model.qualifies(score)`: strictly above `qualify_above`). Every row
    gets exactly what `model.score(signals, as_of=as_of)` gives the same
    values: a missing value (null, or NaN in a float column) never meets a
    criterion, and tenure is whole calendar months from `customer_since`
    (a datetime's date part) to `as_of`. The input's columns are kept; an
    input column with an output's name is replaced by it.

    Only the columns the model reads must exist, each found through
    `columns` (a field reads the column of its own name unless the mapping
    names another; `units={"feature_adoption": Unit.PERCENT}` reads 73 as
    0.73, exactly as record ingest reads it). They are checked as `Signals`
    checks one advocate, by the schema and one aggregate pass, the only
    thing collected: a lazy frame (polars, DuckDB, Dask, PySpark) comes
    back lazy, an eager one eager.

    Args:
        frame: A DataFrame of pandas, polars, PyArrow, Dask or PySpark, a
            polars LazyFrame or a DuckDB relation, a row per customer.
        model: The scoring model; `ScoringModel.default()` if `None`.
        as_of: The scoring date (tenure is measured to it).
        columns: Where each field is read from; `ColumnMapping.default()`.

    Returns:
        The same kind of frame, with the points, `score` (Int64) and
        `qualified` (Boolean) columns added.

    Raises:
        InvalidTypeError: `frame` is not a dataframe, `model` not a
            `ScoringModel`, `columns` not a `ColumnMapping`, `as_of` not a
            date, or a column read has the wrong type.
        InvalidValueError: A column read is absent or holds a value
            `Signals` refuses (an NPS of 11, an adoption of 73 not marked
            as percent, a `customer_since` after `as_of`), or a unit is
            given for a signal other than adoption and health. Every
            refusal of the frame is reported at once, in an
            `InvalidFieldsError` when several.
    """
    day = as_date(_OWNER, "as_of", as_of)
    scorer = ScoringModel.default() if model is None else model
    require(_OWNER, "model", scorer, instance_of(ScoringModel, "a ScoringModel"))
    mapping = ColumnMapping.default() if columns is None else columns
    require(_OWNER, "columns", mapping, instance_of(ColumnMapping, "a ColumnMapping"))
    fields = _fields_read(scorer, mapping)
    data, at, schema = _checked(frame_of(_OWNER, frame), fields, mapping, day)
    read = {field: at[column] for field, column in fields.items()}
    # Columns compared as they are: integers, and NumPy float64 in pandas
    # (NaN already compares as missing there); any other number as a 64-bit
    # float with NaN read as missing.
    as_written = {
        field
        for field, column in fields.items()
        if schema[column].is_integer()
        or (schema[column] == nw.Float64 and _nan_is_null(data, at[column]))
    }
    points = {
        f"points_{c.name}": _points(c, read, as_written, mapping, day)
        for c in scorer.criteria
    }
    # Each criterion is worked out once, into a column of a plain name
    # (Spark cannot read one whose name has a dot), which the total and the
    # named points columns then read.
    plain = {name: f"__advocacy_points_{n}" for n, name in enumerate(points)}
    scored = (
        data.with_columns(**{plain[name]: expr for name, expr in points.items()})
        .with_columns(
            **{name: nw.col(plain[name]) for name in points},
            score=nw.sum_horizontal(*(nw.col(c) for c in plain.values())),
        )
        .drop(*plain.values())
        .with_columns(qualified=nw.col("score") > scorer.qualify_above)
    )
    return back(restored(scored, at))


def _field(signal: Signal) -> str:
    """The `Signals` field a signal is read from (tenure: `customer_since`)."""
    return _SINCE if signal is Signal.TENURE_MONTHS else signal.value


def _fields_read(model: ScoringModel, mapping: ColumnMapping) -> dict[str, str]:
    """Each field the model reads, to its column, in the model's order."""
    return {_field(c.signal): mapping.column(_field(c.signal)) for c in model.criteria}


def _checked(
    frame: Frame,
    fields: Mapping[str, str],
    mapping: ColumnMapping,
    as_of: pendulum.Date,
) -> tuple[Frame, dict[str, str], dict[str, Any]]:
    """The frame readable by column name, if `Signals` accepts every value read.

    Returns:
        The frame; per column read, the name it is read by there (a dotted
        column is renamed on Spark; `restored` gives the names back); and
        the frame's schema, by the caller's column names.

    Raises:
        InvalidValueError: What `Signals` would refuse, every refusal at once.
    """
    _check_units(fields, mapping)
    schema = require_columns(_OWNER, frame, fields, _HINT)
    frame, at = readable(frame, fields.values())
    actual = {field: at[column] for field, column in fields.items()}
    dtypes = {at[column]: schema[column] for column in fields.values()}
    shown = {f"frame[{at[c]!r}]": f"frame[{c!r}]" for c in fields.values()}
    numbers = NumberChecks(
        _OWNER,
        dtypes,
        [
            _number_column(field, column, mapping)
            for field, column in actual.items()
            if field in _NUMBERS
        ],
    )
    typed = {
        f: _type_refusal(f, column, schema[column]) for f, column in fields.items()
    }
    found = [refusal for refusal in typed.values() if refusal is not None]
    aggregates = list(numbers.aggregates)
    if _SINCE in typed and typed[_SINCE] is None:
        since = nw.col(actual[_SINCE])
        aggregates.append(_date_key(since.max()).alias(_LATEST))
    row = aggregate_row(_nan_as_null(frame, dtypes), aggregates)
    found[:0] = [_renamed(error, shown) for error in numbers.refusals(row)]
    if row.get(_LATEST) is not None:
        found += _future_start(fields[_SINCE], row[_LATEST], as_of)
    raise_all(_OWNER, found)
    return frame, at, schema


def _renamed(error: FieldError, shown: Mapping[str, str]) -> FieldError:
    """`error`, naming the caller's column where it named a renamed one."""
    field = shown.get(error.field, error.field)
    return type(error)(error.owner, field, error.value, error.expected, error.hint)


def _nan_as_null(frame: Frame, dtypes: Mapping[str, Any]) -> Frame:
    """The frame with NaN read as null in the float columns, as pandas reads it.

    A pandas column of NumPy floats is left as it is: there NaN already is
    the missing value (its dtype's `na_value`), and filling it would copy
    the column for nothing.
    """
    floats = [
        column
        for column, dtype in dtypes.items()
        if dtype.is_float() and not _nan_is_null(frame, column)
    ]
    return frame.with_columns(nw.col(*floats).fill_nan(None)) if floats else frame


def _nan_is_null(frame: Frame, column: str) -> bool:
    """Whether a float column's missing value is NaN: NumPy floats in pandas."""
    if not frame.implementation.is_pandas_like():
        return False
    missing = back(frame)[column].array.dtype.na_value
    return isinstance(missing, float) and math.isnan(missing)


def _check_units(fields: Mapping[str, str], mapping: ColumnMapping) -> None:
    """Refuse a unit for a signal read that is not a float one."""
    raise_all(
        _OWNER,
        [
            InvalidValueError(
                _OWNER,
                f"columns.units[{field!r}]",
                mapping.units[field],
                "a unit only for feature_adoption or health_score",
                hint=f"{field} is read as it is written",
            )
            for field in fields
            if field in mapping.units and field not in _SCALED
        ],
    )


def _number_column(field: str, column: str, mapping: ColumnMapping) -> NumericColumn:
    """The check of a numeric field's column, its bounds in the column's unit."""
    low, high, whole = _NUMBERS[field]
    unit = mapping.units.get(field)
    hint = None
    if field == "feature_adoption" and unit is None:
        hint = (
            "a column in percent (73 for 73%) says so: "
            "ColumnMapping(units={'feature_adoption': Unit.PERCENT})"
        )
    if unit is not None and high is not None:
        high = math.nextafter(_least_above(high, unit), 0)
    return NumericColumn(field, column, low, high, whole=whole, hint=hint)


def _type_refusal(field: str, column: str, dtype: Any) -> FieldError | None:
    """Why a yes/no or date column has the wrong type, or `None`."""
    if field == Signal.RESPONDED_TO_REQUESTS and dtype != nw.Boolean:
        return InvalidTypeError(
            _OWNER,
            f"frame[{column!r}]",
            str(dtype),
            "a Boolean column (true, false or null) for responded_to_requests",
        )
    if field == _SINCE and not isinstance(dtype, nw.Date | nw.Datetime):
        return InvalidTypeError(
            _OWNER,
            f"frame[{column!r}]",
            str(dtype),
            "a Date or Datetime column for customer_since",
            hint="parse text first, e.g. pandas.to_datetime or a cast to date",
        )
    return None


def _future_start(column: str, latest: float, as_of: pendulum.Date) -> list[FieldError]:
    """Refuse the latest customer-since date (`yyyymmdd`) if after `as_of`."""
    key = int(latest)
    start = pendulum.Date(key // 10000, key // 100 % 100, key % 100)
    if start <= as_of:
        return []
    return [
        InvalidValueError(
            _OWNER,
            f"frame[{column!r}]",
            start,
            f"dates on or before as_of ({as_of})",
            hint="a customer cannot start after the scoring date",
        )
    ]


def _date_key(since: nw.Expr) -> nw.Expr:
    """`yyyymmdd` as a number (of the latest date: taken after the maximum).

    In floats, which hold these integers exactly: an integer cast would
    fail on pandas' NaT, and polars' Int8 month would overflow at `* 100`.
    """
    year, month, day = (
        part.cast(nw.Float64())
        for part in (since.dt.year(), since.dt.month(), since.dt.day())
    )
    return year * 10000 + month * 100 + day


def _tenure(since: nw.Expr, as_of: pendulum.Date) -> nw.Expr:
    """Whole calendar months from `since` to `as_of`, as `tenure_months`.

    The difference in month numbers, less one when `as_of` falls earlier in
    its month than `since` did and is not the month's last day (a Python
    constant here, so the branch is taken once, not per row; the one is
    subtracted as a number, so the months are worked out once). The parts are
    read as the engine gives them, uncast: `year * 12 + month` fits any
    integer type a year comes in (polars' Int8 month is only added), and
    pandas' NaT gives NaN, which meets no test.
    """
    months = (as_of.year * 12 + as_of.month) - (since.dt.year() * 12 + since.dt.month())
    if is_month_end(as_of):
        return months
    return months - (since.dt.day() > as_of.day).cast(nw.Int64())


def _points(
    criterion: Criterion,
    fields: Mapping[str, str],
    as_written: Collection[str],
    mapping: ColumnMapping,
    as_of: pendulum.Date,
) -> nw.Expr:
    """The criterion's points where its test holds, else 0 (missing: 0).

    `as_written` holds the fields whose columns are compared as they are (of
    an integer type, or pandas' NumPy floats, whose NaN is their missing
    value); any other number is compared as a float, NaN read as missing.
    """
    field = _field(criterion.signal)
    column = nw.col(fields[field])
    if criterion.signal is Signal.TENURE_MONTHS:
        test = _test(criterion, _tenure(column, as_of))
    elif criterion.signal is Signal.RESPONDED_TO_REQUESTS:
        test = column
    else:
        value = (
            column if field in as_written else column.cast(nw.Float64()).fill_nan(None)
        )
        unit = mapping.units.get(criterion.signal.value)
        test = (
            _test(criterion, value)
            if unit is None
            else _unit_test(criterion, value, unit)
        )
    return (
        nw.when(test.fill_null(value=False))
        .then(nw.lit(criterion.points, nw.Int64()))
        .otherwise(nw.lit(0, nw.Int64()))
    )


def _test(criterion: Criterion, value: nw.Expr) -> nw.Expr:
    """The criterion's numeric comparison of `value` (null if missing)."""
    if criterion.comparison is Comparison.BETWEEN:
        low, high = criterion.threshold  # type: ignore[misc]
        return (value >= low) & (value <= high)
    threshold: Any = criterion.threshold
    result: nw.Expr = _COMPARE[criterion.comparison](value, threshold)
    return result


def _unit_test(criterion: Criterion, written: nw.Expr, unit: Unit) -> nw.Expr:
    """The criterion's comparison, on a column written in `unit`.

    Record ingest reads a value `x` of such a column as
    `parse.number(x, unit.scale)` (exact decimal arithmetic, then rounded
    to a float), which no float expression reproduces: `70 * 0.01` is above
    0.70. But that reading never decreases as `x` grows, so "read as at
    least t" is "`x` at least the least value read as at least t", a
    constant found once by bisection; each comparison becomes one or two
    comparisons of the column as written, with the answers of ingest.
    """
    comparison = criterion.comparison
    if comparison is Comparison.BETWEEN:
        low, high = criterion.threshold  # type: ignore[misc]
        return (written >= _least_at(low, unit)) & (written < _least_above(high, unit))
    threshold: Any = criterion.threshold
    at, above = _least_at(threshold, unit), _least_above(threshold, unit)
    tests = {
        Comparison.GE: written >= at,
        Comparison.GT: written >= above,
        Comparison.LT: written < at,
        Comparison.LE: written < above,
        Comparison.EQ: (written >= at) & (written < above),
    }
    return tests[comparison]


def _least_at(threshold: float, unit: Unit) -> float:
    """The least value written in `unit` that ingest reads as >= `threshold`."""
    return _least(lambda x: parse.number(x, unit.scale) >= threshold)


def _least_above(threshold: float, unit: Unit) -> float:
    """The least value written in `unit` that ingest reads as > `threshold`."""
    return _least(lambda x: parse.number(x, unit.scale) > threshold)


def _least(meets: Callable[[float], bool]) -> float:
    """The least float from 0 for which `meets`, a test true from some value on.

    Bisects the floats' bit patterns, which sort as the floats do from 0 up;
    a threshold within its signal's range is met by some finite value.
    """
    low, high = 0, _bits(sys.float_info.max)
    while low < high:
        middle = (low + high) // 2
        if meets(_float(middle)):
            high = middle
        else:
            low = middle + 1
    return _float(low)


def _bits(value: float) -> int:
    """A non-negative float's bit pattern, as an integer."""
    bits: int = struct.unpack("<q", struct.pack("<d", value))[0]
    return bits


def _float(bits: int) -> float:
    """The float of a bit pattern."""
    value: float = struct.unpack("<d", struct.pack("<q", bits))[0]
    return value
