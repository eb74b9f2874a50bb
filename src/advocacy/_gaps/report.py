"""What gap analysis returns: explained rows per segment, and their roll-ups."""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from advocacy._gaps.plan import DemandPlan, Segment, SegmentDimension
from advocacy._internal.checks import Check, Refusal, distinct_items, integer, text
from advocacy._internal.convert import member
from advocacy._internal.validation import check_fields, checked
from advocacy._model.money import OPTIONAL_AMOUNT, Money, one_currency
from advocacy._scoring.score import Score
from advocacy.exceptions import InvalidValueError

__all__ = ["GapReport", "GapRow", "RecruitCandidate", "cents", "exact", "key_order"]


@attrs.frozen
class RecruitCandidate:
    """A qualified advocate in a segment, not yet an approved reference.

    Attributes:
        advocate_id: The advocate (a non-empty id).
        account_id: Their account (a non-empty id).
        score: Their score, with its breakdown.
    """

    advocate_id: str = attrs.field(metadata=checked(text))
    account_id: str = attrs.field(metadata=checked(text))
    score: Score

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


_COUNT: Final = checked(integer(0))


def _capacity_check(value: object) -> Refusal | None:
    if not isinstance(value, Fraction):
        return Refusal("a Fraction of 0 or more", wrong_type=True)
    return None if value >= 0 else Refusal("a Fraction of 0 or more")


@attrs.frozen
class GapRow:
    """One segment's supply, demand, capacity and gap, with the working.

    The figures are counts of 0 or more that agree as the gap formulas make
    them. A row summing several segments (`GapReport.totals`, `roll_up`)
    keeps each segment's rounding, so its gap and recruits are bounded by
    its other figures rather than equal to their formula.

    Attributes:
        segment: The segment.
        customers: Customers in it (per product owned, under a product cut).
        approved: Approved references in it (none without customers).
        goal: The revenue goal spread to it, to the cent, 0 or more (`None`:
            no plan line).
        deals: Deals needed, its share of its plan line's.
        opportunities: Opportunities to support, likewise.
        marketing: Marketing's asks, its share.
        requests: Reference requests expected: its share of its plan line's,
            plus marketing's (so at least `marketing`).
        capacity: What its approved references can take in the period (exact,
            0 or more; 0 without approved references).
        shortfall: Approved references missing to reach the redundancy
            minimum, when the segment has demand (0 without requests).
        gap: Requests beyond capacity, rounded up; never below 0 (and at
            most `requests`).
        recruits: Recruits needed for the gap, and at least the shortfall
            (at least 1 with a gap, at most gap + shortfall).
        candidates: The best recruitment candidates, best score first.
        working: How each figure was reached, one line each.
    """

    segment: Segment
    customers: int = attrs.field(metadata=_COUNT)
    approved: int = attrs.field(metadata=_COUNT)
    goal: Money | None = attrs.field(metadata=checked(OPTIONAL_AMOUNT))
    deals: int = attrs.field(metadata=_COUNT)
    opportunities: int = attrs.field(metadata=_COUNT)
    marketing: int = attrs.field(metadata=_COUNT)
    requests: int = attrs.field(metadata=_COUNT)
    capacity: Fraction = attrs.field(metadata=checked(Check(_capacity_check)))
    shortfall: int = attrs.field(metadata=_COUNT)
    gap: int = attrs.field(metadata=_COUNT)
    recruits: int = attrs.field(metadata=_COUNT)
    candidates: tuple[RecruitCandidate, ...]
    working: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that supply, gap and recruits agree."""
        check_fields(self)
        self._check_supply()
        self._check_gap()
        if self.requests < self.marketing:
            raise InvalidValueError(
                "GapRow",
                "requests",
                self.requests,
                f"at least marketing's asks ({self.marketing})",
            )
        for index, (better, worse) in enumerate(
            itertools.pairwise(self.candidates), start=1
        ):
            if worse.score.total > better.score.total:
                raise InvalidValueError(
                    "GapRow",
                    f"candidates[{index}]",
                    f"{worse.advocate_id} scoring {worse.score.total}",
                    f"candidates best score first: at most {better.score.total} "
                    f"({better.advocate_id})",
                )

    def _check_supply(self) -> None:
        """Approved references are customers' advocates; capacity is theirs."""
        if self.approved and not self.customers:
            raise InvalidValueError(
                "GapRow", "approved", self.approved, "0 in a segment without customers"
            )
        if self.capacity and not self.approved:
            raise InvalidValueError(
                "GapRow",
                "capacity",
                self.capacity,
                "0 in a segment without approved references",
            )

    def _check_gap(self) -> None:
        """The gap, shortfall and recruits as the formulas bound them.

        A summed row's gap is the sum of its segments' rounded gaps, so it
        may exceed its own requests - capacity rounded up (10 requests
        against no capacity plus none against 10: gap 10, not 0); the bounds
        hold for sums, equality only for one segment.
        """
        least = max(math.ceil(self.requests - self.capacity), 0)
        if not least <= self.gap <= self.requests:
            raise InvalidValueError(
                "GapRow",
                "gap",
                self.gap,
                f"an integer from {least} (requests - capacity, rounded up, "
                f"never below 0) to {self.requests} (requests)",
            )
        if self.shortfall and not self.requests:
            raise InvalidValueError(
                "GapRow", "shortfall", self.shortfall, "0 in a segment without requests"
            )
        low = max(self.shortfall, 1 if self.gap else 0)
        high = self.gap + self.shortfall
        if not low <= self.recruits <= high:
            raise InvalidValueError(
                "GapRow",
                "recruits",
                self.recruits,
                f"an integer from {low} to {high}: at least the shortfall "
                f"({self.shortfall}) and 1 with a gap, at most gap + shortfall",
            )

    @property
    def coverage(self) -> float | None:
        """Approved references per customer; `None` without customers."""
        return self.approved / self.customers if self.customers else None

    def record(self) -> dict[str, Any]:
        """The row as a plain dict."""
        return {
            **{d.value: self.segment.value(d) for d in SegmentDimension},
            "customers": self.customers,
            "approved": self.approved,
            "coverage": self.coverage,
            "goal": None if self.goal is None else str(self.goal.amount),
            "currency": None if self.goal is None else self.goal.currency,
            "deals": self.deals,
            "opportunities": self.opportunities,
            "marketing": self.marketing,
            "requests": self.requests,
            "capacity": float(self.capacity),
            "shortfall": self.shortfall,
            "gap": self.gap,
            "recruits": self.recruits,
            "candidates": [c.advocate_id for c in self.candidates],
        }


