"""The demo program: realistic, seeded, the same for the same seed."""

from __future__ import annotations

from collections import Counter

import pendulum
import pytest

from advocacy import ActivityCatalog, ScoringModel, Tier, assign_tiers
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from advocacy.synthetic import demo_program

AS_OF = pendulum.date(2026, 9, 30)
PROGRAM = demo_program(as_of=AS_OF)


def test_same_seed_same_program() -> None:
    assert demo_program(as_of=AS_OF) == PROGRAM
    assert demo_program(as_of=AS_OF, seed=8) != PROGRAM


def test_shape() -> None:
    assert len(PROGRAM.accounts) == 500
    assert len(PROGRAM.advocates) == 500
    assert set(PROGRAM.signals) == {a.id for a in PROGRAM.advocates}
    assert len({a.id for a in PROGRAM.accounts}) == 500
    assert len({a.name for a in PROGRAM.accounts}) == 500
    assert len({a.industry for a in PROGRAM.accounts}) >= 6
    assert len({a.region for a in PROGRAM.accounts}) == 4
    assert len({a.size_band for a in PROGRAM.accounts}) == 3


def test_dates_are_consistent_with_as_of() -> None:
    assert all(a.customer_since < AS_OF for a in PROGRAM.accounts)
    start = AS_OF.subtract(months=12)
    assert all(start <= a.date <= AS_OF for a in PROGRAM.activities)
    assert (
        PROGRAM.account_of(PROGRAM.advocates[0]).id == PROGRAM.advocates[0].account_id
    )


def test_activities_follow_the_quarterly_program() -> None:
    catalog = ActivityCatalog.default()
    per_type = Counter(a.type for a in PROGRAM.activities)
    for spec in catalog:
        if spec.quarterly_participants is not None:
            low, high = spec.quarterly_participants
            assert 4 * low <= per_type[spec.type] <= 4 * high, spec.type
    advocates = {a.id: a for a in PROGRAM.advocates}
    for activity in PROGRAM.activities:
        advocate = advocates[activity.advocate_id]
        assert activity.type in advocate.activities
        assert not advocate.opted_out


def test_tier_counts_fall_in_the_typical_pools() -> None:
    model = ScoringModel.default()
    ids = [a.id for a in PROGRAM.advocates]
    totals = dict(
        zip(
            ids,
            model.score_many([PROGRAM.signals[i] for i in ids], as_of=AS_OF),
            strict=True,
        )
    )
    counts = assign_tiers(totals, as_of=AS_OF, activities=PROGRAM.activities).counts()
    assert 10 <= counts[Tier.CHAMPION] <= 15
    assert 40 <= counts[Tier.ADVOCATE] <= 60
    assert 150 <= counts[Tier.SUPPORTER] <= 200


def test_small_program() -> None:
    small = demo_program(as_of=AS_OF, accounts=3, seed=1)
    assert len(small.accounts) == 3


def test_bad_arguments() -> None:
    with pytest.raises(InvalidValueError, match="accounts"):
        demo_program(as_of=AS_OF, accounts=0)
    with pytest.raises(InvalidTypeError, match="as_of"):
        demo_program(as_of=pendulum.now())
    with pytest.raises(InvalidTypeError, match="seed"):
        demo_program(as_of=AS_OF, seed="seven")  # type: ignore[arg-type]


def test_opportunities_link_real_activities() -> None:
    activities = {a.id: a for a in PROGRAM.activities}
    assert len(PROGRAM.opportunities) > 200
    assert len({o.id for o in PROGRAM.opportunities}) == len(PROGRAM.opportunities)
    for opportunity in PROGRAM.opportunities:
        assert opportunity.activity_ids <= set(activities)
        assert opportunity.created <= AS_OF
        assert opportunity.closed is None or opportunity.closed <= AS_OF
        if opportunity.source.value == "referral":
            (only,) = opportunity.activity_ids
            assert activities[only].type.value == "referral"
    linked = [i for o in PROGRAM.opportunities for i in o.activity_ids]
    assert len(linked) == len(set(linked))  # each activity supports one deal


def test_requests_and_tiers() -> None:
    assert len(PROGRAM.requests) == 24
    assert {a.tier for a in PROGRAM.advocates} >= {Tier.CHAMPION, Tier.ADVOCATE}
