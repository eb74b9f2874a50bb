"""The scoring model: its refusals, its threshold and the compiled batch scorer."""

from __future__ import annotations

import traceback
from collections.abc import Iterator

import pendulum

from advocacy import Comparison, Criterion, ScoringModel, Signal, Signals
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused
from tests.scoring.values import AS_OF, MODEL, PERFECT

CRITERIA_EXPECTED = "a non-empty tuple of Criterion with unique names"


def criterion(name: str) -> Criterion:
    return Criterion(name, Signal.NPS, Comparison.GE, 9, 5)


class TestCriteria:
    """The criteria are a non-empty tuple of `Criterion` with unique names."""

    def test_anything_but_criteria_is_of_the_wrong_kind(self) -> None:
        error = refused(
            InvalidTypeError,
            r"ScoringModel\.criteria",
            lambda: ScoringModel(("promoter",)),  # type: ignore[arg-type]
            value=("promoter",),
        )
        assert error.expected == CRITERIA_EXPECTED

    def test_no_criteria_are_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"ScoringModel\.criteria",
            lambda: ScoringModel(()),
            value=(),
        )
        assert error.expected == CRITERIA_EXPECTED

    def test_every_repeated_name_is_listed_once(self) -> None:
        twice = tuple(criterion(name) for name in ("b", "a", "b", "a", "c"))
        error = refused(
            InvalidValueError,
            r"ScoringModel\.criteria",
            lambda: ScoringModel(twice, qualify_above=10),
            value=twice,
        )
        assert error.expected == CRITERIA_EXPECTED
        assert error.hint == "repeated name: a, b"


class TestQualifyAbove:
    """`qualify_above` runs from 0 to one below the maximum."""

    def test_the_maximum_is_refused_with_the_highest_allowed(self) -> None:
        refused(
            InvalidValueError,
            r"ScoringModel\.qualify_above",
            lambda: ScoringModel(MODEL.criteria, qualify_above=100),
            value=100,
            expected="an integer from 0 to 99 (the maximum is 100, so nobody could "
            "qualify)",
        )

    def test_one_below_the_maximum_is_accepted(self) -> None:
        assert ScoringModel(MODEL.criteria, qualify_above=99).qualify_above == 99

    def test_a_total_qualifies_strictly_above_the_threshold(self) -> None:
        assert [MODEL.qualifies(total) for total in (59, 60, 61)] == [
            False,
            False,
            True,
        ]


class TestScoreMany:
    """The batch scorer refuses as `score` does, naming the item by index."""

    def test_a_bad_item_is_named_by_the_batch_and_its_index(self) -> None:
        refused(
            InvalidTypeError,
            r"ScoringModel\.score_many\.signals\[1\]",
            lambda: MODEL.score_many([PERFECT, {"nps": 9}], as_of=AS_OF),  # type: ignore[list-item]
            value={"nps": 9},
            expected="a Signals",
        )

    def test_a_bad_item_of_a_generator_is_named_by_its_index(self) -> None:
        def generated() -> Iterator[object]:
            yield PERFECT
            yield {"nps": 9}

        refused(
            InvalidTypeError,
            r"ScoringModel\.score_many\.signals\[1\]",
            lambda: MODEL.score_many(generated(), as_of=AS_OF),  # type: ignore[arg-type]
            value={"nps": 9},
        )

    def test_a_future_start_in_a_generator_is_named_by_its_index(self) -> None:
        late = Signals(customer_since=AS_OF.add(days=1))
        refused(
            InvalidValueError,
            r"ScoringModel\.score_many\.signals\[1\]\.customer_since",
            lambda: MODEL.score_many(iter([PERFECT, late]), as_of=AS_OF),
            value=AS_OF.add(days=1),
            expected="a date on or before as_of (2026-11-22)",
            hint="a customer cannot start after the scoring date",
        )

    def test_as_of_is_named_by_the_batch(self) -> None:
        refused(
            InvalidTypeError,
            r"ScoringModel\.score_many\.as_of",
            lambda: MODEL.score_many([PERFECT], as_of="soon"),  # type: ignore[arg-type]
            value="soon",
            expected="a date",
        )

    def test_tenure_to_a_month_end_counts_the_clamped_month(self) -> None:
        # 2023-01-31 to 2024-02-29 is 13 months: the 31st is clamped to
        # February's last day, so Established (> 12) is met; a day earlier
        # it is 12 months and not met.
        since = Signals(customer_since=pendulum.date(2023, 1, 31))
        assert MODEL.score_many([since], as_of=pendulum.date(2024, 2, 29)) == [15]
        assert MODEL.score_many([since], as_of=pendulum.date(2024, 2, 28)) == [0]

    def test_the_compiled_loop_is_named_in_tracebacks(self) -> None:
        error = refused(
            InvalidTypeError,
            r"ScoringModel\.score_many\.signals\[0\]",
            lambda: MODEL.score_many([{"nps": 9}], as_of=AS_OF),  # type: ignore[list-item]
        )
        failure = error.__context__
        assert isinstance(failure, AttributeError)
        frames = traceback.extract_tb(failure.__traceback__)
        assert frames[-1].filename == "<advocacy scoring model>"
