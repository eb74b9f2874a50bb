"""The advocate scoring model: criteria as data, scores that explain themselves.

A [`ScoringModel`][advocacy.ScoringModel] is a tuple of
[`Criterion`][advocacy.Criterion] values and a qualification threshold. Each
criterion reads one [`Signal`][advocacy.Signal], compares it with a threshold
and awards its points when the comparison holds. A missing signal awards
nothing. The default model is the six-criterion, 100-point table of SPEC §2,
qualified above 60.

Scoring one advocate returns a [`Score`][advocacy.Score] with a row per
criterion. Scoring many returns their totals only: the model compiles its
criteria once into a plain Python loop (as attrs compiles `__init__`), so a
data-driven model costs what a hand-written loop costs.

Keep the formulas here in step with docs/explanation/scoring-model.md.
"""

from __future__ import annotations

import calendar
import enum
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
import pendulum

from advocacy._model import Signals
from advocacy._serde import structure_items
from advocacy._validation import (
    Check,
    Refusal,
    any_text,
    as_date,
    check_fields,
    checked,
    integer,
    member,
    member_of,
    number,
    require,
    text,
    to_float,
)
from advocacy.exceptions import InvalidValueError

__all__ = [
    "Comparison",
    "Criterion",
    "CriterionScore",
    "Score",
    "ScoringModel",
    "Signal",
    "tenure_months",
]


class Signal(enum.StrEnum):
    """The inputs a criterion can read.

    Each is an attribute of [`Signals`][advocacy.Signals] except
    `TENURE_MONTHS`, which is derived from `Signals.customer_since` and the
    scoring date (see [`tenure_months`][advocacy.tenure_months]).
    """

    NPS = "nps"
    """Latest Net Promoter response, 0-10."""

    FEATURE_ADOPTION = "feature_adoption"
    """Share of features in use, 0-1."""

    HEALTH_SCORE = "health_score"
    """Customer health score, 0-100."""

    TENURE_MONTHS = "tenure_months"
    """Whole calendar months a customer, derived from `customer_since`."""

    POSITIVE_MENTIONS = "positive_mentions"
    """Positive social mentions counted."""

    RESPONDED_TO_REQUESTS = "responded_to_requests"
    """Whether they answered earlier advocacy asks."""


# Per numeric signal: the range a threshold must lie in (None: unbounded).
_DOMAINS: Final[dict[Signal, tuple[float, float | None]]] = {
    Signal.NPS: (0, 10),
    Signal.FEATURE_ADOPTION: (0, 1),
    Signal.HEALTH_SCORE: (0, 100),
    Signal.TENURE_MONTHS: (0, None),
    Signal.POSITIVE_MENTIONS: (0, None),
}


class Comparison(enum.StrEnum):
    """How a criterion compares its signal with its threshold.

    `BETWEEN` takes a `(low, high)` threshold and includes both ends;
    `IS_TRUE` takes no threshold and reads a yes/no signal.
    """

    GT = "gt"
    """Strictly above the threshold."""

    GE = "ge"
    """At or above the threshold."""

    LT = "lt"
    """Strictly below the threshold."""

    LE = "le"
    """At or below the threshold."""

    EQ = "eq"
    """Equal to the threshold."""

    BETWEEN = "between"
    """Within a (low, high) threshold, both ends included."""

    IS_TRUE = "is_true"
    """A yes/no signal that is yes; no threshold."""

    @property
    def symbol(self) -> str:
        """The comparison as people write it: `>`, `>=`, `between`, ..."""
        return _SYMBOLS[self]


_SYMBOLS: Final = {
    Comparison.GT: ">",
    Comparison.GE: ">=",
    Comparison.LT: "<",
    Comparison.LE: "<=",
    Comparison.EQ: "==",
    Comparison.BETWEEN: "between",
    Comparison.IS_TRUE: "is true",
}


def _to_signal(value: Signal | str) -> Signal:
    return member(Signal, value)


def _to_comparison(value: Comparison | str) -> Comparison:
    return member(Comparison, value)


