"""Values the ROI test modules share: dollars and drawn returns and costs."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from advocacy import Money, RoiCosts, RoiReturns


def usd(amount: str | int | Decimal) -> Money:
    return Money(amount, "USD")


AMOUNT = st.decimals(min_value=0, max_value=10**9, places=2).map(usd)
_OPTIONAL = st.none() | AMOUNT
_POSITIVE = st.decimals(min_value="0.01", max_value=10**9, places=2).map(usd)


@st.composite
def inputs(draw: st.DrawFn) -> tuple[RoiReturns, RoiCosts]:
    """Returns with any amounts, costs with a staff cost above zero."""
    returns = RoiReturns(*(draw(_OPTIONAL) for _ in range(5)))
    costs = RoiCosts(draw(_POSITIVE), *(draw(_OPTIONAL) for _ in range(3)))
    return returns, costs
