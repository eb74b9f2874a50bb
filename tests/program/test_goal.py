"""Program goals: what a goal accepts and refuses, each refusal named."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from advocacy import (
    GoalMetric,
    Money,
    NpsResponse,
    Opportunity,
    ProspectProfile,
    goal_progress,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from tests.checks import refused
from tests.program.goals import (
    AS_OF,
    OPPORTUNITIES,
    G,
    T,
    goal,
    report,
    usd,
)


class TestBadInput:
    def test_period_ending_before_it_starts(self) -> None:
        with pytest.raises(InvalidValueError, match=r"Period\.end") as caught:
            goal(G.REVIEWS, 4, end="2026-06-30")
        assert "on or after start (2026-07-01)" in str(caught.value)

    @pytest.mark.parametrize(
        ("metric", "target", "error", "words"),
        [
            (G.REFERENCES, -3, InvalidValueError, "at least 1 as a references target"),
            (G.REFERENCES, 0, InvalidValueError, "at least 1"),
            (G.REFERENCES, 2.5, InvalidValueError, "an integer"),
            (G.REVIEWS, usd(4), InvalidTypeError, "an integer"),
            (G.PIPELINE_SOURCED, usd(-5), InvalidValueError, "a Money above zero"),
            (G.PIPELINE_SOURCED, usd(0), InvalidValueError, "a Money above zero"),
            (G.PIPELINE_SOURCED, 400_000, InvalidTypeError, "give the currency"),
            (G.PIPELINE_INFLUENCED, Decimal(5), InvalidTypeError, "give the currency"),
            (G.RETENTION, -0.1, InvalidValueError, "above 0 of at most 1"),
            (G.RETENTION, 90, InvalidValueError, "did you mean 0.9"),
            (G.NPS, -10, InvalidValueError, "above 0 of at most 100"),
            (G.NPS, 0, InvalidValueError, "above 0"),
            (G.NPS, "40", InvalidTypeError, "a number"),
        ],
    )
    def test_bad_target(
        self, metric: GoalMetric, target: Any, error: type[Exception], words: str
    ) -> None:
        with pytest.raises(error, match=r"ProgramGoal\.target") as caught:
            goal(metric, target)
        assert words in str(caught.value)

    def test_unknown_metric(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"ProgramGoal\.metric.*'revenue'"):
            goal("revenue", 10)

    @pytest.mark.parametrize("types", [set(), {"webinar"}])
    def test_activity_types_only_for_counts(self, types: set[str]) -> None:
        metric = G.REVIEWS if not types else G.NPS
        with pytest.raises(InvalidValueError, match=r"ProgramGoal\.activity_types"):
            goal(metric, 10, activity_types=types)

    def test_several_at_once(self) -> None:
        with pytest.raises(InvalidFieldsError) as caught:
            goal(G.REVIEWS, -1, activity_types=set())
        assert [e.field for e in caught.value.errors] == ["target", "activity_types"]
        assert caught.value.owner == "ProgramGoal"
        assert str(caught.value).startswith("ProgramGoal: 2 inputs refused:\n")

    @pytest.mark.parametrize("target", [usd(-5), usd(0)])
    def test_money_target_words(self, target: Any) -> None:
        error = refused(
            InvalidValueError,
            "ProgramGoal.target",
            lambda: goal(G.PIPELINE_SOURCED, target),
            value=target,
        )
        assert error.expected == "a Money above zero as a pipeline_sourced target"

    def test_activity_types_refusal_names_the_types(self) -> None:
        error = refused(
            InvalidValueError,
            "ProgramGoal.activity_types",
            lambda: goal(G.NPS, 10, activity_types={"webinar"}),
            value=frozenset({T.WEBINAR}),
        )
        assert error.expected == "None, or a non-empty set for a count metric"

    def test_nps_response(self) -> None:
        with pytest.raises(InvalidValueError, match=r"NpsResponse\.score"):
            NpsResponse("2026-07-01", 11)

    def test_responses_and_signals_together(self) -> None:
        with pytest.raises(InvalidValueError, match=r"goal_progress\.signals"):
            report(signals={})

    def test_currency_mismatch(self) -> None:
        euros = [Opportunity("e1", ProspectProfile(), Money(5, "EUR"), "2026-07-10")]
        with pytest.raises(CurrencyMismatchError, match="USD and EUR"):
            goal_progress(
                [goal(G.PIPELINE_SOURCED, usd(1))], as_of=AS_OF, opportunities=euros
            )

    def test_unknown_linked_activity(self) -> None:
        with pytest.raises(UnknownKeyError, match=r"attribute_pipeline\.activities"):
            report(activities=[])

    def test_wrong_kinds(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.goals"):
            goal_progress(["references"], as_of=AS_OF)  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.nps_responses"):
            goal_progress([], as_of=AS_OF, nps_responses=[9])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.signals"):
            goal_progress([], as_of=AS_OF, signals=[])  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.signals\['a'\]"):
            goal_progress([], as_of=AS_OF, signals={"a": 9})  # type: ignore[dict-item]
        with pytest.raises(InvalidValueError, match=r"goal_progress\.window_days"):
            goal_progress([], as_of=AS_OF, window_days=-1)
        with pytest.raises(InvalidValueError, match=r"goal_progress\.opportunities"):
            goal_progress([], as_of=AS_OF, opportunities=OPPORTUNITIES[:1] * 2)
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.as_of"):
            goal_progress([], as_of="soon")  # type: ignore[arg-type]


class TestShow:
    def test_a_count_shows_one_decimal_at_most(self) -> None:
        references = goal(G.REFERENCES, 3)
        assert references.show(Fraction(1, 3)) == "0.3"
        assert references.show(Fraction(1, 8)) == "0.1"  # half even
        assert references.show(7.25) == "7.2"
        assert references.show(12) == "12"
