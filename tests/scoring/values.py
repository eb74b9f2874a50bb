"""Values the scoring tests share: the default model, a date and scores."""

from __future__ import annotations

import pendulum

from advocacy import ScoringModel, Signals

AS_OF = pendulum.date(2026, 11, 22)
MODEL = ScoringModel.default()

# Meets every criterion of the default model.
PERFECT = Signals(
    nps=10,
    feature_adoption=0.9,
    health_score=95,
    customer_since=pendulum.date(2020, 1, 1),
    positive_mentions=3,
    responded_to_requests=True,
)

# Promoter and Willing met, Healthy missing: every kind of row.
SCORE = MODEL.score(Signals(nps=9, responded_to_requests=True), as_of=AS_OF)
ROW = SCORE.rows[0]  # promoter: observed 9, awarded
MISSING_ROW = SCORE.rows[2]  # healthy: no health score
