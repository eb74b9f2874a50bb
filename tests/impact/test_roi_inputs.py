"""What program ROI reads: the returns and the costs, and their currency."""

from __future__ import annotations

import json

from hypothesis import given

from advocacy import Money, RoiCosts, RoiReturns, from_dict, to_dict
from advocacy.exceptions import CurrencyMismatchError
from tests.checks import refused
from tests.impact.roi_values import inputs, usd


class TestRoundTrip:
    @given(inputs())
    def test_inputs_round_trip_through_plain_dicts(
        self, pair: tuple[RoiReturns, RoiCosts]
    ) -> None:
        returns, costs = pair
        assert from_dict(RoiReturns, json.loads(json.dumps(to_dict(returns)))) == (
            returns
        )
        assert from_dict(RoiCosts, json.loads(json.dumps(to_dict(costs)))) == costs


class TestOneCurrency:
    def test_returns_in_two_currencies_are_refused_by_roi_returns(self) -> None:
        error = refused(
            CurrencyMismatchError,
            "RoiReturns",
            lambda: RoiReturns(retained_revenue=usd(1), cost_savings=Money(1, "EUR")),
        )
        assert error.currencies == ("USD", "EUR")

    def test_costs_in_two_currencies_are_refused_by_roi_costs(self) -> None:
        error = refused(
            CurrencyMismatchError,
            "RoiCosts",
            lambda: RoiCosts(staff=Money(1, "EUR"), tools=usd(1)),
        )
        assert error.currencies == ("EUR", "USD")

    def test_amounts_in_one_currency_are_accepted(self) -> None:
        costs = RoiCosts(staff=usd(1), events=usd(0), tools=usd(2))
        assert costs.recognition is None
        assert RoiReturns(content_pipeline=usd(3)).content_pipeline == usd(3)
