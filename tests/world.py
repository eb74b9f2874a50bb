"""Small matching worlds for tests: accounts, advocates and requests, built tersely.

`AS_OF` falls mid-quarter (Q2 2026: April to June), so quarter caps and rest
periods can be set up on either side of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, Final

import attrs
import pendulum
from hypothesis import strategies as st

from advocacy import (
    Account,
    AccountPolicy,
    Activity,
    ActivityType,
    Advocate,
    ProspectProfile,
    ReferenceRequest,
    Tier,
)

AS_OF = pendulum.date(2026, 5, 15)
EVERYTHING = frozenset(ActivityType)


def account(account_id: str, **changes: Any) -> Account:
    """A retail mid-market customer in EMEA owning Analytics, unless changed."""
    fields: dict[str, Any] = {
        "id": account_id,
        "name": f"{account_id} Inc",
        "industry": "Retail",
        "employees": 500,
        "region": "EMEA",
        "customer_since": pendulum.date(2020, 1, 1),
        "products": {"Analytics"},
        "use_cases": {"dashboards"},
    }
    return Account(**{**fields, **changes})


def advocate(advocate_id: str, account_id: str, **changes: Any) -> Advocate:
    """A champion CIO opted in to everything, unless changed."""
    fields: dict[str, Any] = {
        "id": advocate_id,
        "account_id": account_id,
        "name": advocate_id.title(),
        "persona": "CIO",
        "activities": EVERYTHING,
        "tier": Tier.CHAMPION,
    }
    return Advocate(**{**fields, **changes})


def prospect(**changes: Any) -> ProspectProfile:
    """A retail mid-market prospect in EMEA asking for a CIO about Analytics."""
    fields: dict[str, Any] = {
        "name": "Prospect Co",
        "industry": "Retail",
        "employees": 400,
        "region": "EMEA",
        "products": {"Analytics"},
        "use_cases": {"dashboards"},
        "persona": "CIO",
    }
    return ProspectProfile(**{**fields, **changes})


def request(request_id: str, **changes: Any) -> ReferenceRequest:
    """A reference call for the default prospect, needed within a week."""
    fields: dict[str, Any] = {
        "id": request_id,
        "activity": ActivityType.REFERENCE_CALL,
        "prospect": prospect(),
        "requested_on": AS_OF,
        "needed_by": AS_OF.add(days=7),
    }
    return ReferenceRequest(**{**fields, **changes})


def activity(
    activity_id: str, advocate_id: str, day: pendulum.Date, **changes: Any
) -> Activity:
    """A reference call on `day`, unless changed."""
    fields: dict[str, Any] = {
        "id": activity_id,
        "advocate_id": advocate_id,
        "type": ActivityType.REFERENCE_CALL,
        "date": day,
    }
    return Activity(**{**fields, **changes})


@attrs.frozen
class World:
    """Everything `assign_requests` and `rank_candidates` read."""

    accounts: dict[str, Account]
    advocates: tuple[Advocate, ...]
    requests: tuple[ReferenceRequest, ...]
    activities: tuple[Activity, ...] = ()


INDUSTRIES = ("Retail", "Banking", "Health")
REGIONS = ("EMEA", "APAC")
PRODUCTS = ("Analytics", "Automation")


@st.composite
def worlds(
    draw: st.DrawFn,
    *,
    max_advocates: int = 5,
    max_requests: int = 4,
    activities: Sequence[ActivityType] = (ActivityType.REFERENCE_CALL,),
) -> World:
    """Random small worlds: sparse eligibility, one- to three-advocate requests."""
    n_accounts = draw(st.integers(1, 4))
    accounts = {
        f"a{n}": account(
            f"a{n}",
            industry=draw(st.sampled_from(INDUSTRIES)),
            region=draw(st.sampled_from(REGIONS)),
            employees=draw(st.sampled_from([50, 500, 5000])),
            products=draw(st.sets(st.sampled_from(PRODUCTS), min_size=1)),
            policy=AccountPolicy(
                approval_required=draw(st.booleans()) and draw(st.booleans())
            ),
        )
        for n in range(n_accounts)
    }
    advocates = tuple(
        advocate(
            f"v{n}",
            draw(st.sampled_from(sorted(accounts))),
            tier=draw(
                st.sampled_from([Tier.CHAMPION, Tier.CHAMPION, Tier.ADVOCATE, None])
            ),
            activities=draw(st.sets(st.sampled_from(list(activities)), min_size=1))
            if draw(st.integers(0, 4))
            else frozenset(),
            persona=draw(st.sampled_from(["CIO", "Admin"])),
        )
        for n in range(draw(st.integers(1, max_advocates)))
    )
    ids = [a.id for a in advocates]
    requests = tuple(
        request(
            f"r{n}",
            activity=draw(st.sampled_from(list(activities))),
            prospect=prospect(
                industry=draw(st.sampled_from(INDUSTRIES)),
                region=draw(st.sampled_from(REGIONS)),
                employees=draw(st.sampled_from([50, 500, 5000])),
                products={draw(st.sampled_from(PRODUCTS))},
                persona=draw(st.sampled_from(["CIO", "Admin", None])),
            ),
            advocates_needed=draw(st.sampled_from([1, 1, 1, 2, 3])),
            priority=draw(st.integers(1, 3)),
            excluded=draw(st.sets(st.sampled_from(ids), max_size=1)),
            approved_accounts=draw(
                st.sets(st.sampled_from(sorted(accounts)), max_size=2)
            ),
        )
        for n in range(draw(st.integers(1, max_requests)))
    )
    return World(accounts, advocates, requests)


# Ana fits the retail request a little better than Ben, and is the only one
# who may take the banking request (Ben is excluded from it).
STRANDED: Final = World(
    accounts={"a1": account("a1")},
    advocates=(
        advocate("v-ana", "a1", industry_expertise={"Banking"}),
        advocate("v-ben", "a1"),
    ),
    requests=(
        request("r-retail"),
        request("r-bank", prospect=prospect(industry="Banking"), excluded={"v-ben"}),
    ),
)
SCORES: Final = {"v-ana": 95, "v-ben": 60}


def best_by_brute_force(
    requests: Sequence[ReferenceRequest],
    candidates: dict[str, dict[str, float]],
    capacity: dict[str, int],
    forced: tuple[str, str] | None = None,
) -> tuple[int, float]:
    """The best (priority filled, total fit) over every all-or-nothing assignment.

    `candidates` maps each request id to its eligible advocates' fits;
    `capacity` is the number of requests each advocate may take; `forced`,
    a request and an advocate every assignment considered gives it.
    """
    options = []
    for r in requests:
        pool = sorted(candidates[r.id])
        choices: list[tuple[str, ...]] = [()]
        if len(pool) >= r.advocates_needed:
            choices += itertools.combinations(pool, r.advocates_needed)
        if forced is not None and forced[0] == r.id:
            choices = [c for c in choices if forced[1] in c]
        options.append(choices)
    best = (0, 0.0)
    for choice in itertools.product(*options):
        load: dict[str, int] = {}
        for places in choice:
            for a in places:
                load[a] = load.get(a, 0) + 1
        if any(n > capacity.get(a, 0) for a, n in load.items()):
            continue
        priority = sum(
            r.priority for r, places in zip(requests, choice, strict=True) if places
        )
        fit = sum(
            candidates[r.id][a]
            for r, places in zip(requests, choice, strict=True)
            for a in places
        )
        best = max(best, (priority, fit))
    return best
