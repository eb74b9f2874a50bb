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

import html
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final, cast

import attrs

from advocacy._internal.checks import Refusal, instance_of, optional, rate_check
from advocacy._internal.convert import member, to_rate
from advocacy._internal.text import decimal_text
from advocacy._internal.validation import check_fields, checked, require
from advocacy._model.money import (
    OPTIONAL_AMOUNT,
    Money,
    amount_check,
    one_currency,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidValueError,
    UnknownKeyError,
)

__all__ = ["ProgramRoi", "RoiRow", "program_roi"]
from advocacy._impact.roi_inputs import RoiComponent, RoiCosts, RoiReturns, RoiRole

# --- result ------------------------------------------------------------------


@attrs.frozen
class RoiRow:
    """One component of an ROI and what it feeds.

    Attributes:
        component: Which component.
        amount: Its amount, 0 or more, or `None` when it was not given.
    """

    component: RoiComponent
    amount: Money | None = attrs.field(metadata=checked(OPTIONAL_AMOUNT))

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def role(self) -> RoiRole:
        """Return, pipeline or cost."""
        return self.component.role


def _cost_check(value: object) -> Refusal | None:
    if isinstance(value, Money) and value.amount > 0:
        return None
    return Refusal("a Money above zero", wrong_type=not isinstance(value, Money))


def _total(rows: Iterable[RoiRow], role: RoiRole, currency: str) -> Money:
    """The given amounts of the rows of one role, summed in row order."""
    given = [r.amount for r in rows if r.role is role and r.amount is not None]
    return Money.total(given, currency=currency)


def _ratios(
    attributed: Money, pipeline: Money, cost: Money, rate: Decimal | None
) -> tuple[Decimal, Decimal, Decimal | None]:
    """The return multiple, net return and projection (`None` without a rate)."""
    return (
        attributed.ratio(cost),
        attributed.subtract(cost).ratio(cost),
        None if rate is None else pipeline.multiply(rate).ratio(cost),
    )


_FORMULAS: Final = (
    "attributed / cost",
    "(attributed - cost) / cost",
    "pipeline x expected_win_rate / cost, or None without a rate",
)


@attrs.frozen(repr=False)
class ProgramRoi:
    """A program's return on its cost, with every component that produced it.

    Made by `program_roi`. Money is exact; the ratios are `Decimal`, and
    each is checked to be its formula of the amounts, computed as
    `program_roi` computes it (in the current decimal context).

    Attributes:
        currency: The one currency of every amount.
        rows: One row per component, in `RoiComponent` order: returns first,
            then pipeline, then costs (a component not given has amount
            `None`).
        attributed: Closed value attributed to the program: influenced
            closed-won revenue + retained revenue + cost savings.
        pipeline: Referral pipeline + content pipeline.
        cost: Staff + events + recognition + tools (above zero).
        return_multiple: attributed / cost.
        net_return: (attributed - cost) / cost.
        expected_win_rate: The win rate the projection assumes (0 to 1), if
            given.
        projection: pipeline x expected_win_rate / cost, or `None` without
            an expected win rate.
    """

    currency: str
    rows: tuple[RoiRow, ...]
    attributed: Money = attrs.field(metadata=checked(amount_check))
    pipeline: Money = attrs.field(metadata=checked(amount_check))
    cost: Money = attrs.field(metadata=checked(_cost_check))
    return_multiple: Decimal
    net_return: Decimal
    expected_win_rate: Decimal | None = attrs.field(
        metadata=checked(optional(rate_check))
    )
    projection: Decimal | None

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the currency, the rows, totals and ratios."""
        check_fields(self)
        owner = "ProgramRoi"
        components = tuple(row.component for row in self.rows)
        if components != tuple(RoiComponent):
            raise InvalidValueError(
                owner,
                "rows",
                [c.value for c in components],
                f"one row per component, in order: "
                f"{', '.join(c.value for c in RoiComponent)}",
            )
        found = one_currency(
            owner,
            [self.attributed, self.pipeline, self.cost, *(r.amount for r in self.rows)],
        )
        if found != self.currency:
            raise CurrencyMismatchError(owner, (self.currency, str(found)))
        for name, role in (
            ("attributed", RoiRole.RETURN),
            ("pipeline", RoiRole.PIPELINE),
            ("cost", RoiRole.COST),
        ):
            total = _total(self.rows, role, self.currency)
            if getattr(self, name) != total:
                raise InvalidValueError(
                    owner,
                    name,
                    getattr(self, name),
                    f"the sum of the {role.value} rows ({total})",
                )
        ratios = _ratios(
            self.attributed, self.pipeline, self.cost, self.expected_win_rate
        )
        for name, ratio, formula in zip(
            ("return_multiple", "net_return", "projection"),
            ratios,
            _FORMULAS,
            strict=True,
        ):
            if getattr(self, name) != ratio:
                raise InvalidValueError(
                    owner, name, getattr(self, name), f"{formula} ({ratio})"
                )

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
    cost = None if currency is None else _total(rows, RoiRole.COST, currency)
    if cost is None or cost.is_zero():
        raise InvalidValueError(
            owner,
            "costs",
            costs,
            "a total cost above zero (staff + events + recognition + tools)",
            "every ratio divides by cost; a free program has no finite multiple",
        )
    attributed = _total(rows, RoiRole.RETURN, cost.currency)
    pipeline = _total(rows, RoiRole.PIPELINE, cost.currency)
    return_multiple, net_return, projection = _ratios(attributed, pipeline, cost, rate)
    return ProgramRoi(
        currency=cost.currency,
        rows=rows,
        attributed=attributed,
        pipeline=pipeline,
        cost=cost,
        return_multiple=return_multiple,
        net_return=net_return,
        expected_win_rate=rate,
        projection=projection,
    )
