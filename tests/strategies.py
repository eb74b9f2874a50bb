"""Shared Hypothesis strategies for advocacy's values and policies."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

import advocacy as adv
from advocacy import (
    Account,
    AccountPolicy,
    Activity,
    ActivityType,
    Advocate,
    Comparison,
    Criterion,
    Money,
    ProspectProfile,
    ReferenceRequest,
    RequestEvent,
    RequestEventKind,
    RequestState,
    RequestStatus,
    ScoringModel,
    Signal,
    Signals,
    Tier,
    TierPolicy,
    request_state,
)

ids = st.text(
    alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=8
)


EARLIEST = pendulum.date(2000, 1, 1)
LATEST = pendulum.date(2035, 12, 31)


@st.composite
def dates(
    draw: st.DrawFn,
    min_value: pendulum.Date = EARLIEST,
    max_value: pendulum.Date = LATEST,
) -> pendulum.Date:
    """A pendulum.Date in [min_value, max_value]."""
    day = draw(st.dates(min_value=min_value, max_value=max_value))
    return pendulum.Date(day.year, day.month, day.day)


as_of_dates = dates(pendulum.date(2015, 1, 1), pendulum.date(2035, 12, 31))


@st.composite
def signals(draw: st.DrawFn, as_of: pendulum.Date | None = None) -> Signals:
    """Signals with each field known or missing; tenure starts on or before as_of."""
    latest = as_of or LATEST
    return Signals(
        nps=draw(st.none() | st.integers(0, 10)),
        feature_adoption=draw(
            st.none() | st.floats(0, 1) | st.sampled_from([0.0, 0.7, 0.70001, 1.0])
        ),
        health_score=draw(
            st.none() | st.integers(0, 100) | st.floats(0, 100) | st.just(80.0)
        ),
        customer_since=draw(st.none() | dates(max_value=latest)),
        positive_mentions=draw(st.none() | st.integers(0, 50)),
        responded_to_requests=draw(st.none() | st.booleans()),
    )


_NUMERIC_DOMAINS = {
    Signal.NPS: st.integers(0, 10),
    Signal.FEATURE_ADOPTION: st.floats(0, 1),
    Signal.HEALTH_SCORE: st.floats(0, 100),
    Signal.TENURE_MONTHS: st.integers(0, 300),
    Signal.POSITIVE_MENTIONS: st.integers(0, 60),
}


@st.composite
def criteria(draw: st.DrawFn, name: str) -> Criterion:
    """Any valid criterion named `name`."""
    signal = draw(st.sampled_from(Signal))
    points = draw(st.integers(1, 40))
    if signal is Signal.RESPONDED_TO_REQUESTS:
        return Criterion(name, signal, Comparison.IS_TRUE, None, points)
    comparison = draw(
        st.sampled_from([c for c in Comparison if c is not Comparison.IS_TRUE])
    )
    values = _NUMERIC_DOMAINS[signal]
    if comparison is Comparison.BETWEEN:
        low, high = sorted((draw(values), draw(values)))
        return Criterion(name, signal, comparison, (low, high), points)
    return Criterion(name, signal, comparison, draw(values), points)


@st.composite
def models(draw: st.DrawFn) -> ScoringModel:
    """Any valid scoring model of one to eight criteria."""
    count = draw(st.integers(1, 8))
    made = tuple(draw(criteria(f"c{i}")) for i in range(count))
    maximum = sum(c.points for c in made)
    return ScoringModel(made, qualify_above=draw(st.integers(0, maximum - 1)))


score_maps = st.dictionaries(ids, st.integers(0, 100), max_size=120)


@st.composite
def tier_policies(draw: st.DrawFn) -> TierPolicy:
    """The default policy with random minimum scores (in order) and shares."""
    floors = sorted((draw(st.integers(0, 100)) for _ in Tier), reverse=True)
    shares = [
        draw(st.sampled_from([0, 0.01, 0.03, 0.1, 0.15, 0.29, 0.4, 0.5, 1]))
        for _ in Tier
    ]
    default = TierPolicy.default()
    return TierPolicy(
        tuple(
            attrs.evolve(rule, min_score=floor, max_share=share)
            for rule, floor, share in zip(default.rules, floors, shares, strict=True)
        )
    )


@st.composite
def activities_for(
    draw: st.DrawFn, advocate_ids: list[str], as_of: pendulum.Date
) -> list[Activity]:
    """Activities by some of `advocate_ids` around the 12 months to `as_of`."""
    if not advocate_ids:
        return []
    window = dates(as_of.subtract(months=14), as_of.add(days=20))
    return [
        Activity(
            id=f"act-{n}",
            advocate_id=draw(st.sampled_from(advocate_ids)),
            type=draw(st.sampled_from(ActivityType)),
            date=draw(window),
        )
        for n in range(draw(st.integers(0, 40)))
    ]


amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=2
)
currencies = st.sampled_from(["USD", "EUR", "GBP", "JPY"])
money = st.builds(Money, amounts, currencies)


# --- the request lifecycle ---------------------------------------------------
#
# Shared by test_requests (the replay) and test_fulfilment (the summary).

T0 = pendulum.datetime(2026, 3, 2, 9, 0, tz="UTC")
"""The moment lifecycle examples start from: `request_event` counts hours from it."""


def request_account(account_id: str, *, approval: bool = False) -> Account:
    """A fintech account in EMEA whose policy asks for approval or not."""
    return Account(
        id=account_id,
        name=account_id.upper(),
        industry="fintech",
        employees=500,
        region="EMEA",
        customer_since="2020-01-01",
        policy=AccountPolicy(approval_required=approval),
    )


def reference_request(
    request_id: str = "req-1", needed: int = 1, **changes: Any
) -> ReferenceRequest:
    """A reference call for a fintech prospect needing `needed` advocates."""
    return ReferenceRequest(
        id=request_id,
        activity=ActivityType.REFERENCE_CALL,
        prospect=ProspectProfile(industry="fintech"),
        requested_on="2026-03-02",
        needed_by="2026-03-16",
        advocates_needed=needed,
        **changes,
    )


def request_event(
    kind: str, hours: float, advocate_id: str | None = None, request_id: str = "req-1"
) -> RequestEvent:
    """An event `hours` after T0."""
    return RequestEvent(
        request_id, kind, T0.add(seconds=round(hours * 3600)), advocate_id
    )


@attrs.define
class LifecycleModel:
    """SPEC §4's lifecycle read literally, as a reference for the properties.

    An advocate's opt-out is deliberately absent: replay takes history as it
    happened, and only matching keeps opted-out advocates from new asks.
    """

    needed: int
    accounts_of: Mapping[str, str]
    approval: Mapping[str, bool]
    approved: set[str]
    status: RequestStatus | None = None
    pending: set[str] = attrs.Factory(set)
    accepted: list[str] = attrs.Factory(list)
    declined: set[str] = attrs.Factory(set)

    def legal(self, kind: RequestEventKind, who: str | None) -> bool:
        """Whether an event of `kind` naming `who` may come next."""
        if self.status is None or kind is RequestEventKind.SUBMIT:
            return self.status is None and kind is RequestEventKind.SUBMIT
        if self.status.is_terminal:
            return False
        return {
            RequestEventKind.APPROVE: True,
            RequestEventKind.CONTACT: who is not None and self.may_contact(who),
            RequestEventKind.ACCEPT: who in self.pending
            and len(self.accepted) < self.needed,
            RequestEventKind.DECLINE: who in self.pending,
            RequestEventKind.SCHEDULE: self.status is RequestStatus.ACCEPTED,
            RequestEventKind.COMPLETE: self.status is RequestStatus.SCHEDULED,
            RequestEventKind.CANCEL: True,
            RequestEventKind.EXPIRE: True,
        }[kind]

    def may_contact(self, who: str) -> bool:
        """Whether `who` may be contacted now."""
        account_id = self.accounts_of[who]
        return (
            self.status
            in {
                RequestStatus.SUBMITTED,
                RequestStatus.APPROVED,
                RequestStatus.CONTACTED,
                RequestStatus.DECLINED,
            }
            and who not in self.pending
            and who not in self.accepted
            and (not self.approval[account_id] or account_id in self.approved)
        )

    def apply(self, kind: RequestEventKind, who: str | None) -> None:
        """Record a legal event."""
        if kind is RequestEventKind.SUBMIT:
            self.status = RequestStatus.SUBMITTED
        elif kind is RequestEventKind.APPROVE:
            assert who is not None
            self.approved.add(self.accounts_of[who])
            if self.status is RequestStatus.SUBMITTED:
                self.status = RequestStatus.APPROVED
        elif kind is RequestEventKind.CONTACT:
            assert who is not None
            self.pending.add(who)
            self.declined.discard(who)
            self.status = RequestStatus.CONTACTED
        elif kind is RequestEventKind.ACCEPT:
            assert who is not None
            self.pending.remove(who)
            self.accepted.append(who)
            if len(self.accepted) == self.needed:
                self.status = RequestStatus.ACCEPTED
        elif kind is RequestEventKind.DECLINE:
            assert who is not None
            self.pending.remove(who)
            self.declined.add(who)
            if not self.pending and len(self.accepted) < self.needed:
                self.status = RequestStatus.DECLINED
        else:
            self.status = {
                RequestEventKind.SCHEDULE: RequestStatus.SCHEDULED,
                RequestEventKind.COMPLETE: RequestStatus.COMPLETED,
                RequestEventKind.CANCEL: RequestStatus.CANCELLED,
                RequestEventKind.EXPIRE: RequestStatus.EXPIRED,
            }[kind]


@attrs.frozen
class Walk:
    """A random legal history of one request, with the reference model's end."""

    request: ReferenceRequest
    advocates: dict[str, Advocate]
    accounts: dict[str, Account]
    events: list[RequestEvent]
    model: LifecycleModel

    def state(self, events: Sequence[RequestEvent] | None = None) -> RequestState:
        """Replay `events` (the walk's own by default) with the walk's pool."""
        return request_state(
            self.request,
            self.events if events is None else events,
            advocates=self.advocates,
            accounts=self.accounts,
        )


