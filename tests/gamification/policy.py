"""Values the policy and rewards tests share: challenges, badges, levels."""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    GamificationPolicy,
    Money,
    Opportunity,
    ProspectProfile,
)

T = ActivityType


POLICY = GamificationPolicy.default()


def opportunity(
    opportunity_id: str,
    outcome: str = "won",
    closed: str | None = "2026-02-16",
    **kw: Any,
) -> Opportunity:
    return Opportunity(
        opportunity_id,
        ProspectProfile(name="Globex"),
        Money("48000", "USD"),
        "2026-01-28",
        outcome,
        closed if outcome != "open" else None,
        **kw,
    )


# The worked example of docs/explanation/ledger.md.
ACTIVITIES = [
    Activity("act-1", "adv-1", "reference_call", "2026-01-12"),
    Activity("act-2", "adv-1", "online_review", "2026-01-20"),
    Activity("act-3", "adv-1", "referral", "2026-01-28", opportunity_id="opp-1"),
    Activity("act-4", "adv-1", "case_study", "2026-02-10"),
    Activity("act-5", "adv-2", "social_share", "2026-02-02"),
    Activity("act-6", "adv-2", "reference_call", "2026-02-05"),
]


WON = opportunity("opp-1", source="referral")


activity_lists = st.lists(
    st.builds(
        Activity,
        id=st.text("abcdef", min_size=1, max_size=4),
        advocate_id=st.sampled_from(["adv-1", "adv-2", "adv-3"]),
        type=st.sampled_from(T),
        date=st.dates(
            min_value=pendulum.date(2026, 1, 1), max_value=pendulum.date(2026, 3, 31)
        ),
        opportunity_id=st.sampled_from([None, "opp-1"]),
    ),
    unique_by=lambda a: a.id,
    max_size=25,
)
