"""Identifying potential advocates as a frame query: the object path's answers."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings

from advocacy import (
    ColumnMapping,
    IdentificationRule,
    Unit,
)
from advocacy.exceptions import (
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)
from advocacy.frames._supply import (
    potential_advocates_frame,
)
from tests.checks import refused
from tests.frames.engines import (
    DISTRIBUTED,
    DISTRIBUTED_EXAMPLES,
    ENGINES,
    IN_PROCESS,
    LAZY,
    native,
    rows,
)
from tests.frames.supply import (
    FILTER_EXAMPLES,
    SIGNAL_TYPES,
    contacts,
    flagged_ids,
    framed_ids,
    rules,
)


class TestPotentialAdvocates:
    @pytest.mark.parametrize("engine", IN_PROCESS)
    @settings(max_examples=FILTER_EXAMPLES)
    @given(base=contacts(), rule=rules())
    def test_the_rows_are_those_the_rule_matches_in_process(
        self, engine: str, base: dict[str, list[Any]], rule: IdentificationRule
    ) -> None:
        assert framed_ids(engine, base, rule) == flagged_ids(base, rule)

    @pytest.mark.parametrize("engine", DISTRIBUTED)
    @settings(max_examples=DISTRIBUTED_EXAMPLES // 4)
    @given(base=contacts(), rule=rules())
    def test_the_rows_are_those_the_rule_matches_distributed(
        self, engine: str, base: dict[str, list[Any]], rule: IdentificationRule
    ) -> None:
        assert framed_ids(engine, base, rule) == flagged_ids(base, rule)

    EXAMPLE: dict[str, list[Any]] = {  # noqa: RUF012  # read only
        "id": ["at-9", "health-80", "nps-8", "no-nps", "nan", "top", "no-health"],
        "nps": [9, 10, 8, None, 10, 10, 9],
        "health_score": [80.5, 80.0, 99.0, 95.0, math.nan, 100.0, None],
    }

    @pytest.mark.parametrize("engine", ENGINES)
    def test_nps_9_and_health_above_80_every_column_kept(self, engine: str) -> None:
        frame = native(engine, self.EXAMPLE, SIGNAL_TYPES)
        result = potential_advocates_frame(frame)
        assert type(result) is type(frame)
        found = sorted(rows(result), key=lambda row: row["id"])
        assert found == [
            {"id": "at-9", "nps": 9, "health_score": 80.5},
            {"id": "top", "nps": 10, "health_score": 100.0},
        ]

    def test_a_lazy_frame_stays_lazy(self) -> None:
        for engine in LAZY - {"spark"}:  # Spark: in the example above
            result = potential_advocates_frame(
                native(engine, self.EXAMPLE, SIGNAL_TYPES)
            )
            assert type(result) is type(native(engine, self.EXAMPLE, SIGNAL_TYPES))

    def test_columns_come_from_the_mapping(self) -> None:
        base: dict[str, list[Any]] = {
            "key": ["a", "b"],
            "promoter": [7, 6],
            "health.now": [60.0, 70.0],
        }
        mapping = ColumnMapping(
            columns={"nps": "promoter", "health_score": "health.now"}
        )
        rule = IdentificationRule(nps_at_least=7, health_above=50)
        for engine in ("polars", "spark"):  # Spark reads dotted names too
            frame = native(
                engine, base, {"key": "str", "promoter": "int", "health.now": "float"}
            )
            result = rows(potential_advocates_frame(frame, rule, columns=mapping))
            assert result == [{"key": "a", "promoter": 7, "health.now": 60.0}]

    def test_missing_columns_are_named_at_once(self) -> None:
        frame = native("polars", {"id": ["a"]}, {"id": "str"})
        with pytest.raises(InvalidFieldsError) as caught:
            potential_advocates_frame(frame)
        assert [e.field for e in caught.value.errors] == [
            "frame['nps']",
            "frame['health_score']",
        ]

    @pytest.mark.parametrize(
        ("nps", "health", "kind", "fields"),
        [
            ([11], [90.0], "int", ["frame['nps']"]),
            ([9.5], [90.0], "float", ["frame['nps']"]),
            ([9], [100.5], "int", ["frame['health_score']"]),
            ([-1], [-0.5], "int", ["frame['nps']", "frame['health_score']"]),
            (["9"], [90.0], "str", ["frame['nps']"]),
        ],
    )
    def test_bad_values_are_refused_at_once(
        self, nps: list[Any], health: list[Any], kind: str, fields: list[str]
    ) -> None:
        frame = native(
            "duckdb",
            {"nps": nps, "health_score": health},
            {"nps": kind, "health_score": "float"},
        )
        with pytest.raises(
            (InvalidValueError, InvalidTypeError, InvalidFieldsError)
        ) as caught:
            potential_advocates_frame(frame)
        errors: tuple[Any, ...] = getattr(caught.value, "errors", (caught.value,))
        assert [e.field for e in errors] == fields
        assert all(e.owner == "potential_advocates_frame" for e in errors)

    def test_bad_arguments(self) -> None:
        frame = native("polars", self.EXAMPLE, SIGNAL_TYPES)
        refused(
            InvalidTypeError,
            "potential_advocates_frame.frame",
            lambda: potential_advocates_frame([1, 2]),
        )
        refused(
            InvalidTypeError,
            "potential_advocates_frame.rule",
            lambda: potential_advocates_frame(frame, "nps 9"),  # type: ignore[arg-type]
        )
        refused(
            InvalidTypeError,
            "potential_advocates_frame.columns",
            lambda: potential_advocates_frame(frame, columns={}),  # type: ignore[arg-type]
        )
        refused(
            InvalidValueError,
            r"potential_advocates_frame.columns.units\['health_score'\]",
            lambda: potential_advocates_frame(
                frame, columns=ColumnMapping(units={"health_score": Unit.PERCENT})
            ),
        )
