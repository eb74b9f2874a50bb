"""Values the attribution tests share: deals, activities and links."""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    DealKind,
    DealOutcome,
    Money,
    Opportunity,
    OpportunitySource,
    ProspectProfile,
    Tier,
    attribute_pipeline,
)

AS_OF = pendulum.date(2026, 9, 30)


REF = ActivityType.REFERENCE_CALL


CASE = ActivityType.CASE_STUDY


def opp(
    opp_id: str,
    amount: int | str = 100_000,
    *,
    created: str = "2026-01-05",
    outcome: str = "open",
    closed: str | None = None,
    source: str = "inbound",
    kind: str = "new_business",
    activity_ids: tuple[str, ...] = (),
    currency: str = "USD",
) -> Opportunity:
    return Opportunity(
        id=opp_id,
        prospect=ProspectProfile(name=opp_id),
        amount=Money(amount, currency),
        created=created,
        outcome=outcome,
        closed=closed,
        source=source,
        kind=kind,
        activity_ids=activity_ids,
    )


def act(
    act_id: str,
    kind: ActivityType,
    day: str,
    advocate: str = "v-ana",
    opportunity_id: str | None = None,
) -> Activity:
    return Activity(
        id=act_id,
        advocate_id=advocate,
        type=kind,
        date=day,
        opportunity_id=opportunity_id,
    )


ACTIVITIES = (
    act("a-referral", ActivityType.REFERRAL, "2026-01-02", "v-ana"),
    act("a-call", REF, "2026-02-10", "v-ben"),
    act("a-story", CASE, "2026-02-20", "v-cy", opportunity_id="o-won"),
    act("a-late", REF, "2026-05-01", "v-ben"),
    act("a-open", REF, "2026-09-01", "v-dee"),
    act("a-renew", CASE, "2026-03-01", "v-ana", opportunity_id="o-renewal"),
)


OPPORTUNITIES = (
    opp(
        "o-referred",
        200_000,
        outcome="won",
        closed="2026-03-01",
        source="referral",
        activity_ids=("a-referral",),
    ),
    # Touched by a call (its own link) and a case study (the activity's link).
    opp("o-won", 100_000, outcome="won", closed="2026-03-15", activity_ids=("a-call",)),
    # The only call came after the deal was lost: it does not count.
    opp(
        "o-lost",
        50_000,
        outcome="lost",
        closed="2026-04-01",
        source="outbound",
        activity_ids=("a-late",),
    ),
    opp("o-open", 300_000, activity_ids=("a-open",)),
    opp("o-renewal", 80_000, outcome="won", closed="2026-04-01", kind="renewal"),
    # Created after as_of: left out.
    opp("o-future", 999_000, created="2026-10-02"),
    # Won after as_of: still open on as_of, and nothing touched it.
    opp("o-later", 70_000, outcome="won", closed="2026-10-15", created="2026-08-01"),
)


TIERS = {"v-ana": Tier.CHAMPION, "v-ben": "advocate", "v-cy": None}


def usd(amount: int) -> Money:
    return Money(amount, "USD")


OPP_IDS = [f"o{i}" for i in range(6)]


ACT_IDS = [f"a{i}" for i in range(8)]


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Opportunity], list[Activity]]:
    activities = [
        Activity(
            id=act_id,
            advocate_id=draw(st.sampled_from(["v1", "v2", "v3"])),
            type=draw(st.sampled_from([REF, CASE, ActivityType.REFERRAL])),
            date=AS_OF.add(days=draw(st.integers(-400, 20))),
            opportunity_id=draw(st.none() | st.sampled_from([*OPP_IDS, "o-other"])),
        )
        for act_id in draw(st.lists(st.sampled_from(ACT_IDS), unique=True))
    ]
    opportunities = []
    for opp_id in draw(st.lists(st.sampled_from(OPP_IDS), unique=True)):
        created = AS_OF.add(days=draw(st.integers(-400, 5)))
        outcome = draw(st.sampled_from(list(DealOutcome)))
        closed = (
            None
            if outcome is DealOutcome.OPEN
            else created.add(days=draw(st.integers(0, 200)))
        )
        known = [a.id for a in activities]
        links = draw(st.sets(st.sampled_from(known))) if known else set()
        opportunities.append(
            Opportunity(
                id=opp_id,
                prospect=ProspectProfile(),
                amount=Money(draw(st.integers(0, 10**6)), "USD"),
                created=created,
                outcome=outcome,
                closed=closed,
                source=draw(st.sampled_from(list(OpportunitySource))),
                kind=draw(st.sampled_from(list(DealKind))),
                activity_ids=links,
            )
        )
    return opportunities, activities


WINDOWS = st.none() | st.integers(0, 400)


RESULT = attribute_pipeline(OPPORTUNITIES, ACTIVITIES, as_of=AS_OF, tiers=TIERS)


DEALS = {d.id: d for d in RESULT.deals}


TIER_MAPS = st.none() | st.fixed_dictionaries(
    {v: st.sampled_from([*Tier, None]) for v in ("v1", "v2")}
)