def _to_threshold(
    value: float
    | Decimal
    | tuple[float | Decimal, float | Decimal]
    | list[float | Decimal]
    | None,
) -> float | tuple[float, float] | None:
    if isinstance(value, list | tuple):
        return tuple(to_float(v) for v in value)  # type: ignore[return-value]
    return None if value is None else to_float(value)


def _threshold_refusal(
    signal: Signal, comparison: Comparison, threshold: Any
) -> Refusal | None:
    """Why `threshold` does not suit `signal` and `comparison`, or None."""
    if signal is Signal.RESPONDED_TO_REQUESTS:
        if comparison is Comparison.IS_TRUE and threshold is None:
            return None
        return Refusal(
            "comparison 'is_true' with threshold None for the yes/no "
            "signal 'responded_to_requests'"
        )
    if comparison is Comparison.IS_TRUE:
        return Refusal(f"a numeric comparison for the numeric signal {signal.value!r}")
    low, high = _DOMAINS[signal]
    check = number(low, high, percent_hint=signal is Signal.FEATURE_ADOPTION)
    if comparison is Comparison.BETWEEN:
        return _pair_refusal(signal, check, threshold)
    refusal = check(threshold)
    return refusal and attrs.evolve(
        refusal, expected=f"{refusal.expected} for {signal.value!r}"
    )


def _pair_refusal(signal: Signal, check: Check, threshold: Any) -> Refusal | None:
    expected = f"a (low, high) pair with low <= high for {signal.value!r}"
    if not (isinstance(threshold, tuple) and len(threshold) == 2):
        return Refusal(expected, wrong_type=True)
    refusal = check(threshold[0]) or check(threshold[1])
    if refusal is not None:
        return attrs.evolve(refusal, expected=f"{expected}, each {refusal.expected}")
    return Refusal(expected) if threshold[0] > threshold[1] else None


@attrs.frozen
class Criterion:
    """One rule of a scoring model: a comparison worth some points.

    Attributes:
        name: Unique name within the model, e.g. `"promoter"`.
        signal: The signal it reads.
        comparison: How the signal is compared with the threshold.
        threshold: A number within the signal's range, a `(low, high)` pair
            for `BETWEEN`, or `None` for `IS_TRUE`.
        points: Points awarded when the comparison holds (a positive int).
        label: A short name people see, e.g. `"Promoter"`.

    Example:
        >>> Criterion("promoter", Signal.NPS, Comparison.GE, 9, 25, "Promoter")
        Criterion(name='promoter', signal=<Signal.NPS: 'nps'>, ...)
    """

    name: str = attrs.field(metadata=checked(text))
    signal: Signal = attrs.field(
        converter=_to_signal, metadata=checked(member_of(Signal))
    )
    comparison: Comparison = attrs.field(
        converter=_to_comparison, metadata=checked(member_of(Comparison))
    )
    threshold: float | tuple[float, float] | None = attrs.field(converter=_to_threshold)
    points: int = attrs.field(metadata=checked(integer(1)))
    label: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the threshold suits signal and comparison."""
        check_fields(self)
        refusal = _threshold_refusal(self.signal, self.comparison, self.threshold)
        if refusal is not None:
            raise refusal.error("Criterion", "threshold", self.threshold)

    def test(self, value: Any) -> bool:
        """Whether an observed signal `value` meets this criterion.

        `None` (a missing signal) never meets it.
        """
        if value is None:
            return False
        comparison, threshold = self.comparison, self.threshold
        if comparison is Comparison.IS_TRUE:
            return value is True
        if comparison is Comparison.BETWEEN:
            low, high = threshold  # type: ignore[misc]
            return bool(low <= value <= high)
        return bool(_TESTS[comparison](value, threshold))

    def describe(self) -> str:
        """The rule in words, e.g. `nps >= 9`."""
        if self.comparison is Comparison.IS_TRUE:
            return f"{self.signal.value} is true"
        if self.comparison is Comparison.BETWEEN:
            low, high = self.threshold  # type: ignore[misc]
            return f"{self.signal.value} between {low:g} and {high:g}"
        return f"{self.signal.value} {self.comparison.symbol} {self.threshold:g}"


_TESTS: Final[dict[Comparison, Callable[[Any, Any], bool]]] = {
    Comparison.GT: lambda v, t: v > t,
    Comparison.GE: lambda v, t: v >= t,
    Comparison.LT: lambda v, t: v < t,
    Comparison.LE: lambda v, t: v <= t,
    Comparison.EQ: lambda v, t: v == t,
}


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
    if start.day > end.day and not _is_month_end(end):
        months -= 1
    if months < 0:
        raise _future(start, end)
    return months


def _is_month_end(day: pendulum.Date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _future(customer_since: pendulum.Date, as_of: pendulum.Date) -> InvalidValueError:
    return InvalidValueError(
        "Signals",
        "customer_since",
        customer_since,
        f"a date on or before as_of ({as_of})",
        hint="a customer cannot start after the scoring date",
    )


@attrs.frozen
class CriterionScore:
    """One criterion's line in a score's breakdown.

    Attributes:
        name: The criterion's name.
        label: Its label.
        rule: The rule in words, e.g. `"nps >= 9"`.
        points: Points the criterion is worth.
        awarded: Whether the advocate met it.
        observed: The signal value read (tenure in whole months), or `None`.
        missing: Whether the signal was unknown.
    """

    name: str
    label: str
    rule: str
    points: int
    awarded: bool
    observed: Any
    missing: bool

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
        total: Points earned, the sum of the awarded rows.
        maximum: Points possible under the model.
        qualify_above: The model's threshold; qualified means strictly above.
        rows: One row per criterion, in the model's order.
    """

    total: int
    maximum: int
    qualify_above: int
    rows: tuple[CriterionScore, ...]

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


