"""Linking activities to deals within the influence window."""

from __future__ import annotations

import pytest

from advocacy import (
    AttributionKind,
    attribute_pipeline,
)
from tests.impact.attribution import (
    AS_OF,
    REF,
    act,
    opp,
)


class TestWindow:
    @pytest.mark.parametrize(
        ("day", "counts"),
        [
            ("2026-02-13", False),  # 31 days before the close
            ("2026-02-14", True),  # exactly 30 days before
            ("2026-03-16", True),  # on the close date
            ("2026-03-17", False),  # the day after
        ],
    )
    def test_window_bounds_are_inclusive(self, day: str, counts: bool) -> None:
        deal = opp("o-1", outcome="lost", closed="2026-03-16", activity_ids=("a-1",))
        result = attribute_pipeline(
            [deal], [act("a-1", REF, day)], as_of=AS_OF, window_days=30
        )
        expected = (
            AttributionKind.INFLUENCED if counts else AttributionKind.UNATTRIBUTED
        )
        assert result.deals[0].attribution is expected

    def test_open_deals_end_on_as_of(self) -> None:
        deal = opp("o-1", activity_ids=("a-1",))
        inside = attribute_pipeline(
            [deal], [act("a-1", REF, "2026-09-20")], as_of=AS_OF, window_days=10
        )
        assert inside.influenced.opportunities == 1
        future = attribute_pipeline(
            [deal], [act("a-1", REF, "2026-10-01")], as_of=AS_OF
        )
        assert future.influenced.opportunities == 0

    def test_a_sourced_deal_is_sourced_whatever_the_window(self) -> None:
        deal = opp("o-1", source="referral")
        result = attribute_pipeline([deal], as_of=AS_OF, window_days=0)
        assert result.sourced.opportunities == 1
        assert result.by_type == {}
