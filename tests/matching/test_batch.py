"""Batch assignment: optimal against brute force, never worse than greedy."""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityCatalog,
    ActivityType,
    BatchAssignment,
    Commitment,
    Ineligibility,
    MatchPolicy,
    Policies,
    RequestOutcome,
    Tier,
    Unfilled,
    Verdict,
    assign_requests,
    rank_candidates,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from tests.checks import refused
from tests.world import (
    AS_OF,
    SCORES,
    STRANDED,
    World,
    account,
    activity,
    advocate,
    best_by_brute_force,
    prospect,
    request,
    worlds,
)


def assign(world: World, **options: object):  # type: ignore[no-untyped-def]
    return assign_requests(
        world.requests,
        world.advocates,
        world.activities,
        accounts=world.accounts,
        as_of=AS_OF,
        **options,  # type: ignore[arg-type]
    )


class TestGreedyStrandsWhatOptimalFills:
    def test_pinned_example(self) -> None:
        greedy = assign(STRANDED, scores=SCORES, method="greedy")
        optimal = assign(STRANDED, scores=SCORES)
        # Greedy gives Ana to the retail request (her best pair), stranding
        # the banking one; the optimum gives the retail request to Ben.
        assert [m.advocate_id for m in greedy["r-retail"].matches] == ["v-ana"]
        assert greedy["r-bank"].unfilled is Unfilled.NEEDED_ELSEWHERE
        assert greedy["r-bank"].taken_by == ("r-retail",)
        assert greedy["r-bank"].explain() == (
            "r-bank: its 1 eligible advocate went to r-retail"
        )
        assert (greedy.filled, optimal.filled) == (1, 2)
        assert [m.advocate_id for m in optimal["r-retail"].matches] == ["v-ben"]
        # Filled, and still its other eligible advocate went elsewhere.
        assert (optimal["r-retail"].taken, optimal["r-retail"].taken_by) == (
            1,
            ("r-bank",),
        )
        assert (optimal["r-bank"].taken, optimal["r-bank"].taken_by) == (0, ())
        assert [m.advocate_id for m in optimal["r-bank"].matches] == ["v-ana"]
        assert optimal.optimal
        assert optimal.priority_gap == 0
        assert optimal.fit_gap == 0


class TestAgainstBruteForce:
    @given(worlds())
    def test_optimal_equals_the_best_assignment(self, world: World) -> None:
        # Enough flows to finish the search on any world of four requests
        # (each multi-advocate request is forced in or out: at most 3**4
        # branches); how a cut search bounds what it misses is tested below.
        result = assign(world, policies=Policies(match=MatchPolicy(node_limit=256)))
        candidates = {
            r.id: {
                c.advocate_id: c.fit.value
                for c in rank_candidates(
                    r, world.advocates, accounts=world.accounts, as_of=AS_OF
                ).candidates
            }
            for r in world.requests
        }
        capacity = {a.id: 1 for a in world.advocates}
        best_priority, best_fit = best_by_brute_force(
            world.requests, candidates, capacity
        )
        note(result.explain())
        assert result.optimal
        assert result.priority_filled == best_priority
        slots = sum(r.advocates_needed for r in world.requests)
        assert result.total_fit == pytest.approx(best_fit, abs=1e-5 * slots)

    @given(worlds(max_advocates=6, max_requests=5))
    def test_a_cut_search_bounds_what_it_misses(self, world: World) -> None:
        result = assign(world, policies=Policies(match=MatchPolicy(node_limit=1)))
        candidates = {
            r.id: {
                c.advocate_id: c.fit.value
                for c in rank_candidates(
                    r, world.advocates, accounts=world.accounts, as_of=AS_OF
                ).candidates
            }
            for r in world.requests
        }
        best_priority, best_fit = best_by_brute_force(
            world.requests, candidates, {a.id: 1 for a in world.advocates}
        )
        assert result.priority_gap is not None
        assert result.priority_filled <= best_priority
        assert best_priority <= result.priority_filled + result.priority_gap
        if result.priority_gap == 0:
            assert result.fit_gap is not None
            slots = sum(r.advocates_needed for r in world.requests)
            assert best_fit <= result.total_fit + result.fit_gap + 1e-5 * slots

    @given(worlds())
    def test_every_assignment_is_valid(self, world: World) -> None:
        result = assign(world)
        needed = {r.id: r.advocates_needed for r in world.requests}
        for outcome in result:
            ids = [m.advocate_id for m in outcome.matches]
            assert len(ids) in (0, needed[outcome.request_id])
            assert len(set(ids)) == len(ids)
            eligible = {
                c.advocate_id
                for c in rank_candidates(
                    next(r for r in world.requests if r.id == outcome.request_id),
                    world.advocates,
                    accounts=world.accounts,
                    as_of=AS_OF,
                ).candidates
            }
            assert set(ids) <= eligible
        assert all(n <= 1 for n in result.load.values())

    @given(worlds(), st.integers(1, 2), st.sampled_from(["optimal", "greedy"]))
    def test_taken_counts_eligible_advocates_given_elsewhere(
        self, world: World, asks: int, method: str
    ) -> None:
        policies = Policies(match=MatchPolicy(asks_per_batch=asks))
        result = assign(world, policies=policies, method=method)
        given_to: dict[str, set[str]] = {}
        for outcome in result:
            for m in outcome.matches:
                given_to.setdefault(m.advocate_id, set()).add(outcome.request_id)
        for req in world.requests:
            eligible = rank_candidates(
                req, world.advocates, world.activities, accounts=world.accounts,
                as_of=AS_OF, policies=policies,
            ).candidates  # fmt: skip
            elsewhere = [
                given_to.get(c.advocate_id, set()) - {req.id} for c in eligible
            ]
            outcome = result[req.id]
            assert outcome.taken == sum(1 for rs in elsewhere if rs)
            assert outcome.taken_by == tuple(sorted(set().union(*elsewhere)))

    @given(worlds())
    def test_never_worse_than_greedy(self, world: World) -> None:
        optimal, greedy = assign(world), assign(world, method="greedy")
        assert optimal.priority_filled >= greedy.priority_filled
        if len({r.priority for r in world.requests}) == 1:
            assert optimal.filled >= greedy.filled

    @given(worlds(), st.data())
    def test_adding_an_advocate_never_lowers_the_fill(
        self, world: World, data: st.DataObject
    ) -> None:
        extra = advocate(
            "v-extra",
            data.draw(st.sampled_from(sorted(world.accounts))),
            tier=data.draw(st.sampled_from([Tier.CHAMPION, Tier.ADVOCATE])),
        )
        more = attrs.evolve(world, advocates=(*world.advocates, extra))
        assert assign(more).priority_filled >= assign(world).priority_filled

    @given(worlds(), st.randoms())
    def test_independent_of_input_order(self, world: World, rng: random.Random) -> None:
        advocates, requests = list(world.advocates), list(world.requests)
        rng.shuffle(advocates)
        rng.shuffle(requests)
        shuffled = attrs.evolve(
            world, advocates=tuple(advocates), requests=tuple(requests)
        )
        assert assign(shuffled) == assign(world)


