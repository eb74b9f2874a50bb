"""score_frame: the scoring model as expressions, with the object path's answers."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd
import pendulum
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advocacy import (
    ColumnMapping,
    Comparison,
    Criterion,
    ScoringModel,
    Signal,
    Signals,
    Unit,
)
from advocacy._io import parse
from advocacy.exceptions import (
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)
from advocacy.frames._scoring import score_frame
from tests import strategies
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

DEFAULT = ScoringModel.default()
AS_OF = pendulum.date(2026, 9, 30)
NAN = float("nan")

TYPES: Mapping[str, str] = {
    "nps": "int",
    "feature_adoption": "float",
    "health_score": "float",
    "customer_since": "date",
    "positive_mentions": "int",
    "responded_to_requests": "bool",
}
"""Each signal's field, as the test tables hold it."""

PERCENT = ColumnMapping(units={"feature_adoption": Unit.PERCENT})


def outputs(model: ScoringModel) -> list[str]:
    """The columns `score_frame` adds, in order."""
    return [f"points_{c.name}" for c in model.criteria] + ["score", "qualified"]


def expected(
    model: ScoringModel, signals: Signals, as_of: pendulum.Date
) -> dict[str, Any]:
    """The object path's answer for one row, as the output columns hold it."""
    score = model.score(signals, as_of=as_of)
    return {
        **{f"points_{row.name}": row.earned for row in score.rows},
        "score": score.total,
        "qualified": score.qualified,
    }


def table(engine: str, records: list[dict[str, Any]], types: Mapping[str, str]) -> Any:
    """`records` (dicts of the same keys) as one table on `engine`."""
    columns = {name: [record[name] for record in records] for name in types}
    return native(engine, columns, types)


def one_row(engine: str = "polars", **values: Any) -> Any:
    """A one-row table of the given signals (the others missing)."""
    record = {field: values.get(field) for field in TYPES}
    return table(engine, [record], TYPES)


# --- strategies -----------------------------------------------------------------


def _month_end(year: int, month: int) -> pendulum.Date:
    return pendulum.date(year, month, 1).end_of("month")


month_ends = st.builds(_month_end, st.integers(2015, 2035), st.integers(1, 12))
leap_days = st.sampled_from(
    [
        pendulum.date(2024, 1, 31),
        pendulum.date(2024, 2, 28),
        pendulum.date(2024, 2, 29),
        pendulum.date(2023, 2, 28),
        pendulum.date(2023, 1, 31),
        pendulum.date(2024, 3, 31),
        pendulum.date(2024, 4, 30),
    ]
)
as_of_days = strategies.as_of_dates | month_ends | leap_days


def _thresholds(model: ScoringModel, signal: Signal) -> list[float]:
    """Every number the model compares `signal` with (both ends of a range)."""
    found: list[float] = []
    for criterion in model.criteria:
        if criterion.signal is signal:
            value: Any = criterion.threshold
            found += list(value) if isinstance(value, tuple) else [value]
    return found


def _near(value: float, steps: int) -> float:
    """`value` moved `steps` floats up (or down)."""
    for _ in range(abs(steps)):
        value = math.nextafter(value, math.inf if steps > 0 else -math.inf)
    return value


def _ties(values: list[float]) -> st.SearchStrategy[float]:
    """The values themselves and their nearest neighbours."""
    if not values:
        return st.nothing()
    return st.builds(_near, st.sampled_from(values), st.integers(-2, 2))


def _whole_ties(values: list[float], low: int, high: int) -> st.SearchStrategy[int]:
    """Whole numbers at and beside each value, within [low, high]."""
    near = sorted({min(high, max(low, int(v) + d)) for v in values for d in (-1, 0, 1)})
    return st.sampled_from(near) if near else st.nothing()


def _percents(model: ScoringModel) -> st.SearchStrategy[float]:
    """Adoption written in percent: any, two decimals, and at each threshold."""
    at = [
        float(Decimal(repr(t)) * 100)
        for t in _thresholds(model, Signal.FEATURE_ADOPTION)
    ]
    return (
        st.floats(0, 100)
        | st.integers(0, 10_000).map(lambda n: n / 100)
        | _ties([*at, 70.0, 100.0]).map(lambda v: min(100.0, max(0.0, v)))
    )


