"""Type-level checks of the public API: mypy checks this file, pytest never runs it.

Each `assert_type` pins what a user's type checker sees; each
`# type: ignore[...]` line pins a mistake the types must reject.
"""

from __future__ import annotations

from decimal import Decimal
from typing import assert_type

import pendulum

from advocacy import (
    Criterion,
    Money,
    PropensityFit,
    Score,
    ScoringModel,
    Signals,
    Tier,
    TierAssignment,
    TierDecision,
    assign_tiers,
    fit_propensity,
    from_dict,
    to_dict,
)

as_of = pendulum.date(2026, 9, 30)
model = ScoringModel.default()

# Scoring: one explained score, or many totals.
assert_type(model.score(Signals(nps=9), as_of=as_of), Score)
assert_type(model.score_many([Signals()], as_of=as_of), list[int])
assert_type(model.criteria, tuple[Criterion, ...])

# Converters widen what constructors accept, typed.
Signals(customer_since="2024-01-31", feature_adoption=Decimal("0.8"))
Money("2,400,000", "usd")
Money(Decimal("1.5"), "EUR")
Money(0.1, "USD")  # type: ignore[arg-type]  # floats are refused for money

# Tiers: a mapping of id to tier, with explained decisions.
tiers = assign_tiers({"a": 90}, as_of=as_of, previous={"a": "champion"}, margin=5)
assert_type(tiers, TierAssignment)
assert_type(tiers["a"], Tier | None)
assert_type(tiers.decision("a"), TierDecision)
assign_tiers({"a": 90}, as_of=as_of, margin="5")  # type: ignore[arg-type]

# Propensity and serialisation.
assert_type(fit_propensity({}, {}, as_of=as_of), PropensityFit)
assert_type(from_dict(ScoringModel, to_dict(model)), ScoringModel)
