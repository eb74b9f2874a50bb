"""Demand per segment: a total apportioned by weight."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Segment,
)
from advocacy._gaps.demand import apportion  # a private helper, tested on its own


class TestApportion:
    @given(
        st.integers(0, 1000),
        st.lists(st.integers(1, 50), min_size=1, max_size=8),
    )
    def test_parts_sum_to_the_total_and_stay_near_their_share(
        self, total: int, weights: list[int]
    ) -> None:
        segments = {Segment(product=f"p{n}"): w for n, w in enumerate(weights)}
        parts = apportion(total, segments)
        assert sum(parts.values()) == total
        whole = sum(weights)
        for segment, weight in segments.items():
            assert abs(parts[segment] - Fraction(total * weight, whole)) < 1