def _fractions(model: ScoringModel) -> st.SearchStrategy[float]:
    at = _thresholds(model, Signal.FEATURE_ADOPTION)
    return st.floats(0, 1) | _ties([*at, 0.7, 1.0]).map(lambda v: min(1.0, max(0.0, v)))


def _since(
    model: ScoringModel, as_of: pendulum.Date
) -> st.SearchStrategy[pendulum.Date]:
    """Start dates on or before `as_of`: any, month ends, and at each tenure."""
    months = [int(t) for t in _thresholds(model, Signal.TENURE_MONTHS)] + [12, 13]
    at_tenure = st.builds(
        lambda n, days: as_of.subtract(months=n).add(days=days),
        st.sampled_from(months),
        st.integers(-1, 1),
    )
    return (strategies.dates(max_value=as_of) | month_ends | leap_days | at_tenure).map(
        lambda day: min(day, as_of)
    )


@attrs.frozen
class Base:
    """A customer base, the model that scores it and how its columns are named."""

    model: ScoringModel
    as_of: pendulum.Date
    records: tuple[dict[str, Any], ...]
    names: Mapping[str, str]
    percent: bool
    datetimes: bool

    @property
    def mapping(self) -> ColumnMapping:
        units = {"feature_adoption": Unit.PERCENT} if self.percent else {}
        renamed = {field: name for field, name in self.names.items() if field != name}
        return ColumnMapping(columns=renamed, units=units)

    def frame(self, engine: str) -> Any:
        """The base on `engine`, its columns named by `names`."""
        made = nw.from_native(table(engine, list(self.records), {"id": "str", **TYPES}))
        if self.datetimes:
            made = made.with_columns(nw.col("customer_since").cast(nw.Datetime()))
        return nw.to_native(made.rename(dict(self.names)))

    def signals(self, record: Mapping[str, Any]) -> Signals:
        """The record as the object path reads it (NaN is missing)."""
        known = {f: None if _missing(v) else v for f, v in record.items() if f in TYPES}
        if self.percent and known["feature_adoption"] is not None:
            known["feature_adoption"] = parse.number(
                known["feature_adoption"], Unit.PERCENT.scale
            )
        return Signals(**known)

    def answers(self) -> dict[str, dict[str, Any]]:
        """The object path's answer, by id."""
        return {
            r["id"]: expected(self.model, self.signals(r), self.as_of)
            for r in self.records
        }


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _or_missing(
    values: st.SearchStrategy[Any], *, nan: bool = False
) -> st.SearchStrategy[Any]:
    return st.none() | (st.just(NAN) if nan else st.nothing()) | values


@st.composite
def bases(draw: st.DrawFn) -> Base:
    """A base of up to ten customers, every signal at times missing, values often
    at the model's thresholds, scored by the default model or any other."""
    model = draw(st.just(DEFAULT) | strategies.models())
    as_of = draw(as_of_days)
    percent = draw(st.booleans())
    health = _thresholds(model, Signal.HEALTH_SCORE)
    pools = {
        "nps": _or_missing(st.integers(0, 10)),
        "feature_adoption": _or_missing(
            _percents(model) if percent else _fractions(model), nan=True
        ),
        "health_score": _or_missing(
            st.floats(0, 100) | st.integers(0, 100).map(float) | _ties([*health, 80.0]),
            nan=True,
        ).map(lambda v: v if _missing(v) else min(100.0, max(0.0, v))),
        "customer_since": _or_missing(_since(model, as_of)),
        "positive_mentions": _or_missing(
            st.integers(0, 60)
            | _whole_ties(_thresholds(model, Signal.POSITIVE_MENTIONS), 0, 60)
        ),
        "responded_to_requests": _or_missing(st.booleans()),
    }
    ids = draw(st.lists(strategies.ids, unique=True, max_size=10))
    records = tuple(
        {"id": i, **{f: draw(pool) for f, pool in pools.items()}} for i in ids
    )
    renamed = draw(st.booleans())
    # Renamed columns have a space and a dot, which Spark reads as a struct's.
    names = {f: f"CRM {f}.value" if renamed else f for f in TYPES}
    return Base(model, as_of, records, names, percent, draw(st.booleans()))


