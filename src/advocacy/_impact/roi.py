"""Program ROI: what the advocacy program returned for what it cost.

A program's figures come in three kinds, and only one of them is revenue:

```text
attributed      = influenced closed-won revenue + retained revenue + cost savings
pipeline        = referral (sourced) pipeline + content (case study) pipeline
cost            = staff + events + recognition + tools

return multiple = attributed / cost
net return      = (attributed - cost) / cost
projection      = pipeline x expected win rate / cost
```

Pipeline is not revenue: it feeds the projection only, never the return
multiple. The worked example of docs/explanation/roi.md: $1.2M influenced
closed-won revenue over $250K of cost is a 4.8x return multiple and a 3.8
net return; the $2.4M referral and $800K case-study pipeline at a 25%
expected win rate project 3.2x.

Every amount is `Money` in one currency. Ratios of money (the multiple, the
net return, the projection) are `Decimal`, exact wherever the quotient
terminates within 28 significant digits. Zero cost is an error, never
infinity.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import enum
import html
from decimal import Decimal
from typing import Any, Final, cast

import attrs

from advocacy._internal.checks import instance_of, rate_check
from advocacy._internal.convert import member, to_rate
from advocacy._internal.text import decimal_text
from advocacy._internal.validation import check_fields, checked, require
from advocacy._model.money import (
    OPTIONAL_AMOUNT,
    Money,
    one_currency,
)
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = [
    "ProgramRoi",
    "RoiComponent",
    "RoiCosts",
    "RoiReturns",
    "RoiRole",
    "RoiRow",
    "program_roi",
]


class RoiRole(enum.StrEnum):
    """What an ROI component feeds."""

    RETURN = "return"
    """Closed, realised value: counts in the return multiple and net return."""

    PIPELINE = "pipeline"
    """Opportunities, not revenue: counts in the projection only."""

    COST = "cost"
    """What the program cost: the denominator of every ratio."""


class RoiComponent(enum.StrEnum):
    """The components of a program's ROI, in report order."""

    INFLUENCED_CLOSED = "influenced_closed"
    """Closed-won revenue of deals advocates sourced or influenced."""

    RETAINED_REVENUE = "retained_revenue"
    """Revenue of renewals advocates influenced."""

    COST_SAVINGS = "cost_savings"
    """Costs averted, e.g. support tickets answered in the community."""

    REFERRAL_PIPELINE = "referral_pipeline"
    """Pipeline of deals advocates sourced by referral."""

    CONTENT_PIPELINE = "content_pipeline"
    """Pipeline attributed to advocate content such as case studies."""

    STAFF = "staff"
    """People running the program."""

    EVENTS = "events"
    """Advisory boards, customer conferences, dinners."""

    RECOGNITION = "recognition"
    """Gifts, donations, awards and swag for advocates."""

    TOOLS = "tools"
    """Advocacy and review platform licences."""

    @property
    def role(self) -> RoiRole:
        """Whether it is a return, pipeline or a cost."""
        return _ROLES[self]

    @property
    def label(self) -> str:
        """Its name in reports."""
        return _LABELS[self]


_ROLES: Final = {
    RoiComponent.INFLUENCED_CLOSED: RoiRole.RETURN,
    RoiComponent.RETAINED_REVENUE: RoiRole.RETURN,
    RoiComponent.COST_SAVINGS: RoiRole.RETURN,
    RoiComponent.REFERRAL_PIPELINE: RoiRole.PIPELINE,
    RoiComponent.CONTENT_PIPELINE: RoiRole.PIPELINE,
    RoiComponent.STAFF: RoiRole.COST,
    RoiComponent.EVENTS: RoiRole.COST,
    RoiComponent.RECOGNITION: RoiRole.COST,
    RoiComponent.TOOLS: RoiRole.COST,
}
_LABELS: Final = {
    RoiComponent.INFLUENCED_CLOSED: "influenced closed-won revenue",
    RoiComponent.RETAINED_REVENUE: "retained revenue (renewals)",
    RoiComponent.COST_SAVINGS: "cost savings",
    RoiComponent.REFERRAL_PIPELINE: "referral (sourced) pipeline",
    RoiComponent.CONTENT_PIPELINE: "content (case study) pipeline",
    RoiComponent.STAFF: "staff",
    RoiComponent.EVENTS: "events",
    RoiComponent.RECOGNITION: "recognition",
    RoiComponent.TOOLS: "tools",
}


# --- inputs ------------------------------------------------------------------

_AMOUNT: Final = checked(OPTIONAL_AMOUNT)


