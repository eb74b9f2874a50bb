"""Tiers as a frame column: exactly `assign_tiers`, on any engine and partitioning."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advocacy import Activity, ActivityType, Tier, TierPolicy, assign_tiers
from advocacy.exceptions import InvalidFieldsError, InvalidTypeError, InvalidValueError
from advocacy.frames._tiers import assign_tiers_frame
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
from tests.strategies import tier_policies

AS_OF = pendulum.date(2026, 9, 30)
TYPES = {"id": "str", "score": "int", "engagement": "int", "previous": "str"}

Base = dict[str, list[Any]]


@st.composite
def bases(draw: st.DrawFn) -> Base:
    """Advocates with few distinct scores and engagements: ties at the cuts."""
    size = draw(st.integers(1, 80))
    return {
        "id": [f"a{n:03d}" for n in draw(st.permutations(range(size)))],
        "score": draw(
            st.lists(
                st.integers(0, 12).map(lambda n: n * 8), min_size=size, max_size=size
            )
        ),
        "engagement": draw(st.lists(st.integers(0, 3), min_size=size, max_size=size)),
        "previous": draw(
            st.lists(
                st.none() | st.sampled_from([t.value for t in Tier]),
                min_size=size,
                max_size=size,
            )
        ),
    }


def activities(base: Base) -> list[Activity]:
    """Activity records giving each advocate their drawn engagement count."""
    return [
        Activity(
            id=f"{advocate_id}-{n}",
            advocate_id=advocate_id,
            type=ActivityType.REFERENCE_CALL,
            date=AS_OF.subtract(days=10 * n),
        )
        for advocate_id, count in zip(base["id"], base["engagement"], strict=True)
        for n in range(count)
    ]


def expected(base: Base, policy: TierPolicy, margin: int) -> dict[str, str | None]:
    """The object path's tiers on the same advocates."""
    assignment = assign_tiers(
        dict(zip(base["id"], base["score"], strict=True)),
        as_of=AS_OF,
        activities=activities(base),
        policy=policy,
        previous=dict(zip(base["id"], base["previous"], strict=True)),
        margin=margin,
    )
    return {i: None if t is None else t.value for i, t in assignment.items()}


def framed(
    engine: str, base: Base, policy: TierPolicy, margin: int, **kw: Any
) -> dict[str, str | None]:
    result = assign_tiers_frame(
        native(engine, base, TYPES, **kw),
        policy,
        engagement="engagement",
        previous="previous",
        margin=margin,
    )
    return {row["id"]: row["tier"] for row in rows(result)}


@pytest.mark.parametrize("engine", IN_PROCESS)
@given(base=bases(), policy=tier_policies(), margin=st.integers(0, 12))
def test_the_tiers_are_assign_tiers_in_process(
    engine: str, base: Base, policy: TierPolicy, margin: int
) -> None:
    assert framed(engine, base, policy, margin) == expected(base, policy, margin)


@pytest.mark.parametrize("engine", DISTRIBUTED)
@settings(max_examples=DISTRIBUTED_EXAMPLES)
@given(base=bases(), policy=tier_policies(), margin=st.integers(0, 12))
def test_the_tiers_are_assign_tiers_distributed(
    engine: str, base: Base, policy: TierPolicy, margin: int
) -> None:
    assert framed(engine, base, policy, margin) == expected(base, policy, margin)


