"""Scoring criteria as data: a signal, a comparison, a threshold, points.

Each [`Criterion`][advocacy.Criterion] reads one [`Signal`][advocacy.Signal],
compares it with a threshold and awards its points when the comparison
holds; a missing signal never meets it. A criterion validates its threshold
against the signal's range and the comparison's shape when it is made.

Keep the formulas here in step with docs/explanation/scoring-model.md.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

import attrs

from advocacy._internal.checks import (
    ANYTHING,
    Check,
    Refusal,
    any_text,
    integer,
    member_of,
    number,
    plain_real,
    text,
)
from advocacy._internal.convert import member
from advocacy._internal.validation import check_fields, checked

__all__ = ["Comparison", "Criterion", "Signal"]


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
        return _COMPARISONS[self][0]


def _between(value: Any, threshold: Any) -> bool:
    low, high = threshold
    return bool(low <= value <= high)


def _is_true(value: Any, _threshold: None) -> bool:
    return value is True


# The one table of comparisons: how people write each and how it applies to
# a known value. The numeric symbols are Python's own operators, so the
# compiled batch scorer (`advocacy._scoring.model`) writes them into its loop
# as they are.
_COMPARISONS: Final[dict[Comparison, tuple[str, Callable[[Any, Any], bool]]]] = {
    Comparison.GT: (">", operator.gt),
    Comparison.GE: (">=", operator.ge),
    Comparison.LT: ("<", operator.lt),
    Comparison.LE: ("<=", operator.le),
    Comparison.EQ: ("==", operator.eq),
    Comparison.BETWEEN: ("between", _between),
    Comparison.IS_TRUE: ("is true", _is_true),
}


def _to_signal(value: Signal | str) -> Signal | str:
    return member(Signal, value)


def _to_comparison(value: Comparison | str) -> Comparison | str:
    return member(Comparison, value)


def _to_threshold(
    value: float
    | Decimal
    | tuple[float | Decimal, float | Decimal]
    | list[float | Decimal]
    | None,
) -> float | Decimal | tuple[float | Decimal, ...] | None:
    # Numbers become plain floats (or ints) by the same rule the checks
    # apply; the pair's length and order are checked with the threshold.
    if isinstance(value, list | tuple):
        return tuple(plain_real(v) for v in value)
    return None if value is None else plain_real(value)


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
    threshold: float | tuple[float, float] | None = attrs.field(
        converter=_to_threshold, metadata=checked(ANYTHING)
    )
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
        return bool(_COMPARISONS[self.comparison][1](value, self.threshold))

    def describe(self) -> str:
        """The rule in words, e.g. `nps >= 9`."""
        if self.comparison is Comparison.IS_TRUE:
            return f"{self.signal.value} is true"
        if self.comparison is Comparison.BETWEEN:
            low, high = self.threshold  # type: ignore[misc]
            return f"{self.signal.value} between {low:g} and {high:g}"
        return f"{self.signal.value} {self.comparison.symbol} {self.threshold:g}"
