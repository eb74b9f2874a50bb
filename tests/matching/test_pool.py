"""The pool's indexed pair builder and exclusion count, against the rules pair by pair.

`Pool.candidates` and `Pool.exclusions` work from indexes; here they are
checked against `evaluate` (every rule, one advocate at a time) and
`combine(values(...))` (the fit, one pair at a time) on random batches, with
required factors, full credits that make a neighbour a full match, asks in
flight and past activities.
"""

from __future__ import annotations

from collections import Counter

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    ActivityType,
    Commitment,
    FitFactor,
    FitWeights,
    Ineligibility,
    MatchPolicy,
    Policies,
    assign_requests,
    rank_candidates,
)
from advocacy._matching.eligibility import evaluate
from advocacy._matching.fit import Want, combine, values
from advocacy._matching.pool import Pool
from tests.world import (
    AS_OF,
    INDUSTRIES,
    World,
    account,
    activity,
    advocate,
    prospect,
    request,
    worlds,
)

MATCHABLE = [f for f in FitFactor if f not in (FitFactor.SCORE, FitFactor.REST)]
weights = (
    st.fixed_dictionaries(
        {
            f.value: st.sampled_from([0.0, 0.05, 0.1, 0.25, 1.0, 0.3333333333])
            for f in FitFactor
        }
    )
    .filter(lambda given: any(given.values()))
    .map(lambda given: FitWeights(**given))
)


@st.composite
def policies(draw: st.DrawFn) -> Policies:
    """Random match policies: required factors, credits of 1 or less, weights."""
    return Policies(
        match=MatchPolicy(
            rest_days=draw(st.sampled_from([0, 14])),
            required=draw(st.sets(st.sampled_from(MATCHABLE))),
            expertise_credit=draw(st.sampled_from([0.5, 1.0])),
            adjacent_size_credit=draw(st.sampled_from([0.0, 0.5, 1.0])),
            weights=draw(weights),
            recency_days=draw(st.sampled_from([1, 30, 180])),
        )
    )


@st.composite
def busy_worlds(draw: st.DrawFn) -> World:
    """Worlds with expertise, use cases, past activities and varied prospects."""
    world = draw(worlds(max_advocates=8, max_requests=5))
    people = tuple(
        attrs.evolve(
            person,
            industry_expertise=draw(st.sets(st.sampled_from(INDUSTRIES), max_size=2)),
        )
        for person in world.advocates
    )
    accounts = {
        key: attrs.evolve(
            acct,
            use_cases=draw(st.sets(st.sampled_from(["dashboards", "alerts"]))),
        )
        for key, acct in world.accounts.items()
    }
    history = tuple(
        activity(f"act{n}", draw(st.sampled_from(people)).id, day)
        for n, day in enumerate(
            draw(
                st.lists(
                    st.dates(pendulum.date(2026, 1, 1), AS_OF).map(
                        lambda d: pendulum.date(d.year, d.month, d.day)
                    ),
                    max_size=6,
                )
            )
        )
    )
    asks = tuple(
        request(
            r.id,
            activity=r.activity,
            prospect=prospect(
                industry=draw(st.sampled_from([*INDUSTRIES, None])),
                region=r.prospect.region,
                employees=draw(st.sampled_from([None, 50, 500, 5000])),
                products=draw(
                    st.sets(st.sampled_from(["Analytics", "Automation"]), max_size=2)
                ),
                use_cases=draw(st.sets(st.sampled_from(["dashboards", "alerts"]))),
                persona=r.prospect.persona,
                account_id=draw(st.sampled_from([None, *sorted(accounts)])),
            ),
            advocates_needed=r.advocates_needed,
            priority=r.priority,
            excluded=r.excluded,
            approved_accounts=r.approved_accounts,
        )
        for r in world.requests
    )
    return World(accounts, people, asks, history)


def pool_of(
    world: World, policies: Policies, commitments: tuple[Commitment, ...] = ()
) -> Pool:
    return Pool(
        world.advocates,
        world.activities,
        accounts=world.accounts,
        as_of=AS_OF,
        scores={a.id: 10 * n for n, a in enumerate(world.advocates)},
        commitments=commitments,
        policies=policies,
        owner="test",
    )


