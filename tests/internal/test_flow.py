"""The exact solver: all-or-nothing assignment by flow and branch and bound."""

from __future__ import annotations

import heapq
import itertools
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy._internal import flow
from advocacy._internal.flow import FlowProblem, FlowSolution, solve, total


def of_pairs(
    slots: tuple[int, ...],
    capacity: tuple[int, ...],
    edges: tuple[tuple[tuple[int, int], ...], ...],
) -> FlowProblem:
    """A problem from each request's (advocate, profit) pairs."""
    return FlowProblem(
        slots=slots,
        capacity=capacity,
        advocates=tuple(tuple(a for a, _ in pairs) for pairs in edges),
        profits=tuple(tuple(p for _, p in pairs) for pairs in edges),
    )


def brute_force(problem: FlowProblem) -> int:
    """The best all-or-nothing value, by trying every assignment."""
    options = [
        [(), *itertools.combinations(advocates, k)]
        for advocates, k in zip(problem.advocates, problem.slots, strict=True)
    ]
    best = 0
    for choice in itertools.product(*options):
        load = [0] * len(problem.capacity)
        for places in choice:
            for a in places:
                load[a] += 1
        if all(n <= c for n, c in zip(load, problem.capacity, strict=True)):
            best = max(best, total(problem, choice))
    return best


@st.composite
def problems(draw: st.DrawFn) -> FlowProblem:
    advocates = draw(st.integers(1, 5))
    requests = draw(st.integers(1, 5))
    edges = tuple(
        tuple(
            sorted(
                (a, draw(st.integers(1, 40)))
                for a in draw(
                    st.sets(st.integers(0, advocates - 1), max_size=advocates)
                )
            )
        )
        for _ in range(requests)
    )
    return of_pairs(
        slots=tuple(draw(st.sampled_from([1, 1, 2, 3])) for _ in range(requests)),
        capacity=tuple(draw(st.integers(0, 2)) for _ in range(advocates)),
        edges=edges,
    )


def valid(problem: FlowProblem, solution: FlowSolution) -> bool:
    load = [0] * len(problem.capacity)
    for places, advocates, k in zip(
        solution.assigned, problem.advocates, problem.slots, strict=True
    ):
        eligible = set(advocates)
        if len(places) not in (0, k) or len(set(places)) != len(places):
            return False
        if not set(places) <= eligible:
            return False
        for a in places:
            load[a] += 1
    return all(n <= c for n, c in zip(load, problem.capacity, strict=True))


class TestOptimality:
    @given(problems())
    def test_equals_brute_force(self, problem: FlowProblem) -> None:
        solution = solve(problem, node_limit=1000)
        assert solution.proven
        assert solution.value == brute_force(problem) == solution.bound
        assert total(problem, solution.assigned) == solution.value
        assert valid(problem, solution)

    @given(problems(), st.integers(1, 3))
    def test_a_cut_search_still_bounds_the_optimum(
        self, problem: FlowProblem, limit: int
    ) -> None:
        solution = solve(problem, node_limit=limit)
        best = brute_force(problem)
        assert valid(problem, solution)
        assert solution.value <= best <= solution.bound
        if solution.proven:
            assert solution.value == best


class _Textbook(flow._Residual):
    """The search without its bound: every node reached is pushed."""

    def _search(self, start: int) -> dict[int, int] | None:
        requests, sink = self.requests, self.sink
        distance: dict[int, int] = {start: 0}
        parent: dict[int, int] = {}
        settled, heap = [], [(0, start)]
        while heap:
            d, u = heapq.heappop(heap)
            if d > distance[u]:
                continue
            settled.append((u, d))
            if u == sink:
                for node, at in settled:
                    self.potential[node] += at - d
                return parent
            base = d + self.potential[u]
            if u < requests:
                arcs = [
                    (requests + a, -p)
                    for a, p in zip(self.advocates[u], self.profits[u], strict=True)
                    if a not in self.assigned[u]
                ]
                if u not in self.forced_in:
                    arcs.append((sink, 0))
            else:
                arcs = list(self.served[u - requests].items())
                if self.free[u - requests] > 0:
                    arcs.append((sink, 0))
            for v, cost in arcs:
                nd = base + cost - self.potential[v]
                if v not in distance or nd < distance[v]:
                    distance[v], parent[v] = nd, u
                    heapq.heappush(heap, (nd, v))
        return None