def check_equivalence(engine: str, base: Base) -> None:
    """The frame's points, score and qualified are the object path's, by id;
    the input's columns come first, as they were."""
    given_frame = base.frame(engine)
    result = score_frame(
        given_frame, base.model, as_of=base.as_of, columns=base.mapping
    )
    wanted = outputs(base.model)
    got = {row["id"]: {k: row[k] for k in wanted} for row in rows(result)}
    assert got == base.answers()
    names = nw.from_native(given_frame).collect_schema().names()
    assert nw.from_native(result).collect_schema().names() == [*names, *wanted]


# Just over every threshold of the default model, and exactly at or under each.
OVER: Mapping[str, Any] = {
    "nps": 9,
    "feature_adoption": 0.71,
    "health_score": 81.0,
    "customer_since": pendulum.date(2025, 8, 30),
    "positive_mentions": 1,
    "responded_to_requests": True,
}
AT: Mapping[str, Any] = {
    "nps": 8,
    "feature_adoption": 0.70,
    "health_score": 80.0,
    "customer_since": pendulum.date(2025, 9, 30),
    "positive_mentions": 0,
    "responded_to_requests": False,
}


# --- the object path's answers ----------------------------------------------------


class TestEquivalence:
    """Row for row, `score_frame` gives what `ScoringModel.score` gives."""

    @pytest.mark.parametrize("engine", IN_PROCESS)
    @given(base=bases())
    def test_in_process(self, engine: str, base: Base) -> None:
        check_equivalence(engine, base)

    @pytest.mark.parametrize("engine", DISTRIBUTED)
    @settings(max_examples=DISTRIBUTED_EXAMPLES)
    @given(base=bases())
    def test_distributed(self, engine: str, base: Base) -> None:
        check_equivalence(engine, base)


class TestWorkedExample:
    """docs/explanation/scoring-model.md's side-by-side example, exactly."""

    def test_over_and_at_every_threshold(self) -> None:
        records = [{"id": "over", **OVER}, {"id": "at", **AT}]
        result = score_frame(
            table("polars", records, {"id": "str", **TYPES}), as_of=AS_OF
        )
        over, at = rows(result)
        assert over == {
            "id": "over",
            **OVER,
            "points_promoter": 25,
            "points_power_user": 20,
            "points_healthy": 20,
            "points_established": 15,
            "points_active": 10,
            "points_willing": 10,
            "score": 100,
            "qualified": True,
        }
        assert {k: at[k] for k in outputs(DEFAULT)} == {
            **dict.fromkeys(outputs(DEFAULT), 0),
            "qualified": False,
        }

    @pytest.mark.parametrize(
        ("nps", "adoption", "health", "score", "qualified"),
        [
            (9, 0.71, None, 45, False),  # Promoter + Power User
            (9, 0.71, 80.0, 45, False),  # health 80 is not above 80
            (9, None, 81.0, 45, False),
            (9, 0.9, 81.0, 65, True),  # the lowest qualifying total
        ],
    )
    def test_qualified_above_60(
        self,
        nps: int,
        adoption: float | None,
        health: float | None,
        score: int,
        qualified: bool,
    ) -> None:
        frame = one_row(nps=nps, feature_adoption=adoption, health_score=health)
        (row,) = rows(score_frame(frame, as_of=AS_OF))
        assert (row["score"], row["qualified"]) == (score, qualified)

    def test_exactly_60_is_not_qualified(self) -> None:
        frame = one_row(
            nps=9,
            feature_adoption=0.9,
            customer_since=pendulum.date(2020, 1, 1),
        )
        (row,) = rows(score_frame(frame, as_of=AS_OF))
        assert (row["score"], row["qualified"]) == (60, False)

    @pytest.mark.parametrize(
        ("since", "as_of", "months"),
        [
            ((2024, 3, 15), (2025, 3, 14), 11),
            ((2024, 3, 15), (2025, 3, 15), 12),
            ((2025, 8, 31), (2026, 9, 30), 13),
            ((2024, 1, 31), (2024, 2, 28), 0),
            ((2024, 1, 31), (2024, 2, 29), 1),
            ((2023, 1, 31), (2023, 2, 28), 1),
            ((2024, 3, 31), (2024, 4, 30), 1),
        ],
    )
    def test_tenure_table(
        self, since: tuple[int, int, int], as_of: tuple[int, int, int], months: int
    ) -> None:
        model = ScoringModel(
            (Criterion("tenure", Signal.TENURE_MONTHS, Comparison.EQ, months, 1),),
            qualify_above=0,
        )
        frame = one_row(customer_since=pendulum.date(*since))
        (row,) = rows(score_frame(frame, model, as_of=pendulum.date(*as_of)))
        assert row["points_tenure"] == 1


