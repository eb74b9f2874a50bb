"""Values the goal tests share: a program, its goals and their report."""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    GoalMetric,
    GoalProgress,
    GoalReport,
    Money,
    NpsResponse,
    Opportunity,
    OpportunitySource,
    Period,
    ProgramGoal,
    ProspectProfile,
    goal_progress,
)
from tests import strategies

T = ActivityType


G = GoalMetric


START, END = pendulum.date(2026, 7, 1), pendulum.date(2026, 9, 30)  # 92 days


AS_OF = pendulum.date(2026, 8, 15)  # day 46 of 92: half the period gone


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def goal(metric: GoalMetric | str, target: Any, **changes: Any) -> ProgramGoal:
    period = Period(changes.pop("start", START), changes.pop("end", END))
    return ProgramGoal(metric, target, period, **changes)


def act(activity_id: str, kind: ActivityType, day: str) -> Activity:
    return Activity(activity_id, "adv-1", kind, day)


ACTIVITIES = [
    act("r0", T.REFERENCE_CALL, "2026-06-30"),  # before the period
    act("r1", T.REFERENCE_CALL, "2026-07-05"),
    act("r2", T.REFERENCE_CALL, "2026-07-20"),
    act("r3", T.REFERENCE_CALL, "2026-08-01"),
    act("r4", T.REFERENCE_CALL, "2026-08-15"),  # on as_of: counts
    act("r5", T.REFERENCE_CALL, "2026-08-16"),  # after as_of
    act("v1", T.ONLINE_REVIEW, "2026-07-02"),
    act("v2", T.ONLINE_REVIEW, "2026-08-02"),
    act("c1", T.CASE_STUDY, "2026-07-10"),
    act("c2", T.TESTIMONIAL, "2026-07-11"),
    act("c3", T.USER_GENERATED_CONTENT, "2026-07-12"),
    act("w1", T.WEBINAR, "2026-07-13"),  # not content
    act("f1", T.REFERRAL, "2026-07-09"),
]


def deal(deal_id: str, created: str, amount: int, **changes: Any) -> Opportunity:
    return Opportunity(deal_id, ProspectProfile(), usd(amount), created, **changes)


REFERRAL = OpportunitySource.REFERRAL


OPPORTUNITIES = [
    deal("o1", "2026-07-10", 100_000, source=REFERRAL),
    deal("o2", "2026-07-15", 60_000, activity_ids={"r2"}),  # influenced
    deal("o3", "2026-08-01", 40_000, source="inbound"),  # unattributed
    deal("o4", "2026-06-20", 500_000, source=REFERRAL),  # before the period
    deal("o5", "2026-08-20", 500_000, source=REFERRAL),  # after as_of
    # Renewals: 2 of the 3 closed in the period were won.
    deal(
        "n1", "2026-05-01", 10_000, kind="renewal", outcome="won", closed="2026-07-31"
    ),
    deal(
        "n2", "2026-05-01", 10_000, kind="renewal", outcome="won", closed="2026-08-10"
    ),
    deal(
        "n3", "2026-05-01", 10_000, kind="renewal", outcome="lost", closed="2026-08-12"
    ),
    deal(
        "n4", "2026-05-01", 10_000, kind="renewal", outcome="lost", closed="2026-06-30"
    ),
    deal("n5", "2026-05-01", 10_000, kind="renewal"),  # still open
]


# In the period: 3 promoters, 1 passive, 1 detractor: NPS 100 (3 - 1) / 5 = 40.
RESPONSES = [
    NpsResponse(day, score)
    for day, score in [
        ("2026-07-01", 10),
        ("2026-07-02", 10),
        ("2026-07-03", 9),
        ("2026-07-04", 8),
        ("2026-07-05", 6),
        ("2026-06-30", 0),  # before the period
    ]
]


GOALS = [
    goal(G.REFERENCES, 10),
    goal(G.REVIEWS, 4),
    goal(G.CONTENT_SOURCED, 3),
    goal(G.SOCIAL_SHARES, 20),
    goal(G.REFERRALS, 2),
    goal(G.PIPELINE_SOURCED, usd(400_000)),
    goal(G.PIPELINE_INFLUENCED, usd(100_000)),
    goal(G.RETENTION, 0.9),
    goal(G.NPS, 40),
]


def report(**changes: Any) -> GoalReport:
    options: dict[str, Any] = {
        "as_of": AS_OF,
        "activities": ACTIVITIES,
        "opportunities": OPPORTUNITIES,
        "nps_responses": RESPONSES,
    }
    return goal_progress(changes.pop("goals", GOALS), **(options | changes))


def row(result: GoalReport, metric: GoalMetric) -> GoalProgress:
    return next(g for g in result if g.goal.metric is metric)


@st.composite
def count_goals(draw: st.DrawFn) -> ProgramGoal:
    start = draw(
        strategies.dates(pendulum.date(2026, 1, 1), pendulum.date(2026, 12, 31))
    )
    days = draw(st.integers(0, 200))
    metric = draw(st.sampled_from([m for m in GoalMetric if m.activity_types]))
    return goal(metric, draw(st.integers(1, 12)), start=start, end=start.add(days=days))