def ties(draw: st.DrawFn) -> FlowProblem:
    """A problem whose profits tie often (few distinct values)."""
    advocates = draw(st.integers(1, 8))
    requests = draw(st.integers(1, 8))
    edges = tuple(
        tuple(
            (a, draw(st.sampled_from([10, 11, 20])))
            for a in sorted(
                draw(st.sets(st.integers(0, advocates - 1), max_size=advocates))
            )
        )
        for _ in range(requests)
    )
    return of_pairs(
        slots=tuple(draw(st.sampled_from([1, 1, 2])) for _ in range(requests)),
        capacity=tuple(draw(st.integers(0, 2)) for _ in range(advocates)),
        edges=edges,
    )


class TestTheBound:
    @given(st.one_of(problems(), st.composite(ties)()), st.integers(1, 64))
    def test_the_same_solution_as_the_textbook_search(
        self, problem: FlowProblem, limit: int
    ) -> None:
        # The bound only skips nodes that come off the heap after the sink:
        # the same paths, ties included, so the very same assignment.
        bounded = solve(problem, node_limit=limit)
        with mock.patch.object(flow, "_Residual", _Textbook):
            textbook = solve(problem, node_limit=limit)
        assert bounded == textbook


class TestExamples:
    def test_a_request_needing_two_takes_two_distinct_advocates(self) -> None:
        problem = of_pairs(slots=(2,), capacity=(2, 1), edges=(((0, 5), (1, 5)),))
        assert solve(problem).assigned == ((0, 1),)

    def test_a_partly_fillable_request_is_not_filled(self) -> None:
        # One advocate can serve a two-advocate request at most once.
        problem = of_pairs(slots=(2,), capacity=(5,), edges=(((0, 9),),))
        solution = solve(problem)
        assert solution.assigned == ((),)
        assert solution.value == 0
        assert solution.proven

    def test_branching_finds_the_whole_solution(self) -> None:
        # The flow gives advocate 1 to the single-place request (12) and
        # advocate 0 to half of the two-place one (10): 22, but not allowed.
        # Forcing the two-place request in finds 20, better than 12 alone.
        problem = of_pairs(
            slots=(2, 1),
            capacity=(1, 1),
            edges=(((0, 10), (1, 10)), ((1, 12),)),
        )
        solution = solve(problem)
        assert solution.assigned == ((0, 1), ())
        assert solution.value == 20
        assert solution.proven
        assert solution.nodes > 1

    def test_branches_that_cannot_beat_the_best_are_pruned(self) -> None:
        # Found by search: here an open branch's bound falls to the best
        # solution found before the branch is reached, so it is not solved.
        problem = of_pairs(
            slots=(2, 3, 2, 2),
            capacity=(1, 1, 2, 2),
            edges=(
                ((2, 7),),
                ((0, 12), (1, 18), (2, 7), (3, 15)),
                ((0, 20), (1, 16), (2, 17), (3, 5)),
                ((0, 13),),
            ),
        )
        solution = solve(problem)
        assert solution.assigned == ((), (1, 2, 3), (0, 2), ())
        assert (solution.value, solution.proven) == (77, True)
        assert solution.value == brute_force(problem)

    def test_the_node_limit_stops_the_search_and_says_so(self) -> None:
        problem = of_pairs(
            slots=(2, 2, 2),
            capacity=(1, 1, 1),
            edges=(
                ((0, 10), (1, 10), (2, 10)),
                ((0, 10), (1, 10), (2, 10)),
                ((0, 10), (1, 10), (2, 10)),
            ),
        )
        cut = solve(problem, node_limit=1)
        assert not cut.proven
        assert cut.bound > cut.value
        assert solve(problem, node_limit=100).value == 20

    def test_empty(self) -> None:
        solution = solve(of_pairs(slots=(), capacity=(), edges=()))
        assert (solution.assigned, solution.value, solution.proven) == ((), 0, True)


class TestTheProblem:
    def test_profits_must_pair_with_advocates_one_for_one(self) -> None:
        # Two advocates, one profit: refused, not cut short to the first pair.
        problem = FlowProblem(
            slots=(1,), capacity=(1, 1), advocates=((0, 1),), profits=((5,),)
        )
        with pytest.raises(ValueError, match="zip"):
            total(problem, [(0,)])


