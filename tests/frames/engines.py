"""The same table on every engine the columnar path runs on, and back.

`native(engine, columns, types)` builds one table (column name to values,
column name to type: "str", "int", "float", "bool", "date", "strs" for a
list of strings) as the engine holds it: pandas (nullable ints become
floats with NaN, dates `datetime64`, lists Arrow-backed), polars eager and
lazy, a PyArrow table, a DuckDB relation, Dask with three partitions, and
PySpark in local mode. `rows(result)` reads
any result back as a list of dicts of Python values, in the table's order
where the engine keeps one (sort by id before comparing otherwise).
"""

from __future__ import annotations

import datetime
import functools
import math
import shutil
from collections.abc import Mapping, Sequence
from typing import Any, Final

import narwhals.stable.v2 as nw
import pyarrow as pa
import pytest

ENGINES: Final = (
    "pandas",
    "polars",
    "polars-lazy",
    "pyarrow",
    "duckdb",
    "dask",
    "spark",
)
"""Every engine, as `native`'s first argument takes it."""

LAZY: Final = frozenset({"polars-lazy", "duckdb", "dask", "spark"})
"""The engines whose frames are lazy: a result is computed when collected."""

IN_PROCESS: Final = ("pandas", "polars", "polars-lazy", "pyarrow", "duckdb")
"""Engines whose every query is cheap: property tests run their full count."""

DISTRIBUTED: Final = ("dask", "spark")
"""Engines with a scheduler (Spark a JVM): each query costs a fraction of a
second, so their property tests run `DISTRIBUTED_EXAMPLES` examples each."""

DISTRIBUTED_EXAMPLES: Final = 12

_ARROW: Final = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "strs": pa.list_(pa.string()),
}


def arrow_table(
    columns: Mapping[str, Sequence[Any]], types: Mapping[str, str]
) -> pa.Table:
    """The table as PyArrow holds it: the one source of every engine's copy."""
    return pa.table(
        {
            name: pa.array(list(values), _ARROW[types[name]])
            for name, values in columns.items()
        }
    )


@functools.cache
def spark() -> Any:
    """One local Spark session per test process (two cores, few partitions)."""
    if shutil.which("java") is None:
        pytest.fail("PySpark needs a Java runtime (17): install openjdk-17-jre")
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]")
        .appName("advocacy-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def native(
    engine: str,
    columns: Mapping[str, Sequence[Any]],
    types: Mapping[str, str],
    *,
    partitions: int = 3,
) -> Any:
    """The table on `engine`."""
    table = arrow_table(columns, types)
    if engine == "pyarrow":
        return table
    if engine in ("polars", "polars-lazy"):
        import polars as pl

        frame = pl.DataFrame(pl.from_arrow(table))
        return frame.lazy() if engine == "polars-lazy" else frame
    if engine == "pandas":
        return _pandas(table)
    if engine == "duckdb":
        import duckdb

        return duckdb.from_arrow(table)
    if engine == "dask":
        import dask.dataframe as dd

        return dd.from_pandas(  # type: ignore[no-untyped-call]
            _pandas(table),
            npartitions=max(1, min(partitions, table.num_rows)),
        )
    if engine == "spark":
        from pyspark.sql import types as st

        spark_types = {
            "str": st.StringType(),
            "int": st.LongType(),
            "float": st.DoubleType(),
            "bool": st.BooleanType(),
            "date": st.DateType(),
            "strs": st.ArrayType(st.StringType()),
        }
        schema = st.StructType(
            [st.StructField(name, spark_types[types[name]]) for name in columns]
        )
        return spark().createDataFrame(table.to_pylist(), schema=schema)
    raise ValueError(engine)


def _pandas(table: pa.Table) -> Any:
    """The table as pandas reads one: ints with a null as floats with NaN,
    dates as `datetime64`, yes/no columns with a null as pandas' `boolean`,
    lists of strings as Arrow-backed lists (numpy arrays are no list type).
    """
    import pandas as pd

    strings = pa.list_(pa.string())
    mapper = {pa.bool_(): pd.BooleanDtype(), strings: pd.ArrowDtype(strings)}
    return table.to_pandas(date_as_object=False, types_mapper=mapper.get)


def rows(result: Any) -> list[dict[str, Any]]:
    """Any engine's result as rows of Python values (NaN read as None)."""
    frame = nw.from_native(result)
    eager = frame.collect() if isinstance(frame, nw.LazyFrame) else frame
    return [
        {key: _plain(value) for key, value in row.items()}
        for row in eager.rows(named=True)
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in {"NaTType", "NAType"}:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if hasattr(value, "item"):  # a numpy scalar
        return _plain(value.item())
    return value