@settings(max_examples=DISTRIBUTED_EXAMPLES // 2)
@given(base=bases(), policy=tier_policies(), margin=st.integers(0, 12))
def test_any_partitioning_gives_the_same_tiers(
    base: Base, policy: TierPolicy, margin: int
) -> None:
    want = expected(base, policy, margin)
    for partitions in (1, 3, 17):
        assert framed("dask", base, policy, margin, partitions=partitions) == want


# --- an example ---------------------------------------------------------------

EXAMPLE: Base = {
    # 100 scored: caps Champion 3, Advocate 15, Supporter 40.
    "id": [f"a{n:03d}" for n in range(100)],
    "score": [95, 95, 95, 95, *([70] * 20), *([10] * 76)],
    "engagement": [0, 5, 2, 2, *([0] * 96)],
    "previous": [None] * 100,
}


@pytest.mark.parametrize("engine", ENGINES)
def test_the_least_engaged_of_four_tied_champions_falls_to_advocate(
    engine: str,
) -> None:
    result = assign_tiers_frame(native(engine, EXAMPLE, TYPES), engagement="engagement")
    assert type(result) is type(native(engine, EXAMPLE, TYPES))
    tiers = {row["id"]: row["tier"] for row in rows(result)}
    assert [tiers[f"a{n:03d}"] for n in range(4)] == [
        "advocate",
        "champion",
        "champion",
        "champion",
    ]
    # Advocate's 15 places: the fallen champion and 14 of the twenty at 70,
    # by id; the other six are Supporters, and nobody at 10 has a tier.
    assert [tiers[f"a{n:03d}"] for n in range(4, 24)] == ["advocate"] * 14 + [
        "supporter"
    ] * 6
    assert {tiers[f"a{n:03d}"] for n in range(24, 100)} == {None}
    assert set(rows(result)[0]) == {*TYPES, "tier"}


def test_a_lazy_frame_stays_lazy_and_a_column_can_be_named() -> None:
    for engine in LAZY - {"spark"}:
        result = assign_tiers_frame(native(engine, EXAMPLE, TYPES), tier="level")
        assert type(result) is type(native(engine, EXAMPLE, TYPES))
        assert "level" in rows(result)[0]


def test_without_engagement_ties_go_by_id_and_previous_is_read_only_with_a_margin() -> (
    None
):
    base = {**EXAMPLE, "previous": ["champion"] * 100}
    plain = assign_tiers_frame(native("polars", base, TYPES), previous="previous")
    tiers = [row["tier"] for row in rows(plain)]
    assert tiers[:4] == ["champion", "champion", "champion", "advocate"]


# --- bad input ----------------------------------------------------------------


def test_missing_columns_are_named_at_once() -> None:
    with pytest.raises(InvalidFieldsError) as caught:
        assign_tiers_frame(
            native("polars", EXAMPLE, TYPES), score="total", id="key", engagement="e"
        )
    assert [e.field for e in caught.value.errors] == [
        "frame['total']",
        "frame['key']",
        "frame['e']",
    ]


@pytest.mark.parametrize(
    ("column", "values", "kind", "error"),
    [
        ("score", ["95"] * 100, "str", InvalidTypeError),
        ("score", [-1] * 100, "int", InvalidValueError),
        ("score", [9.5] * 100, "float", InvalidValueError),
        ("engagement", [-2] * 100, "int", InvalidValueError),
        ("id", list(range(100)), "int", InvalidTypeError),
        ("id", ["a"] * 100, "str", InvalidValueError),
        ("id", [None] * 100, "str", InvalidValueError),
        ("previous", ["gold"] * 100, "str", InvalidValueError),
    ],
)
def test_a_bad_column_is_refused_by_name(
    column: str, values: list[Any], kind: str, error: type[Exception]
) -> None:
    base = {**EXAMPLE, column: values}
    refused(
        error,
        rf"assign_tiers_frame\.frame\['{column}'\]",
        lambda: assign_tiers_frame(
            native("pandas", base, {**TYPES, column: kind}),
            engagement="engagement",
            previous="previous",
            margin=1,
        ),
    )


def test_several_unknown_tiers_are_all_named() -> None:
    base = {**EXAMPLE, "previous": ["gold", "silver"] * 50}
    with pytest.raises(
        InvalidValueError, match=r"unknown values: \['gold', 'silver'\]"
    ):
        assign_tiers_frame(native("polars", base, TYPES), previous="previous", margin=2)


@pytest.mark.parametrize(
    ("argument", "value", "error"),
    [
        ("policy", "default", InvalidTypeError),
        ("margin", -1, InvalidValueError),
        ("score", "", InvalidValueError),
        ("engagement", 3, InvalidTypeError),
    ],
)
def test_a_bad_argument_is_refused_by_name(
    argument: str, value: object, error: type[Exception]
) -> None:
    given: dict[str, Any] = {argument: value}
    refused(
        error,
        rf"assign_tiers_frame\.{argument}",
        lambda: assign_tiers_frame(native("polars", EXAMPLE, TYPES), **given),
    )


@pytest.mark.parametrize(
    "given", [{"id": ["a"], "score": [1]}, "scores.csv", "a pandas Series"]
)
def test_a_frame_is_required(given: object) -> None:
    if given == "a pandas Series":
        import pandas as pd

        given = pd.Series([1, 2], name="score")
    refused(
        InvalidTypeError,
        r"assign_tiers_frame\.frame",
        lambda: assign_tiers_frame(given),
    )
