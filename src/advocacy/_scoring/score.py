"""A score and its breakdown, and the calendar rule for tenure.

`tenure_months` counts whole calendar months from the customer-since date to
the scoring date, the same rule `ScoringModel.score` and the compiled
`score_many` apply. A [`Score`][advocacy.Score] holds the total, the maximum,
the threshold and one [`CriterionScore`][advocacy.CriterionScore] per
criterion.

Keep the formulas here in step with docs/explanation/scoring-model.md.
"""

from __future__ import annotations

import html
from typing import Any

import attrs
import pendulum

from advocacy._internal.calendar import is_month_end
from advocacy._internal.checks import integer, repeated_hint, text
from advocacy._internal.text import headline_repr
from advocacy._internal.validation import (
    as_date,
    check_fields,
    checked,
)
from advocacy.exceptions import InvalidValueError

__all__ = ["CriterionScore", "Score", "future_start_error", "tenure_months"]


def tenure_months(customer_since: pendulum.Date, as_of: pendulum.Date) -> int:
    """Whole calendar months from `customer_since` to `as_of`.

    The largest `n` for which `customer_since.add(months=n)` (pendulum's
    month addition, which clamps to the month's end) is on or before
    `as_of`. Computed with integer arithmetic: n is the difference in month
    numbers, less one when `as_of` falls earlier in its month than
    `customer_since` did and is not the month's last day.

    Args:
        customer_since: Start of the relationship.
        as_of: The date tenure is measured on.

    Returns:
        Whole months, 0 or more.

    Raises:
        InvalidValueError: `customer_since` is after `as_of`.
        InvalidTypeError: Either is not a date (a datetime is refused).
    """
    start = as_date("tenure_months", "customer_since", customer_since)
    end = as_date("tenure_months", "as_of", as_of)
    months = (end.year * 12 + end.month) - (start.year * 12 + start.month)
    if start.day > end.day and not is_month_end(end):
        months -= 1
    if months < 0:
        raise future_start_error(start, end)
    return months


def future_start_error(
    customer_since: pendulum.Date,
    as_of: pendulum.Date,
    *,
    owner: str = "Signals",
    field: str = "customer_since",
) -> InvalidValueError:
    """The error for a customer who starts after the scoring date.

    `owner` and `field` name where the date was found (one `Signals`, or
    an item of a batch).
    """
    return InvalidValueError(
        owner,
        field,
        customer_since,
        f"a date on or before as_of ({as_of})",
        hint="a customer cannot start after the scoring date",
    )


