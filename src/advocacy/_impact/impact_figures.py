"""The three comparisons of reference impact, and the formulas behind them.

`WinRates`, `SalesCycles` (of two `CycleStats`) and `DealSizes` each keep
their figures and say, in `insufficient`, why they are too thin to quote
when a group falls below the policy's minimum samples. The formulas
(`rate`, `difference`, `relative_lift`, `reduction`, `uplift`) are written
once, here: `reference_impact` computes with them and each comparison checks
its figures against them. Rates and intervals are floats; mean and median
amounts are exact `Money` and their uplift, a ratio of money, a `Decimal`.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import attrs

from advocacy._internal.checks import FRACTION, integer, number, optional, text
from advocacy._internal.stats import Interval
from advocacy._internal.text import headline_repr
from advocacy._internal.validation import agree, at_most, check_fields, checked
from advocacy._model.money import Money, money_text, one_currency
from advocacy.exceptions import InvalidValueError

__all__ = [
    "CycleStats",
    "DealSizes",
    "SalesCycles",
    "WinRates",
    "difference",
    "points_text",
    "rate",
    "reduction",
    "relative_lift",
    "uplift",
]


_COUNT: Final = checked(integer(0))
_RATE: Final = checked(optional(FRACTION))
_NOTE: Final = checked(optional(text))
_DAYS: Final = checked(optional(number(0)))


def _interval(
    owner: str,
    name: str,
    interval: Interval | None,
    point: float | None,
    *,
    floor: float | None = None,
    ceiling: float | None = None,
) -> None:
    """Refuse an interval that is reversed, misses its point or leaves its range."""
    if interval is None:
        return
    low, high = interval
    if (
        low > high
        or (point is not None and not low <= point <= high)
        or (floor is not None and low < floor)
        or (ceiling is not None and high > ceiling)
    ):
        words = ["a (low, high) pair with low <= high"]
        if point is not None:
            words.append(f"containing {point!r}")
        if floor is not None:
            words.append(f"low at least {floor:g}")
        if ceiling is not None:
            words.append(f"high at most {ceiling:g}")
        raise InvalidValueError(owner, name, interval, ", ".join(words))


# --- the formulas, once: `reference_impact` computes with them, and each
# result checks its figures against them.


def rate(won: int, closed: int) -> float | None:
    """Won / closed, or `None` with nothing closed."""
    return won / closed if closed else None


def difference(with_: float | None, without: float | None) -> float | None:
    """With - without, or `None` without both."""
    return with_ - without if with_ is not None and without is not None else None


def relative_lift(with_: float | None, without: float | None) -> float | None:
    """With / without - 1, or `None` without both or with `without` at 0."""
    return with_ / without - 1 if with_ is not None and without else None


def reduction(with_: float | None, without: float | None) -> float | None:
    """1 - with / without, or `None` without both or with `without` at 0."""
    return 1 - with_ / without if with_ is not None and without else None


def uplift(with_: Money | None, without: Money | None) -> Decimal | None:
    """With / without - 1, exact; `None` unless both, without above 0."""
    if with_ is None or without is None or without.amount <= 0:
        return None
    return with_.ratio(without) - 1


def _percent(value: float) -> str:
    return f"{value:.1%}"


def points_text(value: float) -> str:
    """A difference of two rates in percentage points: `+12.5`."""
    return f"{value * 100:+.1f}"


@headline_repr
@attrs.frozen(repr=False)
class WinRates:
    """Win rates of closed deals with and without a reference.

    Every count is 0 or more and each rate is its formula of the counts,
    exactly as computed from them.

    Attributes:
        with_won: Won deals with a reference (at most `with_closed`).
        with_closed: Closed deals with a reference.
        without_won: Won deals without one (at most `without_closed`).
        without_closed: Closed deals without one.
        with_rate: with_won / with_closed, 0 to 1 (`None` if none closed).
        without_rate: without_won / without_closed, 0 to 1 (`None` if none
            closed).
        difference: with_rate - without_rate, the lift in rate points
            (`None` unless both rates are known).
        interval: Newcombe's 95% interval for the difference, within -1 to 1
            and containing it (`None` unless both rates are known).
        relative_lift: with_rate / without_rate - 1 (`None` if the rate
            without is 0 or unknown).
        insufficient: Why the data is too thin to trust, or `None`.
    """

    with_won: int = attrs.field(metadata=_COUNT)
    with_closed: int = attrs.field(metadata=_COUNT)
    without_won: int = attrs.field(metadata=_COUNT)
    without_closed: int = attrs.field(metadata=_COUNT)
    with_rate: float | None = attrs.field(metadata=_RATE)
    without_rate: float | None = attrs.field(metadata=_RATE)
    difference: float | None
    interval: Interval | None
    relative_lift: float | None
    insufficient: str | None = attrs.field(metadata=_NOTE)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the rates are the counts' formulas."""
        check_fields(self)
        owner = "WinRates"
        at_most(owner, "with_won", self.with_won, "with_closed", self.with_closed)
        at_most(
            owner,
            "without_won",
            self.without_won,
            "without_closed",
            self.without_closed,
        )
        p1 = rate(self.with_won, self.with_closed)
        p2 = rate(self.without_won, self.without_closed)
        words = "won / closed, or None with none closed"
        agree(owner, "with_rate", self.with_rate, p1, words)
        agree(owner, "without_rate", self.without_rate, p2, words)
        both = p1 is not None and p2 is not None
        agree(
            owner,
            "difference",
            self.difference,
            difference(p1, p2),
            "with_rate - without_rate, or None without both",
        )
        agree(
            owner,
            "relative_lift",
            self.relative_lift,
            relative_lift(p1, p2),
            "with_rate / without_rate - 1, or None without a rate above 0 without",
        )
        if (self.interval is None) is both:
            raise InvalidValueError(
                owner,
                "interval",
                self.interval,
                "an interval exactly when both rates are known",
            )
        _interval(
            owner, "interval", self.interval, self.difference, floor=-1, ceiling=1
        )

    @property
    def sufficient(self) -> bool:
        """Whether both groups meet the policy's minimum samples."""
        return self.insufficient is None

    def explain(self) -> str:
        """One line; the counts always, the figures only if sufficient."""
        counts = (
            f"{self.with_won} of {self.with_closed} with vs {self.without_won} of "
            f"{self.without_closed} without"
        )
        if (
            self.insufficient is not None
            or self.with_rate is None
            or self.without_rate is None
            or self.difference is None
            or self.interval is None
        ):
            return f"win rate: insufficient data ({self.insufficient}); {counts}"
        low, high = self.interval
        lift = (
            ""
            if self.relative_lift is None
            else f", {self.relative_lift:+.0%} relative"
        )
        return (
            f"win rate: {_percent(self.with_rate)} with vs "
            f"{_percent(self.without_rate)} without ({counts}): "
            f"{points_text(self.difference)} points (95% CI {points_text(low)} to "
            f"{points_text(high)}){lift}"
        )


