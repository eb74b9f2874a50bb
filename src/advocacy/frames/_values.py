"""Back to values: a small frame's rows as the library's input values.

After a rule has run in the engine (scores, tiers, the potential advocates,
the top candidates after a sort), the few rows the program acts on become
`Signals`, `Advocate` or `Account` values through record ingest
(`load_records`): leniently, every row built or rejected with its reasons.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

import pendulum

from advocacy._internal.checks import Refusal, instance_of, integer, optional
from advocacy._internal.validation import as_date, require
from advocacy._io.ingest import INPUTS, LoadedRecords, load_records
from advocacy._io.mapping import ColumnMapping
from advocacy.frames._native import frame_of, rows_of

__all__ = ["frame_values"]

T = TypeVar("T")

_OWNER: Final = "frame_values"
_CLASS: Final = Refusal(
    "one of " + ", ".join(c.__name__ for c in INPUTS), wrong_type=True
)


def frame_values(
    cls: type[T],
    frame: object,
    mapping: ColumnMapping | None = None,
    *,
    as_of: pendulum.Date | None = None,
    limit: int | None = None,
) -> LoadedRecords[T]:
    """Build one value of `cls` per row of a small frame, as record ingest does.

    The frame is collected (only its first `limit` rows, if given: the top
    candidates of a sorted frame, say) and its rows read by `load_records`,
    leniently: whatever the engine hands over (numpy and Arrow scalars,
    dates, timestamps, NaN, lists) is parsed as ingest parses it, and every
    row is either built or rejected with its reasons.

    Args:
        cls: What to build: `Signals`, `Advocate`, `Account` or any other
            class `load_records` builds.
        frame: A DataFrame of pandas, polars, PyArrow, Dask or PySpark, a
            polars LazyFrame or a DuckDB relation: small, or cut by `limit`.
        mapping: Where each field is read from; `ColumnMapping.default()`.
        as_of: When given, a date of something that happened after it
            rejects its row (as `load_records`).
        limit: At most this many rows are read (the frame's first, by
            `head`); `None` reads them all.

    Returns:
        The built values and the rejected rows; `built + rejected` is the
        number of rows read.

    Raises:
        InvalidTypeError: `cls` is not an input value class, `frame` not a
            dataframe, `mapping` not a `ColumnMapping`, `as_of` not a date,
            or `limit` not a whole number.
        InvalidValueError: `limit` is negative, or the mapping names a field
            `cls` does not have.
    """
    if cls not in INPUTS:
        raise _CLASS.error(_OWNER, "cls", cls)
    require(_OWNER, "mapping", mapping, optional(instance_of(ColumnMapping)))
    count = require(_OWNER, "limit", limit, optional(integer(0)))
    day = None if as_of is None else as_date(_OWNER, "as_of", as_of)
    data = frame_of(_OWNER, frame)
    if count is not None:
        data = data.head(count)
    rows: list[dict[str, Any]] = rows_of(data)
    return load_records(cls, rows, mapping, as_of=day)
