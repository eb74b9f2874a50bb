"""Load fairness: is the program carried by a few customers?

The burnout pattern programs complain of most is concentration: the same
few happy customers take most of the calls until they stop answering. Two
standard measures of it, over the activities of everyone in the pool in a
period (default: the 12 months up to `as_of`; nothing after `as_of` counts):

- top share: the share of all activities done by the busiest 20% of
  advocates (the top ceil(0.2 x n));
- the Gini coefficient of activities per advocate, advocates with none
  included: 0 when everyone carries the same load, approaching 1 when one
  advocate carries it all (it is (n - 1) / n then, so always below 1):

      G = 2 x sum(i x load_i) / (n x total) - (n + 1) / n,

  with loads sorted ascending and i from 1 to n.

Both are computed exactly (fractions of whole counts), so scaling every
count leaves them unchanged and equal loads give exactly 0. The report is
flagged when either passes its policy threshold.

Keep this in step with docs/explanation/fairness.md.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.calendar import PERIOD, Period
from advocacy._internal.checks import FRACTION, instance_of, number, optional, repeated
from advocacy._internal.convert import to_float
from advocacy._internal.stats import gini
from advocacy._internal.text import percent_text
from advocacy._internal.validation import (
    as_date,
    check_fields,
    checked,
    require,
    require_each,
)
from advocacy._model.checks import ACTIVITY, ADVOCATE
from advocacy._model.customers import Advocate
from advocacy._model.records import Activity
from advocacy.exceptions import InvalidValueError

__all__ = ["FairnessPolicy", "LoadFairness", "load_fairness"]


@attrs.frozen
class FairnessPolicy:
    """When a program counts as carried by a few, as data.

    Defaults (the library's, not industry figures): look at the busiest 20%
    of advocates; flag when they do more than 60% of the activities, or when
    the Gini coefficient is above 0.5.

    Attributes:
        top: The share of advocates counted as the busiest (0-1, above 0).
        top_share_above: Flag when the busiest do more than this share.
        gini_above: Flag when the Gini coefficient is above this.
    """

    top: float = attrs.field(
        converter=to_float, default=0.2, metadata=checked(number(0, 1, above=0))
    )
    top_share_above: float = attrs.field(
        converter=to_float, default=0.6, metadata=checked(FRACTION)
    )
    gini_above: float = attrs.field(
        converter=to_float, default=0.5, metadata=checked(FRACTION)
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def default(cls) -> FairnessPolicy:
        """Top 20%; flag above a 60% share or a Gini of 0.5."""
        return cls()


@attrs.frozen(repr=False)
class LoadFairness:
    """How evenly the pool shares the work, and whether a few carry it.

    Attributes:
        period: The days counted.
        loads: Advocate id to activities in the period (at least 0),
            everyone in the pool (at least one advocate).
        top_count: How many advocates count as the busiest:
            ceil(policy.top x advocates), so 1 to all of them.
        top_share: The busiest advocates' share of all activities, from
            top_count / advocates to 1; `None` when nobody did anything.
        gini: The Gini coefficient of the loads, from 0 to (n - 1) / n for
            n advocates (0 when nobody did anything).
        policy: The thresholds applied.
    """

    period: Period
    loads: dict[str, int]
    top_count: int
    top_share: float | None = attrs.field(metadata=checked(optional(FRACTION)))
    gini: float = attrs.field(metadata=checked(FRACTION))
    policy: FairnessPolicy

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the loads and the measures agree."""
        check_fields(self)
        owner = "LoadFairness"
        if not self.loads:
            raise InvalidValueError(owner, "loads", {}, "at least one advocate")
        for advocate, load in self.loads.items():
            if load < 0:
                raise InvalidValueError(
                    owner, f"loads[{advocate!r}]", load, "a count of at least 0"
                )
        n = len(self.loads)
        busiest = math.ceil(self.policy.top * n)
        if self.top_count != busiest:
            raise InvalidValueError(
                owner,
                "top_count",
                self.top_count,
                f"ceil(policy.top x advocates) = ceil({self.policy.top:g} x {n}) "
                f"= {busiest}",
            )
        # No tolerance: each measure and each bound (an int / int included)
        # is an exact fraction rounded once to the nearest float, and that
        # rounding is monotone, so it never carries a measure past a bound.
        idle = not self.total
        if idle != (self.top_share is None) or (
            self.top_share is not None and self.top_share < busiest / n
        ):
            raise InvalidValueError(
                owner,
                "top_share",
                self.top_share,
                "None when nobody did anything"
                if idle
                else f"a share from top_count / advocates ({busiest}/{n}) to 1",
            )
        if self.gini > (n - 1) / n or (idle and self.gini):
            raise InvalidValueError(
                owner,
                "gini",
                self.gini,
                "0 when nobody did anything"
                if idle
                else f"a coefficient from 0 to (n - 1) / n ({n - 1}/{n})",
            )

    @property
    def total(self) -> int:
        """Activities in the period by the pool."""
        return sum(self.loads.values())

    @property
    def active(self) -> int:
        """Advocates with at least one activity in the period."""
        return sum(1 for load in self.loads.values() if load)

    @property
    def ranked(self) -> tuple[tuple[str, int], ...]:
        """Every advocate and their load, most first (ties by id)."""
        return tuple(sorted(self.loads.items(), key=lambda item: (-item[1], item[0])))

    @property
    def busiest(self) -> tuple[tuple[str, int], ...]:
        """The `top_count` busiest advocates and their loads, most first."""
        return self.ranked[: self.top_count]

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the load counts as concentrated (empty: it does not)."""
        found = []
        if self.top_share is not None and self.top_share > self.policy.top_share_above:
            found.append(
                f"the busiest {self.top_count} of {len(self.loads)} advocates did "
                f"{self.top_share:.0%} of the activities (flag above "
                f"{self.policy.top_share_above:.0%})"
            )
        if self.gini > self.policy.gini_above:
            found.append(
                f"Gini {self.gini:.2f} (flag above {self.policy.gini_above:g})"
            )
        return tuple(found)

    @property
    def concentrated(self) -> bool:
        """Whether a few advocates carry the program."""
        return bool(self.reasons)

    def explain(self) -> str:
        """The measures, the flag and the five busiest advocates."""
        share = percent_text(self.top_share)
        head = (
            f"{self.total} activities by {self.active} of {len(self.loads)} advocates "
            f"({self.period}): busiest {self.top_count} did {share}, "
            f"Gini {self.gini:.2f}"
        )
        lines = [head]
        if self.reasons:
            lines += [f"  concentrated: {reason}" for reason in self.reasons]
        else:
            lines.append("  the load is shared")
        lines += [f"  {advocate}: {load}" for advocate, load in self.ranked[:5]]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per advocate, busiest first."""
        return [
            {"advocate_id": advocate, "activities": load, "rank": rank}
            for rank, (advocate, load) in enumerate(self.ranked, start=1)
        ]

    def __repr__(self) -> str:
        """`LoadFairness(410 activities, top 20% 83%, Gini 0.81, concentrated)`."""
        share = percent_text(self.top_share)
        state = "concentrated" if self.concentrated else "shared"
        return (
            f"LoadFairness({self.total} activities, top {self.policy.top:.0%} "
            f"{share}, Gini {self.gini:.2f}, {state})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(advocate)}</td><td>{load}</td></tr>"
            for advocate, load in self.busiest
        )
        return (
            f"<table><caption>{html.escape(repr(self))}</caption>"
            f"<tr><th>advocate</th><th>activities</th></tr>{rows}</table>"
        )


_POLICY: Final = instance_of(FairnessPolicy, "a FairnessPolicy")


def load_fairness(
    advocates: Iterable[Advocate],
    activities: Iterable[Activity],
    *,
    as_of: pendulum.Date,
    period: Period | None = None,
    policy: FairnessPolicy | None = None,
) -> LoadFairness:
    """How concentrated the work is across the pool, and whether to worry.

    Args:
        advocates: The pool (everyone counts, the idle included; those who
            opted out are left out).
        activities: Activity records; those of advocates outside the pool,
            outside the period or after `as_of` are ignored.
        as_of: The day of the report.
        period: The days counted; the 12 months ending on `as_of` if `None`.
        policy: The thresholds; `FairnessPolicy.default()` if `None`.

    Returns:
        Loads, the busiest advocates' share, the Gini coefficient and the flag.

    Raises:
        InvalidValueError: The pool is empty, or two advocates share an id.
        InvalidTypeError: An argument is of the wrong kind (named).
    """
    owner = "load_fairness"
    day = as_date(owner, "as_of", as_of)
    window = Period.trailing(day) if period is None else period
    require(owner, "period", window, PERIOD)
    applied = FairnessPolicy.default() if policy is None else policy
    require(owner, "policy", applied, _POLICY)
    pool = require_each(owner, "advocates", advocates, ADVOCATE)
    ids = [a.id for a in pool if not a.opted_out]
    if not ids:
        raise InvalidValueError(
            owner, "advocates", [], "at least one advocate who has not opted out"
        )
    if twice := repeated(ids):
        raise InvalidValueError(owner, "advocates", twice, "unique advocate ids")
    counted = Counter[str]()
    members = set(ids)
    for activity in require_each(owner, "activities", activities, ACTIVITY):
        if (
            activity.advocate_id in members
            and activity.date <= day
            and activity.date in window
        ):
            counted[activity.advocate_id] += 1
    loads = {advocate: counted[advocate] for advocate in sorted(ids)}
    top_count = math.ceil(applied.top * len(loads))
    total = sum(loads.values())
    busiest = sorted(loads.values(), reverse=True)[:top_count]
    return LoadFairness(
        period=window,
        loads=loads,
        top_count=top_count,
        top_share=float(Fraction(sum(busiest), total)) if total else None,
        gini=float(gini(loads.values())),
        policy=applied,
    )
