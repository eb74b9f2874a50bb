"""One real instance (or more) of every public value, policy and result class.

Every rule of the library is run on the seeded demo program, and every attrs
value reachable from the results is collected by class. The round-trip and
fuzz tests draw from these: values the library itself makes, not ones made
up to pass.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

import advocacy as adv
from advocacy.synthetic import demo_program

AS_OF = pendulum.date(2026, 9, 30)

PUBLIC_CLASSES: tuple[type, ...] = tuple(
    value
    for value in (getattr(adv, name) for name in adv.__all__ if name != "__version__")
    if isinstance(value, type) and attrs.has(value)
)
"""Every public attrs class of the library."""


def _usd(amount: int | str) -> adv.Money:
    return adv.Money(amount, "USD")


def _lifecycle() -> list[Any]:
    accounts = {
        "acct-1": adv.Account(
            "acct-1",
            "Northwind",
            "fintech",
            1200,
            "EMEA",
            "2021-04-01",
            policy=adv.AccountPolicy(approval_required=True),
        ),
        "acct-2": adv.Account(
            "acct-2", "Contoso", "fintech", 300, "EMEA", "2022-01-10"
        ),
    }
    advocates = {
        "adv-1": adv.Advocate("adv-1", "acct-1", "Ana Ruiz"),
        "adv-2": adv.Advocate("adv-2", "acct-2", "Ben Ode"),
    }
    request = adv.ReferenceRequest(
        "req-7",
        "reference_call",
        adv.ProspectProfile(industry="fintech"),
        "2026-03-02",
        "2026-03-09",
        advocates_needed=2,
    )
    events = [
        adv.RequestEvent("req-7", "submit", "2026-03-02T09:00:00+00:00"),
        adv.RequestEvent("req-7", "approve", "2026-03-02T11:00:00+00:00", "adv-1"),
        adv.RequestEvent("req-7", "contact", "2026-03-02T11:30:00+00:00", "adv-1"),
        adv.RequestEvent("req-7", "contact", "2026-03-02T11:30:00+00:00", "adv-2"),
        adv.RequestEvent("req-7", "accept", "2026-03-03T10:00:00+00:00", "adv-1"),
        adv.RequestEvent("req-7", "accept", "2026-03-03T16:30:00+00:00", "adv-2"),
    ]
    state = adv.request_state(request, events, advocates=advocates, accounts=accounts)
    return [state, adv.fulfilment_summary([state]), state.commitments()]


def _gaps(program: Any, policies: adv.Policies) -> Any:
    products = sorted({p for account in program.accounts for p in account.products})
    plan = adv.DemandPlan(
        start=pendulum.date(2026, 10, 1),
        end=pendulum.date(2026, 12, 31),
        lines=[
            adv.PlanLine(adv.Segment(product=p), _usd(1_000_000), _usd(100_000))
            for p in products
        ],
        win_rate=0.25,
        references_per_opportunity=0.5,
        marketing=[
            adv.MarketingAsk(
                adv.Segment(product=products[0]), 4, pendulum.date(2026, 11, 2)
            )
        ],
    )
    report = adv.reference_gaps(
        program.accounts,
        program.advocates,
        plan,
        as_of=AS_OF,
        signals=program.signals,
        activities=program.activities,
        dimensions=("product", "industry"),
        policies=policies,
    )
    return plan, report, report.roll_up("product")


def _impact(program: Any) -> list[Any]:
    tiers = {a.id: a.tier for a in program.advocates}
    attribution = adv.attribute_pipeline(
        program.opportunities, program.activities, as_of=AS_OF, tiers=tiers
    )
    costs = adv.RoiCosts(
        staff=_usd(160_000), events=_usd(60_000), recognition=_usd(30_000)
    )
    returns = adv.RoiReturns(
        influenced_closed=_usd(1_200_000),
        referral_pipeline=_usd(2_400_000),
        content_pipeline=_usd(800_000),
    )
    answers = [s.nps for s in program.signals.values() if s.nps is not None]
    return [
        attribution,
        returns,
        costs,
        adv.program_roi(returns, costs, expected_win_rate="0.25"),
        adv.reference_impact(program.opportunities, program.activities, as_of=AS_OF),
        adv.net_promoter_score(answers),
        adv.rating_after(4.2, 11, new_mean=4.6, new_count=34),
        adv.reviews_needed(4.2, 11, new_mean=4.6, target=4.5),
        adv.implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34),
        adv.review_campaign(invited=50, published=34, per_review=_usd(25)),
        adv.ImpactPolicy.default(),
        adv.RatingDisplay(),
    ]


def _program(program: Any, scores: dict[str, int], policies: adv.Policies) -> list[Any]:
    year = adv.Period.year_of(AS_OF)
    week = adv.Period(AS_OF.subtract(days=6), AS_OF)
    answers = [adv.NpsResponse("2026-07-15", s) for s in (10, 9, 8, 6)]
    goals = adv.goal_progress(
        [
            adv.ProgramGoal(adv.GoalMetric.PIPELINE_SOURCED, _usd(5_000_000), year),
            adv.ProgramGoal(adv.GoalMetric.REFERENCES, 40, year),
            adv.ProgramGoal(adv.GoalMetric.NPS, 30, year),
        ],
        as_of=AS_OF,
        activities=program.activities,
        opportunities=program.opportunities,
        nps_responses=answers,
    )
    this_week = [a for a in program.activities if a.date in week]
    accounts = {a.id: a for a in program.accounts}
    story = adv.SuccessStory(
        "st-1",
        "adv-1",
        outcome="Cut month-end close from 10 days to 3",
        before="Books closed by hand.",
        program="Automated reconciliation.",
        results="The close takes 3 days.",
        figures=[adv.StoryFigure("month-end close", 10, 3, "days")],
        consent=True,
        consent_on="2026-02-01",
    )
    batch = list(program.requests)[:6]
    change = adv.what_if(
        adv.Scenario(
            "cap 2", adv.Policies(match=adv.MatchPolicy(reference_calls_per_quarter=2))
        ),
        as_of=AS_OF,
        advocates=program.advocates,
        accounts=accounts,
        activities=program.activities,
        requests=batch,
        scores=scores,
        plan=_gaps(program, policies)[0],
        dimensions=("product",),
    )
    return [
        adv.program_health(
            program.advocates,
            program.activities,
            as_of=AS_OF,
            scores=scores,
            invitations=program.invitations,
            policies=policies,
        ),
        adv.load_fairness(program.advocates, program.activities, as_of=AS_OF),
        goals,
        adv.identification_actions(
            program.signals, as_of=AS_OF, advocates=program.advocates
        ),
        adv.recognition_actions(program.advocates, this_week, as_of=AS_OF),
        adv.re_engagement_actions(
            program.advocates[:30], program.activities, as_of=AS_OF
        ),
        adv.plan_invitations(
            program.advocates,
            as_of=AS_OF,
            accounts=program.accounts,
            scores=scores,
            already_invited=program.invitations,
        ),
        adv.frame_ask(program.advocates[0], adv.ActivityType.WEBINAR),
        change,
        change.segments,
        answers,
        story,
        story.check(),
        adv.ActionPolicy.default(),
        adv.FairnessPolicy.default(),
        adv.InvitationWaves.default(),
        adv.FramingCatalog.default(),
    ]


def _gamification(program: Any) -> list[Any]:
    earned = adv.points_earned(program.activities, opportunities=program.opportunities)
    ledger = adv.points_ledger(
        earned.events(), advocates={a.id: a for a in program.advocates}
    )
    first = earned.events()[0]
    reversal = adv.PointsEvent(
        "rev-1",
        first.advocate_id,
        "reverse",
        first.points,
        pendulum.datetime(2026, 10, 1, tz="UTC"),
        reverses=first.id,
    )
    events = [*earned.events(), reversal]
    clawed = adv.points_ledger(events, advocates={a.id: a for a in program.advocates})
    return [
        earned,
        adv.badges_earned(program.activities),
        ledger,
        clawed,
        adv.level_reached(600, 4),
        adv.GamificationPolicy.default(),
        adv.RedemptionLimits(),
    ]


def _rows(values: Iterable[Any]) -> list[dict[str, Any]]:
    """Values as a flat CSV would hold them: lists ";"-joined, nested dotted."""
    rows = []
    for value in values:
        row: dict[str, Any] = {}
        for key, item in adv.to_dict(value).items():
            if isinstance(item, dict) and set(item) == {"amount", "currency"}:
                row.update({key: item["amount"], f"{key}.currency": item["currency"]})
            elif isinstance(item, dict):
                row.update({f"{key}.{k}": v for k, v in item.items()})
            else:
                row[key] = ";".join(item) if isinstance(item, list) else item
        rows.append(row)
    return rows


def _data(program: Any) -> list[Any]:
    accounts: list[Any] = _rows(program.accounts[:20])
    accounts[3] = {**accounts[3], "employees": "1.2k", "region": ""}
    accounts.append("not a row")
    activities = _rows(program.activities[:20])
    activities[0] = {**activities[0], "type": "podcast"}
    signals = [
        {"id": k, **r}
        for k, r in zip(program.signals, _rows(program.signals.values()), strict=True)
    ]
    loads = adv.CrmRecords(
        accounts=adv.load_records(adv.Account, accounts, as_of=AS_OF),
        advocates=adv.load_records(adv.Advocate, _rows(program.advocates[:20])),
        signals=adv.load_records(
            adv.Signals, signals[:20], adv.ColumnMapping(row_id="id"), as_of=AS_OF
        ),
        activities=adv.load_records(adv.Activity, activities),
        opportunities=adv.load_records(
            adv.Opportunity, _rows(program.opportunities[:20])
        ),
        prospects=("co-9",),
    )
    return [
        loads,
        adv.ColumnMapping(
            columns={"employees": "numberofemployees"},
            units={"feature_adoption": adv.Unit.PERCENT},
            regions=adv.RegionTable.default(),
        ),
        adv.Aliases.default(),
        adv.HubSpotSchema.default(),
        adv.SalesforceSchema.default(),
    ]


def _walk(value: Any, seen: set[int], found: dict[type, list[Any]]) -> None:
    if id(value) in seen:
        return
    seen.add(id(value))
    if attrs.has(type(value)):
        found[type(value)].append(value)
        for field in attrs.fields(type(value)):
            _walk(getattr(value, field.name), seen, found)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in list(value)[:40]:
            _walk(item, seen, found)
    elif hasattr(value, "items"):
        for key, item in list(value.items())[:40]:
            _walk(key, seen, found)
            _walk(item, seen, found)


@functools.cache
def instances() -> dict[type, tuple[Any, ...]]:
    """Every attrs value the rules make from the demo program, by class."""
    program = demo_program(as_of=AS_OF)
    model = adv.ScoringModel.default()
    policies = adv.Policies.default()
    accounts = {a.id: a for a in program.accounts}
    ids = [a.id for a in program.advocates]
    scores = dict(
        zip(
            ids,
            model.score_many([program.signals[i] for i in ids], as_of=AS_OF),
            strict=True,
        )
    )
    tiers = adv.assign_tiers(scores, as_of=AS_OF, activities=program.activities)
    made: list[Any] = [
        program.accounts,
        program.advocates,
        program.activities,
        program.requests,
        program.opportunities,
        list(program.signals.values())[:40],
        model,
        policies,
        adv.IdentificationRule.default(),
        adv.Scenario.current(),
        tiers,
        [tiers.decision(i) for i in list(tiers)[:40]],
        model.score(program.signals[ids[0]], as_of=AS_OF),
        adv.fit_propensity(program.signals, program.invitations, as_of=AS_OF),
        adv.identify_potential_advocates(program.signals, as_of=AS_OF),
        _answers(program, accounts, scores),
        adv.assign_requests(
            program.requests,
            program.advocates,
            program.activities,
            accounts=accounts,
            as_of=AS_OF,
            scores=scores,
            method="greedy",
        ),
        adv.rank_candidates(
            program.requests[0],
            program.advocates,
            program.activities,
            accounts=accounts,
            as_of=AS_OF,
            scores=scores,
        ),
        _lifecycle(),
        _gaps(program, policies),
        _impact(program),
        _program(program, scores, policies),
        _gamification(program),
        _data(program),
    ]
    found: dict[type, list[Any]] = defaultdict(list)
    _walk(made, set(), found)
    return {cls: tuple(values) for cls, values in found.items()}


def _answers(
    program: Any, accounts: dict[str, adv.Account], scores: dict[str, int]
) -> list[Any]:
    """A batch, and its answers: why-not of every kind, capacity after it."""
    batch = adv.assign_requests(
        program.requests,
        program.advocates,
        program.activities,
        accounts=accounts,
        as_of=AS_OF,
        scores=scores,
    )
    request = program.requests[1]
    ranking = adv.rank_candidates(
        request,
        program.advocates,
        program.activities,
        accounts=accounts,
        as_of=AS_OF,
        scores=scores,
    )
    people = [c.advocate_id for c in ranking.candidates[:6]]
    people += [e.advocate_id for e in ranking.ineligible[:2]]
    return [
        batch,
        [batch.why_not(request.id, advocate_id) for advocate_id in people],
        [batch.capacity(advocate_id) for advocate_id in people[:2]],
        adv.advocate_capacity(
            program.advocates[0], as_of=AS_OF, activities=program.activities
        ),
    ]


def target(cls: type, value: Any) -> Any:
    """The class `from_dict` builds `value` back as: a load with what it holds."""
    if cls is adv.LoadedRecords:
        generic: Any = adv.LoadedRecords
        return generic[getattr(adv, value.kind)]
    return cls


def of(cls: type) -> tuple[Any, ...]:
    """The collected instances of `cls` (empty if the rules made none)."""
    return instances().get(cls, ())


def every() -> Iterable[tuple[type, Any]]:
    """(class, instance) for up to three instances of every public class."""
    for cls in PUBLIC_CLASSES:
        for value in of(cls)[:3]:
            yield cls, value
