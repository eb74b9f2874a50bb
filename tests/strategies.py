"""Shared Hypothesis strategies for advocacy's values and policies."""

from __future__ import annotations

import string
from decimal import Decimal

import attrs
import pendulum
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    Comparison,
    Criterion,
    Money,
    ScoringModel,
    Signal,
    Signals,
    Tier,
    TierPolicy,
)

ids = st.text(
    alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=8
)


EARLIEST = pendulum.date(2000, 1, 1)
LATEST = pendulum.date(2035, 12, 31)


@st.composite
def dates(
    draw: st.DrawFn,
    min_value: pendulum.Date = EARLIEST,
    max_value: pendulum.Date = LATEST,
) -> pendulum.Date:
    """A pendulum.Date in [min_value, max_value]."""
    day = draw(st.dates(min_value=min_value, max_value=max_value))
    return pendulum.Date(day.year, day.month, day.day)


as_of_dates = dates(pendulum.date(2015, 1, 1), pendulum.date(2035, 12, 31))


@st.composite
def signals(draw: st.DrawFn, as_of: pendulum.Date | None = None) -> Signals:
    """Signals with each field known or missing; tenure starts on or before as_of."""
    latest = as_of or LATEST
    return Signals(
        nps=draw(st.none() | st.integers(0, 10)),
        feature_adoption=draw(
            st.none() | st.floats(0, 1) | st.sampled_from([0.0, 0.7, 0.70001, 1.0])
        ),
        health_score=draw(
            st.none() | st.integers(0, 100) | st.floats(0, 100) | st.just(80.0)
        ),
        customer_since=draw(st.none() | dates(max_value=latest)),
        positive_mentions=draw(st.none() | st.integers(0, 50)),
        responded_to_requests=draw(st.none() | st.booleans()),
    )


_NUMERIC_DOMAINS = {
    Signal.NPS: st.integers(0, 10),
    Signal.FEATURE_ADOPTION: st.floats(0, 1),
    Signal.HEALTH_SCORE: st.floats(0, 100),
    Signal.TENURE_MONTHS: st.integers(0, 300),
    Signal.POSITIVE_MENTIONS: st.integers(0, 60),
}


@st.composite
def criteria(draw: st.DrawFn, name: str) -> Criterion:
    """Any valid criterion named `name`."""
    signal = draw(st.sampled_from(Signal))
    points = draw(st.integers(1, 40))
    if signal is Signal.RESPONDED_TO_REQUESTS:
        return Criterion(name, signal, Comparison.IS_TRUE, None, points)
    comparison = draw(
        st.sampled_from([c for c in Comparison if c is not Comparison.IS_TRUE])
    )
    values = _NUMERIC_DOMAINS[signal]
    if comparison is Comparison.BETWEEN:
        low, high = sorted((draw(values), draw(values)))
        return Criterion(name, signal, comparison, (low, high), points)
    return Criterion(name, signal, comparison, draw(values), points)


@st.composite
def models(draw: st.DrawFn) -> ScoringModel:
    """Any valid scoring model of one to eight criteria."""
    count = draw(st.integers(1, 8))
    made = tuple(draw(criteria(f"c{i}")) for i in range(count))
    maximum = sum(c.points for c in made)
    return ScoringModel(made, qualify_above=draw(st.integers(0, maximum - 1)))


score_maps = st.dictionaries(ids, st.integers(0, 100), max_size=120)


@st.composite
def tier_policies(draw: st.DrawFn) -> TierPolicy:
    """The default policy with random minimum scores (in order) and shares."""
    floors = sorted((draw(st.integers(0, 100)) for _ in Tier), reverse=True)
    shares = [
        draw(st.sampled_from([0, 0.01, 0.03, 0.1, 0.15, 0.29, 0.4, 0.5, 1]))
        for _ in Tier
    ]
    default = TierPolicy.default()
    return TierPolicy(
        tuple(
            attrs.evolve(rule, min_score=floor, max_share=share)
            for rule, floor, share in zip(default.rules, floors, shares, strict=True)
        )
    )


@st.composite
def activities_for(
    draw: st.DrawFn, advocate_ids: list[str], as_of: pendulum.Date
) -> list[Activity]:
    """Activities by some of `advocate_ids` around the 12 months to `as_of`."""
    if not advocate_ids:
        return []
    window = dates(as_of.subtract(months=14), as_of.add(days=20))
    return [
        Activity(
            id=f"act-{n}",
            advocate_id=draw(st.sampled_from(advocate_ids)),
            type=draw(st.sampled_from(ActivityType)),
            date=draw(window),
        )
        for n in range(draw(st.integers(0, 40)))
    ]


amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=2
)
currencies = st.sampled_from(["USD", "EUR", "GBP", "JPY"])
money = st.builds(Money, amounts, currencies)