def cents(amount: Fraction, currency: str) -> Money:
    """An exact amount shown to the cent (half up)."""
    cents = math.floor(amount * 100 + Fraction(1, 2))
    return Money(f"{cents // 100}.{cents % 100:02d}", currency)


def exact(value: float) -> Fraction:
    """A float rate as written (0.25 is exactly a quarter)."""
    return Fraction(repr(value))


@attrs.frozen(repr=False)
class GapReport:
    """The gap analysis: one row per segment, totals that are their sums.

    Attributes:
        as_of: The date of the analysis.
        plan: The demand plan.
        dimensions: The dimensions the rows are cut by (distinct).
        rows: One row per segment, in segment order: each segment once, cut
            by the report's dimensions only, every goal in the plan's
            currency, and recruits enough for the gap at `per_recruit` each.
        per_recruit: What one new recruit can take in the period (at least
            1).
        redundancy: The fewest approved references a segment with demand
            needs (0 or more).
        demand: How each plan line's and marketing ask's demand was worked out.
    """

    as_of: pendulum.Date
    plan: DemandPlan
    dimensions: tuple[SegmentDimension, ...] = attrs.field(
        metadata=checked(
            distinct_items(
                SegmentDimension,
                "a tuple of distinct SegmentDimension values",
                key=lambda d: d,
            )
        )
    )
    rows: tuple[GapRow, ...]
    per_recruit: int = attrs.field(metadata=checked(integer(1)))
    redundancy: int = attrs.field(metadata=_COUNT)
    demand: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the rows fit the report."""
        check_fields(self)
        owner = "GapReport"
        one_currency(
            f"{owner}.rows",
            [line.goal for line in self.plan.lines] + [row.goal for row in self.rows],
        )
        seen: set[Segment] = set()
        for index, row in enumerate(self.rows):
            where = f"rows[{index}]"
            if row.segment in seen:
                raise InvalidValueError(
                    owner, where, str(row.segment), "a segment not in an earlier row"
                )
            seen.add(row.segment)
            extra = [d.value for d in row.segment.named if d not in self.dimensions]
            if extra:
                raise InvalidValueError(
                    owner,
                    where,
                    str(row.segment),
                    f"a segment cut only by the report's dimensions "
                    f"{[d.value for d in self.dimensions]}, not by {extra}",
                )
            needed = math.ceil(Fraction(row.gap, self.per_recruit))
            if row.recruits < needed:
                raise InvalidValueError(
                    owner,
                    f"{where}.recruits",
                    row.recruits,
                    f"at least gap / per_recruit, rounded up ({row.gap} / "
                    f"{self.per_recruit} -> {needed})",
                )

    @property
    def totals(self) -> GapRow:
        """Every row summed (rounding stays per row)."""
        return _sum_rows(Segment(), self.rows, len(self.rows))

    def roll_up(self, *dimensions: SegmentDimension | str) -> GapReport:
        """The same report cut by fewer dimensions: each row sums its parts.

        With no dimensions, one row: the totals.

        Raises:
            InvalidValueError: A dimension is not one of the report's.
        """
        kept = []
        for given in dimensions:
            dimension = member(SegmentDimension, given)
            if not isinstance(dimension, SegmentDimension) or (
                dimension not in self.dimensions
            ):
                raise InvalidValueError(
                    "GapReport.roll_up",
                    "dimensions",
                    given,
                    f"the report's dimensions: {[d.value for d in self.dimensions]}",
                )
            kept.append(dimension)
        groups: dict[tuple[str | None, ...], list[GapRow]] = {}
        for row in self.rows:
            groups.setdefault(tuple(row.segment.value(d) for d in kept), []).append(row)
        limit = max((len(r.candidates) for r in self.rows), default=0)
        rows = tuple(
            _sum_rows(
                Segment(**{d.value: v for d, v in zip(kept, key, strict=True)}),
                part,
                limit,
            )
            for key, part in sorted(groups.items(), key=lambda item: key_order(item[0]))
        )
        return attrs.evolve(
            self, dimensions=tuple(d for d in SegmentDimension if d in kept), rows=rows
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per row, ready for `pandas.DataFrame`."""
        return [row.record() for row in self.rows]

    def explain(self) -> str:
        """Totals, then every row with a gap or a shortfall, with its working."""
        total = self.totals
        head = (
            f"{total.requests} requests expected against capacity "
            f"{float(total.capacity):.1f}: gap {total.gap}, {total.recruits} recruits "
            f"needed across {len(self.rows)} segments"
        )
        lines = [head, *(f"  {line}" for line in self.demand)]
        for row in self.rows:
            if row.gap or row.shortfall:
                lines.append(f"{row.segment}: gap {row.gap}, recruits {row.recruits}")
                lines += [f"  {line}" for line in row.working]
        return "\n".join(lines)

    def __repr__(self) -> str:
        """`GapReport(96 segments: 312 requests, gap 192, 64 recruits)`."""
        total = self.totals
        return (
            f"GapReport({len(self.rows)} segments: {total.requests} requests, "
            f"gap {total.gap}, {total.recruits} recruits)"
        )

    def _repr_html_(self) -> str:
        head = [d.value for d in self.dimensions] + [
            "customers",
            "approved",
            "requests",
            "capacity",
            "gap",
            "recruits",
        ]
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (
                    *(r.segment.value(d) for d in self.dimensions),
                    r.customers,
                    r.approved,
                    r.requests,
                    f"{float(r.capacity):.1f}",
                    r.gap,
                    r.recruits,
                )
            )
            + "</tr>"
            for r in self.rows
        )
        titles = "".join(f"<th>{h}</th>" for h in head)
        return f"<table><tr>{titles}</tr>{rows}</table>"


def key_order(key: tuple[str | None, ...]) -> tuple[tuple[bool, str], ...]:
    return tuple((v is None, v or "") for v in key)


def _sum_rows(segment: Segment, rows: Sequence[GapRow], limit: int) -> GapRow:
    goals = [r.goal for r in rows if r.goal is not None]
    candidates = sorted(
        {c.advocate_id: c for r in rows for c in r.candidates}.values(),
        key=lambda c: (-c.score.total, c.advocate_id),
    )
    return GapRow(
        segment=segment,
        customers=sum(r.customers for r in rows),
        approved=sum(r.approved for r in rows),
        goal=Money.total(goals, currency=goals[0].currency) if goals else None,
        deals=sum(r.deals for r in rows),
        opportunities=sum(r.opportunities for r in rows),
        marketing=sum(r.marketing for r in rows),
        requests=sum(r.requests for r in rows),
        capacity=sum((r.capacity for r in rows), Fraction(0)),
        shortfall=sum(r.shortfall for r in rows),
        gap=sum(r.gap for r in rows),
        recruits=sum(r.recruits for r in rows),
        candidates=tuple(candidates[:limit]),
        working=(f"the sum of {len(rows)} segments",),
    )
