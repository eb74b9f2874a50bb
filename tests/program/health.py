"""Values the health tests share: a program's requests, activities and report."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    Advocate,
    HealthReport,
    Policies,
    RequestState,
    Tier,
    TierPolicy,
    program_health,
    request_state,
)
from tests.strategies import activities_for, reference_request, request_account
from tests.strategies import request_event as ev
from tests.world import activity, advocate

T = ActivityType


d = pendulum.date


AS_OF = d(2026, 9, 30)


# a1 champion, a2 advocate, a3 supporter, a4 without a tier; x opted out.
ADVOCATES = [
    advocate("a1", "acct-1"),
    advocate("a2", "acct-1", tier=Tier.ADVOCATE),
    advocate("a3", "acct-1", tier=Tier.SUPPORTER),
    advocate("a4", "acct-1", tier=None),
    advocate("x", "acct-1", opted_out=True),
]


ACTIVITIES = [
    # a1: four reference calls in Q3 2026 (cap 3) and a social share in Q1.
    *(activity(f"a1-call-{day}", "a1", d(2026, 7, day)) for day in (1, 10, 20, 31)),
    activity("a1-share", "a1", d(2026, 1, 15), type=T.SOCIAL_SHARE),
    # a2: a case study, 120 minutes: exactly the advocate tier's budget.
    activity("a2-story", "a2", d(2026, 8, 15), type=T.CASE_STUDY),
    # a3: a review and a share in Q2 (20 minutes), and a review before the period.
    activity("a3-review", "a3", d(2026, 4, 10), type=T.ONLINE_REVIEW),
    activity("a3-share", "a3", d(2026, 4, 11), type=T.SOCIAL_SHARE),
    activity("a3-old", "a3", d(2025, 9, 30), type=T.ONLINE_REVIEW),
    # Not counted: after as_of, by an opted-out advocate, by a stranger.
    activity("a4-future", "a4", d(2026, 10, 1)),
    activity("x-call", "x", d(2026, 7, 5)),
    activity("nobody", "nobody", d(2026, 7, 5)),
]


SCORES = {"a1": 85, "a2": 70, "a3": 45, "a4": 61, "x": 90}


INVITATIONS = {"a1": True, "a2": False, "x": True, "a3": False}


def report(**changes: object) -> HealthReport:
    arguments: dict[str, object] = {"as_of": AS_OF, "scores": SCORES}
    arguments["invitations"] = INVITATIONS
    return program_health(ADVOCATES, ACTIVITIES, **{**arguments, **changes})  # type: ignore[arg-type]


def no_time() -> Policies:
    """The default policies with every tier's quarterly time budget at 0."""
    rules = TierPolicy.default().rules
    return Policies(
        tiers=TierPolicy(tuple(attrs.evolve(r, quarterly_minutes=0) for r in rules))
    )


def fulfilled_requests() -> list[RequestState]:
    accounts = {"acct-1": request_account("acct-1")}
    advocates = {"a1": ADVOCATES[0]}
    made = []
    for request_id, start, answer in (
        ("in-1", 0.0, "accept"),
        ("in-2", 0.0, None),
        ("before", -24.0 * 365, "accept"),
    ):
        events = [
            ev("submit", start, request_id=request_id),
            ev("contact", start + 1, "a1", request_id),
        ]
        if answer:
            events.append(ev(answer, start + 20, "a1", request_id))
        made.append(
            request_state(
                reference_request(request_id),
                events,
                advocates=advocates,
                accounts=accounts,
            )
        )
    return made


ids = [f"adv-{n}" for n in range(6)]


@st.composite
def programs(draw: st.DrawFn) -> tuple[list[Advocate], list[Activity]]:
    advocates = [
        advocate(
            advocate_id,
            "acct-1",
            tier=draw(st.sampled_from([*Tier, None])),
            opted_out=draw(st.booleans()),
        )
        for advocate_id in ids
    ]
    return advocates, draw(activities_for(ids, AS_OF))
