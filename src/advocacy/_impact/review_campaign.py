"""Review campaign economics: conversion and cost per published review.

```text
conversion      = published / invited                   (34 / 50 = 68%)
total cost      = per_review x published + fixed_cost
cost per review = total cost / published
```

With no invitations the conversion is `None`; with nothing published, or
no cost given, the cost per review is `None`. Amounts are exact `Money`.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from advocacy._internal.checks import FRACTION, integer, optional
from advocacy._internal.text import headline_repr
from advocacy._internal.validation import check_fields, checked, require
from advocacy._model.money import (
    OPTIONAL_AMOUNT,
    Money,
    money_text,
    one_currency,
)
from advocacy.exceptions import InvalidValueError

__all__ = ["ReviewCampaign", "review_campaign"]


_COUNT: Final = checked(integer(0))
_AMOUNT: Final = checked(OPTIONAL_AMOUNT)


def _costs(
    published: int, each: Money | None, fixed: Money | None
) -> tuple[Money | None, Money | None]:
    """The total cost and the cost per review (`None` where there is none)."""
    code = one_currency("review_campaign", [each, fixed])
    if code is None:
        return None, None
    parts = [] if each is None else [each.multiply(published)]
    parts += [] if fixed is None else [fixed]
    total = Money.total(parts, currency=code)
    return total, total.divide(published) if published else None


@headline_repr
@attrs.frozen(repr=False)
class ReviewCampaign:
    """What a review campaign converted and cost.

    The figures are the formulas of the counts and costs, exactly; every
    amount is 0 or more, in one currency.

    Attributes:
        invited: Customers asked for a review (0 or more).
        published: Reviews published (0 to `invited`).
        conversion: published / invited, 0 to 1 (`None` with no
            invitations).
        per_review: The cost of each published review (e.g. a donation).
        fixed_cost: Costs that do not depend on the count.
        total_cost: per_review x published + fixed_cost (`None` if no cost
            was given).
        cost_per_review: total_cost / published (`None` with no cost given
            or nothing published).
    """

    invited: int = attrs.field(metadata=_COUNT)
    published: int = attrs.field(metadata=_COUNT)
    conversion: float | None = attrs.field(metadata=checked(optional(FRACTION)))
    per_review: Money | None = attrs.field(metadata=_AMOUNT)
    fixed_cost: Money | None = attrs.field(metadata=_AMOUNT)
    total_cost: Money | None = attrs.field(metadata=_AMOUNT)
    cost_per_review: Money | None = attrs.field(metadata=_AMOUNT)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the figures follow from the counts and costs."""
        check_fields(self)
        owner = "ReviewCampaign"
        if self.published > self.invited:
            raise InvalidValueError(
                owner, "published", self.published, f"at most invited ({self.invited})"
            )
        one_currency(
            owner,
            [self.per_review, self.fixed_cost, self.total_cost, self.cost_per_review],
        )
        conversion = self.published / self.invited if self.invited else None
        total, each = _costs(self.published, self.per_review, self.fixed_cost)
        for name, expected, formula in (
            (
                "conversion",
                conversion,
                "published / invited, or None with none invited",
            ),
            (
                "total_cost",
                total,
                "per_review x published + fixed_cost, or None with no cost given",
            ),
            (
                "cost_per_review",
                each,
                "total_cost / published, or None with no cost or none published",
            ),
        ):
            if getattr(self, name) != expected:
                raise InvalidValueError(
                    owner, name, getattr(self, name), f"{formula} ({expected!r})"
                )

    def explain(self) -> str:
        """The campaign in one line."""
        rate = (
            "n/a (no invitations)"
            if self.conversion is None
            else f"{self.conversion:.0%}"
        )
        line = f"{self.published} of {self.invited} invited published a review ({rate})"
        if self.total_cost is None:
            return f"{line}; no cost given"
        each = (
            "n/a (none published)"
            if self.cost_per_review is None
            else money_text(self.cost_per_review, 2)
        )
        return f"{line}; cost {money_text(self.total_cost, 2)}, {each} per review"

    def to_records(self) -> list[dict[str, Any]]:
        """The campaign as one plain dict; amounts are exact `Decimal` values."""
        amounts = {
            "per_review": self.per_review,
            "fixed_cost": self.fixed_cost,
            "total_cost": self.total_cost,
            "cost_per_review": self.cost_per_review,
        }
        currency = next((m.currency for m in amounts.values() if m), None)
        return [
            {
                "invited": self.invited,
                "published": self.published,
                "conversion": self.conversion,
                **{k: None if m is None else m.amount for k, m in amounts.items()},
                "currency": currency,
            }
        ]


def review_campaign(
    *,
    invited: int,
    published: int,
    per_review: Money | None = None,
    fixed_cost: Money | None = None,
) -> ReviewCampaign:
    """Conversion and cost per published review of a review campaign.

    ```text
    conversion      = published / invited
    total cost      = per_review x published + fixed_cost
    cost per review = total cost / published
    ```

    Args:
        invited: Customers asked (0 or more).
        published: Reviews published (0 to `invited`).
        per_review: Cost of each published review, e.g. a $25 donation
            (a `Money` or its plain dict).
        fixed_cost: Costs independent of the count (tooling, staff time).

    Returns:
        The conversion and the costs.

    Raises:
        InvalidValueError: A negative count or cost, or more published than
            invited.
        InvalidTypeError: A count or cost of the wrong kind (a float amount).
        CurrencyMismatchError: The two costs are in different currencies.

    Example:
        >>> campaign = review_campaign(invited=50, published=34)
        >>> campaign.conversion
        0.68
    """
    owner = "review_campaign"
    require(owner, "invited", invited, integer(0))
    require(owner, "published", published, integer(0, invited))
    each = require(owner, "per_review", per_review, OPTIONAL_AMOUNT)
    fixed = require(owner, "fixed_cost", fixed_cost, OPTIONAL_AMOUNT)
    total, cost_per_review = _costs(published, each, fixed)
    return ReviewCampaign(
        invited=invited,
        published=published,
        conversion=published / invited if invited else None,
        per_review=each,
        fixed_cost=fixed,
        total_cost=total,
        cost_per_review=cost_per_review,
    )