@attrs.frozen
class CycleStats:
    """Sales cycles of one group's won deals, in days.

    Attributes:
        deals: Won deals in the group.
        median_days: Median days from created to closed, 0 or more (`None`
            exactly when there are no deals).
        mean_days: Mean days, 0 or more (`None` exactly when there are no
            deals).
    """

    deals: int = attrs.field(metadata=_COUNT)
    median_days: float | None = attrs.field(metadata=_DAYS)
    mean_days: float | None = attrs.field(metadata=_DAYS)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the figures exist exactly with deals."""
        check_fields(self)
        for name in ("median_days", "mean_days"):
            if (getattr(self, name) is None) is bool(self.deals):
                raise InvalidValueError(
                    "CycleStats",
                    name,
                    getattr(self, name),
                    "a number of days with deals, None without",
                )


@headline_repr
@attrs.frozen(repr=False)
class SalesCycles:
    """How much faster won deals with a reference closed.

    Attributes:
        with_reference: Cycles of won deals with a reference.
        without_reference: Cycles of won deals without one.
        median_reduction: 1 - median with / median without (positive:
            faster with a reference; at most 1; `None` without both medians
            or with a zero median without).
        mean_reduction: 1 - mean with / mean without (likewise).
        mean_reduction_interval: Approximate 95% interval for the mean
            reduction, containing it, at most 1 (delta method; `None` with
            fewer than 2 deals in a group or a zero mean).
        insufficient: Why the data is too thin to trust, or `None`.
    """

    with_reference: CycleStats
    without_reference: CycleStats
    median_reduction: float | None
    mean_reduction: float | None
    mean_reduction_interval: Interval | None
    insufficient: str | None = attrs.field(metadata=_NOTE)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the reductions against the two groups."""
        check_fields(self)
        owner = "SalesCycles"
        a, b = self.with_reference, self.without_reference
        for name, mine, theirs in (
            ("median_reduction", a.median_days, b.median_days),
            ("mean_reduction", a.mean_days, b.mean_days),
        ):
            agree(
                owner,
                name,
                getattr(self, name),
                reduction(mine, theirs),
                "1 - with / without, or None without both or with 0 days without",
            )
        interval = self.mean_reduction_interval
        if interval is not None and (
            self.mean_reduction is None or min(a.deals, b.deals) < 2
        ):
            raise InvalidValueError(
                owner,
                "mean_reduction_interval",
                interval,
                "None with fewer than 2 deals in a group or a zero mean",
            )
        _interval(
            owner, "mean_reduction_interval", interval, self.mean_reduction, ceiling=1
        )

    @property
    def sufficient(self) -> bool:
        """Whether both groups meet the policy's minimum samples."""
        return self.insufficient is None

    def explain(self) -> str:
        """One line; the counts always, the figures only if sufficient."""
        a, b = self.with_reference, self.without_reference
        if (
            self.insufficient is not None
            or a.median_days is None
            or b.median_days is None
            or self.median_reduction is None
        ):
            return (
                f"sales cycle: insufficient data ({self.insufficient}); "
                f"{a.deals} won with vs {b.deals} without"
            )
        line = (
            f"sales cycle: median {a.median_days:g} days with vs "
            f"{b.median_days:g} without ({a.deals} vs {b.deals} won): "
            f"{_change(self.median_reduction, 'shorter', 'longer')}"
        )
        if self.mean_reduction is not None and self.mean_reduction_interval:
            low, high = self.mean_reduction_interval
            line += (
                f"; mean {a.mean_days:.1f} vs {b.mean_days:.1f} days: "
                f"{_change(self.mean_reduction, 'shorter', 'longer')} "
                f"(95% CI {low:.0%} to {high:.0%})"
            )
        return line