class TestCapacity:
    def test_one_ask_per_advocate_by_default(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"),),
            requests=(request("r1"), request("r2")),
        )
        result = assign(world)
        assert result.filled == 1
        assert result.load == {"v1": 1}
        assert result.groups == ((ActivityType.REFERENCE_CALL,),)

    def test_several_asks_within_the_quarter_cap(self) -> None:
        # Three asks allowed per batch, but one of this quarter's three
        # reference calls is already used: two more at most.
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"),),
            requests=tuple(request(f"r{n}") for n in range(4)),
            activities=(activity("x", "v1", AS_OF.subtract(days=30)),),
        )
        result = assign(world, policies=Policies(match=MatchPolicy(asks_per_batch=3)))
        assert result.filled == 2
        assert result.load == {"v1": 2}

    def test_time_budget_shared_across_types_in_order(self) -> None:
        # An advocate-tier member has 120 minutes: a 60-minute webinar and
        # two 30-minute calls fit; the batch's heaviest type goes first.
        member = advocate("v1", "a1", tier=Tier.ADVOCATE)
        world = World(
            accounts={"a1": account("a1")},
            advocates=(member,),
            requests=(
                request("call-1"),
                request("call-2"),
                request("call-3"),
                request("web", activity=ActivityType.WEBINAR, priority=5),
            ),
        )
        result = assign(world, policies=Policies(match=MatchPolicy(asks_per_batch=4)))
        assert result.groups == (
            (ActivityType.WEBINAR,),
            (ActivityType.REFERENCE_CALL,),
        )
        assert sorted(o.request_id for o in result if o.filled) == [
            "call-1",
            "call-2",
            "web",
        ]


