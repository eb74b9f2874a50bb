"""How a review platform displays its mean rating, as data.

G2 shows the mean rounded up to the nearest half star, so 4.01 shows as 4.5.
A `RatingDisplay` holds such a rule: round up, half up or not at all, to a
step (0.5, 0.1), on a scale (1 to 5). The least mean that displays at least
a target T:

```text
round up to step s:       mean > (ceil(T/s) - 1) s        (strictly above)
round half up to step s:  mean >= (ceil(T/s) - 1/2) s
no rounding:              mean >= T
```

Ratings are compared as exact fractions: a float 4.2 is read as the decimal
4.2 it prints, so 4.45 rounds half up to 4.5 as written.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Final

import attrs

from advocacy._internal.checks import Refusal, instance_of, integer, member_of
from advocacy._internal.convert import member
from advocacy._internal.validation import check_fields, checked, require
from advocacy.exceptions import InvalidValueError

__all__ = [
    "DISPLAY",
    "Number",
    "RatingDisplay",
    "RatingRounding",
    "chosen_display",
    "display_threshold",
    "exact",
    "rating_value",
    "shown",
]


Number = int | float | Decimal | Fraction
"""A rating as callers give it."""


class RatingRounding(enum.StrEnum):
    """How a platform rounds the mean rating it displays."""

    UP = "up"
    """Up to the next step (G2: 4.01 shows as 4.5 with a step of 0.5)."""

    HALF_UP = "half_up"
    """To the nearest step, halves up (4.25 shows as 4.5 with a step of 0.5)."""

    NONE = "none"
    """Not rounded: the exact mean is shown."""


def _to_rounding(value: RatingRounding | str) -> RatingRounding | str:
    return member(RatingRounding, value)


def _to_step(value: Decimal | float | str | int) -> Decimal | float | str | int:
    # Unreadable steps are returned as they are, for _step_check to refuse.
    if isinstance(value, float | int | str) and not isinstance(value, bool):
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            pass
    return value


def _step_check(value: object) -> Refusal | None:
    expected = "a step above 0 (a Decimal, a float or a numeric string)"
    if not isinstance(value, Decimal):
        return Refusal(expected, wrong_type=True)
    if not value.is_finite() or value <= 0:
        return Refusal(expected)
    return None


def exact(value: Number) -> Fraction:
    """The exact value of a rating: a float is read as the decimal it prints."""
    if isinstance(value, float):
        return Fraction(Decimal(str(value)))
    return Fraction(value)


@attrs.frozen
class RatingDisplay:
    """How a review platform displays its mean rating, and its scale.

    Defaults: G2's rule, the mean rounded up to the nearest half star on a
    1 to 5 scale.

    Attributes:
        rounding: Round up, half up, or not at all.
        step: The step displayed values are multiples of (0.5: half stars;
            0.1: one decimal). Ignored when not rounding.
        low: The lowest rating on the scale.
        high: The highest rating on the scale.
    """

    rounding: RatingRounding = attrs.field(
        default=RatingRounding.UP,
        converter=_to_rounding,
        metadata=checked(member_of(RatingRounding)),
    )
    step: Decimal = attrs.field(
        default=Decimal("0.5"), converter=_to_step, metadata=checked(_step_check)
    )
    low: int = attrs.field(default=1, metadata=checked(integer(0)))
    high: int = attrs.field(default=5, metadata=checked(integer(1)))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the scale ascends."""
        check_fields(self)
        if self.high <= self.low:
            raise InvalidValueError(
                "RatingDisplay", "high", self.high, f"more than low ({self.low})"
            )

    @classmethod
    def default(cls) -> RatingDisplay:
        """G2's rule: rounded up to the nearest half star, 1 to 5."""
        return cls()

    @classmethod
    def unrounded(cls, *, low: int = 1, high: int = 5) -> RatingDisplay:
        """The exact mean, on a scale from `low` to `high`."""
        return cls(RatingRounding.NONE, low=low, high=high)

    def display(self, mean: float | Decimal | Fraction | int) -> float:
        """What the platform shows for a mean rating.

        Args:
            mean: The exact mean, on the scale.

        Returns:
            The displayed value (4.5 for 4.01 under G2's rule).

        Raises:
            InvalidValueError: The mean is outside the scale.
        """
        return float(
            shown(self, rating_value(self, "RatingDisplay.display", "mean", mean))
        )


def shown(rule: RatingDisplay, mean: Fraction) -> Fraction:
    """The displayed value of an exact mean, kept within the scale."""
    step = Fraction(rule.step)
    if rule.rounding is RatingRounding.UP:
        value = math.ceil(mean / step) * step
    elif rule.rounding is RatingRounding.HALF_UP:
        value = math.floor(mean / step + Fraction(1, 2)) * step
    else:
        value = mean
    return min(max(value, Fraction(rule.low)), Fraction(rule.high))


def display_threshold(rule: RatingDisplay, target: Fraction) -> tuple[Fraction, bool]:
    """The least mean that displays at least `target`, and whether it is strict.

    `(t, True)`: the mean must exceed t; `(t, False)`: reaching t is enough.
    Rounding up to step s shows at least T exactly when the mean is above
    (ceil(T/s) - 1) s; rounding half up, when it is at least
    (ceil(T/s) - 1/2) s.
    """
    step = Fraction(rule.step)
    if target <= rule.low:
        return Fraction(rule.low), False
    if rule.rounding is RatingRounding.UP:
        return (math.ceil(target / step) - 1) * step, True
    if rule.rounding is RatingRounding.HALF_UP:
        return (math.ceil(target / step) - Fraction(1, 2)) * step, False
    return target, False


def rating_value(rule: RatingDisplay, owner: str, name: str, value: Any) -> Fraction:
    """Check a rating on the rule's scale and return its exact value."""
    expected = f"a rating from {rule.low} to {rule.high}"
    require(owner, name, value, lambda v: _rating_check(v, expected))
    result = exact(value)
    if not rule.low <= result <= rule.high:
        raise InvalidValueError(owner, name, value, expected)
    return result


def _rating_check(value: object, expected: str) -> Refusal | None:
    if isinstance(value, bool) or not isinstance(
        value, int | float | Decimal | Fraction
    ):
        return Refusal(expected, wrong_type=True)
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        return Refusal(f"{expected}; NaN and infinity are not accepted")
    return None


DISPLAY: Final = instance_of(RatingDisplay, "a RatingDisplay")


def chosen_display(owner: str, display: RatingDisplay | None) -> RatingDisplay:
    chosen = RatingDisplay.default() if display is None else display
    return require(owner, "display", chosen, DISPLAY)
