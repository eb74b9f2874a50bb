"""Every value of the model round-trips through JSON, sets as sorted lists."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    AccountPolicy,
    Activity,
    ActivityType,
    Money,
    Signals,
    SizeBands,
    from_dict,
    to_dict,
)
from tests.model.makers import DAY, account, advocate, opportunity, request


class TestRoundTrips:
    @pytest.mark.parametrize(
        "value",
        [
            account(),
            advocate(),
            request(deal_amount=Money("5", "EUR"), excluded={"adv-2", "adv-1"}),
            opportunity(),
            Activity(
                id="a", advocate_id="b", type=ActivityType.WEBINAR, date=DAY, minutes=45
            ),
            Signals(nps=9, customer_since=datetime.date(2020, 1, 1)),
            SizeBands(),
            AccountPolicy(restricted=[ActivityType.PRESS]),
        ],
        ids=lambda v: type(v).__name__,
    )
    def test_through_json(self, value: object) -> None:
        plain = json.loads(json.dumps(to_dict(value)))
        assert from_dict(type(value), plain) == value

    def test_sets_become_sorted_lists(self) -> None:
        plain = to_dict(request(excluded={"b", "a", "c"}))
        assert plain["excluded"] == ["a", "b", "c"]
        assert plain["requested_on"] == "2026-09-30"
        assert plain["activity"] == "reference_call"

    @given(
        st.builds(
            Signals,
            nps=st.none() | st.integers(0, 10),
            feature_adoption=st.none() | st.floats(0, 1),
            health_score=st.none() | st.floats(0, 100),
            positive_mentions=st.none() | st.integers(0, 9),
            responded_to_requests=st.none() | st.booleans(),
        )
    )
    def test_signals_round_trip(self, signals: Signals) -> None:
        assert from_dict(Signals, json.loads(json.dumps(to_dict(signals)))) == signals