class TestRequiredFactors:
    """Required factors are answered from indexes; the result must not change."""

    WORLD = World(
        accounts={
            "retail": account("retail", products={"Analytics", "Automation"}),
            "bank": account("bank", industry="Banking"),
            "apac": account("apac", region="APAC"),
            "lean": account("lean", products={"Automation"}),
        },
        advocates=(
            advocate("v-retail", "retail"),
            advocate("v-bank", "bank"),
            advocate("v-apac", "apac"),
            advocate("v-lean", "lean"),
        ),
        requests=(
            request("both", prospect=prospect(products={"Analytics", "Automation"})),
            request("any-region", prospect=prospect(region=None)),
        ),
    )

    def test_only_full_matches_are_candidates(self) -> None:
        policy = MatchPolicy(
            required={"industry", "region", "products"},
            asks_per_batch=2,
        )
        result = assign(self.WORLD, policies=Policies(match=policy))
        both = result["both"]
        assert [m.advocate_id for m in both.matches] == ["v-retail"]
        assert both.eligible == 1
        assert both.excluded == {Ineligibility.MISMATCH: 3}
        # Region unspecified: the APAC advocate qualifies on the rest.
        assert result["any-region"].eligible == 2

    @given(
        st.sets(st.sampled_from(["industry", "region", "products", "persona", "size"]))
    )
    def test_indexes_agree_with_checking_every_pair(self, required: set[str]) -> None:
        policy = MatchPolicy(required=required, asks_per_batch=2)
        result = assign(self.WORLD, policies=Policies(match=policy))
        for r in self.WORLD.requests:
            ranking = rank_candidates(
                r, self.WORLD.advocates, accounts=self.WORLD.accounts, as_of=AS_OF,
                policies=Policies(match=policy),
            )  # fmt: skip
            assert result[r.id].eligible == len(ranking.candidates)
            assert result[r.id].excluded == ranking.excluded


class TestCommitments:
    def test_asks_in_flight_count_against_the_cap(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a1")),
            requests=(request("r1"),),
        )
        busy = [
            Commitment("v1", f"old-{n}", ActivityType.REFERENCE_CALL, AS_OF)
            for n in range(3)
        ]
        result = assign(world, commitments=busy)
        assert [m.advocate_id for m in result["r1"].matches] == ["v2"]


class TestUnfilled:
    def test_no_eligible_advocate(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1", opted_out=True),),
            requests=(request("r1"),),
        )
        outcome = assign(world)["r1"]
        assert outcome.unfilled is Unfilled.NO_ELIGIBLE
        assert outcome.excluded == {Ineligibility.OPTED_OUT: 1}
        assert outcome.explain() == "r1: nobody eligible (opted_out 1)"

    def test_too_few_eligible(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"),),
            requests=(request("r1", advocates_needed=2),),
        )
        outcome = assign(world)["r1"]
        assert outcome.unfilled is Unfilled.TOO_FEW_ELIGIBLE
        assert outcome.explain() == "r1: needs 2, only 1 eligible"

    def test_greedy_gives_up_a_request_it_could_only_half_fill(self) -> None:
        # Greedy starts the retail pair with v1, gives v2 (a banker) to the
        # banking single, then must release the pair; so does the optimum,
        # which cannot fill both either.
        world = World(
            accounts={"a1": account("a1"), "a2": account("a2", industry="Banking")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a2")),
            requests=(
                request("pair", advocates_needed=2, priority=2),
                request(
                    "single", prospect=prospect(industry="Banking"), priority=2,
                    excluded={"v1"},
                ),
            ),
        )  # fmt: skip
        greedy = assign(world, method="greedy")
        outcome = greedy["pair"]
        assert outcome.unfilled is Unfilled.NEEDED_ELSEWHERE
        assert (outcome.taken, outcome.taken_by) == (1, ("single",))
        assert outcome.explain() == "pair: 1 of its 2 eligible advocates went to single"
        assert assign(world).priority_filled == greedy.priority_filled == 2

    def test_advocates_left_free_but_too_few(self) -> None:
        # v1 takes the better-paying single; v2 alone cannot make a pair.
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a1")),
            requests=(
                request("pair", advocates_needed=2, priority=1),
                request("single", priority=3, excluded={"v2"}),
            ),
        )
        outcome = assign(world)["pair"]
        assert outcome.unfilled is Unfilled.NEEDED_ELSEWHERE
        assert outcome.explain() == "pair: 1 of its 2 eligible advocates went to single"

    def test_greedy_releases_too_late_to_help(self) -> None:
        # Greedy: s-single takes v3; q-pair takes v1 but cannot get v3; r-pair
        # finds v1 still held, takes v2, and cannot complete. Both pairs are
        # released at the end, leaving r-pair's advocates free but unused.
        world = World(
            accounts={"a1": account("a1"), "a2": account("a2", industry="Banking")},
            advocates=(
                advocate("v1", "a1"),
                advocate("v2", "a1"),
                advocate("v3", "a2"),
            ),
            requests=(
                request("q-pair", advocates_needed=2, priority=3, excluded={"v2"}),
                request("r-pair", advocates_needed=2, excluded={"v3"}),
                request(
                    "s-single", prospect=prospect(industry="Banking"), priority=3,
                    excluded={"v1", "v2"},
                ),
            ),
        )  # fmt: skip
        greedy = assign(world, method="greedy")
        assert greedy["r-pair"].explain() == (
            "r-pair: its 2 eligible advocates were not all free for the 2 it needs"
        )
        assert greedy["q-pair"].explain() == (
            "q-pair: 1 of its 2 eligible advocates went to s-single"
        )
        optimal = assign(world)
        assert optimal.priority_filled == 4  # s-single and r-pair
        assert greedy.priority_filled == 3


