"""identify_potential_advocates: the model it scores with, its refusals by name."""

from __future__ import annotations

import pendulum

from advocacy import ScoringModel, Signals, identify_potential_advocates
from advocacy.exceptions import InvalidTypeError
from tests.checks import refused

AS_OF = pendulum.date(2026, 9, 30)


class TestScoring:
    def test_the_model_given_scores_the_flagged(self) -> None:
        contacts = {"a": Signals(nps=10, health_score=90)}
        # The default model gives 45 (promoter 25 + healthy 20); its first
        # criterion alone, promoter, gives 25.
        promoter = ScoringModel(ScoringModel.default().criteria[:1], qualify_above=10)
        (default,) = identify_potential_advocates(contacts, as_of=AS_OF)
        (given,) = identify_potential_advocates(contacts, as_of=AS_OF, model=promoter)
        assert (default.score.total, given.score.total) == (45, 25)


class TestRefusals:
    def test_as_of_that_is_no_date(self) -> None:
        refused(
            InvalidTypeError,
            r"identify_potential_advocates\.as_of",
            lambda: identify_potential_advocates({}, as_of="soon"),  # type: ignore[arg-type]
            value="soon",
            expected="a date",
        )

    def test_signals_that_are_no_mapping(self) -> None:
        error = refused(
            InvalidTypeError,
            r"identify_potential_advocates\.signals",
            lambda: identify_potential_advocates([], as_of=AS_OF),  # type: ignore[arg-type]
            value=[],
        )
        assert error.expected == "a mapping of contact id to Signals"

    def test_a_contact_without_signals_is_named(self) -> None:
        error = refused(
            InvalidTypeError,
            r"identify_potential_advocates\.signals\['a'\]",
            lambda: identify_potential_advocates({"a": 9}, as_of=AS_OF),  # type: ignore[dict-item]
            value=9,
        )
        assert error.expected == "a Signals"
