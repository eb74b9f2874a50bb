"""The demand plan behind gap analysis: segments, revenue goals, marketing asks.

A [`Segment`][advocacy.Segment] names a slice of the customer base by
product, industry, region and size band; a field left `None` means "any".
A [`DemandPlan`][advocacy.DemandPlan] says, for one period, what sales means
to close (revenue goal and average deal size per plan line, a win rate,
references per opportunity) and what marketing has planned (events,
speakers, analyst research) that will need references too.

Keep this in step with docs/explanation/gap-analysis.md.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs
import pendulum

from advocacy._internal.checks import (
    ANYTHING,
    Check,
    Refusal,
    any_text,
    date,
    instance_of,
    integer,
    member_of,
    number,
    optional,
    text,
)
from advocacy._internal.convert import (
    member,
    to_date,
    to_float,
    to_optional_float,
    to_tuple,
)
from advocacy._internal.validation import check_fields, checked, in_order, require_each
from advocacy._model.enums import ActivityType, SizeBand, to_activity_type
from advocacy._model.money import MONEY, Money, amount_check
from advocacy.exceptions import CurrencyMismatchError, InvalidValueError

__all__ = [
    "DEFAULT_DIMENSIONS",
    "DemandPlan",
    "MarketingAsk",
    "PlanLine",
    "Segment",
    "SegmentDimension",
    "segment_dimensions",
]


class SegmentDimension(enum.StrEnum):
    """The ways the customer base can be cut into segments."""

    PRODUCT = "product"
    """A product the customer owns (a customer is in one segment per product)."""

    INDUSTRY = "industry"
    """The customer's industry."""

    REGION = "region"
    """The customer's region."""

    SIZE = "size"
    """The customer's size band."""


DEFAULT_DIMENSIONS: Final = (
    SegmentDimension.PRODUCT,
    SegmentDimension.INDUSTRY,
    SegmentDimension.REGION,
)


def segment_dimensions(
    owner: str, dimensions: Iterable[SegmentDimension | str]
) -> tuple[SegmentDimension, ...]:
    """The dimensions chosen (members or their values), in `SegmentDimension` order.

    Raises:
        InvalidValueError: A dimension is unknown, repeated, or none is given
            (named as `owner.dimensions`).
        InvalidTypeError: `dimensions` is no collection of them.
    """
    given = require_each(owner, "dimensions", dimensions, ANYTHING)
    chosen = []
    for each in given:
        dimension = member(SegmentDimension, each)
        if not isinstance(dimension, SegmentDimension):
            raise InvalidValueError(
                owner,
                "dimensions",
                each,
                f"dimensions among {[d.value for d in SegmentDimension]}",
            )
        chosen.append(dimension)
    if not chosen or len(set(chosen)) != len(chosen):
        raise InvalidValueError(
            owner, "dimensions", given, "one or more distinct dimensions"
        )
    return tuple(d for d in SegmentDimension if d in chosen)


def _to_size(value: SizeBand | str | None) -> SizeBand | str | None:
    return None if value is None else member(SizeBand, value)


@attrs.frozen(order=True)
class Segment:
    """A slice of the customer base; a field left `None` means any value.

    Attributes:
        product: A product customers own.
        industry: Their industry.
        region: Their region.
        size: Their size band.
    """

    product: str | None = attrs.field(default=None, metadata=checked(optional(text)))
    industry: str | None = attrs.field(default=None, metadata=checked(optional(text)))
    region: str | None = attrs.field(default=None, metadata=checked(optional(text)))
    size: SizeBand | None = attrs.field(
        default=None,
        converter=_to_size,
        metadata=checked(optional(member_of(SizeBand))),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def named(self) -> tuple[SegmentDimension, ...]:
        """The dimensions this segment fixes, in `SegmentDimension` order."""
        return tuple(d for d in SegmentDimension if self.value(d) is not None)

    def value(self, dimension: SegmentDimension) -> str | None:
        """This segment's value of `dimension` (`None`: any)."""
        return getattr(self, dimension.value)  # type: ignore[no-any-return]

    def contains(self, other: Segment) -> bool:
        """Whether every value this segment fixes is the same in `other`."""
        return all(self.value(d) == other.value(d) for d in self.named)

    def __str__(self) -> str:
        """`Analytics / Retail / EMEA`, or `all customers`."""
        return " / ".join(str(self.value(d)) for d in self.named) or "all customers"


_SEGMENT: Final = instance_of(Segment, "a Segment")


@attrs.frozen
class PlanLine:
    """Revenue the plan means to close in a segment, and the deal size there.

    Attributes:
        segment: Where the revenue comes from (any part of a segment: a
            product alone is common).
        goal: The revenue goal for the period (0 or more).
        deal_size: The average deal size there (above 0, same currency).
    """

    segment: Segment = attrs.field(metadata=checked(_SEGMENT))
    goal: Money = attrs.field(metadata=checked(amount_check))
    deal_size: Money = attrs.field(metadata=checked(MONEY))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the amounts' signs and currencies."""
        check_fields(self)
        if self.goal.currency != self.deal_size.currency:
            raise CurrencyMismatchError(
                "PlanLine", (self.goal.currency, self.deal_size.currency)
            )
        if self.deal_size.amount <= 0:
            raise InvalidValueError(
                "PlanLine", "deal_size", self.deal_size, "an amount above 0"
            )


@attrs.frozen
class MarketingAsk:
    """Reference asks marketing has planned: an event, speakers, analyst research.

    Attributes:
        segment: Whom it needs references from (any part of a segment).
        count: How many references it needs.
        on: When, within the plan's period.
        description: What it is, e.g. `"Customer conference, day 2"`.
    """

    segment: Segment = attrs.field(metadata=checked(_SEGMENT))
    count: int = attrs.field(metadata=checked(integer(0)))
    on: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    description: str = attrs.field(default="", metadata=checked(any_text))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)