class TestProof:
    def test_a_cut_search_reports_what_may_be_missing(self) -> None:
        # The pair request is worth more, but the flow relaxation first fills
        # one place of it and gives v2 to the single request (a better fit).
        world = World(
            accounts={"a1": account("a1"), "a2": account("a2", industry="Banking")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a2")),
            requests=(
                request("pair", advocates_needed=2, priority=2),
                request(
                    "single", prospect=prospect(industry="Banking"), excluded={"v1"}
                ),
            ),
        )
        cut = assign(world, policies=Policies(match=MatchPolicy(node_limit=1)))
        assert not cut.optimal
        assert cut.priority_gap == 1
        assert cut.fit_gap is None
        assert "at most 1 priority short" in cut.explain()
        full = assign(world)
        assert full.optimal
        assert full["pair"].filled
        assert full.priority_filled == 2


class TestOutputs:
    def test_records_and_text(self) -> None:
        result = assign(STRANDED, scores=SCORES)
        records = result.to_records()
        assert records[0] == {
            "request_id": "r-bank",
            "activity": "reference_call",
            "priority": 1,
            "needed": 1,
            "filled": True,
            "advocates": ["v-ana"],
            "fits": [result["r-bank"].fit],
            "fit": result["r-bank"].fit,
            "eligible": 1,
            "unfilled": None,
            "why": f"r-bank: v-ana ({result['r-bank'].fit:.2f})",
        }
        json.dumps(records)
        assert repr(result).startswith("BatchAssignment(2 of 2 filled, priority 2")
        assert repr(result).endswith("proven optimal)")
        greedy = assign(STRANDED, scores=SCORES, method="greedy")
        assert repr(greedy).endswith("greedy baseline)")
        assert greedy.priority_gap is None
        assert "a baseline, not optimised" in greedy.explain()
        assert result._repr_html_().count("<tr>") == 3
        assert len(result) == 2
        assert [o.request_id for o in result] == ["r-bank", "r-retail"]

    def test_explains_a_proven_fill_with_an_unproven_fit(self) -> None:
        result = attrs.evolve(
            assign(STRANDED), optimal=False, priority_gap=0, fit_gap=0.25
        )
        assert isinstance(result, BatchAssignment)
        assert (
            "the filled requests are proven best; fit within 0.25" in result.explain()
        )

    def test_unknown_request(self) -> None:
        with pytest.raises(UnknownKeyError, match="a request in the batch"):
            assign(STRANDED)["r-missing"]

    def test_empty_batch(self) -> None:
        result = assign(attrs.evolve(STRANDED, requests=()))
        assert (len(result), result.filled, result.optimal) == (0, 0, True)


class TestBadInput:
    def test_duplicate_request_ids(self) -> None:
        twice = attrs.evolve(STRANDED, requests=(request("r1"), request("r1")))
        with pytest.raises(InvalidValueError, match="unique request ids"):
            assign(twice)

    def test_unknown_method(self) -> None:
        with pytest.raises(InvalidValueError, match="'optimal' or 'greedy'"):
            assign(STRANDED, method="fastest")

    def test_a_request_of_the_wrong_kind(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"requests\[0\]"):
            assign(attrs.evolve(STRANDED, requests=("r1",)))  # type: ignore[arg-type]


OPTIMAL = assign(STRANDED, scores=SCORES)
GREEDY = assign(STRANDED, scores=SCORES, method="greedy")
# A pair filled by v1 and v2; "few" has only v3 for two places; "none" nobody.
MIXED = assign(
    World(
        accounts={"a1": account("a1")},
        advocates=(
            advocate("v1", "a1"),
            advocate("v2", "a1", persona="Admin"),
            advocate("v3", "a1"),
            advocate("v4", "a1", opted_out=True),
        ),
        requests=(
            request("pair", advocates_needed=2, excluded={"v3"}),
            request("few", advocates_needed=2, excluded={"v1", "v2"}),
            request("none", excluded={"v1", "v2", "v3"}),
        ),
    )
)
PAIR, FEW, NONE = MIXED["pair"], MIXED["few"], MIXED["none"]
ELSEWHERE = GREEDY["r-bank"]


def rebuilt(result: BatchAssignment) -> BatchAssignment:
    """`result` made again from its own parts, every nested value included."""
    return attrs.evolve(
        result,
        outcomes=tuple(
            attrs.evolve(
                o,
                matches=tuple(
                    attrs.evolve(m, fit=attrs.evolve(m.fit)) for m in o.matches
                ),
                excluded=dict(o.excluded),
            )
            for o in result.outcomes
        ),
        load=dict(result.load),
    )


class TestBatchValidation:
    """A `BatchAssignment` and its outcomes agree, as `assign_requests` makes them."""

    @given(
        worlds(
            activities=(
                ActivityType.REFERENCE_CALL,
                ActivityType.WEBINAR,
                ActivityType.CASE_STUDY,
            )
        ),
        st.sampled_from(["optimal", "greedy"]),
        st.integers(1, 2),
        st.sampled_from([1, 16]),
    )
    def test_every_assignment_passes_unchanged(
        self, world: World, method: str, asks: int, node_limit: int
    ) -> None:
        policy = MatchPolicy(asks_per_batch=asks, node_limit=node_limit)
        result = assign(world, method=method, policies=Policies(match=policy))
        assert rebuilt(result) == result

    def test_the_outcomes_used_here(self) -> None:
        assert [len(PAIR.matches), PAIR.eligible] == [2, 2]
        assert PAIR.matches[0].fit.value > PAIR.matches[1].fit.value
        assert (FEW.unfilled, FEW.eligible, FEW.taken) == (
            Unfilled.TOO_FEW_ELIGIBLE,
            1,
            0,
        )
        assert NONE.unfilled is Unfilled.NO_ELIGIBLE
        assert list(NONE.excluded.items()) == [
            (Ineligibility.EXCLUDED, 3),
            (Ineligibility.OPTED_OUT, 1),
        ]
        assert (ELSEWHERE.taken, ELSEWHERE.taken_by) == (1, ("r-retail",))
        assert rebuilt(MIXED) == MIXED

    def test_an_assigned_advocate_needs_an_id(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"^AssignedAdvocate\.advocate_id: got"
        ):
            attrs.evolve(PAIR.matches[0], advocate_id="")

    @pytest.mark.parametrize(
        ("outcome", "changes", "field"),
        [
            (PAIR, {"request_id": ""}, "request_id"),
            (PAIR, {"priority": 0}, "priority"),
            (PAIR, {"needed": 0}, "needed"),
            (PAIR, {"eligible": -1}, "eligible"),
            (PAIR, {"taken": -1}, "taken"),
            (PAIR, {"matches": PAIR.matches[:1]}, "matches"),
            (PAIR, {"matches": ()}, "matches"),
            (PAIR, {"unfilled": Unfilled.NEEDED_ELSEWHERE}, "matches"),
            (PAIR, {"matches": PAIR.matches[::-1]}, r"matches\[1\]"),
            (PAIR, {"matches": PAIR.matches[:1] * 2}, r"matches\[1\]"),
            (PAIR, {"eligible": 1}, "eligible"),
            (FEW, {"eligible": 2}, "eligible"),
            (FEW, {"eligible": 0}, "eligible"),
            (NONE, {"eligible": 1}, "eligible"),
            (ELSEWHERE, {"eligible": 0}, "eligible"),
            (PAIR, {"taken": 3, "taken_by": ("r-x",)}, "taken"),
            (PAIR, {"taken": 1}, "taken_by"),
            (FEW, {"taken": 2}, "taken"),
            (FEW, {"taken": 1, "taken_by": (FEW.request_id,)}, "taken_by"),
            (ELSEWHERE, {"taken_by": ()}, "taken_by"),
            (ELSEWHERE, {"taken": 0}, "taken_by"),
            (ELSEWHERE, {"taken_by": ("r-retail", "r-retail")}, "taken_by"),
            (ELSEWHERE, {"taken_by": ("r-x", "r-retail")}, "taken_by"),
            (NONE, {"excluded": {Ineligibility.EXCLUDED: 0}}, "excluded"),
            (NONE, {"excluded": dict(list(NONE.excluded.items())[::-1])}, "excluded"),
        ],
    )
    def test_an_outcome_is_refused_by_name(
        self, outcome: RequestOutcome, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^RequestOutcome\.{field}: got"):
            attrs.evolve(outcome, **changes)

    def test_a_request_with_free_but_too_few_advocates_names_nobody(self) -> None:
        free = attrs.evolve(ELSEWHERE, taken=0, taken_by=())
        assert free.explain().endswith("were not all free for the 1 it needs")

    @pytest.mark.parametrize(
        ("result", "changes", "field"),
        [
            (OPTIMAL, {"method": "fastest"}, "method"),
            (OPTIMAL, {"outcomes": OPTIMAL.outcomes[::-1]}, "outcomes"),
            (OPTIMAL, {"outcomes": OPTIMAL.outcomes[:1] * 2}, "outcomes"),
            (OPTIMAL, {"load": {**OPTIMAL.load, "v-ana": 2}}, "load"),
            (OPTIMAL, {"load": {"v-ana": 1}}, "load"),
            (OPTIMAL, {"priority_gap": -1}, "priority_gap"),
            (OPTIMAL, {"priority_gap": None}, "priority_gap"),
            (GREEDY, {"priority_gap": 0, "fit_gap": 0.0}, "priority_gap"),
            (OPTIMAL, {"fit_gap": -1.0}, "fit_gap"),
            (OPTIMAL, {"fit_gap": None}, "fit_gap"),
            (OPTIMAL, {"priority_gap": 1, "optimal": False}, "fit_gap"),
            (OPTIMAL, {"fit_gap": 0.25}, "optimal"),
            (OPTIMAL, {"priority_gap": 1, "fit_gap": None}, "optimal"),
            (GREEDY, {"optimal": True}, "optimal"),
            (OPTIMAL, {"flows": -1}, "flows"),
            (OPTIMAL, {"groups": ()}, "groups"),
            (OPTIMAL, {"groups": ((),)}, "groups"),
            (OPTIMAL, {"groups": ((ActivityType.WEBINAR,),)}, "groups"),
            (
                OPTIMAL,
                {
                    "groups": (
                        (ActivityType.REFERENCE_CALL,),
                        (ActivityType.REFERENCE_CALL,),
                    )
                },
                "groups",
            ),
        ],
    )
    def test_an_assignment_is_refused_by_name(
        self, result: BatchAssignment, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^BatchAssignment\.{field}: got"):
            attrs.evolve(result, **changes)

    def test_an_empty_batch_has_no_groups(self) -> None:
        empty = assign(attrs.evolve(STRANDED, requests=()))
        assert empty.groups == ()
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(empty, groups=((ActivityType.WEBINAR,),))
        assert caught.value.expected.endswith("once (none)")


# Calls done early in the quarter (Q2 2026 starts on April 1): they count
# against the quarter's cap of 3 but are long past the rest period.
APRIL = pendulum.date(2026, 4, 1)


def calls_done(advocate_id: str, n: int) -> tuple[Activity, ...]:
    """`n` reference calls `advocate_id` gave in the first days of the quarter."""
    return tuple(
        activity(f"{advocate_id}-call-{d}", advocate_id, APRIL.add(days=d))
        for d in range(n)
    )


class TestArgumentsAreRefusedByName:
    def test_an_as_of_that_is_not_a_date(self) -> None:
        refused(
            InvalidTypeError,
            r"assign_requests\.as_of",
            lambda: assign_requests(
                STRANDED.requests,
                STRANDED.advocates,
                accounts=STRANDED.accounts,
                as_of="soon",  # type: ignore[arg-type]
            ),
            value="soon",
            expected="a date",
        )

    def test_an_unknown_method_names_the_two_methods(self) -> None:
        error = refused(
            InvalidValueError,
            r"assign_requests\.method",
            lambda: assign(STRANDED, method="fastest"),
            value="fastest",
        )
        assert error.expected == "'optimal' or 'greedy'"

    def test_policies_of_the_wrong_kind(self) -> None:
        refused(
            InvalidTypeError,
            r"assign_requests\.policies",
            lambda: assign(STRANDED, policies=3),
            value=3,
            expected="a Policies",
        )

    def test_repeated_request_ids(self) -> None:
        twice = attrs.evolve(STRANDED, requests=(request("r1"), request("r1")))
        refused(
            InvalidValueError,
            r"assign_requests\.requests",
            lambda: assign(twice),
            value="r1",
            expected="unique request ids",
            hint="r1",
        )

    def test_an_advocate_whose_account_is_missing(self) -> None:
        refused(
            UnknownKeyError,
            r"assign_requests\.accounts",
            lambda: assign(attrs.evolve(STRANDED, accounts={})),
            value="a1",
            expected="an account for every advocate",
        )


class TestScores:
    def test_the_scores_reach_the_fit(self) -> None:
        # Ana's score of 95 nudges her fit up: the batch uses the scores given.
        bank = STRANDED.requests[1]
        ranked = rank_candidates(
            bank, STRANDED.advocates, accounts=STRANDED.accounts, as_of=AS_OF,
            scores=SCORES,
        )  # fmt: skip
        with_scores = assign(STRANDED, scores=SCORES)["r-bank"].fit
        assert with_scores == ranked.candidates[0].fit.value
        assert with_scores != assign(STRANDED)["r-bank"].fit


class TestGroups:
    def test_one_ask_each_solves_every_type_together_in_type_order(self) -> None:
        # Case studies sort before reference calls by name, not by type order.
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"),),
            requests=(
                request("call"),
                request("story", activity=ActivityType.CASE_STUDY),
            ),
        )
        result = assign(world)
        assert result.groups == (
            (ActivityType.REFERENCE_CALL, ActivityType.CASE_STUDY),
        )

    def test_several_asks_solve_the_heaviest_total_priority_first(self) -> None:
        # Calls weigh 3 + 3 = 6, more than the webinar's 5 (though each call
        # weighs less).
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"),),
            requests=(
                request("call-1", priority=3),
                request("call-2", priority=3),
                request("web", activity=ActivityType.WEBINAR, priority=5),
            ),
        )
        result = assign(world, policies=Policies(match=MatchPolicy(asks_per_batch=2)))
        assert result.groups == (
            (ActivityType.REFERENCE_CALL,),
            (ActivityType.WEBINAR,),
        )

    def test_equal_weights_go_in_catalog_order(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"),),
            requests=(request("call"), request("web", activity=ActivityType.WEBINAR)),
        )
        reversed_catalog = ActivityCatalog(
            tuple(reversed(ActivityCatalog.default().specs))
        )
        policies = Policies(
            match=MatchPolicy(asks_per_batch=2), catalog=reversed_catalog
        )
        assert assign(world, policies=policies).groups == (
            (ActivityType.WEBINAR,),
            (ActivityType.REFERENCE_CALL,),
        )

    def test_a_type_the_catalog_lacks_goes_after_its_types(self) -> None:
        # Without advocates nothing looks the missing type up; it ties on
        # weight with the webinar and goes last, though first in type order.
        catalog = ActivityCatalog(
            tuple(
                spec
                for spec in ActivityCatalog.default().specs
                if spec.type is not ActivityType.REFERENCE_CALL
            )
        )
        world = World(
            accounts={},
            advocates=(),
            requests=(request("call"), request("web", activity=ActivityType.WEBINAR)),
        )
        policies = Policies(match=MatchPolicy(asks_per_batch=2), catalog=catalog)
        assert assign(world, policies=policies).groups == (
            (ActivityType.WEBINAR,),
            (ActivityType.REFERENCE_CALL,),
        )

    def test_types_solved_together_share_one_ask_whatever_the_first_type(
        self,
    ) -> None:
        # v1 has used the quarter's three calls but may still give a webinar:
        # solved together with a call, only the one ask per batch binds them.
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a1")),
            requests=(
                request("a-call", excluded={"v1"}),
                request("b-web", activity=ActivityType.WEBINAR, excluded={"v2"}),
            ),
            activities=calls_done("v1", 3),
        )
        result = assign(world)
        assert result.groups == ((ActivityType.REFERENCE_CALL, ActivityType.WEBINAR),)
        assert [m.advocate_id for m in result["a-call"].matches] == ["v2"]
        assert [m.advocate_id for m in result["b-web"].matches] == ["v1"]


