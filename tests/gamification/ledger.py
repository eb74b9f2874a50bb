"""Values the ledger and points tests share: events, policies, balances."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from hypothesis import strategies as st

from advocacy import (
    Advocate,
    PointsEvent,
    PointsEventKind,
    PointsLedger,
    RedemptionLimits,
    points_ledger,
)
from advocacy.exceptions import (
    AdvocacyError,
)

T0 = pendulum.datetime(2026, 3, 2, 9, 0, tz="UTC")


ADVOCATES = {
    advocate.id: advocate
    for advocate in (
        Advocate("adv-1", "acct-1", "Ana"),
        Advocate("adv-2", "acct-1", "Bo"),
        Advocate("adv-3", "acct-2", "Cy"),
    )
}


K = PointsEventKind


def earn(event_id: str, points: int, hours: int = 0, who: str = "adv-1") -> PointsEvent:
    return PointsEvent(event_id, who, "earn", points, T0.add(hours=hours))


def redeem(
    event_id: str, points: int, hours: int = 0, who: str = "adv-1"
) -> PointsEvent:
    return PointsEvent(
        event_id, who, "redeem", points, T0.add(hours=hours), reward="gift card"
    )


def reverse(
    event_id: str, earn_id: str, points: int, hours: int = 0, who: str = "adv-1"
) -> PointsEvent:
    return PointsEvent(
        event_id, who, "reverse", points, T0.add(hours=hours), reverses=earn_id
    )


def replay(events: list[PointsEvent], **limits: Any) -> PointsLedger:
    chosen = RedemptionLimits(**limits) if limits else RedemptionLimits.unlimited()
    return points_ledger(events, advocates=ADVOCATES, limits=chosen)


def refused(events: list[PointsEvent], **limits: Any) -> AdvocacyError:
    with pytest.raises(AdvocacyError) as caught:
        replay(events, **limits)
    return caught.value


# The worked example of docs/explanation/ledger.md, reduced to the ledger.
STORY = [
    earn("act-1:reference-call", 100, 0),
    earn("act-2:online-review", 50, 24),
    earn("act-3:referral", 50, 48),
    earn("act-3:referral-won", 500, 72),
    earn("act-6:reference-call", 100, 72, who="adv-2"),
    redeem("red-1", 600, 96),
    reverse("rev-1", "act-3:referral-won", 500, 120),
]


IDS = ("adv-1", "adv-2", "adv-3")


gaps = st.sampled_from([0, 1, 6, 24, 24 * 12, 24 * 35])


limit_values = st.sampled_from([None, 60, 250])