def _to_lines(
    value: Iterable[PlanLine],
) -> tuple[PlanLine, ...] | Iterable[PlanLine]:
    return to_tuple(value)


def _to_asks(
    value: Iterable[MarketingAsk],
) -> tuple[MarketingAsk, ...] | Iterable[MarketingAsk]:
    return to_tuple(value)


def _tuple_of(cls: type, words: str) -> Check:
    """Accept a tuple whose every item is a `cls`."""

    def check(value: object) -> Refusal | None:
        if isinstance(value, tuple) and all(isinstance(v, cls) for v in value):
            return None
        return Refusal(words, wrong_type=True)

    return Check(check)


@attrs.frozen
class DemandPlan:
    """What sales and marketing will ask of the reference pool in one period.

    Demand per segment: goal / deal size = deals needed (rounded up); / win
    rate = opportunities to support (rounded up); x references per
    opportunity, plus marketing's asks = reference requests expected.

    Attributes:
        start: The period's first day.
        end: The period's last day (on or after `start`).
        lines: Revenue goals; no two may cover the same segment.
        references_per_opportunity: Reference requests per opportunity
            supported (e.g. 1.5).
        win_rate: Share of opportunities won, in (0, 1]; `None` to plan
            references for the deals needed only.
        marketing: Marketing's planned asks in the period.
        activity: The activity the references are asked for (capacity is
            counted for it).
    """

    start: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    end: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    lines: tuple[PlanLine, ...] = attrs.field(
        converter=_to_lines,
        metadata=checked(_tuple_of(PlanLine, "a tuple of PlanLine")),
    )
    references_per_opportunity: float = attrs.field(
        converter=to_float, default=1.0, metadata=checked(number(0))
    )
    win_rate: float | None = attrs.field(
        converter=to_optional_float,
        default=None,
        metadata=checked(optional(number(0, 1, above=0, percent_hint=True))),
    )
    marketing: tuple[MarketingAsk, ...] = attrs.field(
        default=(),
        converter=_to_asks,
        metadata=checked(_tuple_of(MarketingAsk, "a tuple of MarketingAsk")),
    )
    activity: ActivityType = attrs.field(
        default=ActivityType.REFERENCE_CALL,
        converter=to_activity_type,
        metadata=checked(member_of(ActivityType)),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the period, the currencies and overlaps."""
        check_fields(self)
        in_order(self, "start", "end")
        currencies = sorted({line.goal.currency for line in self.lines})
        if len(currencies) > 1:
            raise CurrencyMismatchError("DemandPlan.lines", tuple(currencies))
        for n, line in enumerate(self.lines):
            for other in self.lines[n + 1 :]:
                if _overlap(line.segment, other.segment):
                    raise InvalidValueError(
                        "DemandPlan",
                        "lines",
                        f"{line.segment} and {other.segment}",
                        "lines for segments that do not overlap",
                        hint="a customer in both would be counted twice",
                    )
        for ask in self.marketing:
            if not self.start <= ask.on <= self.end:
                raise InvalidValueError(
                    "DemandPlan",
                    "marketing",
                    f"{ask.description or 'an ask'} on {ask.on}",
                    f"asks dated within the period {self.start} to {self.end}",
                )


def _overlap(one: Segment, other: Segment) -> bool:
    """Whether some customer could be in both segments."""
    return all(
        one.value(d) is None or other.value(d) is None or one.value(d) == other.value(d)
        for d in SegmentDimension
    )
