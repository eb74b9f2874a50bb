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
from typing import Any

import attrs
import pendulum

from advocacy._impact.impact_policy import ImpactPolicy
from advocacy._internal.checks import integer, optional
from advocacy._internal.stats import Interval
from advocacy._internal.validation import agree, at_most, check_fields, checked
from advocacy._model.enums import ActivityType, DealKind
from advocacy.exceptions import InvalidValueError

__all__ = ["ReferenceImpact"]
from advocacy._impact.impact_figures import (
    DealSizes,
    SalesCycles,
    WinRates,
    points_text,
)


@attrs.frozen(repr=False)
class ReferenceImpact:
    """Deals with a reference against deals without, each comparison flagged.

    Made by `reference_impact`. This is a comparison of the program's own
    deals, not an experiment: referenced deals may differ for other reasons
    (sales chose which deals to reference).

    The comparisons count the same deals: closed deals are among those
    compared, won deals are the closed ones won, and each comparison is
    flagged insufficient exactly when the policy's minimum samples are not
    met.

    Attributes:
        as_of: The date the records are seen from.
        window_days: The attribution window (0 or more; `None`: any time up
            to the end).
        policy: Reference types, deal kinds and minimum samples.
        with_reference: Deals compared that a reference touched (any outcome).
        without_reference: Deals compared that no reference touched.
        win_rate: Win rates and the lift with its interval.
        sales_cycle: Sales cycles of won deals.
        deal_size: Amounts of won deals.
    """

    as_of: pendulum.Date
    window_days: int | None = attrs.field(metadata=checked(optional(integer(0))))
    policy: ImpactPolicy
    with_reference: int = attrs.field(metadata=checked(integer(0)))
    without_reference: int = attrs.field(metadata=checked(integer(0)))
    win_rate: WinRates
    sales_cycle: SalesCycles
    deal_size: DealSizes

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the comparisons count the same deals."""
        check_fields(self)
        owner = "ReferenceImpact"
        w, c, s = self.win_rate, self.sales_cycle, self.deal_size
        at_most(
            owner,
            "win_rate.with_closed",
            w.with_closed,
            "with_reference",
            self.with_reference,
        )
        at_most(
            owner,
            "win_rate.without_closed",
            w.without_closed,
            "without_reference",
            self.without_reference,
        )
        for name, deals, won in (
            ("sales_cycle.with_reference.deals", c.with_reference.deals, w.with_won),
            (
                "sales_cycle.without_reference.deals",
                c.without_reference.deals,
                w.without_won,
            ),
            ("deal_size.with_deals", s.with_deals, w.with_won),
            ("deal_size.without_deals", s.without_deals, w.without_won),
        ):
            agree(owner, name, deals, won, "the won deals of the win rate")
        rules = self.policy

        def enough(won: int, closed: int) -> bool:
            return closed >= rules.min_closed and (
                min(won, closed - won) >= rules.min_each_outcome
            )

        sufficient = (
            (
                "win_rate",
                w.sufficient,
                enough(w.with_won, w.with_closed)
                and enough(w.without_won, w.without_closed),
            ),
            (
                "sales_cycle",
                c.sufficient,
                min(w.with_won, w.without_won) >= rules.min_won,
            ),
            (
                "deal_size",
                s.sufficient,
                min(w.with_won, w.without_won) >= rules.min_won,
            ),
        )
        for name, flagged, expected in sufficient:
            if flagged is not expected:
                raise InvalidValueError(
                    owner,
                    f"{name}.insufficient",
                    getattr(self, name).insufficient,
                    "None exactly when the policy's minimum samples are met "
                    f"({'met' if expected else 'not met'} here)",
                )

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
            else f"win rate {points_text(w.difference)} points"
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
