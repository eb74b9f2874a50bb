"""Success stories: outcome first, the completeness check, the figures."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import StoryCheck, StoryFigure, SuccessStory, from_dict, to_dict
from advocacy.exceptions import InvalidFieldsError, InvalidTypeError, InvalidValueError

STORY = SuccessStory(
    "st-1",
    "adv-1",
    outcome="Cut month-end close from 10 days to 3",
    before="Finance closed the books by hand across 14 spreadsheets.",
    program="Automated reconciliation, rolled out over two quarters.",
    results="The close takes 3 days and audit findings fell to zero.",
    figures=[
        StoryFigure("month-end close", 10, 3, "days"),
        StoryFigure("audit findings", 6, 0),
        StoryFigure("pipeline influenced", None, 2_000_000, "USD"),
    ],
    consent=True,
    consent_on="2026-02-01",
)


class TestFigures:
    def test_changes(self) -> None:
        close = StoryFigure("month-end close", 10, 3, "days")
        assert close.change == -7
        assert close.relative_change == pytest.approx(-0.7)
        assert close.explain() == "month-end close: 10 -> 3 days (-70%)"

    def test_without_a_before_or_from_zero(self) -> None:
        new = StoryFigure("pipeline influenced", None, 2_000_000, "USD")
        assert (new.change, new.relative_change) == (None, None)
        assert new.explain() == "pipeline influenced: 2,000,000 USD"
        from_zero = StoryFigure("partners", 0, 4)
        assert (from_zero.change, from_zero.relative_change) == (4, None)
        assert from_zero.explain() == "partners: 0 -> 4"

    def test_fractions_and_exact_numbers(self) -> None:
        rating = StoryFigure("G2 rating", Decimal("4.2"), Fraction(9, 2))
        assert (rating.before, rating.after) == (4.2, 4.5)
        assert rating.explain() == "G2 rating: 4.2 -> 4.5 (+7%)"
        assert StoryFigure("uptime", 99.125, 99.99, "%").explain() == (
            "uptime: 99.12 -> 99.99 % (+1%)"
        )

    @pytest.mark.parametrize(
        ("changes", "field", "error"),
        [
            ({"metric": " "}, "metric", InvalidValueError),
            ({"after": "3"}, "after", InvalidTypeError),
            ({"after": float("nan")}, "after", InvalidValueError),
            ({"before": float("inf")}, "before", InvalidValueError),
            ({"unit": None}, "unit", InvalidTypeError),
        ],
    )
    def test_bad_values(
        self, changes: dict[str, object], field: str, error: type[Exception]
    ) -> None:
        given = {"metric": "close", "before": 10, "after": 3, **changes}
        with pytest.raises(error, match=rf"StoryFigure\.{field}"):
            StoryFigure(**given)  # type: ignore[arg-type]


class TestCheck:
    def test_a_complete_story(self) -> None:
        check = STORY.check()
        assert check == StoryCheck("st-1", (), quantified=True)
        assert check.complete
        assert check.explain() == "story st-1: complete"
        assert repr(check) == "StoryCheck(st-1: complete)"

    def test_an_empty_draft_lists_every_section_in_order(self) -> None:
        check = SuccessStory("st-2", "adv-1").check()
        assert check.missing == (
            "outcome",
            "before",
            "program",
            "results",
            "figures",
            "consent",
        )
        assert not check.quantified
        assert check.explain() == (
            "story st-2: incomplete; missing outcome, before, program, results, "
            "figures, consent; the outcome has no number"
        )

    def test_blank_text_is_missing(self) -> None:
        check = attrs.evolve(STORY, before="  \n", results="\t").check()
        assert check.missing == ("before", "results")
        assert check.quantified
        assert check.explain() == "story st-1: incomplete; missing before, results"

    def test_consent_without_a_date(self) -> None:
        check = attrs.evolve(STORY, consent_on=None).check()
        assert check.missing == ("consent date",)
        assert not check.complete

    @pytest.mark.parametrize(
        ("outcome", "quantified"),
        [
            ("Cut month-end close from 10 days to 3", True),
            ("Grew pipeline by $2M", True),
            ("Raised adoption 40%", True),
            ("Tripled adoption", False),
            ("A much faster close", False),
        ],
    )
    def test_an_outcome_needs_a_number(self, outcome: str, quantified: bool) -> None:
        check = attrs.evolve(STORY, outcome=outcome).check()
        assert check.quantified is quantified
        assert check.missing == ()
        assert check.complete is quantified
        if not quantified:
            assert check.explain() == (
                "story st-1: incomplete; the outcome has no number"
            )

    def test_records(self) -> None:
        check = SuccessStory("st-2", "adv-1", outcome="Saved 5 hours").check()
        assert check.to_records() == [
            {
                "story_id": "st-2",
                "missing": ["before", "program", "results", "figures", "consent"],
                "quantified": True,
                "complete": False,
            }
        ]


class TestCheckValidation:
    """A `StoryCheck` names known sections, once each, in story order."""

    def test_the_rules_own_checks_pass_unchanged(self) -> None:
        for story in (STORY, SuccessStory("st-2", "adv-1", consent=True)):
            check = story.check()
            assert attrs.evolve(check) == check

    @pytest.mark.parametrize(
        "missing",
        [
            ("quote",),
            ("before", "outcome"),
            ("figures", "figures"),
            ("consent", "consent date"),
        ],
    )
    def test_sections_out_of_the_list_order_or_twice_are_refused(
        self, missing: tuple[str, ...]
    ) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"StoryCheck\.missing: got .*; expected sections among outcome, "
            r"before, program, results, figures, consent, consent date, each once, "
            r"in that order, and not both consent and consent date",
        ):
            StoryCheck("st-1", missing, quantified=True)


class TestStory:
    def test_explain(self) -> None:
        assert STORY.explain() == (
            "Cut month-end close from 10 days to 3\n"
            "before: Finance closed the books by hand across 14 spreadsheets.\n"
            "program: Automated reconciliation, rolled out over two quarters.\n"
            "results: The close takes 3 days and audit findings fell to zero.\n"
            "figures:\n"
            "  month-end close: 10 -> 3 days (-70%)\n"
            "  audit findings: 6 -> 0 (-100%)\n"
            "  pipeline influenced: 2,000,000 USD\n"
            "contact: adv-1; consent to share given 2026-02-01\n"
            "story st-1: complete"
        )

    def test_repr_is_the_outcome(self) -> None:
        assert repr(STORY) == "SuccessStory(Cut month-end close from 10 days to 3)"
        assert repr(SuccessStory("st-2", "adv-4")) == "SuccessStory((no outcome yet))"
        assert repr(STORY.figures[0]) == (
            "StoryFigure(month-end close: 10 -> 3 days (-70%))"
        )

    def test_explain_a_draft(self) -> None:
        draft = SuccessStory("st-2", "adv-4", before="Manual work", consent=True)
        assert draft.explain() == (
            "(no outcome yet)\n"
            "before: Manual work\n"
            "program: -\n"
            "results: -\n"
            "figures: -\n"
            "contact: adv-4; consent to share given, date unknown\n"
            "story st-2: incomplete; missing outcome, program, results, figures, "
            "consent date; the outcome has no number"
        )
        assert (
            "contact: adv-4; no consent to share"
            in SuccessStory("st-3", "adv-4").explain()
        )

    def test_a_consent_date_needs_consent(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            SuccessStory("st-1", "adv-1", consent_on="2026-02-01")
        assert str(caught.value) == (
            "SuccessStory.consent_on: got Date(2026, 2, 1); expected None while "
            "consent is False (set consent=True with the date it was given)"
        )

    def test_bad_fields(self) -> None:
        with pytest.raises(InvalidFieldsError) as caught:
            SuccessStory("", "adv-1", consent="yes", consent_on=5)  # type: ignore[arg-type]
        assert [e.field for e in caught.value.errors] == ["id", "consent", "consent_on"]
        with pytest.raises(InvalidTypeError, match=r"SuccessStory\.figures"):
            SuccessStory("st-1", "adv-1", figures=["10 days"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match=r"SuccessStory\.consent_on"):
            SuccessStory(
                "st-1", "adv-1", consent=True, consent_on=pendulum.datetime(2026, 2, 1)
            )

    def test_round_trip_through_json(self) -> None:
        plain = json.loads(json.dumps(to_dict(STORY)))
        assert plain["figures"][0] == {
            "metric": "month-end close",
            "before": 10,
            "after": 3,
            "unit": "days",
        }
        assert plain["consent_on"] == "2026-02-01"
        assert from_dict(SuccessStory, plain) == STORY

    @given(
        st.text(max_size=30),
        st.text(max_size=10),
        st.booleans(),
        st.lists(
            st.builds(StoryFigure, st.just("m"), st.none(), st.integers()), max_size=2
        ),
    )
    def test_complete_exactly_when_every_section_is_there(
        self, outcome: str, before: str, consent: bool, figures: list[StoryFigure]
    ) -> None:
        story = SuccessStory(
            "st-9",
            "adv-1",
            outcome=outcome,
            before=before,
            program="p",
            results="r",
            figures=figures,
            consent=consent,
            consent_on="2026-01-01" if consent else None,
        )
        check = story.check()
        expected = bool(
            outcome.strip()
            and before.strip()
            and figures
            and consent
            and any(c.isdecimal() for c in outcome)
        )
        assert check.complete is expected
        assert set(check.missing) <= {"outcome", "before", "figures", "consent"}
