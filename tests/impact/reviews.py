"""Values the review tests share: ratings, sites and campaigns."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from advocacy import (
    Money,
    RatingDisplay,
    RatingRounding,
)

G2 = RatingDisplay.default()


EXACT = RatingDisplay.unrounded()


TENTHS = RatingDisplay(RatingRounding.HALF_UP, "0.1")


def usd(amount: str | int) -> Money:
    return Money(amount, "USD")


RATINGS = st.sampled_from([1, 2.5, 3.7, 4.2, 4.5, 4.6, 5, Fraction(13, 3)])


COSTS = st.none() | st.integers(0, 10_000).map(usd)