event_gaps = st.sampled_from([0, 0.25, 1, 6, 24, 47, 48, 72])
"""Hours between two events, around the 48-hour benchmark window."""


@st.composite
def walks(draw: st.DrawFn, request_id: str = "req-1", max_events: int = 18) -> Walk:
    """A random request, pool and legal event history; the model tracks it.

    About one advocate in five has opted out: a replay must not care.
    """
    accounts = {
        f"acct-{n}": request_account(f"acct-{n}", approval=draw(st.booleans()))
        for n in range(draw(st.integers(1, 3)))
    }
    advocates = {
        f"adv-{n}": Advocate(
            f"adv-{n}",
            draw(st.sampled_from(sorted(accounts))),
            f"Advocate {n}",
            opted_out=draw(st.integers(0, 4)) == 0,
        )
        for n in range(draw(st.integers(1, 5)))
    }
    pre_approved = draw(st.frozensets(st.sampled_from(sorted(accounts))))
    request = reference_request(
        request_id, needed=draw(st.integers(1, 3)), approved_accounts=pre_approved
    )
    model = LifecycleModel(
        needed=request.advocates_needed,
        accounts_of={a.id: a.account_id for a in advocates.values()},
        approval={a.id: a.policy.approval_required for a in accounts.values()},
        approved=set(pre_approved),
    )
    moves: list[tuple[RequestEventKind, str | None]] = [
        (kind, None) for kind in RequestEventKind if not kind.names_advocate
    ]
    moves += [
        (kind, who)
        for kind in RequestEventKind
        if kind.names_advocate
        for who in sorted(advocates)
    ]
    endings = {RequestEventKind.CANCEL, RequestEventKind.EXPIRE}
    hours = 0.0
    events = [request_event("submit", 0, request_id=request_id)]
    model.apply(RequestEventKind.SUBMIT, None)
    for _ in range(draw(st.integers(0, max_events))):
        legal = [(kind, who) for kind, who in moves if model.legal(kind, who)]
        if not legal:
            break
        # Cancel and expire are legal almost everywhere and end the walk:
        # draw them rarely, or most walks would stop after a step or two.
        going = [move for move in legal if move[0] not in endings]
        if going and draw(st.integers(0, 9)) > 0:
            legal = going
        kind, who = draw(st.sampled_from(legal))
        hours += draw(event_gaps)
        events.append(request_event(kind, hours, who, request_id))
        model.apply(kind, who)
    return Walk(request, advocates, accounts, events, model)


