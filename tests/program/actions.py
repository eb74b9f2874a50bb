"""Values the action and workflow tests share: accounts, people, histories."""

from __future__ import annotations

import random
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

from advocacy import (
    Account,
    ActionKind,
    ActionList,
    Activity,
    ActivityType,
    Advocate,
    Motivation,
    Signals,
    Tier,
    identification_actions,
    re_engagement_actions,
    recognition_actions,
)
from tests import strategies

AS_OF = pendulum.date(2026, 9, 30)


K = ActionKind


T = ActivityType


def advocate(advocate_id: str, **changes: Any) -> Advocate:
    fields: dict[str, Any] = {
        "id": advocate_id,
        "account_id": "acct-1",
        "name": advocate_id.title(),
    }
    return Advocate(**(fields | changes))


def activity(
    activity_id: str,
    advocate_id: str,
    day: str,
    kind: ActivityType = T.REFERENCE_CALL,
    *,
    sent: bool = False,
) -> Activity:
    return Activity(activity_id, advocate_id, kind, day, recognition_sent=sent)


def account(account_id: str = "acct-1", since: str = "2020-01-01") -> Account:
    return Account(account_id, account_id.upper(), "Retail", 500, "EMEA", since)


def summary(result: ActionList) -> list[tuple[str, str, int | None]]:
    return [(a.target, a.kind.value, a.count) for a in result]


CONTACTS = {
    # Every criterion: 25 + 20 + 20 + 15 + 10 + 10 = 100.
    "c-1": Signals(
        nps=10,
        feature_adoption=0.8,
        health_score=90,
        customer_since="2024-01-01",
        positive_mentions=2,
        responded_to_requests=True,
    ),
    "c-2": Signals(nps=9, health_score=81),  # Promoter 25 + Healthy 20 = 45
    "c-3": Signals(nps=9, health_score=80),  # health 80 is not above 80
    "c-4": Signals(nps=8, health_score=95),  # NPS 8 is not a promoter
    "c-5": Signals(nps=10, health_score=95),  # already a Champion
    "c-6": Signals(nps=10, health_score=95),  # opted out
    "c-7": Signals(nps=10, health_score=95),  # not to be contacted yet
}


KNOWN = [
    advocate("c-5", tier=Tier.CHAMPION),
    advocate("c-6", opted_out=True),
    advocate("c-7", do_not_contact_until="2026-10-15"),
]


PEOPLE = [
    advocate("adv-1", public_recognition=True),
    advocate("adv-2"),
    advocate("adv-3", opted_out=True, public_recognition=True),
    advocate("adv-4", do_not_contact_until="2026-10-10"),
]


DONE = [
    activity("a1", "adv-1", "2026-01-10", sent=True),
    activity("a2", "adv-1", "2026-02-10", sent=True),
    activity("a3", "adv-1", "2026-03-10", sent=True),
    # Dated before a4 and a5, so it is the 4th despite its id.
    activity("a9", "adv-1", "2026-04-01", T.WEBINAR),
    activity("a4", "adv-1", "2026-05-01"),  # 5th: a milestone
    activity("a5", "adv-1", "2026-05-01"),  # same day, later id: 6th
    activity("a6", "adv-1", "2026-10-05"),  # after as_of: not done yet
    activity("b1", "adv-2", "2026-09-01", T.ONLINE_REVIEW),
    activity("c1", "adv-3", "2026-09-02"),
    activity("d1", "adv-4", "2026-09-03"),
]


QUIET = [
    advocate(
        "adv-1",
        tier=Tier.ADVOCATE,
        activities={T.REFERENCE_CALL, T.ONLINE_REVIEW, T.WEBINAR},
        motivations={Motivation.PEER_CONNECTION},
    ),
    advocate("adv-2"),
    advocate("adv-3", account_id="acct-new"),
    advocate("adv-4"),
    advocate("adv-5", opted_out=True),
    advocate("adv-6", do_not_contact_until="2026-10-01"),
]


HISTORY = [
    # Exactly 6 months before as_of: outside the window.
    activity("q1", "adv-1", "2026-03-30", T.ONLINE_REVIEW),
    activity("q2", "adv-1", "2026-10-02"),  # after as_of: ignored
    activity("q3", "adv-2", "2026-03-31"),  # inside the window
    activity("q4", "ghost", "2026-01-01"),  # not an advocate given: ignored
]


ACCOUNTS = [account(), account("acct-new", since="2026-05-01")]


IDS = [f"adv-{n}" for n in range(6)]


@st.composite
def programs(draw: st.DrawFn) -> tuple[list[Advocate], list[Activity]]:
    """A few advocates with random flags and activities around as_of."""
    people = [
        advocate(
            i,
            tier=draw(st.none() | st.sampled_from(Tier)),
            opted_out=draw(st.booleans()),
            public_recognition=draw(st.booleans()),
            activities=draw(st.frozensets(st.sampled_from(T), max_size=4)),
            motivations=draw(st.frozensets(st.sampled_from(Motivation), max_size=3)),
            do_not_contact_until=draw(
                st.none()
                | strategies.dates(AS_OF.subtract(days=30), AS_OF.add(days=30))
            ),
        )
        for i in IDS
    ]
    done = [
        attrs.evolve(a, recognition_sent=draw(st.booleans()))
        for a in draw(strategies.activities_for(IDS, AS_OF))
    ]
    return people, done


def shuffled(items: list[Any], seed: int) -> list[Any]:
    copy = list(items)
    random.Random(seed).shuffle(copy)
    return copy


def every_rule(people: list[Advocate], done: list[Activity]) -> list[ActionList]:
    contacts = {p.id: Signals(nps=10, health_score=95) for p in people}
    return [
        identification_actions(contacts, as_of=AS_OF, advocates=people),
        recognition_actions(people, done, as_of=AS_OF),
        re_engagement_actions(people, done, as_of=AS_OF),
    ]
