"""Frames in and out: a native frame as narwhals, its rows, its column checks."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import polars as pl
import pytest

from advocacy.exceptions import InvalidFieldsError, InvalidTypeError, InvalidValueError
from advocacy.frames._native import (
    Frame,
    NumericColumn,
    back,
    check_numbers,
    frame_of,
    is_lazy,
    require_columns,
    rows_of,
)
from tests.checks import refused

NPS = NumericColumn("nps", "nps", 0, 10, whole=True, hint="answers are 0 to 10")
HEALTH = NumericColumn("health_score", "health", 0, None)


def polars(**columns: Sequence[object]) -> Frame:
    return frame_of("owner", pl.DataFrame(columns))


class TestFramesInAndOut:
    def test_a_native_frame_and_back(self) -> None:
        native = pl.DataFrame({"id": ["a"]})
        frame = frame_of("owner", native)
        assert back(frame) is native
        assert not is_lazy(frame)
        assert is_lazy(frame_of("owner", native.lazy()))

    @pytest.mark.parametrize("given", [None, [{"id": "a"}], pl.Series([1])])
    def test_anything_else_is_refused_by_name(self, given: object) -> None:
        refused(
            InvalidTypeError,
            r"score_frame\.frame",
            lambda: frame_of("score_frame", given),
            expected="a DataFrame of pandas, polars, PyArrow, Dask or PySpark",
        )

    def test_rows_with_missing_values_as_none(self) -> None:
        native = pd.DataFrame({"id": ["a", "b"], "nps": [9.0, math.nan]})
        assert rows_of(frame_of("owner", native)) == [
            {"id": "a", "nps": 9.0},
            {"id": "b", "nps": None},
        ]
        lazy = frame_of("owner", pl.DataFrame({"id": ["a"]}).lazy())
        assert rows_of(lazy) == [{"id": "a"}]


class TestColumns:
    def test_the_schema_when_every_column_is_there(self) -> None:
        schema = require_columns("owner", polars(id=["a"], nps=[9]), {"nps": "nps"})
        assert list(schema) == ["id", "nps"]

    def test_a_missing_column_is_named_with_those_there(self) -> None:
        refused(
            InvalidValueError,
            r"score_frame\.frame\['score'\]",
            lambda: require_columns(
                "score_frame", polars(id=["a"]), {"nps": "score"}, "map it"
            ),
            value="no such column",
            expected="a column for nps, among ['id']",
            hint="map it",
        )

    def test_every_missing_column_at_once(self) -> None:
        with pytest.raises(InvalidFieldsError) as caught:
            require_columns("owner", polars(id=["a"]), {"nps": "nps", "x": "y"})
        assert [e.field for e in caught.value.errors] == ["frame['nps']", "frame['y']"]


class TestNumbers:
    def test_numbers_within_bounds_and_missing_values_pass(self) -> None:
        check_numbers(
            "owner", polars(nps=[0, 10, None], health=[0.0, 1e9, None]), [NPS, HEALTH]
        )
        nulls = pl.DataFrame({"nps": pl.Series([None, None], dtype=pl.Int64)})
        check_numbers("owner", frame_of("owner", nulls), [NPS])

    @pytest.mark.parametrize(
        ("values", "shown"),
        [
            ([3, 11], 11),
            ([-1, 3], -1),
            ([3.0, 11.5], 11.5),
            ([3.0, math.inf], math.inf),
            ([2.5, 3.0], "a number with a fraction"),
        ],
    )
    def test_the_value_out_of_bounds_is_shown(
        self, values: list[float], shown: object
    ) -> None:
        refused(
            InvalidValueError,
            r"owner\.frame\['nps'\]",
            lambda: check_numbers("owner", polars(nps=values), [NPS]),
            value=shown,
            expected="whole numbers from 0 to 10 for nps",
            hint="answers are 0 to 10",
        )

    def test_a_column_that_is_not_numeric(self) -> None:
        refused(
            InvalidTypeError,
            r"owner\.frame\['health'\]",
            lambda: check_numbers("owner", polars(health=["good"]), [HEALTH]),
            value="String",
            expected="numbers of at least 0 for health_score",
        )

    def test_a_nan_is_a_missing_value(self) -> None:
        check_numbers("owner", polars(health=[1.0, math.nan]), [HEALTH])

    def test_every_refusal_at_once(self) -> None:
        frame = polars(nps=[12], health=["x"])
        with pytest.raises(InvalidFieldsError) as caught:
            check_numbers("owner", frame, [NPS, HEALTH])
        assert [type(e) for e in caught.value.errors] == [
            InvalidTypeError,
            InvalidValueError,
        ]
