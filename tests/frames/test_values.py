"""Back to values: a small frame's rows through record ingest, on every engine."""

from __future__ import annotations

import datetime
import math
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
import pendulum
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advocacy import (
    Account,
    ActivityType,
    Advocate,
    ColumnMapping,
    Money,
    Signals,
    Tier,
    Unit,
    load_records,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from advocacy.frames._values import frame_values
from tests.checks import refused
from tests.frames.engines import (
    DISTRIBUTED,
    DISTRIBUTED_EXAMPLES,
    ENGINES,
    IN_PROCESS,
    native,
)

AS_OF = pendulum.date(2026, 9, 30)

# Each example collects a frame: the in-process property runs at most this
# many, so the thorough profile stays quick (the fast one runs 30).
EXAMPLES = min(settings().max_examples, 50)

SCORED: dict[str, list[Any]] = {
    "id": ["a", "b", "c", "d"],
    "nps": [10, None, 11, 7],
    "feature_adoption": [0.75, math.nan, 0.5, None],
    "health_score": [88.5, 70.0, None, 100.0],
    "customer_since": [
        datetime.date(2020, 1, 31),
        None,
        datetime.date(2019, 12, 1),
        datetime.date(2027, 1, 1),
    ],
    "responded_to_requests": [True, None, False, True],
    "score": [95, 40, 60, 70],
}
SCORED_TYPES = {
    "id": "str",
    "nps": "int",
    "feature_adoption": "float",
    "health_score": "float",
    "customer_since": "date",
    "responded_to_requests": "bool",
    "score": "int",
}


def records(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The table's rows as plain dicts, as `load_records` is usually given them."""
    names = list(columns)
    return [
        dict(zip(names, values, strict=True))
        for values in zip(*columns.values(), strict=True)
    ]


def same(got: Any, want: Any) -> None:
    """Two loads agree: values, ids, row numbers, and which rows were rejected."""
    assert got.values == want.values
    assert got.ids == want.ids
    assert got.rows == want.rows
    assert [(r.row, r.id, [e.field for e in r.errors]) for r in got.rejected] == [
        (r.row, r.id, [e.field for e in r.errors]) for r in want.rejected
    ]


class TestFrameValues:
    @pytest.mark.parametrize("engine", ENGINES)
    def test_signals_as_ingest_builds_them(self, engine: str) -> None:
        got = frame_values(Signals, native(engine, SCORED, SCORED_TYPES), as_of=AS_OF)
        same(got, load_records(Signals, records(SCORED), as_of=AS_OF))
        assert got.values[0] == Signals(
            nps=10,
            feature_adoption=0.75,
            health_score=88.5,
            customer_since=pendulum.date(2020, 1, 31),
            responded_to_requests=True,
        )
        assert got.values[1] == Signals(health_score=70.0)
        # c's NPS of 11 and d's start after as_of are rejected, not lost.
        assert [r.row for r in got.rejected] == [2, 3]
        assert type(got.values[0].nps) is int
        assert type(got.values[0].health_score) is float

    @pytest.mark.parametrize("engine", ENGINES)
    def test_the_top_rows_after_a_sort(self, engine: str) -> None:
        frame = native(engine, SCORED, SCORED_TYPES)
        top = nw.to_native(nw.from_native(frame).sort("score", descending=True))
        got = frame_values(Signals, top, ColumnMapping(row_id="id"), limit=2)
        assert got.ids == ("a", "d")
        assert got.total == 2

    def test_a_limit_of_none_zero_or_more_than_the_rows(self) -> None:
        frame = native("polars-lazy", SCORED, SCORED_TYPES)
        assert frame_values(Signals, frame, limit=0).total == 0
        assert frame_values(Signals, frame, limit=100).total == 4
        assert frame_values(Signals, frame).total == 4

    PEOPLE: dict[str, list[Any]] = {  # noqa: RUF012  # read only
        "id": ["v1", "v2", "v3"],
        "account_id": ["a1", "a2", "a1"],
        "name": ["Ada", "Bo", "Cy"],
        "tier": ["Champion", None, "gold"],
        "activities": ["ref call; Webinar", "", "review"],
        "available_for_references": [True, None, False],
        "do_not_contact_until": [None, datetime.date(2026, 12, 1), None],
    }
    PEOPLE_TYPES = {  # noqa: RUF012  # read only
        "id": "str",
        "account_id": "str",
        "name": "str",
        "tier": "str",
        "activities": "str",
        "available_for_references": "bool",
        "do_not_contact_until": "date",
    }

    @pytest.mark.parametrize("engine", ENGINES)
    def test_advocates_with_enum_text_and_lists(self, engine: str) -> None:
        got = frame_values(Advocate, native(engine, self.PEOPLE, self.PEOPLE_TYPES))
        same(got, load_records(Advocate, records(self.PEOPLE)))
        assert got.values[0].tier is Tier.CHAMPION
        assert got.values[0].activities == {
            ActivityType.REFERENCE_CALL,
            ActivityType.WEBINAR,
        }
        assert got.values[1].do_not_contact_until == pendulum.date(2026, 12, 1)
        assert [r.id for r in got.rejected] == ["v3"]  # no tier "gold"
        listed = self.PEOPLE | {"activities": [["ref call", "Webinar"], [], None]}
        types = self.PEOPLE_TYPES | {"activities": "strs"}
        from_lists = frame_values(Advocate, native(engine, listed, types))
        assert from_lists.values == got.values

    def test_accounts_from_numpy_and_arrow_scalars(self) -> None:
        stamps = pa.array(
            [
                datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC),
                datetime.datetime(2021, 6, 1, 0, 0, tzinfo=datetime.UTC),
            ],
            pa.timestamp("us", tz="UTC"),
        )
        arrow = pa.table(
            {
                "id": ["a1", "a2"],
                "name": ["Acme", "Bolt"],
                "industry": ["Retail", "Banking"],
                "employees": pa.array([1200, 40], pa.int32()),
                "region": ["EMEA", "APAC"],
                "customer_since": stamps,
                "products": pa.array([["P", "Q"], []], pa.list_(pa.string())),
                "arr": pa.array([120000.5, None], pa.float64()),
            }
        )
        panda = pd.DataFrame(
            {
                "id": ["a1", "a2"],
                "name": ["Acme", "Bolt"],
                "industry": ["Retail", "Banking"],
                "employees": np.array([1200, 40], dtype=np.int64),
                "region": ["EMEA", "APAC"],
                "customer_since": pd.to_datetime(["2026-03-31", "2021-06-01"]),
                "products": ["P;Q", None],
                "arr": [120000.5, np.nan],
            }
        )
        for frame in (arrow, pl.from_arrow(arrow), panda):
            got = frame_values(Account, frame)
            assert got.rejected == ()
            first, second = got.values
            assert first.customer_since == pendulum.date(2026, 3, 31)
            assert first.products == {"P", "Q"}
            assert first.employees == 1200
            assert type(first.employees) is int
            assert first.arr == Money("120000.5", "USD")
            assert second.arr is None
            assert second.products == frozenset()

    def test_a_mapping_and_units(self) -> None:
        frame = native(
            "duckdb",
            {"key": ["x"], "adoption": [73.0], "promoter": [9]},
            {"key": "str", "adoption": "float", "promoter": "int"},
        )
        mapping = ColumnMapping(
            columns={"feature_adoption": "adoption", "nps": "promoter"},
            units={"feature_adoption": Unit.PERCENT},
            row_id="key",
        )
        got = frame_values(Signals, frame, mapping)
        assert got.by_id() == {"x": Signals(nps=9, feature_adoption=0.73)}

    def test_bad_arguments(self) -> None:
        frame = native("polars", SCORED, SCORED_TYPES)
        refused(InvalidTypeError, "frame_values.cls", lambda: frame_values(dict, frame))
        refused(
            InvalidTypeError,
            "frame_values.frame",
            lambda: frame_values(Signals, records(SCORED)),
        )
        refused(
            InvalidTypeError,
            "frame_values.mapping",
            lambda: frame_values(Signals, frame, {"nps": "x"}),  # type: ignore[arg-type]
        )
        refused(
            InvalidValueError,
            "frame_values.limit",
            lambda: frame_values(Signals, frame, limit=-1),
        )
        refused(
            InvalidTypeError,
            "frame_values.limit",
            lambda: frame_values(Signals, frame, limit="10"),  # type: ignore[arg-type]
        )
        refused(
            InvalidTypeError,
            "frame_values.as_of",
            lambda: frame_values(Signals, frame, as_of=20260930),  # type: ignore[arg-type]
        )


@st.composite
def signal_tables(draw: st.DrawFn) -> dict[str, list[Any]]:
    """Signals as a scoring frame holds them: nulls, NaN, edge values, bad ones."""
    size = draw(st.integers(0, 12))

    def column(values: st.SearchStrategy[Any]) -> list[Any]:
        drawn: list[Any] = draw(st.lists(values, min_size=size, max_size=size))
        return drawn

    return {
        "id": [f"c{n}" for n in range(size)],
        "nps": column(st.none() | st.integers(-1, 11)),
        "feature_adoption": column(st.none() | st.just(math.nan) | st.floats(0, 1.2)),
        "health_score": column(st.none() | st.floats(0, 100)),
        "customer_since": column(
            st.none() | st.dates(datetime.date(2015, 1, 1), datetime.date(2027, 12, 31))
        ),
        "responded_to_requests": column(st.none() | st.booleans()),
        "score": column(st.integers(0, 100)),
    }


def check_engine(engine: str, table: dict[str, list[Any]]) -> None:
    got = frame_values(Signals, native(engine, table, SCORED_TYPES), as_of=AS_OF)
    same(got, load_records(Signals, records(table), as_of=AS_OF))


@pytest.mark.parametrize("engine", IN_PROCESS)
@settings(max_examples=EXAMPLES)
@given(table=signal_tables())
def test_any_signals_load_as_from_plain_rows_in_process(
    engine: str, table: dict[str, list[Any]]
) -> None:
    check_engine(engine, table)


@pytest.mark.parametrize("engine", DISTRIBUTED)
@settings(max_examples=DISTRIBUTED_EXAMPLES // 2)
@given(table=signal_tables())
def test_any_signals_load_as_from_plain_rows_distributed(
    engine: str, table: dict[str, list[Any]]
) -> None:
    check_engine(engine, table)
