"""Values the program tests share."""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import strategies as st

from advocacy import (
    Account,
    ActivityType,
    Advocate,
    Motivation,
    plan_invitations,
)
from tests import strategies

AS_OF = pendulum.date(2026, 9, 30)


T = ActivityType


M = Motivation


def account(account_id: str, since: str) -> Account:
    return Account(account_id, account_id.upper(), "Retail", 500, "EMEA", since)


def advocate(
    advocate_id: str, account_id: str = "acct-old", **changes: Any
) -> Advocate:
    return Advocate(advocate_id, account_id, advocate_id.title(), **changes)


ACCOUNTS = [
    account("acct-new", "2026-06-15"),  # 3 whole months on 2026-09-30
    account("acct-old", "2020-01-01"),
    account("acct-future", "2026-12-01"),  # signed, not started by as_of
]


CANDIDATES = [
    advocate("a-new", "acct-new", persona="CIO"),
    advocate("a-newadmin", "acct-new", persona="Admin"),
    advocate("a-admin", persona="admin", title="Platform Admin"),
    advocate("a-mgr", persona="Data Lead", title="IT Manager"),
    advocate("a-key", persona="CIO", title="Chief Information Officer"),
    advocate("a-low", persona="CIO"),
    advocate("a-future", "acct-future", persona="CIO"),
    advocate("a-out", "acct-new", opted_out=True),
    advocate("a-dnc", "acct-new", do_not_contact_until="2026-10-01"),
    advocate("a-inv", "acct-new"),
]


SCORES = {
    "a-new": 40,
    "a-newadmin": 70,
    "a-admin": 30,
    "a-mgr": 20,
    "a-key": 75,
    "a-low": 50,
    "a-future": 10,
}


def plan(**changes: Any) -> Any:
    options: dict[str, Any] = {
        "as_of": AS_OF,
        "accounts": ACCOUNTS,
        "scores": SCORES,
        "already_invited": ["a-inv"],
    }
    return plan_invitations(CANDIDATES, **(options | changes))


@st.composite
def candidates(draw: st.DrawFn) -> tuple[list[Advocate], list[Account], set[str]]:
    """Advocates at accounts of random tenure, some opted out or invited."""
    accounts = [
        account(
            f"acct-{n}",
            str(draw(strategies.dates(AS_OF.subtract(years=3), AS_OF.add(days=60)))),
        )
        for n in range(4)
    ]
    people = [
        advocate(
            f"adv-{n}",
            draw(st.sampled_from([a.id for a in accounts])),
            persona=draw(st.sampled_from(["Admin", "CIO", "admin", ""])),
            title=draw(st.sampled_from(["IT Manager", "Head of Data", "CTO", ""])),
            opted_out=draw(st.booleans()),
            do_not_contact_until=draw(
                st.none()
                | strategies.dates(AS_OF.subtract(days=20), AS_OF.add(days=20))
            ),
        )
        for n in range(draw(st.integers(0, 12)))
    ]
    invited = draw(st.sets(st.sampled_from([f"adv-{n}" for n in range(12)])))
    return people, accounts, invited