def _to_criteria(
    value: Iterable[Criterion | Mapping[str, Any]],
) -> tuple[Criterion, ...]:
    return structure_items(Criterion, value)


def _check_criteria(value: object) -> Refusal | None:
    expected = "a non-empty tuple of Criterion with unique names"
    if not isinstance(value, tuple) or not all(isinstance(c, Criterion) for c in value):
        return Refusal(expected, wrong_type=True)
    if not value:
        return Refusal(expected)
    names = [c.name for c in value]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        return Refusal(expected, hint=f"repeated name: {', '.join(repeated)}")
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

    `ScoringModel.default()` is SPEC §2's table: Promoter (NPS >= 9) 25,
    Power User (adoption > 0.70) 20, Healthy (health > 80) 20, Established
    (tenure > 12 months) 15, Active (positive mentions >= 1) 10, Willing
    (responded to earlier requests) 10; 100 points, qualified above 60.

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
        """The six-criterion, 100-point model of SPEC §2, qualified above 60."""
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
        require("ScoringModel.score", "signals", signals, _is_signals)
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
                items, day.year * 12 + day.month, day.day, _is_month_end(day)
            )
        except (AttributeError, TypeError):
            for index, item in enumerate(items):
                require(
                    "ScoringModel.score_many", f"signals[{index}]", item, _is_signals
                )
            raise  # pragma: no cover - every item is a Signals, so the loop cannot fail
        except _FutureStartError as error:
            raise _future(error.customer_since, day) from None


class _FutureStartError(Exception):
    def __init__(self, customer_since: pendulum.Date) -> None:
        self.customer_since = customer_since


def _raise_future(customer_since: pendulum.Date) -> None:
    raise _FutureStartError(customer_since)


def _is_signals(value: object) -> Refusal | None:
    if isinstance(value, Signals):
        return None
    return Refusal("a Signals", wrong_type=True)


_OPERATORS: Final = {
    Comparison.GT: ">",
    Comparison.GE: ">=",
    Comparison.LT: "<",
    Comparison.LE: "<=",
    Comparison.EQ: "==",
}


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
        "                _raise_future(start)",
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
            test = f"v is not None and v {_OPERATORS[criterion.comparison]} c{i}"
        if criterion.comparison is not Comparison.IS_TRUE:
            lines.append(f"        v = {value}")
        lines += [f"        if {test}:", f"            t += p{i}"]
    lines += ["        append(t)", "    return out"]
    exec(compile("\n".join(lines), "<advocacy scoring model>", "exec"), namespace)  # noqa: S102
    totals: _Totals = namespace["totals"]
    return totals