@headline_repr
@attrs.frozen(repr=False)
class CriterionScore:
    """One criterion's line in a score's breakdown.

    Attributes:
        name: The criterion's name (non-empty).
        label: Its label.
        rule: The rule in words, e.g. `"nps >= 9"` (non-empty).
        points: Points the criterion is worth (at least 1).
        awarded: Whether the advocate met it (never when the signal is
            missing).
        observed: The signal value read (tenure in whole months), or `None`.
        missing: Whether the signal was unknown: exactly when `observed` is
            `None`.
    """

    name: str = attrs.field(metadata=checked(text))
    label: str
    rule: str = attrs.field(metadata=checked(text))
    points: int = attrs.field(metadata=checked(integer(1)))
    awarded: bool
    observed: int | float | bool | None
    missing: bool

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that `missing` and `awarded` fit `observed`."""
        check_fields(self)
        if self.missing is not (self.observed is None):
            expected = (
                "True, since observed is None"
                if self.observed is None
                else f"False, since a value was observed ({self.observed!r})"
            )
            raise InvalidValueError("CriterionScore", "missing", self.missing, expected)
        if self.awarded and self.missing:
            raise InvalidValueError(
                "CriterionScore",
                "awarded",
                self.awarded,
                "False, since a missing signal never meets a criterion",
            )

    @property
    def earned(self) -> int:
        """Points earned: `points` if awarded, else 0."""
        return self.points if self.awarded else 0

    def explain(self) -> str:
        """One line: `Promoter (nps >= 9): observed 10, +25`."""
        seen = "missing" if self.missing else f"observed {self.observed!r}"
        outcome = f"+{self.points}" if self.awarded else "0"
        return f"{self.label or self.name} ({self.rule}): {seen}, {outcome}"


@attrs.frozen(repr=False)
class Score:
    """An advocate's score with the breakdown that produced it.

    Attributes:
        total: Points earned, the sum of the awarded rows' points (0 to
            `maximum`).
        maximum: Points possible under the model, the sum of every row's
            points.
        qualify_above: The model's threshold; qualified means strictly above
            (0 to maximum - 1).
        rows: One row per criterion, in the model's order (at least one;
            names are unique).
    """

    total: int = attrs.field(metadata=checked(integer(0)))
    maximum: int = attrs.field(metadata=checked(integer(1)))
    qualify_above: int = attrs.field(metadata=checked(integer(0)))
    rows: tuple[CriterionScore, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the figures are the rows' sums."""
        check_fields(self)
        if not self.rows:
            raise InvalidValueError(
                "Score", "rows", self.rows, "at least one CriterionScore"
            )
        names = tuple(row.name for row in self.rows)
        twice = repeated_hint(names)
        if twice is not None:
            raise InvalidValueError(
                "Score", "rows", names, "rows with unique criterion names", twice
            )
        possible = sum(row.points for row in self.rows)
        if self.maximum != possible:
            raise InvalidValueError(
                "Score",
                "maximum",
                self.maximum,
                f"the sum of the rows' points ({possible})",
            )
        earned = sum(row.earned for row in self.rows)
        if self.total != earned:
            raise InvalidValueError(
                "Score",
                "total",
                self.total,
                f"the sum of the awarded rows' points ({earned})",
            )
        if self.qualify_above >= self.maximum:
            raise InvalidValueError(
                "Score",
                "qualify_above",
                self.qualify_above,
                f"an integer from 0 to {self.maximum - 1} (the maximum is "
                f"{self.maximum}, so nobody could qualify)",
            )

    @property
    def qualified(self) -> bool:
        """Whether the total is above the threshold (equal is not)."""
        return self.total > self.qualify_above

    @property
    def missing(self) -> tuple[str, ...]:
        """Names of the criteria whose signal was unknown."""
        return tuple(row.name for row in self.rows if row.missing)

    def explain(self) -> str:
        """The breakdown as text, one line per criterion."""
        head = (
            f"{self.total}/{self.maximum}, "
            f"{'qualified' if self.qualified else 'not qualified'} "
            f"(qualified above {self.qualify_above})"
        )
        return "\n".join([head, *(f"  {row.explain()}" for row in self.rows)])

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as plain dicts, ready for `pandas.DataFrame`."""
        return [{**attrs.asdict(row), "earned": row.earned} for row in self.rows]

    def __repr__(self) -> str:
        """`Score(85/100, qualified; Promoter +25, ...)`."""
        earned = ", ".join(
            f"{row.label or row.name} +{row.points}" for row in self.rows if row.awarded
        )
        state = "qualified" if self.qualified else "not qualified"
        return f"Score({self.total}/{self.maximum}, {state}; {earned or 'nothing'})"

    def _repr_html_(self) -> str:
        cells = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (
                    row.label or row.name,
                    row.rule,
                    "missing" if row.missing else row.observed,
                    row.earned,
                    row.points,
                )
            )
            + "</tr>"
            for row in self.rows
        )
        return (
            f"<table><caption>Score {self.total}/{self.maximum} "
            f"({'qualified' if self.qualified else 'not qualified'})</caption>"
            "<tr><th>criterion</th><th>rule</th><th>observed</th>"
            f"<th>earned</th><th>of</th></tr>{cells}</table>"
        )