def _change(value: float | Decimal, up: str, down: str) -> str:
    word = up if value >= 0 else down
    return f"{abs(value):.1%} {word}"


@headline_repr
@attrs.frozen(repr=False)
class DealSizes:
    """How much larger won deals with a reference were.

    Every amount is in one currency; the uplifts are exact formulas of the
    amounts.

    Attributes:
        with_deals: Won deals with a reference.
        without_deals: Won deals without one.
        with_mean: Their mean amount (exact to 28 digits; `None` exactly
            when there are none).
        without_mean: Mean amount of won deals without a reference.
        with_median: Median amount of won deals with a reference.
        without_median: Median amount without.
        mean_uplift: with_mean / without_mean - 1, a `Decimal` (`None`
            without both means or with a mean without of 0 or less).
        median_uplift: with_median / without_median - 1, likewise.
        mean_uplift_interval: Approximate 95% interval for the mean uplift
            (delta method; floats; low at least -1; `None` with fewer than 2
            deals in a group).
        insufficient: Why the data is too thin to trust, or `None`.
    """

    with_deals: int = attrs.field(metadata=_COUNT)
    without_deals: int = attrs.field(metadata=_COUNT)
    with_mean: Money | None
    without_mean: Money | None
    with_median: Money | None
    without_median: Money | None
    mean_uplift: Decimal | None
    median_uplift: Decimal | None
    mean_uplift_interval: Interval | None
    insufficient: str | None = attrs.field(metadata=_NOTE)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the figures against the two groups."""
        check_fields(self)
        owner = "DealSizes"
        one_currency(
            owner,
            [self.with_mean, self.without_mean, self.with_median, self.without_median],
        )
        for name, deals in (
            ("with_mean", self.with_deals),
            ("with_median", self.with_deals),
            ("without_mean", self.without_deals),
            ("without_median", self.without_deals),
        ):
            if (getattr(self, name) is None) is bool(deals):
                raise InvalidValueError(
                    owner,
                    name,
                    getattr(self, name),
                    "an amount with deals, None without",
                )
        for name, mine, theirs in (
            ("mean_uplift", self.with_mean, self.without_mean),
            ("median_uplift", self.with_median, self.without_median),
        ):
            agree(
                owner,
                name,
                getattr(self, name),
                uplift(mine, theirs),
                "with / without - 1, or None without both or with 0 or less without",
            )
        interval = self.mean_uplift_interval
        if interval is not None and min(self.with_deals, self.without_deals) < 2:
            raise InvalidValueError(
                owner,
                "mean_uplift_interval",
                interval,
                "None with fewer than 2 deals in a group",
            )
        # The interval is from the amounts as floats and the uplift is exact,
        # so the interval need not contain it to the last digit.
        _interval(owner, "mean_uplift_interval", interval, None, floor=-1)

    @property
    def sufficient(self) -> bool:
        """Whether both groups meet the policy's minimum samples."""
        return self.insufficient is None

    def explain(self) -> str:
        """One line; the counts always, the figures only if sufficient."""
        if (
            self.insufficient is not None
            or self.with_mean is None
            or self.without_mean is None
            or self.mean_uplift is None
        ):
            return (
                f"deal size: insufficient data ({self.insufficient}); "
                f"{self.with_deals} won with vs {self.without_deals} without"
            )
        line = (
            f"deal size: mean {money_text(self.with_mean)} with vs "
            f"{money_text(self.without_mean)} without ({self.with_deals} vs "
            f"{self.without_deals} won): "
            f"{_change(self.mean_uplift, 'larger', 'smaller')}"
        )
        if self.mean_uplift_interval is not None:
            low, high = self.mean_uplift_interval
            line += f" (95% CI {low:+.0%} to {high:+.0%})"
        return line
