"""Success stories, outcome first, with a completeness check.

A `SuccessStory` leads with its quantified outcome ("Cut month-end close
from 10 days to 3"), then tells the state before, the program run and the
results that close the loop, with the results as data (`StoryFigure`), the
advocate who speaks for it and their consent to share.

`SuccessStory.check()` names the sections still missing, in story order:
`outcome`, `before`, `program`, `results` (empty or blank text), `figures`
(no quantified result), `consent` (not given) and `consent date` (given
without a date). It also flags an outcome with no number: an outcome counts
as quantified when it holds a digit ("3 days", "$2M", "40%"); "tripled"
reads well but cannot be compared or charted. A story is complete when
nothing is missing and its outcome is quantified.

Keep this in step with docs/explanation/ledger.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.checks import (
    Refusal,
    any_text,
    boolean,
    date,
    number,
    optional,
    text,
)
from advocacy._internal.convert import (
    to_float,
    to_optional_date,
    to_optional_float,
    to_tuple,
)
from advocacy._internal.text import headline_repr
from advocacy._internal.validation import check_fields, checked
from advocacy.exceptions import InvalidValueError

__all__ = ["StoryCheck", "StoryFigure", "SuccessStory"]


_DIGIT: Final = re.compile(r"\d")
_SECTIONS: Final = (
    "outcome",
    "before",
    "program",
    "results",
    "figures",
    "consent",
    "consent date",
)
"""The sections a story check can name as missing, in story order."""


def _shown(value: float) -> str:
    """`10`, `2,000,000`, `4.5`: a figure as people write it."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@headline_repr
@attrs.frozen(repr=False)
class StoryFigure:
    """One quantified result: a metric before and after.

    Attributes:
        metric: What was measured, e.g. `"month-end close"`.
        before: Its value before, or `None` where there was none (a new
            revenue line, pipeline influenced).
        after: Its value after.
        unit: The unit, e.g. `"days"`, `"%"`, `"USD"`; may be empty.
    """

    metric: str = attrs.field(metadata=checked(text))
    before: float | None = attrs.field(
        converter=to_optional_float, metadata=checked(optional(number()))
    )
    after: float = attrs.field(converter=to_float, metadata=checked(number()))
    unit: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def change(self) -> float | None:
        """`after - before`, or `None` without a before."""
        return None if self.before is None else self.after - self.before

    @property
    def relative_change(self) -> float | None:
        """`(after - before) / before`, or `None` without a non-zero before."""
        if not self.before:
            return None
        return (self.after - self.before) / self.before

    def explain(self) -> str:
        """`month-end close: 10 -> 3 days (-70%)`."""
        unit = f" {self.unit}" if self.unit else ""
        if self.before is None:
            return f"{self.metric}: {_shown(self.after)}{unit}"
        line = f"{self.metric}: {_shown(self.before)} -> {_shown(self.after)}{unit}"
        ratio = self.relative_change
        return line if ratio is None else f"{line} ({ratio:+.0%})"


def _to_figures(
    value: Iterable[StoryFigure],
) -> tuple[StoryFigure, ...] | Iterable[StoryFigure]:
    return to_tuple(value)


def _figures(value: object) -> Refusal | None:
    if isinstance(value, tuple) and all(isinstance(v, StoryFigure) for v in value):
        return None
    return Refusal("a tuple of StoryFigure", wrong_type=True)


