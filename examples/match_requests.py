"""Match this week's reference requests to advocates, optimally and explained.

Run it with `python examples/match_requests.py`. It ranks the candidates for
one request, assigns the demo program's whole batch at once, compares the
optimal assignment with the greedy first-come baseline, answers why an
eligible advocate was not given a request (with what forcing them would
cost), hands over the batch's commitments and shows they count the next time,
and shows what happens when the pool is squeezed (a two-calls-a-quarter cap
and a month's rest).
"""

from __future__ import annotations

from typing import Literal

import pendulum

from advocacy import (
    MatchPolicy,
    Policies,
    ScoringModel,
    assign_requests,
    rank_candidates,
)
from advocacy.synthetic import demo_program

AS_OF = pendulum.date(2026, 9, 30)


def main() -> None:
    """Rank, assign, compare."""
    program = demo_program(as_of=AS_OF)
    accounts = {a.id: a for a in program.accounts}
    model = ScoringModel.default()
    ids = [a.id for a in program.advocates]
    totals = model.score_many([program.signals[i] for i in ids], as_of=AS_OF)
    scores = dict(zip(ids, totals, strict=True))

    first = program.requests[0]
    ranking = rank_candidates(
        first, program.advocates, program.activities,
        accounts=accounts, as_of=AS_OF, scores=scores,
    )  # fmt: skip
    prospect = first.prospect
    print(
        f"{first.id}: {first.activity.value} for {prospect.name} "
        f"({prospect.industry}, {prospect.region}, wants a {prospect.persona})"
    )
    print(f"  {len(ranking.candidates)} eligible; the best three:")
    for candidate in ranking.candidates[:3]:
        print(f"    {candidate.advocate_id}: fit {candidate.fit.value:.2f}")
    best = ranking.candidates[0]
    print("  why the best one fits:")
    for line in best.fit.explain().splitlines()[1:]:
        print(f"    {line.strip()}")
    print(
        "  excluded:", ", ".join(f"{k.value} {n}" for k, n in ranking.excluded.items())
    )
    soonest = sorted(
        (e for e in ranking.ineligible if e.next_eligible is not None),
        key=lambda e: (e.next_eligible, e.advocate_id),
    )[:2]
    for eligibility in soonest:
        reasons = "; ".join(r.detail for r in eligibility.reasons)
        print(
            f"  {eligibility.advocate_id} eligible again on "
            f"{eligibility.next_eligible} ({reasons})"
        )

    print(f"\nThis week's batch: {len(program.requests)} requests")
    methods: tuple[Literal["optimal", "greedy"], ...] = ("optimal", "greedy")
    batches = {}
    for method in methods:
        batches[method] = assign_requests(
            program.requests, program.advocates, program.activities,
            accounts=accounts, as_of=AS_OF, scores=scores, method=method,
        )  # fmt: skip
        print(f"  {method:<8} {batches[method]!r}")

    # Why was the best candidate for the first request not given it?
    batch = batches["optimal"]
    for candidate in ranking.candidates[:4]:
        answer = batch.why_not(first.id, candidate.advocate_id)
        if answer.tradeoff is not None:
            print(f"\nWhy not {candidate.advocate_id} for {first.id}?")
            print("\n".join(f"  {line}" for line in answer.explain().splitlines()))
            break
    # The batch's asks, stored by the host, count the next time anyone asks.
    asks = batch.commitments()
    given = asks[0].advocate_id
    print(f"\n{len(asks)} commitments to store; {given} afterwards:")
    print(f"  {batch.capacity(given).explain().splitlines()[0]}")
    again = assign_requests(
        program.requests, program.advocates, program.activities,
        accounts=accounts, as_of=AS_OF, scores=scores, commitments=asks,
    )  # fmt: skip
    twice = {c.advocate_id for c in again.commitments()} & {c.advocate_id for c in asks}
    print(f"  asked again today: {again!r}; asked twice: {len(twice)}")

    squeezed = MatchPolicy(reference_calls_per_quarter=2, rest_days=30)
    print("\nSqueezed pool: at most 2 reference calls a quarter, 30 days' rest")
    for method in methods:
        result = assign_requests(
            program.requests, program.advocates, program.activities,
            accounts=accounts, as_of=AS_OF, scores=scores, method=method,
            policies=Policies(match=squeezed),
        )  # fmt: skip
        print(f"  {method:<8} {result!r}")
        for outcome in result:
            if not outcome.filled:
                print(f"      {outcome.explain()}")


if __name__ == "__main__":
    main()