class TestTheNodeCount:
    def test_each_flow_solved_counts_once(self) -> None:
        # One advocate for a two-place request: the root flow (1) fills it in
        # part, the dive forces it out (2), forcing it in fails (3), and the
        # forced-out branch left on the stack is solved (4).
        problem = of_pairs(slots=(2,), capacity=(1,), edges=(((0, 5),),))
        assert solve(problem) == FlowSolution(
            assigned=((),), value=0, bound=0, proven=True, nodes=4
        )

    def test_a_problem_nothing_fills_in_part_takes_the_root_only(self) -> None:
        problem = of_pairs(slots=(1,), capacity=(2,), edges=((),))
        assert solve(problem).nodes == 1

    def test_a_limit_of_one_solves_the_root_only(self) -> None:
        # The root flow fills the request in part (38): its two branches stay
        # open, so 38 bounds the optimum and nothing is proven.
        problem = of_pairs(slots=(2,), capacity=(1,), edges=(((0, 38),),))
        assert solve(problem, node_limit=1) == FlowSolution(
            assigned=((),), value=0, bound=38, proven=False, nodes=1
        )

    def test_at_the_limit_the_forced_in_branch_is_left_open(self) -> None:
        # Root (1) and dive (2) spend the budget: the forced-in branch is not
        # solved, its bound 11 stays open.
        problem = of_pairs(slots=(3,), capacity=(2,), edges=(((0, 11),),))
        assert solve(problem, node_limit=2) == FlowSolution(
            assigned=((),), value=0, bound=11, proven=False, nodes=2
        )

    def test_the_default_limit_is_64_flows(self) -> None:
        # Six two-place requests over five interchangeable advocates: the full
        # search takes 73 flows.
        problem = of_pairs(
            slots=(2,) * 6,
            capacity=(1,) * 5,
            edges=(tuple((a, 10) for a in range(5)),) * 6,
        )
        assert solve(problem, node_limit=1000).nodes == 73
        assert solve(problem) == FlowSolution(
            assigned=((0, 1), (2, 3), (), (), (), ()),
            value=40,
            bound=50,
            proven=False,
            nodes=64,
        )

    def test_a_longer_search_counts_every_flow(self) -> None:
        # Found by search.
        problem = of_pairs(
            slots=(2, 2, 2, 1),
            capacity=(2, 2, 1, 1),
            edges=(
                ((0, 3), (1, 1), (2, 2), (3, 1)),
                ((0, 2), (1, 2), (2, 2), (3, 1)),
                ((0, 3), (1, 3), (2, 3), (3, 2)),
                ((1, 2), (2, 1), (3, 2)),
            ),
        )
        assert solve(problem) == FlowSolution(
            assigned=((0, 2), (0, 1), (1, 3), ()),
            value=14,
            bound=14,
            proven=True,
            nodes=7,
        )


class TestBranching:
    def test_the_request_worth_most_a_place_is_branched_on_first(self) -> None:
        # Both requests are filled in part. Request 0 (20 a place) is branched
        # on first, so after four flows only request 1's branch (10) is open.
        problem = of_pairs(
            slots=(2, 2), capacity=(1, 1), edges=(((0, 20),), ((1, 10),))
        )
        assert solve(problem, node_limit=4) == FlowSolution(
            assigned=((), ()), value=0, bound=10, proven=False, nodes=4
        )

    def test_of_requests_worth_as_much_the_first_is_branched_on(self) -> None:
        # Both are worth 10 a place at best; request 0 goes first, so the
        # branch left open is request 1's two places (10 + 1).
        problem = of_pairs(
            slots=(2, 3),
            capacity=(1, 1, 1),
            edges=(((0, 10),), ((1, 10), (2, 1))),
        )
        assert solve(problem, node_limit=4) == FlowSolution(
            assigned=((), ()), value=0, bound=11, proven=False, nodes=4
        )


class TestPruning:
    def test_a_flow_no_better_than_the_best_is_not_branched_on(self) -> None:
        # The dive's solution (request 1, 5) equals the root flow's value, so
        # the root is not branched on: two flows.
        problem = of_pairs(
            slots=(2, 1), capacity=(0, 1), edges=(((0, 5), (1, 5)), ((1, 5),))
        )
        assert solve(problem, node_limit=3) == FlowSolution(
            assigned=((), (1,)), value=5, bound=5, proven=True, nodes=2
        )

    def test_a_flow_worse_than_the_best_is_not_branched_on(self) -> None:
        # Found by search.
        problem = of_pairs(
            slots=(2, 2), capacity=(1, 2), edges=(((0, 4), (1, 21)), ((0, 27), (1, 2)))
        )
        assert solve(problem) == FlowSolution(
            assigned=((), (0, 1)), value=29, bound=29, proven=True, nodes=4
        )

    def test_a_branch_bounded_by_the_best_is_not_solved(self) -> None:
        # Found by search: an open branch's bound equals the best found.
        problem = of_pairs(
            slots=(1, 1, 2),
            capacity=(1, 2),
            edges=(((1, 3),), ((0, 1),), ((0, 1), (1, 2))),
        )
        assert solve(problem, node_limit=5) == FlowSolution(
            assigned=((1,), (), (0, 1)), value=6, bound=6, proven=True, nodes=3
        )

    def test_an_open_branch_at_the_best_value_still_proves_it(self) -> None:
        # Found by search: the budget runs out with a branch bounded by 4, the
        # best found: nothing better can be left, so the search is proven.
        problem = of_pairs(
            slots=(2, 1, 1, 2),
            capacity=(1, 0, 1),
            edges=(((2, 1),), ((1, 3), (2, 2)), ((2, 2),), ((0, 2), (1, 1), (2, 2))),
        )
        assert solve(problem, node_limit=3) == FlowSolution(
            assigned=((), (), (), (0, 2)), value=4, bound=4, proven=True, nodes=3
        )

    def test_the_first_of_equally_good_solutions_is_kept(self) -> None:
        # Found by search: a later flow's whole part is worth 4 too, with
        # request 2 on advocate 1; the first (advocate 0) is kept.
        problem = of_pairs(
            slots=(3, 1, 1),
            capacity=(2, 1),
            edges=(((0, 3),), ((0, 3),), ((0, 1), (1, 1))),
        )
        assert solve(problem, node_limit=3) == FlowSolution(
            assigned=((), (0,), (0,)), value=4, bound=7, proven=False, nodes=3
        )