# --- what comes back ----------------------------------------------------------------


class TestResult:
    @pytest.mark.parametrize("engine", ENGINES)
    def test_same_kind_as_given(self, engine: str) -> None:
        """Eager in, eager out; lazy in, lazy out; the input's columns first."""
        given_frame = one_row(engine, nps=10)
        result = score_frame(given_frame, as_of=AS_OF)
        assert type(result) is type(given_frame)
        assert isinstance(nw.from_native(result), nw.LazyFrame) is (engine in LAZY)
        assert nw.from_native(result).collect_schema().names() == [
            *TYPES,
            *outputs(DEFAULT),
        ]

    @pytest.mark.parametrize("engine", ENGINES)
    def test_output_dtypes(self, engine: str) -> None:
        """Points and score are Int64, qualified is Boolean, on every engine."""
        schema = nw.from_native(
            score_frame(one_row(engine), as_of=AS_OF)
        ).collect_schema()
        assert [schema[name] for name in outputs(DEFAULT)] == [
            *([nw.Int64] * (len(DEFAULT.criteria) + 1)),
            nw.Boolean,
        ]

    @pytest.mark.parametrize("engine", ENGINES)
    def test_outputs_replace_columns_of_their_name(self, engine: str) -> None:
        types = {**TYPES, "score": "str", "points_promoter": "str"}
        record = dict.fromkeys(types) | {
            "nps": 10,
            "score": "old",
            "points_promoter": "old",
        }
        result = score_frame(table(engine, [record], types), as_of=AS_OF)
        (row,) = rows(result)
        assert (row["score"], row["points_promoter"]) == (25, 25)
        names = nw.from_native(result).collect_schema().names()
        assert len(names) == len(set(names))

    @pytest.mark.parametrize("engine", ENGINES)
    def test_nan_is_missing(self, engine: str) -> None:
        """NaN in a float column awards nothing, as a missing value, everywhere."""
        frame = one_row(engine, feature_adoption=NAN, health_score=NAN)
        (row,) = rows(score_frame(frame, as_of=AS_OF))
        assert (row["points_power_user"], row["points_healthy"], row["score"]) == (
            0,
            0,
            0,
        )

    def test_reads_only_the_columns_the_model_reads(self) -> None:
        model = ScoringModel(
            (Criterion("promoter", Signal.NPS, Comparison.BETWEEN, (9, 10), 5),),
            qualify_above=0,
        )
        frame = native("polars", {"nps": [9, 8, None]}, {"nps": "int"})
        result = rows(score_frame(frame, model, as_of=AS_OF))
        assert [r["points_promoter"] for r in result] == [5, 0, 0]

    def test_a_model_of_the_yes_no_signal_alone(self) -> None:
        """Nothing to aggregate: the schema alone checks a Boolean column."""
        model = ScoringModel(DEFAULT.criteria[-1:], qualify_above=0)
        frame = native(
            "polars-lazy",
            {"responded_to_requests": [True, False, None]},
            {"responded_to_requests": "bool"},
        )
        result = rows(score_frame(frame, model, as_of=AS_OF))
        assert [(r["score"], r["qualified"]) for r in result] == [
            (10, True),
            (0, False),
            (0, False),
        ]

    def test_columns_named_in_the_mapping(self) -> None:
        frame = native(
            "duckdb", {"NPS": [9], "Willing": [True]}, {"NPS": "int", "Willing": "bool"}
        )
        model = ScoringModel(
            DEFAULT.criteria[:1] + DEFAULT.criteria[-1:], qualify_above=30
        )
        mapping = ColumnMapping(
            columns={"nps": "NPS", "responded_to_requests": "Willing"}
        )
        (row,) = rows(score_frame(frame, model, as_of=AS_OF, columns=mapping))
        assert (row["score"], row["qualified"]) == (35, True)

    @pytest.mark.parametrize("engine", ["polars", "spark"])
    def test_dotted_names(self, engine: str) -> None:
        """A dot in a column or criterion name is a name, not a struct's field."""
        model = ScoringModel(
            (Criterion("nps.high", Signal.NPS, Comparison.GE, 9, 5),), qualify_above=0
        )
        frame = native(engine, {"survey.nps": [9, 3]}, {"survey.nps": "int"})
        mapping = ColumnMapping(columns={"nps": "survey.nps"})
        result = score_frame(frame, model, as_of=AS_OF, columns=mapping)
        assert rows(result) == [
            {"survey.nps": 9, "points_nps.high": 5, "score": 5, "qualified": True},
            {"survey.nps": 3, "points_nps.high": 0, "score": 0, "qualified": False},
        ]
        bad = native(engine, {"survey.nps": [11]}, {"survey.nps": "int"})
        refused(
            InvalidValueError,
            frame_field("survey.nps"),
            lambda: score_frame(bad, model, as_of=AS_OF, columns=mapping),
        )

    @pytest.mark.parametrize(
        ("percent", "awarded"), [(70.0, False), (70.5, True), (71, True), (100, True)]
    )
    def test_adoption_in_percent(self, percent: float, awarded: bool) -> None:
        """70% is not above 0.70, though 70 * 0.01 is: read as ingest reads it."""
        frame = native(
            "pandas", {"feature_adoption": [percent]}, {"feature_adoption": "float"}
        )
        model = ScoringModel(DEFAULT.criteria[1:2], qualify_above=0)
        (row,) = rows(score_frame(frame, model, as_of=AS_OF, columns=PERCENT))
        assert row["points_power_user"] == (20 if awarded else 0)

    @pytest.mark.parametrize(
        "comparison", [c for c in Comparison if c is not Comparison.IS_TRUE]
    )
    @pytest.mark.parametrize(
        ("threshold", "written"),
        [
            (0.731, 73.1),  # 73.1% is read as 0.731 exactly: a tie
            # No percent is read as this threshold: 43.27670679050534 is read
            # above it and the float below that under it.
            (0.43276706790505337, 43.27670679050534),
        ],
    )
    def test_every_comparison_in_percent(
        self, comparison: Comparison, threshold: float, written: float
    ) -> None:
        """Each comparison of a percent column answers as ingest reads it."""
        pair: Any = (threshold, threshold)
        model = ScoringModel(
            (
                Criterion(
                    "c",
                    Signal.FEATURE_ADOPTION,
                    comparison,
                    pair if comparison is Comparison.BETWEEN else threshold,
                    1,
                ),
            ),
            qualify_above=0,
        )
        values = [_near(written, steps) for steps in (-2, -1, 0, 1, 2)]
        frame = native(
            "polars", {"feature_adoption": values}, {"feature_adoption": "float"}
        )
        got = [
            r["points_c"]
            for r in rows(score_frame(frame, model, as_of=AS_OF, columns=PERCENT))
        ]
        read = [parse.number(v, Unit.PERCENT.scale) for v in values]
        assert got == [int(model.criteria[0].test(v)) for v in read]

    @pytest.mark.parametrize("engine", ["polars", "duckdb"])
    def test_a_datetime_is_read_by_its_date(self, engine: str) -> None:
        frame = one_row(engine, customer_since=pendulum.date(2025, 8, 31))
        as_datetime = nw.from_native(frame).with_columns(
            nw.col("customer_since").cast(nw.Datetime()) + datetime.timedelta(hours=23)
        )
        (row,) = rows(score_frame(nw.to_native(as_datetime), as_of=AS_OF))
        assert row["points_established"] == 15  # 13 months