class TestFlows:
    def test_one_flow_for_a_batch_of_single_requests(self) -> None:
        assert assign(STRANDED).flows == 1

    def test_the_greedy_baseline_solves_no_flow(self) -> None:
        assert assign(STRANDED, method="greedy").flows == 0

    def test_no_flow_when_nothing_can_be_filled(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1", opted_out=True),),
            requests=(request("r1"),),
        )
        assert assign(world).flows == 0

    def test_every_group_s_flows_are_counted(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"),),
            requests=(request("call"), request("web", activity=ActivityType.WEBINAR)),
        )
        result = assign(world, policies=Policies(match=MatchPolicy(asks_per_batch=2)))
        assert len(result.groups) == 2
        assert result.flows == 2


class TestGapsAcrossGroups:
    def test_an_earlier_group_s_priority_gap_is_kept(self) -> None:
        # TestProof's cut world, each advocate with one call left, then a
        # webinar solved after the calls (weight 3 against 1) with no gap.
        world = World(
            accounts={"a1": account("a1"), "a2": account("a2", industry="Banking")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a2")),
            requests=(
                request("pair", advocates_needed=2, priority=2),
                request(
                    "single", prospect=prospect(industry="Banking"), excluded={"v1"}
                ),
                request("web", activity=ActivityType.WEBINAR),
            ),
            activities=calls_done("v1", 2) + calls_done("v2", 2),
        )
        policy = MatchPolicy(asks_per_batch=2, node_limit=1)
        result = assign(world, policies=Policies(match=policy))
        assert result.groups == (
            (ActivityType.REFERENCE_CALL,),
            (ActivityType.WEBINAR,),
        )
        assert not result.optimal
        assert (result.priority_gap, result.fit_gap) == (1, None)


class TestTradeoff:
    def test_forcing_one_of_a_pair_fills_the_pair_first(self) -> None:
        # v1 went to the single (priority 3); forcing v2 onto the pair takes
        # v1 from the single to complete it: priority 3 lost, 1 won.
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a1")),
            requests=(
                request("pair", advocates_needed=2, priority=1),
                request("single", priority=3, excluded={"v2"}),
            ),
        )
        answer = assign(world).why_not("pair", "v2")
        assert answer.verdict is Verdict.UNUSED
        assert answer.tradeoff is not None
        assert (
            answer.tradeoff.priority_lost,
            answer.tradeoff.unfilled,
            answer.tradeoff.proven,
        ) == (2, ("single",), True)

    def test_the_forced_ask_counts_against_the_quarter_s_calls(self) -> None:
        # v1 has one call left this quarter, two asks in the batch: forced
        # onto "a", v1 may not also take "b", which only v1 may take.
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a1")),
            requests=(request("a"), request("b", excluded={"v2"})),
            activities=calls_done("v1", 2),
        )
        batch = assign(world, policies=Policies(match=MatchPolicy(asks_per_batch=2)))
        assert [m.advocate_id for m in batch["b"].matches] == ["v1"]
        tradeoff = batch.why_not("a", "v1").tradeoff
        assert tradeoff is not None
        assert (tradeoff.priority_lost, tradeoff.unfilled) == (1, ("b",))

    def test_a_greedy_batch_is_forced_by_the_greedy_method(self) -> None:
        # Greedy gave Ana to retail; forced onto banking, Ben takes retail:
        # one more request filled, and nothing proven.
        greedy = assign(STRANDED, scores=SCORES, method="greedy")
        tradeoff = greedy.why_not("r-bank", "v-ana").tradeoff
        assert tradeoff is not None
        assert (tradeoff.priority_lost, tradeoff.proven) == (-1, False)