# --- a strategy for every public value, policy and result ----------------------


def _made(cls: type) -> st.SearchStrategy[Any]:
    """Values of `cls` the library's own rules made from the demo program."""
    from tests.instances import of  # the demo runs on first use

    return st.deferred(lambda: st.sampled_from(of(cls)))


def _values() -> dict[type, st.SearchStrategy[Any]]:
    drawn: dict[type, st.SearchStrategy[Any]] = {
        adv.Money: money,
        adv.Signals: signals(),
        adv.Criterion: criteria("c"),
        adv.ScoringModel: models(),
        adv.TierPolicy: tier_policies(),
    }
    made = [
        "Account",
        "AccountPolicy",
        "Advocate",
        "SizeBands",
        "Activity",
        "Commitment",
        "NpsResponse",
        "Opportunity",
        "ProspectProfile",
        "ReferenceRequest",
        "ActivityCatalog",
        "ActivitySpec",
        "Period",
        "Score",
        "CriterionScore",
        "PropensityFit",
        "LearnedWeight",
        "TierRule",
        "TierAssignment",
        "TierDecision",
        "TierCheck",
        "IdentificationRule",
        "PotentialAdvocate",
        "Policies",
        "MatchPolicy",
        "FitWeights",
        "Eligibility",
        "IneligibilityReason",
        "Fit",
        "FitComponent",
        "CandidateRanking",
        "Candidate",
        "BatchAssignment",
        "RequestOutcome",
        "AssignedAdvocate",
        "WhyNot",
        "Placement",
        "Tradeoff",
        "Capacity",
        "ActivityCapacity",
        "RequestEvent",
        "RequestState",
        "FulfilmentSummary",
        "DemandPlan",
        "PlanLine",
        "MarketingAsk",
        "Segment",
        "GapReport",
        "GapRow",
        "RecruitCandidate",
        "ProgramRoi",
        "RoiReturns",
        "RoiCosts",
        "RoiRow",
        "PipelineAttribution",
        "PipelineFigures",
        "AttributedDeal",
        "ImpactPolicy",
        "ReferenceImpact",
        "WinRates",
        "SalesCycles",
        "CycleStats",
        "DealSizes",
        "NetPromoterScore",
        "RatingForecast",
        "ReviewsNeeded",
        "EarlierReviews",
        "RatingDisplay",
        "ReviewCampaign",
        "HealthReport",
        "RecruitmentFunnel",
        "Overuse",
        "PlanAttainment",
        "LoadFairness",
        "FairnessPolicy",
        "ProgramGoal",
        "GoalReport",
        "GoalProgress",
        "ActionList",
        "Action",
        "ActionPolicy",
        "InvitationPlan",
        "Invitation",
        "InvitationWaves",
        "InvitationWave",
        "Framing",
        "FramingCatalog",
        "Scenario",
        "WhatIf",
        "SegmentChange",
        "SuccessStory",
        "StoryFigure",
        "StoryCheck",
        "GamificationPolicy",
        "Challenge",
        "Badge",
        "GamificationLevel",
        "LevelReached",
        "PointsEarned",
        "PointsLine",
        "BadgesEarned",
        "BadgeProgress",
        "PointsLedger",
        "PointsEvent",
        "PointsBalance",
        "Reversal",
        "RedemptionLimits",
        "LoadedRecords",
        "RejectedRow",
        "RowError",
        "ColumnMapping",
        "Aliases",
        "RegionTable",
        "CrmRecords",
        "HubSpotSchema",
        "SalesforceSchema",
    ]
    return {
        **drawn,
        **{getattr(adv, name): _made(getattr(adv, name)) for name in made},
    }


VALUES: dict[type, st.SearchStrategy[Any]] = _values()
"""A strategy for every public attrs class (tests/io checks none is missing)."""