# --- what is refused ----------------------------------------------------------------


def frame_field(column: str) -> str:
    """The start of the message that names a column of the frame."""
    return re.escape(f"score_frame.frame[{column!r}]")


class TestRefusals:
    def test_every_missing_column_at_once(self) -> None:
        frame = native("polars", {"id": ["a"]}, {"id": "str"})
        with pytest.raises(InvalidFieldsError) as caught:
            score_frame(frame, as_of=AS_OF)
        assert [e.field for e in caught.value.errors] == [
            f"frame[{field!r}]" for field in TYPES
        ]
        assert all("ColumnMapping(columns=" in str(e.hint) for e in caught.value.errors)

    def test_a_missing_column_named_in_the_mapping(self) -> None:
        frame = native("polars", {"nps": [9]}, {"nps": "int"})
        model = ScoringModel(DEFAULT.criteria[:1], qualify_above=0)
        refused(
            InvalidValueError,
            frame_field("NPS"),
            lambda: score_frame(
                frame, model, as_of=AS_OF, columns=ColumnMapping(columns={"nps": "NPS"})
            ),
        )

    @pytest.mark.parametrize(
        ("error", "field", "values", "type_", "shown"),
        [
            (InvalidTypeError, "nps", ["9"], "str", "String"),
            (InvalidValueError, "nps", [8.5], "float", "a number with a fraction"),
            (InvalidValueError, "nps", [11], "int", "11"),
            (InvalidValueError, "feature_adoption", [-0.1], "float", "-0.1"),
            (InvalidValueError, "health_score", [math.inf], "float", "inf"),
            (InvalidValueError, "positive_mentions", [-1], "int", "-1"),
            (InvalidTypeError, "responded_to_requests", [1], "int", "Int64"),
            (InvalidTypeError, "customer_since", ["2024-01-01"], "str", "String"),
        ],
    )
    def test_a_bad_column(
        self,
        error: type[Exception],
        field: str,
        values: list[Any],
        type_: str,
        shown: str,
    ) -> None:
        types = {**TYPES, field: type_}
        record = dict.fromkeys(TYPES) | {field: values[0]}
        frame = table("polars", [record], types)
        refused(error, frame_field(field), lambda: score_frame(frame, as_of=AS_OF))
        with pytest.raises(error, match=re.escape(shown)):
            score_frame(frame, as_of=AS_OF)

    def test_a_decimal_nps_column_is_read_by_its_values(self) -> None:
        # An integer column holds no fraction; a decimal one is checked.
        nps = pa.array([Decimal("9"), Decimal("8.5"), None], pa.decimal128(4, 1))
        frame = pa.table({"nps": nps})
        model = ScoringModel(DEFAULT.criteria[:1], qualify_above=0)
        with pytest.raises(InvalidValueError, match=frame_field("nps")) as caught:
            score_frame(frame, model, as_of=AS_OF)
        assert caught.value.value == "a number with a fraction"
        whole = pa.table({"nps": pa.array([Decimal("9"), None], pa.decimal128(4, 1))})
        scored = rows(score_frame(whole, model, as_of=AS_OF))
        assert [row["points_promoter"] for row in scored] == [25, 0]

    def test_nan_is_missing_in_a_nullable_pandas_float_column(self) -> None:
        # pandas' nullable floats hold NaN and NA apart; both are missing.
        adoption = pd.arrays.FloatingArray(
            np.array([0.8, np.nan, 0.0]), np.array([False, False, True])
        )
        for column in (adoption, np.array([0.8, np.nan, np.nan])):
            frame = pd.DataFrame({"feature_adoption": column})
            model = ScoringModel(DEFAULT.criteria[1:2], qualify_above=0)
            scored = rows(score_frame(frame, model, as_of=AS_OF))
            assert [row["points_power_user"] for row in scored] == [20, 0, 0]

    def test_adoption_in_percent_needs_the_unit(self) -> None:
        frame = one_row(feature_adoption=73.0)
        with pytest.raises(InvalidValueError) as caught:
            score_frame(frame, as_of=AS_OF)
        assert caught.value.field == "frame['feature_adoption']"
        assert caught.value.value == 73
        assert "Unit.PERCENT" in str(caught.value.hint)
        (row,) = rows(score_frame(frame, as_of=AS_OF, columns=PERCENT))
        assert row["points_power_user"] == 20

    def test_adoption_in_percent_is_at_most_100(self) -> None:
        frame = one_row(feature_adoption=100.5)
        with pytest.raises(
            InvalidValueError, match="from 0 to 100 for feature_adoption"
        ):
            score_frame(frame, as_of=AS_OF, columns=PERCENT)

    @pytest.mark.parametrize("engine", ENGINES)
    def test_customer_since_after_as_of(self, engine: str) -> None:
        records = [
            {
                "id": "a",
                **dict.fromkeys(TYPES),
                "customer_since": pendulum.date(2026, 10, 2),
            },
            {
                "id": "b",
                **dict.fromkeys(TYPES),
                "customer_since": pendulum.date(2026, 10, 1),
            },
        ]
        frame = table(engine, records, {"id": "str", **TYPES})
        with pytest.raises(
            InvalidValueError, match=frame_field("customer_since")
        ) as caught:
            score_frame(frame, as_of=AS_OF)
        assert caught.value.value == pendulum.date(2026, 10, 2)
        assert "2026-09-30" in caught.value.expected

    def test_a_start_on_as_of_is_accepted(self) -> None:
        frame = one_row("pandas", customer_since=AS_OF)
        (row,) = rows(score_frame(frame, as_of=AS_OF))
        assert row["points_established"] == 0

    def test_every_bad_column_at_once(self) -> None:
        types = {**TYPES, "nps": "str", "responded_to_requests": "int"}
        record = dict.fromkeys(TYPES) | {
            "nps": "9",
            "feature_adoption": 2.0,
            "responded_to_requests": 1,
            "customer_since": pendulum.date(2027, 1, 1),
        }
        with pytest.raises(InvalidFieldsError) as caught:
            score_frame(table("duckdb", [record], types), as_of=AS_OF)
        assert sorted(e.field for e in caught.value.errors) == sorted(
            f"frame[{f!r}]"
            for f in (
                "nps",
                "feature_adoption",
                "responded_to_requests",
                "customer_since",
            )
        )

    def test_a_unit_for_a_signal_read_as_written(self) -> None:
        mapping = ColumnMapping(units={"nps": Unit.PERCENT})
        refused(
            InvalidValueError,
            re.escape("score_frame.columns.units['nps']"),
            lambda: score_frame(one_row(nps=9), as_of=AS_OF, columns=mapping),
        )

    @pytest.mark.parametrize(
        ("field", "call"),
        [
            ("frame", lambda: score_frame([{"nps": 9}], as_of=AS_OF)),
            ("model", lambda: score_frame(one_row(), "default", as_of=AS_OF)),  # type: ignore[arg-type]
            ("columns", lambda: score_frame(one_row(), as_of=AS_OF, columns={})),  # type: ignore[arg-type]
            (
                "as_of",
                lambda: score_frame(one_row(), as_of=pendulum.datetime(2026, 9, 30)),
            ),
        ],
    )
    def test_a_bad_argument(self, field: str, call: Callable[[], object]) -> None:
        refused(InvalidTypeError, f"score_frame.{field}", call)
