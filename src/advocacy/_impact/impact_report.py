"""What `reference_impact` returns: three comparisons, each flagged.

Each comparison keeps its figures and says, in `insufficient`, why they are
too thin to quote when a group falls below the policy's minimum samples;
`explain()` then prints the counts instead of the figures. Rates and
intervals are floats; mean and median amounts are exact `Money` and their
uplift, a ratio of money, is a `Decimal`.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from advocacy._impact.impact_policy import ImpactPolicy
from advocacy._internal.stats import Interval
from advocacy._internal.validation import check_fields
from advocacy._model.enums import ActivityType, DealKind
from advocacy._model.money import Money, money_text

__all__ = ["CycleStats", "DealSizes", "ReferenceImpact", "SalesCycles", "WinRates"]


def _percent(value: float) -> str:
    return f"{value:.1%}"


def _points(value: float) -> str:
    return f"{value * 100:+.1f}"


@attrs.frozen
class WinRates:
    """Win rates of closed deals with and without a reference.

    Attributes:
        with_won: Won deals with a reference.
        with_closed: Closed deals with a reference.
        without_won: Won deals without one.
        without_closed: Closed deals without one.
        with_rate: with_won / with_closed (`None` if none closed).
        without_rate: without_won / without_closed (`None` if none closed).
        difference: with_rate - without_rate, the lift in rate points.
        interval: Newcombe's 95% interval for the difference.
        relative_lift: with_rate / without_rate - 1 (`None` if the rate
            without is 0 or unknown).
        insufficient: Why the data is too thin to trust, or `None`.
    """

    with_won: int
    with_closed: int
    without_won: int
    without_closed: int
    with_rate: float | None
    without_rate: float | None
    difference: float | None
    interval: Interval | None
    relative_lift: float | None
    insufficient: str | None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

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
            f"{_points(self.difference)} points (95% CI {_points(low)} to "
            f"{_points(high)}){lift}"
        )


@attrs.frozen
class CycleStats:
    """Sales cycles of one group's won deals, in days.

    Attributes:
        deals: Won deals in the group.
        median_days: Median days from created to closed (`None` if none).
        mean_days: Mean days (`None` if none).
    """

    deals: int
    median_days: float | None
    mean_days: float | None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


@attrs.frozen
class SalesCycles:
    """How much faster won deals with a reference closed.

    Attributes:
        with_reference: Cycles of won deals with a reference.
        without_reference: Cycles of won deals without one.
        median_reduction: 1 - median with / median without (positive:
            faster with a reference).
        mean_reduction: 1 - mean with / mean without.
        mean_reduction_interval: Approximate 95% interval for the mean
            reduction (delta method; `None` with fewer than 2 deals in a
            group or a zero mean).
        insufficient: Why the data is too thin to trust, or `None`.
    """

    with_reference: CycleStats
    without_reference: CycleStats
    median_reduction: float | None
    mean_reduction: float | None
    mean_reduction_interval: Interval | None
    insufficient: str | None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

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


@attrs.frozen
class DealSizes:
    """How much larger won deals with a reference were.

    Attributes:
        with_deals: Won deals with a reference.
        without_deals: Won deals without one.
        with_mean: Their mean amount (exact to 28 digits; `None` if none).
        without_mean: Mean amount of won deals without a reference.
        with_median: Median amount of won deals with a reference.
        without_median: Median amount without.
        mean_uplift: with_mean / without_mean - 1, a `Decimal`.
        median_uplift: with_median / without_median - 1, a `Decimal`.
        mean_uplift_interval: Approximate 95% interval for the mean uplift
            (delta method; floats).
        insufficient: Why the data is too thin to trust, or `None`.
    """

    with_deals: int
    without_deals: int
    with_mean: Money | None
    without_mean: Money | None
    with_median: Money | None
    without_median: Money | None
    mean_uplift: Decimal | None
    median_uplift: Decimal | None
    mean_uplift_interval: Interval | None
    insufficient: str | None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

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


@attrs.frozen(repr=False)
class ReferenceImpact:
    """Deals with a reference against deals without, each comparison flagged.

    Made by `reference_impact`. This is a comparison of the program's own
    deals, not an experiment: referenced deals may differ for other reasons
    (sales chose which deals to reference).

    Attributes:
        as_of: The date the records are seen from.
        window_days: The attribution window (`None`: any time up to the end).
        policy: Reference types, deal kinds and minimum samples.
        with_reference: Deals compared that a reference touched (any outcome).
        without_reference: Deals compared that no reference touched.
        win_rate: Win rates and the lift with its interval.
        sales_cycle: Sales cycles of won deals.
        deal_size: Amounts of won deals.
    """

    as_of: pendulum.Date
    window_days: int | None
    policy: ImpactPolicy
    with_reference: int
    without_reference: int
    win_rate: WinRates
    sales_cycle: SalesCycles
    deal_size: DealSizes

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    def explain(self) -> str:
        """A heading, then one line per comparison."""
        kinds = " and ".join(
            k.value.replace("_", " ") for k in DealKind if k in self.policy.deal_kinds
        )
        types = " or ".join(
            t.value.replace("_", " ")
            for t in ActivityType
            if t in self.policy.reference_types
        )
        return "\n".join(
            [
                (
                    f"reference impact as of {self.as_of}: {self.with_reference} "
                    f"{kinds} deals with a {types}, {self.without_reference} without"
                ),
                f"  {self.win_rate.explain()}",
                f"  {self.sales_cycle.explain()}",
                f"  {self.deal_size.explain()}",
            ]
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per comparison, ready for `pandas.DataFrame`.

        `change` is the lift in rate points (win rate), the reduction (cycle)
        or the uplift (size); `low` and `high` bound it at 95% where an
        interval exists.
        """
        w, c, s = self.win_rate, self.sales_cycle, self.deal_size
        rows: list[tuple[str, Any, Any, Any, Interval | None, int, int, str | None]] = [
            (
                "win_rate",
                w.with_rate,
                w.without_rate,
                w.difference,
                w.interval,
                w.with_closed,
                w.without_closed,
                w.insufficient,
            ),
            (
                "median_sales_cycle_days",
                c.with_reference.median_days,
                c.without_reference.median_days,
                c.median_reduction,
                None,
                c.with_reference.deals,
                c.without_reference.deals,
                c.insufficient,
            ),
            (
                "mean_sales_cycle_days",
                c.with_reference.mean_days,
                c.without_reference.mean_days,
                c.mean_reduction,
                c.mean_reduction_interval,
                c.with_reference.deals,
                c.without_reference.deals,
                c.insufficient,
            ),
            (
                "mean_deal_size",
                None if s.with_mean is None else s.with_mean.amount,
                None if s.without_mean is None else s.without_mean.amount,
                s.mean_uplift,
                s.mean_uplift_interval,
                s.with_deals,
                s.without_deals,
                s.insufficient,
            ),
            (
                "median_deal_size",
                None if s.with_median is None else s.with_median.amount,
                None if s.without_median is None else s.without_median.amount,
                s.median_uplift,
                None,
                s.with_deals,
                s.without_deals,
                s.insufficient,
            ),
        ]
        return [
            {
                "measure": measure,
                "with_reference": a,
                "without_reference": b,
                "change": change,
                "low": None if interval is None else interval[0],
                "high": None if interval is None else interval[1],
                "n_with": n_with,
                "n_without": n_without,
                "sufficient": note is None,
                "insufficient": note,
            }
            for measure, a, b, change, interval, n_with, n_without, note in rows
        ]

    def __repr__(self) -> str:
        """`ReferenceImpact(35 with, 242 without; win rate +7.5 points, ...)`."""
        w = self.win_rate
        rate = (
            "win rate: insufficient data"
            if w.difference is None or not w.sufficient
            else f"win rate {_points(w.difference)} points"
        )
        return (
            f"ReferenceImpact({self.with_reference} with, "
            f"{self.without_reference} without; {rate})"
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in ("comparison", "result"))
        rows = "".join(
            f"<tr><td>{name}</td><td>{html.escape(part.explain())}</td></tr>"
            for name, part in (
                ("win rate", self.win_rate),
                ("sales cycle", self.sales_cycle),
                ("deal size", self.deal_size),
            )
        )
        return f"<table><tr>{head}</tr>{rows}</table>"