def in_flight(world: World) -> st.SearchStrategy[tuple[Commitment, ...]]:
    return st.lists(
        st.builds(
            Commitment,
            st.sampled_from([a.id for a in world.advocates]),
            st.just("earlier"),
            st.just(ActivityType.REFERENCE_CALL),
            st.sampled_from([AS_OF, AS_OF.subtract(days=20), AS_OF.add(days=3)]),
        ),
        max_size=3,
    ).map(tuple)


@given(busy_worlds(), policies(), st.data())
def test_candidates_and_exclusions_are_the_rules_pair_by_pair(
    world: World, policies: Policies, data: st.DataObject
) -> None:
    asked = data.draw(in_flight(world))
    pool = pool_of(world, policies, asked)
    for req in world.requests:
        want = Want.of(req, policies.match)
        expected, reasons = [], Counter[Ineligibility]()
        for i, person in enumerate(pool.advocates):
            eligibility = evaluate(
                person,
                pool.accounts[i],
                req,
                history=pool.histories[i],
                as_of=AS_OF,
                policies=policies,
            )
            reasons.update(r.kind for r in eligibility.reasons)
            if eligibility.eligible:
                parts = values(pool.offers[i], want, as_of=AS_OF, policy=policies.match)
                expected.append((i, combine(parts, pool.weights)))
                # The explained fit, built unchecked, passes every check.
                fit = pool.explained(i, want)
                assert attrs.evolve(fit) == fit
                assert fit.value == expected[-1][1]
        # Exactly equal: the same advocates, the same fits to the last bit.
        places, fits = pool.candidates(req, want)
        assert list(zip(places, fits, strict=True)) == expected
        assert pool.exclusions(req, want) == +reasons


@given(busy_worlds(), policies())
def test_batch_and_ranking_count_exclusions_alike(
    world: World, policies: Policies
) -> None:
    batch = assign_requests(
        world.requests,
        world.advocates,
        world.activities,
        accounts=world.accounts,
        as_of=AS_OF,
        policies=policies,
    )
    for req in world.requests:
        ranking = rank_candidates(
            req,
            world.advocates,
            world.activities,
            accounts=world.accounts,
            as_of=AS_OF,
            policies=policies,
        )
        outcome = batch[req.id]
        assert outcome.excluded == ranking.excluded
        assert outcome.eligible == len(ranking.candidates)


def test_a_full_expertise_credit_makes_expertise_a_full_match() -> None:
    # Required industry, expertise credited in full: the banker's colleague
    # who lists banking as expertise is a full match too.
    world = World(
        accounts={"a1": account("a1", industry="Retail")},
        advocates=(
            advocate("v1", "a1", industry_expertise={"Banking"}),
            advocate("v2", "a1"),
        ),
        requests=(request("r1", prospect=prospect(industry="Banking")),),
    )
    for credit, eligible in ((1.0, [0]), (0.5, [])):
        policy = Policies(
            match=MatchPolicy(required={"industry"}, expertise_credit=credit)
        )
        pool = pool_of(world, policy)
        (req,) = world.requests
        places, _ = pool.candidates(req, Want.of(req, policy.match))
        assert places == eligible
        assert pool.exclusions(req, Want.of(req, policy.match)) == Counter(
            {Ineligibility.MISMATCH: 2 - len(eligible)}
        )


def test_no_weight_that_applies_makes_every_fit_zero() -> None:
    # Only industry weighs, and the request names no industry: nothing
    # applies, so each fit is combine's 0, as for a pair checked alone.
    world = World(
        accounts={"a1": account("a1")},
        advocates=(advocate("v1", "a1"), advocate("v2", "a1")),
        requests=(request("r1", prospect=prospect(industry=None)),),
    )
    weights = FitWeights(**{f.value: 0 for f in FitFactor} | {"industry": 1})
    policies = Policies(match=MatchPolicy(weights=weights))
    pool = pool_of(world, policies)
    (req,) = world.requests
    want = Want.of(req, policies.match)
    assert pool.candidates(req, want) == ([0, 1], [0.0, 0.0])
    parts = values(pool.offers[0], want, as_of=AS_OF, policy=policies.match)
    assert combine(parts, pool.weights) == 0.0
