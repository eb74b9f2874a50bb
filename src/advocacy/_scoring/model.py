"""The scoring model: criteria worth points, qualified above a threshold.

`ScoringModel.default()` is the six-criterion, 100-point table of
docs/explanation/scoring-model.md, qualified above 60. Scoring one advocate
returns a `Score` with a row per criterion. Scoring many returns their totals
only: the model compiles its criteria once into a plain Python loop (as attrs
compiles `__init__`), so a data-driven model costs what a hand-written loop
costs.

Keep the formulas here in step with docs/explanation/scoring-model.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, cast

import attrs
import pendulum

from advocacy._internal.calendar import is_month_end
from advocacy._internal.checks import Refusal, integer, repeated
from advocacy._internal.convert import to_tuple
from advocacy._internal.validation import as_date, check_fields, checked, require
from advocacy._model.checks import SIGNALS
from advocacy._model.customers import Signals
from advocacy._scoring.criteria import Comparison, Criterion, Signal
from advocacy._scoring.score import (
    CriterionScore,
    Score,
    future_start_error,
    tenure_months,
)
from advocacy.exceptions import InvalidValueError

__all__ = ["ScoringModel"]


def _to_criteria(
    value: Iterable[Criterion],
) -> tuple[Criterion, ...] | Iterable[Criterion]:
    return to_tuple(value)


def _check_criteria(value: object) -> Refusal | None:
    expected = "a non-empty tuple of Criterion with unique names"
    if not isinstance(value, tuple) or not all(isinstance(c, Criterion) for c in value):
        return Refusal(expected, wrong_type=True)
    if not value:
        return Refusal(expected)
    if twice := repeated(c.name for c in value):
        return Refusal(expected, hint=f"repeated name: {', '.join(twice)}")
    return None


_DEFAULT_CRITERIA: Final = (
    ("promoter", Signal.NPS, Comparison.GE, 9, 25, "Promoter"),
    ("power_user", Signal.FEATURE_ADOPTION, Comparison.GT, 0.70, 20, "Power User"),
    ("healthy", Signal.HEALTH_SCORE, Comparison.GT, 80, 20, "Healthy"),
    ("established", Signal.TENURE_MONTHS, Comparison.GT, 12, 15, "Established"),
    ("active", Signal.POSITIVE_MENTIONS, Comparison.GE, 1, 10, "Active"),
    ("willing", Signal.RESPONDED_TO_REQUESTS, Comparison.IS_TRUE, None, 10, "Willing"),
)

_Totals = Callable[[Sequence[Signals], int, int, bool], list[int]]


@attrs.frozen
class ScoringModel:
    """A scoring model: criteria worth points, qualified above a threshold.

    `ScoringModel.default()` is the table of
    docs/explanation/scoring-model.md: Promoter (NPS >= 9) 25, Power User
    (adoption > 0.70) 20, Healthy (health > 80) 20, Established (tenure > 12
    months) 15, Active (positive mentions >= 1) 10, Willing (responded to
    earlier requests) 10; 100 points, qualified above 60.

    Attributes:
        criteria: The criteria, in display order; names are unique.
        qualify_above: A total strictly above this qualifies (0 to
            maximum - 1).

    Example:
        >>> model = ScoringModel.default()
        >>> model.maximum
        100
    """

    criteria: tuple[Criterion, ...] = attrs.field(
        converter=_to_criteria, metadata=checked(_check_criteria)
    )
    qualify_above: int = attrs.field(default=60, metadata=checked(integer(0)))
    _totals: _Totals = attrs.field(init=False, repr=False, eq=False)
    # Per criterion, fixed for the model's life: (criterion, rule in words,
    # Signals attribute to read or None for tenure).
    _plan: tuple[tuple[Criterion, str, str | None], ...] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        """Check the criteria and threshold, then compile the batch scorer."""
        check_fields(self)
        if self.qualify_above >= self.maximum:
            raise InvalidValueError(
                "ScoringModel",
                "qualify_above",
                self.qualify_above,
                f"an integer from 0 to {self.maximum - 1} (the maximum is "
                f"{self.maximum}, so nobody could qualify)",
            )
        object.__setattr__(self, "_totals", _compile(self.criteria))
        object.__setattr__(
            self,
            "_plan",
            tuple(
                (
                    c,
                    c.describe(),
                    None if c.signal is Signal.TENURE_MONTHS else c.signal.value,
                )
                for c in self.criteria
            ),
        )

    @classmethod
    def default(cls) -> ScoringModel:
        """The six-criterion, 100-point default model, qualified above 60."""
        return cls(tuple(Criterion(*row) for row in _DEFAULT_CRITERIA))

    @property
    def maximum(self) -> int:
        """The most points an advocate can score: the sum of all points."""
        return sum(c.points for c in self.criteria)

    def qualifies(self, total: int) -> bool:
        """Whether a total qualifies (is strictly above `qualify_above`)."""
        return total > self.qualify_above

    def score(self, signals: Signals, *, as_of: pendulum.Date) -> Score:
        """Score one advocate, with a row per criterion.

        Args:
            signals: What is known about the advocate.
            as_of: The scoring date (tenure is measured to it).

        Returns:
            The score and its breakdown.

        Raises:
            InvalidTypeError: `signals` is not a `Signals`, or `as_of` is not
                a date.
            InvalidValueError: `signals.customer_since` is after `as_of`.
        """
        require("ScoringModel.score", "signals", signals, SIGNALS)
        day = as_date("ScoringModel.score", "as_of", as_of)
        tenure = (
            None
            if signals.customer_since is None
            else tenure_months(signals.customer_since, day)
        )
        rows = []
        total = maximum = 0
        for criterion, rule, attribute in self._plan:
            observed = tenure if attribute is None else getattr(signals, attribute)
            awarded = criterion.test(observed)
            rows.append(
                CriterionScore(
                    criterion.name,
                    criterion.label,
                    rule,
                    criterion.points,
                    awarded,
                    observed,
                    observed is None,
                )
            )
            maximum += criterion.points
            if awarded:
                total += criterion.points
        return Score(total, maximum, self.qualify_above, tuple(rows))

    def score_many(
        self, signals: Iterable[Signals], *, as_of: pendulum.Date
    ) -> list[int]:
        """Score many advocates at once; totals only, in input order.

        Builds no per-advocate objects: the model's criteria were compiled
        into one loop when the model was made. Equal, advocate by advocate,
        to `score(...).total`.

        Args:
            signals: The advocates' signals.
            as_of: The scoring date.

        Returns:
            One total per input, in the same order.

        Raises:
            InvalidTypeError: An item is not a `Signals` (its index is named),
                or `as_of` is not a date.
            InvalidValueError: A `customer_since` is after `as_of`.
        """
        day = as_date("ScoringModel.score_many", "as_of", as_of)
        items = signals if isinstance(signals, list | tuple) else list(signals)
        try:
            return self._totals(
                items, day.year * 12 + day.month, day.day, is_month_end(day)
            )
        except (AttributeError, TypeError):
            for index, item in enumerate(items):
                require("ScoringModel.score_many", f"signals[{index}]", item, SIGNALS)
            raise  # pragma: no cover - every item is a Signals, so the loop cannot fail
        except _FutureStartError as error:
            index = items.index(error.signals)  # the first equal one failed first
            raise future_start_error(
                cast("pendulum.Date", error.signals.customer_since),  # it is set
                day,
                owner="ScoringModel.score_many",
                field=f"signals[{index}].customer_since",
            ) from None


class _FutureStartError(Exception):
    def __init__(self, signals: Signals) -> None:
        self.signals = signals


def _raise_future(signals: Signals) -> None:
    raise _FutureStartError(signals)


def _compile(criteria: tuple[Criterion, ...]) -> _Totals:
    """Compile `criteria` into `totals(items, month_index, day, month_end)`.

    The generated loop reads each signal once and tests it against constants
    bound in its namespace (never formatted into the source), so it runs at
    the speed of the equivalent hand-written loop. Tenure is computed once
    per advocate with the integer arithmetic of `tenure_months`.
    """
    namespace: dict[str, Any] = {"_raise_future": _raise_future}
    lines = [
        "def totals(items, end_index, end_day, end_last):",
        "    out = []",
        "    append = out.append",
        "    for s in items:",
        "        t = 0",
        # Tenure is computed even for a model that does not read it: a
        # customer who starts after as_of is bad data either way, refused as
        # `score` refuses it.
        "        start = s.customer_since",
        "        if start is None:",
        "            tenure = None",
        "        else:",
        "            tenure = end_index - (start.year * 12 + start.month)",
        "            if start.day > end_day and not end_last:",
        "                tenure -= 1",
        "            if tenure < 0:",
        "                _raise_future(s)",
    ]
    for i, criterion in enumerate(criteria):
        value = (
            "tenure"
            if criterion.signal is Signal.TENURE_MONTHS
            else f"s.{criterion.signal.value}"
        )
        namespace[f"p{i}"] = criterion.points
        if criterion.comparison is Comparison.IS_TRUE:
            test = f"{value} is True"
        elif criterion.comparison is Comparison.BETWEEN:
            namespace[f"lo{i}"], namespace[f"hi{i}"] = criterion.threshold  # type: ignore[misc]
            test = f"v is not None and lo{i} <= v <= hi{i}"
        else:
            namespace[f"c{i}"] = criterion.threshold
            test = f"v is not None and v {criterion.comparison.symbol} c{i}"
        if criterion.comparison is not Comparison.IS_TRUE:
            lines.append(f"        v = {value}")
        lines += [f"        if {test}:", f"            t += p{i}"]
    lines += ["        append(t)", "    return out"]
    exec(compile("\n".join(lines), "<advocacy scoring model>", "exec"), namespace)  # noqa: S102
    totals: _Totals = namespace["totals"]
    return totals
