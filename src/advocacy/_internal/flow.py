"""The exact batch solver: min-cost flow with branch and bound for k-advocate requests.

The problem, in integers: request r has `slots[r]` places and a profit
`p(r, a)` for each eligible advocate a; advocate a can take `capacity[a]`
places across the batch and at most one place of any one request. Choose,
for each request, either all of its places or none, to maximise the sum of
the profits of the places filled.

Without the all-or-nothing rule this is a min-cost flow, solved exactly here
by successive shortest paths with potentials: source -> request (capacity
`slots[r]`) -> advocate (capacity 1, cost -p) -> sink (capacity
`capacity[a]`), plus an edge request -> sink of cost 0 for a place left
empty. Places are routed one at a time, each along a shortest path from its
request (Dijkstra on reduced costs, stopped at the sink; only the nodes it
settled change potential), which keeps the flow optimal for the requests
routed so far (the Hungarian method's argument).

The all-or-nothing rule makes the problem NP-hard in general (a request
needing three advocates is a three-way exact cover), so branch and bound
sits on top. When a flow optimum fills some request only partly, that
request is forced in (its empty-place edge removed: all places must be
filled) or forced out (removed), and each branch is solved again. The flow
value of a branch bounds every all-or-nothing solution in it from above: an
all-or-nothing solution is a flow with the same value. A branch whose bound
does not beat the best solution found is pruned. The search stops after
`node_limit` flows; the result says whether it finished (optimality proven)
and the best bound left, so the gap is always known.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Final

import attrs

__all__ = ["FlowProblem", "FlowSolution", "solve", "total"]


_INFINITY: Final = float("inf")  # larger than any distance, for comparisons


@attrs.frozen
class FlowProblem:
    """An all-or-nothing assignment problem in integers.

    Attributes:
        slots: Places per request (at least 1).
        capacity: Places per advocate across the batch (0 or more).
        advocates: Per request, its eligible advocates (each once).
        profits: Per request, the profit of each of its advocates, in the
            same order; profits are positive integers.
    """

    slots: tuple[int, ...]
    capacity: tuple[int, ...]
    advocates: tuple[tuple[int, ...], ...]
    profits: tuple[tuple[int, ...], ...]

    def pairs(self, r: int) -> dict[int, int]:
        """Request `r`'s advocates and their profits."""
        return dict(zip(self.advocates[r], self.profits[r], strict=True))


@attrs.frozen
class FlowSolution:
    """The best all-or-nothing assignment found.

    Attributes:
        assigned: Per request, the advocates filling it (empty: not filled).
        value: Sum of the profits of the places filled.
        bound: No all-or-nothing solution exceeds this value.
        proven: Whether the search finished, so `value` is the optimum.
        nodes: Flows solved by the search.
    """

    assigned: tuple[tuple[int, ...], ...]
    value: int
    bound: int
    proven: bool
    nodes: int


