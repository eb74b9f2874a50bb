"""Report text: the headline `repr` of an explained result."""

from __future__ import annotations

import attrs

from advocacy._internal.text import a_or_an, headline_repr


@headline_repr
@attrs.frozen(repr=False)
class Note:
    text: str

    def explain(self) -> str:
        return self.text


class TestHeadlineRepr:
    def test_the_first_line_stripped(self) -> None:
        assert repr(Note("  3 of 4 done \n  - one left")) == "Note(3 of 4 done)"

    def test_a_colon_introducing_the_lines_below_is_dropped(self) -> None:
        assert repr(Note("row 3 (id a-1):\n  - bad nps")) == "Note(row 3 (id a-1))"
        assert repr(Note("win rate: +10 points")) == "Note(win rate: +10 points)"

    def test_the_class_stays_a_slotted_value(self) -> None:
        assert "__slots__" in vars(Note)
        assert attrs.fields(Note).text.name == "text"
        assert Note("same") == Note("same")

    def test_an_empty_explanation(self) -> None:
        assert repr(Note("")) == "Note()"


def test_a_or_an_by_the_first_letter_after_any_quote() -> None:
    assert a_or_an("Activity") == "an Activity"
    assert a_or_an("Commitment") == "a Commitment"
    assert a_or_an("'earn'") == "an 'earn'"
    assert a_or_an("'redeem'") == "a 'redeem'"
    assert a_or_an("") == "a "