@attrs.frozen(repr=False)
class StoryCheck:
    """What a success story still lacks.

    Made by `SuccessStory.check`.

    Attributes:
        story_id: The story.
        missing: The sections missing, each once, in story order (`outcome`,
            `before`, `program`, `results`, `figures`, `consent` or else
            `consent date`).
        quantified: Whether the outcome holds a number (a digit).
    """

    story_id: str
    missing: tuple[str, ...]
    quantified: bool

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the sections are known, once, in order."""
        check_fields(self)
        missing = set(self.missing)
        in_order = [name for name in _SECTIONS if name in missing]
        if list(self.missing) != in_order or {"consent", "consent date"} <= missing:
            raise InvalidValueError(
                "StoryCheck",
                "missing",
                self.missing,
                f"sections among {', '.join(_SECTIONS)}, each once, in that "
                "order, and not both consent and consent date",
            )

    @property
    def complete(self) -> bool:
        """Nothing missing and a quantified outcome: ready to publish."""
        return not self.missing and self.quantified

    def explain(self) -> str:
        """`story st-1: complete`, or what is missing and whether it is quantified."""
        if self.complete:
            return f"story {self.story_id}: complete"
        problems = []
        if self.missing:
            problems.append(f"missing {', '.join(self.missing)}")
        if not self.quantified:
            problems.append("the outcome has no number")
        return f"story {self.story_id}: incomplete; {'; '.join(problems)}"

    def to_records(self) -> list[dict[str, Any]]:
        """The check as one plain dict, ready for `pandas.DataFrame`."""
        return [
            {
                "story_id": self.story_id,
                "missing": list(self.missing),
                "quantified": self.quantified,
                "complete": self.complete,
            }
        ]

    def __repr__(self) -> str:
        """`StoryCheck(st-1: incomplete; missing before, consent)`."""
        return f"StoryCheck({self.explain().removeprefix('story ')})"


@headline_repr
@attrs.frozen(repr=False)
class SuccessStory:
    """A customer success story, outcome first.

    Attributes:
        id: Unique story id.
        advocate_id: The contact: the advocate who speaks for the story.
        outcome: The headline result, with its number, e.g. `"Cut month-end
            close from 10 days to 3"`.
        before: The state before: the problem and what it cost.
        program: What was run: the product, the project, the help given.
        results: The results that close the loop, in words.
        figures: The results as data.
        consent: Whether the advocate agreed to share the story.
        consent_on: When they agreed (only with `consent`).
    """

    id: str = attrs.field(metadata=checked(text))
    advocate_id: str = attrs.field(metadata=checked(text))
    outcome: str = attrs.field(default="", metadata=checked(any_text))
    before: str = attrs.field(default="", metadata=checked(any_text))
    program: str = attrs.field(default="", metadata=checked(any_text))
    results: str = attrs.field(default="", metadata=checked(any_text))
    figures: tuple[StoryFigure, ...] = attrs.field(
        factory=tuple, converter=_to_figures, metadata=checked(_figures)
    )
    consent: bool = attrs.field(default=False, metadata=checked(boolean))
    consent_on: pendulum.Date | None = attrs.field(
        default=None, converter=to_optional_date, metadata=checked(optional(date))
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that a consent date comes with consent."""
        check_fields(self)
        if self.consent_on is not None and not self.consent:
            raise InvalidValueError(
                "SuccessStory",
                "consent_on",
                self.consent_on,
                "None while consent is False",
                "set consent=True with the date it was given",
            )

    def check(self) -> StoryCheck:
        """The sections missing and whether the outcome holds a number."""
        texts = {
            "outcome": self.outcome,
            "before": self.before,
            "program": self.program,
            "results": self.results,
        }
        missing = [name for name, words in texts.items() if not words.strip()]
        if not self.figures:
            missing.append("figures")
        if not self.consent:
            missing.append("consent")
        elif self.consent_on is None:
            missing.append("consent date")
        quantified = _DIGIT.search(self.outcome) is not None
        return StoryCheck(self.id, tuple(missing), quantified)

    def explain(self) -> str:
        """The story as an outline, outcome first, then the check."""
        lines = [self.outcome.strip() or "(no outcome yet)"]
        lines += [
            f"{name}: {getattr(self, name).strip() or '-'}"
            for name in ("before", "program", "results")
        ]
        lines.append("figures:" if self.figures else "figures: -")
        lines += [f"  {figure.explain()}" for figure in self.figures]
        if not self.consent:
            consent = "no consent to share"
        elif self.consent_on is None:
            consent = "consent to share given, date unknown"
        else:
            consent = f"consent to share given {self.consent_on}"
        lines.append(f"contact: {self.advocate_id}; {consent}")
        lines.append(self.check().explain())
        return "\n".join(lines)