class _Residual:
    """The residual network of one flow, routed a place at a time.

    Edges and their reduced costs (cost + potential(u) - potential(v), kept
    non-negative): request -> advocate not yet serving it (cost -profit);
    request -> sink, leaving a place empty (cost 0; not for forced
    requests); advocate -> sink while it has capacity (cost 0); advocate ->
    request it serves, undoing that place (cost +profit). Nodes: requests
    0..R-1, advocates R..R+A-1, the sink R+A.
    """

    def __init__(self, problem: FlowProblem, forced_in: frozenset[int]) -> None:
        self.slots = problem.slots
        self.advocates, self.profits = problem.advocates, problem.profits
        self.requests = len(problem.slots)
        self.sink = self.requests + len(problem.capacity)
        self.forced_in = set(forced_in)
        self.free = list(problem.capacity)
        self.assigned: list[dict[int, int]] = [{} for _ in problem.slots]
        self.served: list[dict[int, int]] = [{} for _ in problem.capacity]
        # Per search, a node's distance counts only if its stamp is current:
        # no clearing between searches.
        self.stamp = 0
        self.seen = [0] * (self.sink + 1)
        self.distance = [0] * (self.sink + 1)
        # Feasible start: each request at its best profit, the rest at 0.
        self.potential = [0] * (self.sink + 1)
        for r, profits in enumerate(problem.profits):
            self.potential[r] = max(profits, default=0)

    def force(self, r: int) -> bool:
        """Force request `r` in: route its empty places to advocates.

        Exact without re-solving: dropping r's empty-place edge only removes
        residual edges, so the flow stays optimal for what it carries and the
        potentials stay feasible; r's missing places are then routed like
        any others. Returns False if they cannot all be routed.
        """
        self.forced_in.add(r)
        return all(self.route(r) for _ in range(self.slots[r] - len(self.assigned[r])))

    def value(self) -> int:
        """The total profit of the places filled."""
        return sum(sum(places.values()) for places in self.assigned)

    def partial(self) -> list[int]:
        """The requests filled only in part."""
        slots = self.slots
        return [r for r, p in enumerate(self.assigned) if 0 < len(p) < slots[r]]

    def route(self, start: int) -> bool:
        """Route one place of `start` along a shortest path; False if none."""
        parent = self._search(start)
        if parent is None:
            return False
        node = self.sink
        while node != start:
            self._apply(parent[node], node)
            node = parent[node]
        return True

    def _search(self, start: int) -> dict[int, int] | None:  # noqa: PLR0912
        """Dijkstra on reduced costs from `start`, stopped at the sink.

        Returns the parent of each node on the paths found, or None if the
        sink is unreachable. Potentials rise by min(distance, d(sink)) less
        d(sink) for all, so only the nodes settled before the sink change.

        `bound` is the length of a path to the sink already known: first the
        start's own (its place left empty, or one step to an advocate with
        room, whose length is the start's potential less the profit less
        the sink's), then the sink's distance. A node reached farther than
        it would come off the heap only after the sink, so it is neither
        recorded nor pushed: the nodes settled, the potentials and the path
        are exactly those of the search without it, at a fraction of the
        pushes (most of a request's advocates are farther than its best).
        The edge scan is written out here, not factored into a helper: this
        loop is where a batch spends its time.
        """
        potential, requests, sink = self.potential, self.requests, self.sink
        assigned, served, free = self.assigned, self.served, self.free
        advocates, profits, forced_in = self.advocates, self.profits, self.forced_in
        self.stamp += 1
        stamp, seen, distance = self.stamp, self.seen, self.distance
        seen[start], distance[start] = stamp, 0
        bound = _INFINITY if start in forced_in else potential[start]
        mine = assigned[start]
        for a, profit in zip(advocates[start], profits[start], strict=True):
            if free[a] > 0 and a not in mine and potential[start] - profit < bound:
                bound = potential[start] - profit
        bound -= potential[sink]
        parent: dict[int, int] = {}
        settled: list[tuple[int, int]] = []
        heap = [(0, start)]
        push, pop = heapq.heappush, heapq.heappop
        while heap:
            d, u = pop(heap)
            if d > distance[u]:
                continue  # a stale entry: u was reached more cheaply since
            settled.append((u, d))
            if u == sink:
                for node, at in settled:
                    potential[node] += at - d
                return parent
            base = d + potential[u]
            if u < requests:
                mine = assigned[u]
                for a, profit in zip(advocates[u], profits[u], strict=True):
                    if a in mine:
                        continue
                    v = requests + a
                    nd = base - profit - potential[v]
                    if nd <= bound and (seen[v] != stamp or nd < distance[v]):
                        seen[v], distance[v], parent[v] = stamp, nd, u
                        push(heap, (nd, v))
                out = u not in forced_in  # may leave the place empty
            else:
                a = u - requests
                for r, profit in served[a].items():
                    nd = base + profit - potential[r]
                    if nd <= bound and (seen[r] != stamp or nd < distance[r]):
                        seen[r], distance[r], parent[r] = stamp, nd, u
                        push(heap, (nd, r))
                out = free[a] > 0  # has room left
            if out:
                nd = base - potential[sink]
                if seen[sink] != stamp or nd < distance[sink]:
                    seen[sink], distance[sink], parent[sink] = stamp, nd, u
                    push(heap, (nd, sink))
                    bound = min(bound, nd)
        return None

    def _apply(self, u: int, v: int) -> None:
        """Push one unit along the residual edge u -> v."""
        requests = self.requests
        if v == self.sink:
            if u >= requests:
                self.free[u - requests] -= 1
        elif u < requests:  # request -> advocate: take the place
            a = v - requests
            profit = self.profits[u][self.advocates[u].index(a)]
            self.assigned[u][a] = self.served[a][u] = profit
        else:  # advocate -> request: give the place up
            a = u - requests
            del self.assigned[v][a]
            del self.served[a][v]