class TestTheFlows:
    """Exact solutions of problems whose flows tie or force requests in.

    Each was found by search; it pins the paths the searches take.
    """

    def test_a_forced_request_searches_past_its_missing_empty_place(self) -> None:
        # Forced in, request 0's last place is routed through advocate 2,
        # farther than the empty place it no longer has.
        problem = of_pairs(
            slots=(2, 3),
            capacity=(0, 2, 1),
            edges=(((0, 10), (1, 20), (2, 10)), ((2, 11),)),
        )
        assert solve(problem, node_limit=5) == FlowSolution(
            assigned=((1, 2), ()), value=30, bound=30, proven=True, nodes=4
        )

    def test_forced_requests_reroute_others(self) -> None:
        problem = of_pairs(
            slots=(2, 2, 3, 3),
            capacity=(1, 2, 2),
            edges=(
                ((0, 2), (1, 1)),
                ((0, 2), (1, 1), (2, 3)),
                (),
                ((0, 1), (1, 2), (2, 3)),
            ),
        )
        assert solve(problem, node_limit=3) == FlowSolution(
            assigned=((), (1, 2), (), (0, 1, 2)),
            value=10,
            bound=11,
            proven=False,
            nodes=3,
        )

    def test_potentials_follow_the_distances(self) -> None:
        problem = of_pairs(
            slots=(2, 1, 1),
            capacity=(2, 0),
            edges=(((0, 10), (1, 20)), ((0, 10), (1, 20)), ((0, 20), (1, 10))),
        )
        assert solve(problem, node_limit=3) == FlowSolution(
            assigned=((), (0,), (0,)), value=30, bound=30, proven=True, nodes=2
        )

    def test_ties_between_paths_back_through_advocates(self) -> None:
        problem = of_pairs(
            slots=(1, 3, 3, 1),
            capacity=(0, 2, 2),
            edges=(
                ((0, 5), (1, 7), (2, 7)),
                ((0, 5), (1, 5), (2, 5)),
                ((0, 5), (1, 7)),
                ((1, 7), (2, 5)),
            ),
        )
        assert solve(problem, node_limit=3) == FlowSolution(
            assigned=((1,), (), (), (1,)), value=14, bound=26, proven=False, nodes=3
        )

    def test_a_request_at_the_sinks_distance_is_still_settled(self) -> None:
        problem = of_pairs(
            slots=(3, 2, 1, 1),
            capacity=(2, 1, 2),
            edges=((), ((1, 1),), ((0, 1), (1, 3), (2, 2)), ((2, 1),)),
        )
        assert solve(problem) == FlowSolution(
            assigned=((), (), (1,), (2,)), value=4, bound=4, proven=True, nodes=1
        )

    def test_forced_requests_are_routed_first(self) -> None:
        problem = of_pairs(
            slots=(1, 1, 2, 3, 1),
            capacity=(1, 2, 2, 0),
            edges=(
                ((0, 5), (1, 5), (2, 5), (3, 5)),
                ((0, 5), (1, 5), (2, 5), (3, 5)),
                ((1, 5),),
                ((0, 5), (1, 5), (2, 5), (3, 7)),
                ((2, 7),),
            ),
        )
        assert solve(problem) == FlowSolution(
            assigned=((1,), (), (), (0, 1, 2), (2,)),
            value=27,
            bound=27,
            proven=True,
            nodes=5,
        )