@attrs.frozen
class RoiReturns:
    """What the program returned, by component; `None` means not measured.

    The first three count as closed, realised value in the return multiple;
    the two pipelines feed only the projection. All given amounts must be in
    one currency, zero or more.

    Attributes:
        influenced_closed: Closed-won revenue of deals advocates sourced or
            influenced (new business and expansion).
        retained_revenue: Revenue of renewals advocates influenced.
        cost_savings: Costs averted, e.g. support costs saved by community
            answers.
        referral_pipeline: Pipeline of deals advocates sourced by referral.
        content_pipeline: Pipeline attributed to advocate content such as
            case studies.
    """

    influenced_closed: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    retained_revenue: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    cost_savings: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    referral_pipeline: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    content_pipeline: Money | None = attrs.field(default=None, metadata=_AMOUNT)

    def __attrs_post_init__(self) -> None:
        """Check each amount, then that they share one currency."""
        check_fields(self)
        one_currency("RoiReturns", attrs.astuple(self, recurse=False))


@attrs.frozen
class RoiCosts:
    """What the program cost, by component; `None` means not counted.

    All given amounts must be in one currency, zero or more.

    Attributes:
        staff: People running the program.
        events: Advisory boards, conferences, dinners.
        recognition: Gifts, donations, awards and swag for advocates.
        tools: Advocacy and review platform licences.
    """

    staff: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    events: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    recognition: Money | None = attrs.field(default=None, metadata=_AMOUNT)
    tools: Money | None = attrs.field(default=None, metadata=_AMOUNT)

    def __attrs_post_init__(self) -> None:
        """Check each amount, then that they share one currency."""
        check_fields(self)
        one_currency("RoiCosts", attrs.astuple(self, recurse=False))


# --- result ------------------------------------------------------------------


@attrs.frozen
class RoiRow:
    """One component of an ROI and what it feeds.

    Attributes:
        component: Which component.
        amount: Its amount, or `None` when it was not given.
    """

    component: RoiComponent
    amount: Money | None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def role(self) -> RoiRole:
        """Return, pipeline or cost."""
        return self.component.role