def _flow(
    problem: FlowProblem, forced_in: frozenset[int], forced_out: frozenset[int]
) -> _Residual:
    """The max-profit flow of a branch solved from scratch.

    Only the root and forced-out branches are solved from scratch. A
    forced-out branch keeps the forced requests of a flow that routed them
    all, and that flow less the request forced out routes them still; so,
    routing forced places first, each finds an augmenting path (Ford and
    Fulkerson) and every other place can be left empty: this never fails.
    """
    network = _Residual(problem, forced_in)
    order = sorted(range(len(problem.slots)), key=lambda r: (r not in forced_in, r))
    for r in order:
        if r in forced_out:
            continue
        for _ in range(problem.slots[r]):
            if not network.route(r):  # pragma: no cover - unreachable, see above
                raise AssertionError(r)
    return network


class _BranchAndBound:
    """Depth-first search over forced-in and forced-out requests.

    At each flow with a partly filled request r, the forced-out branch is
    kept for later and the forced-in branch is followed at once, on the same
    network (see `_Residual.force`): only forced-out branches are solved from
    scratch. Every flow's whole part (its partly filled requests dropped) is
    a solution, so the best one is kept throughout.
    """

    def __init__(self, problem: FlowProblem, node_limit: int) -> None:
        self.problem = problem
        self.node_limit = node_limit
        self.nodes = 0
        self.best: tuple[tuple[int, ...], ...] = tuple(() for _ in problem.slots)
        self.best_value = 0
        self.stack: list[tuple[frozenset[int], frozenset[int], int]] = []

    def run(self) -> FlowSolution:
        """Search until every branch is settled or the budget is spent."""
        self.nodes = 1
        root = _flow(self.problem, frozenset(), frozenset())
        self._dive_out(root.partial())
        self._follow(root, frozenset())
        while self.stack and self.nodes < self.node_limit:
            forced_in, forced_out, bound = self.stack.pop()
            if bound <= self.best_value:
                continue
            self.nodes += 1
            self._follow(_flow(self.problem, forced_in, forced_out), forced_out)
        open_bounds = [b for _, _, b in self.stack if b > self.best_value]
        return FlowSolution(
            assigned=self.best,
            value=self.best_value,
            bound=max([self.best_value, *open_bounds]),
            proven=not open_bounds,
            nodes=self.nodes,
        )

    def _dive_out(self, partial: list[int]) -> None:
        """A first good solution: force out every partly filled request.

        Repeats until a flow fills nothing partly or the budget is spent. A
        heuristic for the incumbent only; the search still decides
        optimality, and the forced-in branches it skips stay on the tree.
        """
        forced_out = frozenset(partial)
        while partial and self.nodes < self.node_limit:
            self.nodes += 1
            network = _flow(self.problem, frozenset(), forced_out)
            self._keep(network)
            partial = network.partial()
            forced_out |= set(partial)

    def _follow(self, network: _Residual, forced_out: frozenset[int]) -> None:
        """Dive along forced-in branches from `network`, keeping the best."""
        while True:
            self._keep(network)
            value, partial = network.value(), network.partial()
            if not partial or value <= self.best_value:
                return
            # Branch on the partly filled request worth most per place.
            profits = self.problem.profits
            r = max(partial, key=lambda i: (max(profits[i]), -i))
            self.stack.append((frozenset(network.forced_in), forced_out | {r}, value))
            if self.nodes >= self.node_limit:
                # No budget for the forced-in branch: leave it open too.
                self.stack.append(
                    (frozenset(network.forced_in | {r}), forced_out, value)
                )
                return
            self.nodes += 1
            if not network.force(r):
                return

    def _keep(self, network: _Residual) -> None:
        """Keep the network's whole part if it beats the best so far."""
        slots = self.problem.slots
        whole = [
            p if len(p) == slots[r] else {} for r, p in enumerate(network.assigned)
        ]
        value = sum(sum(places.values()) for places in whole)
        if value > self.best_value:
            self.best = tuple(tuple(sorted(places)) for places in whole)
            self.best_value = value


def solve(problem: FlowProblem, *, node_limit: int = 64) -> FlowSolution:
    """The best all-or-nothing assignment, by branch and bound over flows.

    Args:
        problem: The assignment problem.
        node_limit: Flows to solve at most (1 or more) before stopping with
            the best solution found (the result says whether it is proven
            optimal, and its bound gives the gap).

    Returns:
        The assignment, its value, an upper bound and whether it is proven.
    """
    return _BranchAndBound(problem, node_limit).run()


def total(problem: FlowProblem, assigned: Sequence[Sequence[int]]) -> int:
    """The value of an assignment: the profits of the places it fills."""
    return sum(problem.pairs(r)[a] for r, places in enumerate(assigned) for a in places)