class TestUnknownAdvocates:
    @pytest.mark.parametrize("method", ["why_not", "capacity"])
    def test_an_advocate_the_batch_was_not_given(self, method: str) -> None:
        batch = assign(STRANDED)
        ask = (
            (lambda: batch.why_not("r-bank", "v-nope"))
            if method == "why_not"
            else (lambda: batch.capacity("v-nope"))
        )
        error = refused(
            UnknownKeyError,
            rf"BatchAssignment\.{method}\.advocate_id",
            ask,
            value="v-nope",
        )
        assert error.expected == "an advocate the batch was given"


class TestFitGap:
    # Three advocates, each of fit 0.95 for both requests of priority 1: one
    # single, one needing all three. A search cut after one flow keeps the
    # single filled; the priority is proven, not the fit.
    WORLD = World(
        accounts={"a1": account("a1")},
        advocates=tuple(
            advocate(f"v{n}", "a1", activities={ActivityType.REFERENCE_CALL})
            for n in (1, 2, 3)
        ),
        requests=(request("one"), request("three", advocates_needed=3)),
    )
    CUT = Policies(match=MatchPolicy(node_limit=1))

    def test_the_fit_gap_is_capped_by_the_most_fit_any_assignment_has(self) -> None:
        result = assign(self.WORLD, policies=self.CUT)
        assert [o.fit for o in result] == [0.95, 0.0]
        assert (result.optimal, result.priority_gap) == (False, 0)
        # At most 0.95 x 1 + 0.95 x 3 = 3.8 could be had; 0.95 is.
        assert result.fit_gap == pytest.approx(2.85, abs=1e-6)
        assert "fit within 2.85" in result.explain()

    def test_every_group_s_fit_gap_is_counted(self) -> None:
        # Each advocate with one call left, and a webinar only v4 gives,
        # solved after the calls (weight 2 against 1) with nothing to gain.
        webinar = advocate("v4", "a1", activities={ActivityType.WEBINAR})
        world = attrs.evolve(
            self.WORLD,
            advocates=(*self.WORLD.advocates, webinar),
            requests=(
                *self.WORLD.requests,
                request("web", activity=ActivityType.WEBINAR),
            ),
            activities=sum((calls_done(f"v{n}", 2) for n in (1, 2, 3)), ()),
        )
        policies = Policies(match=MatchPolicy(node_limit=1, asks_per_batch=2))
        result = assign(world, policies=policies)
        calls_only = assign(
            attrs.evolve(world, requests=self.WORLD.requests), policies=policies
        )
        assert result.groups == (
            (ActivityType.REFERENCE_CALL,),
            (ActivityType.WEBINAR,),
        )
        assert result["web"].filled
        assert calls_only.fit_gap is not None
        assert calls_only.fit_gap > 0
        assert result.fit_gap == calls_only.fit_gap