@attrs.frozen(repr=False)
class ProgramRoi:
    """A program's return on its cost, with every component that produced it.

    Made by `program_roi`. Money is exact; the ratios are `Decimal`.

    Attributes:
        currency: The one currency of every amount.
        rows: One row per component, returns first, then pipeline, then
            costs (a component not given has amount `None`).
        attributed: Closed value attributed to the program: influenced
            closed-won revenue + retained revenue + cost savings.
        pipeline: Referral pipeline + content pipeline.
        cost: Staff + events + recognition + tools (above zero).
        return_multiple: attributed / cost.
        net_return: (attributed - cost) / cost.
        expected_win_rate: The win rate the projection assumes, if given.
        projection: pipeline x expected_win_rate / cost, or `None` without
            an expected win rate.
    """

    currency: str
    rows: tuple[RoiRow, ...]
    attributed: Money
    pipeline: Money
    cost: Money
    return_multiple: Decimal
    net_return: Decimal
    expected_win_rate: Decimal | None
    projection: Decimal | None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    def __getitem__(self, component: RoiComponent | str) -> Money | None:
        """The amount of one component (`None` if it was not given).

        Raises:
            UnknownKeyError: `component` is not a `RoiComponent` or its value.
        """
        wanted: object = member(RoiComponent, component)
        for row in self.rows:
            if row.component is wanted:
                return row.amount
        raise UnknownKeyError(
            "ProgramRoi", "component", component, "a RoiComponent or its value"
        )

    def explain(self) -> str:
        """The ratios with their formulas, then every component."""
        lines = [
            (
                f"return multiple {decimal_text(self.return_multiple)}x = attributed "
                f"{self.attributed} / cost {self.cost}"
            ),
            (
                f"net return {decimal_text(self.net_return)} = (attributed "
                f"{self.attributed} - cost {self.cost}) / cost {self.cost}"
            ),
        ]
        if self.projection is None or self.expected_win_rate is None:
            lines.append("projection: n/a (no expected win rate given)")
        else:
            lines.append(
                f"projection {decimal_text(self.projection)}x = pipeline "
                f"{self.pipeline} x win rate {decimal_text(self.expected_win_rate, 4)}"
                f" / cost {self.cost}"
            )
        headings = {
            RoiRole.RETURN: "returns (closed, in the multiple):",
            RoiRole.PIPELINE: "pipeline (projection only, not revenue):",
            RoiRole.COST: "costs:",
        }
        for role, heading in headings.items():
            lines.append(heading)
            lines += [
                f"  {row.component.label:<31} "
                + ("not given" if row.amount is None else str(row.amount))
                for row in self.rows
                if row.role is role
            ]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per component, ready for `pandas.DataFrame`.

        Amounts are exact `Decimal` values (`None` when not given).
        """
        return [
            {
                "component": row.component.value,
                "role": row.role.value,
                "amount": None if row.amount is None else row.amount.amount,
                "currency": self.currency,
            }
            for row in self.rows
        ]

    def __repr__(self) -> str:
        """`ProgramRoi(4.8x, net 3.8, projection 3.2x, cost USD 250,000)`."""
        projection = (
            "no projection"
            if self.projection is None
            else f"projection {decimal_text(self.projection)}x"
        )
        return (
            f"ProgramRoi({decimal_text(self.return_multiple)}x, net "
            f"{decimal_text(self.net_return)}, {projection}, cost {self.cost})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(v)}</td>"
                for v in (
                    row.component.label,
                    row.role.value,
                    "not given" if row.amount is None else str(row.amount),
                )
            )
            + "</tr>"
            for row in self.rows
        )
        return (
            f"<table><caption>{html.escape(repr(self))}</caption>"
            f"<tr><th>component</th><th>role</th><th>amount</th></tr>{rows}</table>"
        )


_RETURNS: Final = instance_of(RoiReturns, "a RoiReturns")
_COSTS: Final = instance_of(RoiCosts, "a RoiCosts")


def program_roi(
    returns: RoiReturns,
    costs: RoiCosts,
    *,
    expected_win_rate: Decimal | float | str | None = None,
) -> ProgramRoi:
    """The program's return multiple, net return and pipeline projection.

    ```text
    attributed      = influenced_closed + retained_revenue + cost_savings
    pipeline        = referral_pipeline + content_pipeline
    cost            = staff + events + recognition + tools
    return multiple = attributed / cost
    net return      = (attributed - cost) / cost
    projection      = pipeline x expected_win_rate / cost
    ```

    Pipeline is not revenue: it never enters the return multiple. Components
    not given count as zero and are listed as not given.

    Args:
        returns: What the program returned.
        costs: What it cost; the total must be above zero.
        expected_win_rate: The share of pipeline expected to close (0 to 1),
            for the projection. A float is read through its shortest repr
            (0.25 is exactly `Decimal('0.25')`). Without it there is no
            projection.

    Returns:
        The ratios, the totals and one row per component.

    Raises:
        InvalidValueError: The total cost is zero, or the win rate is not
            from 0 to 1.
        InvalidTypeError: `returns` or `costs` is of the wrong kind.
        CurrencyMismatchError: Amounts are in more than one currency.

    Example:
        >>> usd = lambda amount: Money(amount, "USD")
        >>> roi = program_roi(
        ...     RoiReturns(influenced_closed=usd("1200000")),
        ...     RoiCosts(staff=usd("250000")),
        ... )
        >>> roi.return_multiple, roi.net_return
        (Decimal('4.8'), Decimal('3.8'))
    """
    owner = "program_roi"
    require(owner, "returns", returns, _RETURNS)
    require(owner, "costs", costs, _COSTS)
    rate = (
        None
        if expected_win_rate is None
        else cast(
            "Decimal",  # the rate check accepts nothing else
            require(owner, "expected_win_rate", to_rate(expected_win_rate), rate_check),
        )
    )
    amounts = {
        RoiComponent(name): value
        for name, value in (attrs.asdict(returns, recurse=False)).items()
    } | {
        RoiComponent(name): value
        for name, value in (attrs.asdict(costs, recurse=False)).items()
    }
    currency = one_currency(owner, list(amounts.values()))
    rows = tuple(RoiRow(component, amounts[component]) for component in RoiComponent)

    def total(role: RoiRole, code: str) -> Money:
        given = [r.amount for r in rows if r.role is role and r.amount is not None]
        return Money.total(given, currency=code)

    cost = None if currency is None else total(RoiRole.COST, currency)
    if cost is None or cost.is_zero():
        raise InvalidValueError(
            owner,
            "costs",
            costs,
            "a total cost above zero (staff + events + recognition + tools)",
            "every ratio divides by cost; a free program has no finite multiple",
        )
    attributed = total(RoiRole.RETURN, cost.currency)
    pipeline = total(RoiRole.PIPELINE, cost.currency)
    return ProgramRoi(
        currency=cost.currency,
        rows=rows,
        attributed=attributed,
        pipeline=pipeline,
        cost=cost,
        return_multiple=attributed.ratio(cost),
        net_return=attributed.subtract(cost).ratio(cost),
        expected_win_rate=rate,
        projection=None if rate is None else pipeline.multiply(rate).ratio(cost),
    )
