"""The matching policy, its defaults, weights and limits, and the Policies bundle."""

from __future__ import annotations

import json

import pytest

from advocacy import (
    FitFactor,
    FitWeights,
    MatchPolicy,
    SizeBands,
    from_dict,
    to_dict,
)
from advocacy.exceptions import InvalidFieldsError, InvalidTypeError, InvalidValueError


class TestPolicy:
    def test_defaults(self) -> None:
        policy = MatchPolicy.default()
        assert (policy.rest_days, policy.reference_calls_per_quarter) == (14, 3)
        assert policy.asks_per_batch == 1
        assert sum(
            getattr(policy.weights, f.value) for f in FitFactor
        ) == pytest.approx(1.0)

    def test_weights_all_zero(self) -> None:
        with pytest.raises(InvalidValueError, match="at least one weight above 0"):
            FitWeights(**{f.value: 0 for f in FitFactor})

    def test_negative_weight(self) -> None:
        with pytest.raises(InvalidValueError, match=r"FitWeights\.industry"):
            FitWeights(industry=-0.1)

    def test_weights_from_a_plain_dict(self) -> None:
        policy = from_dict(MatchPolicy, {"weights": {"industry": 1.0}})
        assert policy.weights.industry == 1.0
        with pytest.raises(InvalidTypeError, match=r"MatchPolicy\.weights"):
            MatchPolicy(weights={"industry": 1.0})  # type: ignore[arg-type]

    def test_score_and_rest_cannot_be_required(self) -> None:
        with pytest.raises(InvalidValueError, match="score and rest are preferences"):
            MatchPolicy(required={FitFactor.SCORE})

    def test_several_bad_fields(self) -> None:
        with pytest.raises(InvalidFieldsError):
            MatchPolicy(rest_days=-1, asks_per_batch=0)

    def test_round_trips_through_json(self) -> None:
        policy = MatchPolicy(
            reference_calls_per_quarter=2,
            size_bands=SizeBands(mid_market_from=50),
            required={FitFactor.INDUSTRY},
        )
        plain = json.loads(json.dumps(to_dict(policy)))
        assert from_dict(MatchPolicy, plain) == policy
        assert from_dict(MatchPolicy, to_dict(MatchPolicy.default())) == (
            MatchPolicy.default()
        )
