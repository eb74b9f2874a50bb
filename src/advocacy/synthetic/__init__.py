"""A realistic demo advocacy program, generated from a seed.

`demo_program(as_of=...)` builds, in memory, a B2B vendor's customer base:
500 accounts across industries, regions, sizes and products, one nominated
advocate per account with their signals, and a year of advocacy activities
at the volumes of a typical quarterly program (8-12 reference calls, 10-15
reviews, 2-3 case studies a quarter and so on). The same seed and date give
the same program, value for value: it draws only from its own
`random.Random(seed)`.

Customers differ in one hidden trait, their enthusiasm for the vendor, which
moves their NPS, adoption, health, social mentions and responsiveness
together and makes the keenest customers do most of the advocacy, as in real
programs. The data is invented; the shapes are realistic.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TypeVar

import attrs
import pendulum

from advocacy._internal.checks import integer
from advocacy._internal.validation import as_date, require
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.customers import Account, AccountPolicy, Advocate, Signals
from advocacy._model.enums import (
    ActivityType,
    DealKind,
    DealOutcome,
    Motivation,
    OpportunitySource,
)
from advocacy._model.money import Money
from advocacy._model.records import (
    Activity,
    Opportunity,
    ProspectProfile,
    ReferenceRequest,
)
from advocacy._scoring.model import ScoringModel
from advocacy._scoring.tiers import assign_tiers
from advocacy.synthetic._tables import (
    CONFERENCE_SPEAKERS,
    FIRST,
    INDUSTRIES,
    LAST,
    NAME_HEADS,
    NAME_TAILS,
    OTHER_VOLUMES,
    PERSONAS,
    PLAIN_SOURCES,
    PRODUCT_WEIGHTS,
    PRODUCTS,
    REGIONS,
    SECTOR_WORDS,
    WANTED_PERSONAS,
    WEEK_OF_REQUESTS,
)

__all__ = ["DemoProgram", "demo_program"]


T = TypeVar("T")


@attrs.frozen
class DemoProgram:
    """A generated advocacy program: the records a host application would hold.

    Attributes:
        as_of: The date the program is seen from.
        seed: The seed it was generated from.
        accounts: Customer accounts.
        advocates: One nominated advocate per account.
        signals: Advocate id to that advocate's scoring signals.
        activities: A year of advocacy activities up to `as_of`.
        invitations: Last year's invitations to join the program: advocate id
            to whether they accepted (for fitting propensity).
        requests: This week's reference requests from sales and marketing.
        opportunities: A year of sales deals; those an advocate referred or a
            reference call or case study supported link those activities.
    """

    as_of: pendulum.Date
    seed: int
    accounts: tuple[Account, ...]
    advocates: tuple[Advocate, ...]
    signals: Mapping[str, Signals]
    activities: tuple[Activity, ...]
    invitations: Mapping[str, bool]
    requests: tuple[ReferenceRequest, ...]
    opportunities: tuple[Opportunity, ...]

    def account_of(self, advocate: Advocate) -> Account:
        """The account an advocate works at."""
        return next(a for a in self.accounts if a.id == advocate.account_id)


def _pick(rng: random.Random, weighted: Sequence[tuple[T, int]]) -> T:
    values = [value for value, _ in weighted]
    weights = [weight for _, weight in weighted]
    return rng.choices(values, weights)[0]


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _company_name(rng: random.Random, industry: str, taken: set[str]) -> str:
    while True:
        name = (
            f"{rng.choice(NAME_HEADS)}{rng.choice(NAME_TAILS)} "
            f"{rng.choice(SECTOR_WORDS[industry])}"
        )
        if name not in taken:
            taken.add(name)
            return name


def _employees(rng: random.Random) -> int:
    band = rng.random()
    if band < 0.35:
        return rng.randint(15, 99)
    if band < 0.75:
        return int(math.exp(rng.uniform(math.log(100), math.log(999))))
    return int(math.exp(rng.uniform(math.log(1000), math.log(60000))))


def _arr(rng: random.Random, employees: int) -> Money:
    low, high = (
        (10_000, 40_000)
        if employees < 100
        else (40_000, 200_000)
        if employees < 1000
        else (200_000, 1_500_000)
    )
    return Money(Decimal(rng.randint(low, high) // 100 * 100), "USD")


def _account(
    rng: random.Random, number: int, as_of: pendulum.Date, names: set[str]
) -> Account:
    industry = _pick(rng, INDUSTRIES)
    employees = _employees(rng)
    products = {_pick(rng, PRODUCT_WEIGHTS) for _ in range(rng.randint(1, 3))}
    use_cases = {rng.choice(PRODUCTS[p]) for p in sorted(products) for _ in range(2)}
    # Tenure skews recent: most customers signed in the last few years.
    days = int(30 + (8 * 365 - 30) * rng.random() ** 1.6)
    regulated = industry in {"Financial Services", "Public Sector", "Healthcare"}
    policy = AccountPolicy(
        public_allowed=rng.random() > (0.2 if regulated else 0.05),
        approval_required=rng.random() < (0.25 if regulated else 0.06),
        restricted=(
            {ActivityType.SOCIAL_SHARE} if rng.random() < 0.03 else frozenset()
        ),
    )
    return Account(
        id=f"acct-{number:04d}",
        name=_company_name(rng, industry, names),
        industry=industry,
        employees=employees,
        region=_pick(rng, REGIONS),
        customer_since=as_of.subtract(days=days),
        products=products,
        use_cases=use_cases,
        arr=_arr(rng, employees),
        policy=policy,
    )


def _signals(rng: random.Random, keen: float, account: Account) -> Signals:
    promoter = _logistic(0.0 + 1.0 * keen)
    draw = rng.random()
    nps = (
        rng.choice((9, 10))
        if draw < promoter
        else rng.choice((7, 8))
        if draw < promoter + (1 - promoter) * 0.55
        else rng.randint(0, 6)
    )
    adoption = round(_clamp(0.56 + 0.09 * keen + rng.gauss(0, 0.12), 0.05, 1.0), 2)
    health = round(_clamp(72 + 6 * keen + rng.gauss(0, 8), 5, 100))
    mentions = sum(rng.random() < _logistic(-2.2 + 1.0 * keen) for _ in range(4))
    responded = rng.random() < _logistic(0.0 + 1.0 * keen)
    return Signals(
        nps=None if rng.random() < 0.05 else nps,
        feature_adoption=adoption,
        health_score=None if rng.random() < 0.03 else health,
        customer_since=account.customer_since,
        positive_mentions=None if rng.random() < 0.08 else mentions,
        responded_to_requests=None if rng.random() < 0.12 else responded,
    )


def _advocate(
    rng: random.Random, number: int, keen: float, account: Account, as_of: pendulum.Date
) -> Advocate:
    persona, title = rng.choice(PERSONAS[account.size_band.value])
    willing = _logistic(-0.3 + 1.4 * keen)
    activities = {t for t in ActivityType if rng.random() < willing * 0.8}
    activities |= {ActivityType.ONLINE_REVIEW, ActivityType.SOCIAL_SHARE}
    if rng.random() < willing:
        activities.add(ActivityType.REFERENCE_CALL)
    motivations = set(rng.sample(list(Motivation), rng.randint(1, 3)))
    expertise = {account.industry}
    if rng.random() < 0.2:
        expertise.add(_pick(rng, INDUSTRIES))
    return Advocate(
        id=f"adv-{number:04d}",
        account_id=account.id,
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        persona=persona,
        title=title,
        activities=activities,
        motivations=motivations,
        available_for_references=rng.random() < 0.85,
        do_not_contact_until=(
            as_of.add(days=rng.randint(1, 60)) if rng.random() < 0.05 else None
        ),
        opted_out=rng.random() < 0.03,
        industry_expertise=expertise,
        award_recipient=keen > 1.6 and rng.random() < 0.5,
        public_recognition=rng.random() < 0.6,
    )


def _activities(
    rng: random.Random,
    advocates: Sequence[Advocate],
    keenness: Mapping[str, float],
    as_of: pendulum.Date,
) -> tuple[Activity, ...]:
    catalog = ActivityCatalog.default()
    volumes = {
        spec.type: spec.quarterly_participants
        for spec in catalog
        if spec.quarterly_participants is not None
    } | OTHER_VOLUMES
    conference_quarter = rng.randrange(4)
    drafts: list[tuple[pendulum.Date, str, ActivityType, int]] = []
    for quarter in range(4):
        end = as_of.subtract(months=3 * quarter)
        span = (end - end.subtract(months=3)).in_days()
        for activity, (low, high) in volumes.items():
            count = rng.randint(low, high)
            if activity is ActivityType.SPEAKING and quarter == conference_quarter:
                count = rng.randint(*CONFERENCE_SPEAKERS)
            pool = [
                a for a in advocates if activity in a.activities and not a.opted_out
            ]
            weights = [math.exp(1.5 * keenness[a.id]) for a in pool]
            chosen: set[str] = set()
            while len(chosen) < min(count, len(pool)):
                chosen.add(rng.choices(pool, weights)[0].id)
            for advocate_id in sorted(chosen):
                day = end.subtract(days=rng.randrange(span))
                effort = catalog.minutes(activity)
                minutes = max(1, round(effort * rng.uniform(0.7, 1.4)))
                drafts.append((day, advocate_id, activity, minutes))
    drafts.sort()
    return tuple(
        Activity(
            id=f"act-{n:05d}",
            advocate_id=advocate_id,
            type=activity,
            date=day,
            minutes=minutes,
            recognition_sent=rng.random() < 0.8,
        )
        for n, (day, advocate_id, activity, minutes) in enumerate(drafts, start=1)
    )


def _week_of_requests(
    rng: random.Random, accounts: Sequence[Account], as_of: pendulum.Date
) -> tuple[ReferenceRequest, ...]:
    """Requests raised in the week up to `as_of`, needed within two weeks."""
    made = []
    needs_approval = [a.id for a in accounts if a.policy.approval_required]
    kinds = [kind for kind, count in WEEK_OF_REQUESTS for _ in range(count)]
    for number, kind in enumerate(kinds, start=1):
        industry = _pick(rng, INDUSTRIES)
        products = {_pick(rng, PRODUCT_WEIGHTS) for _ in range(rng.randint(1, 2))}
        expansion = rng.random() < 0.1
        prospect = ProspectProfile(
            name=_company_name(rng, industry, set()),
            account_id=rng.choice(accounts).id if expansion else None,
            industry=industry,
            employees=_employees(rng),
            region=_pick(rng, REGIONS),
            products=products,
            use_cases={rng.choice(PRODUCTS[p]) for p in sorted(products)},
            persona=(
                _pick(rng, WANTED_PERSONAS)
                if kind is not ActivityType.ONLINE_REVIEW
                else None
            ),
        )
        sales = kind is ActivityType.REFERENCE_CALL
        deal = rng.randint(40, 900) * 1000 if sales else None
        requested = as_of.subtract(days=rng.randrange(7))
        made.append(
            ReferenceRequest(
                id=f"req-{number:03d}",
                activity=kind,
                prospect=prospect,
                requested_on=requested,
                needed_by=requested.add(days=rng.randint(2, 14)),
                advocates_needed=(
                    2
                    if (sales and deal and deal >= 600_000)
                    or kind is ActivityType.WEBINAR
                    else 1
                ),
                priority=(
                    3
                    if deal and deal >= 500_000
                    else 2
                    if deal and deal >= 150_000
                    else 1
                ),
                deal_amount=None if deal is None else Money(deal, "USD"),
                approved_accounts={a for a in needs_approval if rng.random() < 0.5},
            )
        )
    return tuple(made)


def _opportunities(
    rng: random.Random,
    accounts: Sequence[Account],
    activities: Sequence[Activity],
    as_of: pendulum.Date,
) -> tuple[Opportunity, ...]:
    """A year of deals. Referenced deals win more, close faster and are larger.

    The seed program saw deals with references close 35% faster at 20%
    higher contract values; the demo builds that in, with noise, so the
    impact statistics have something real to find.
    """
    supporting = {ActivityType.REFERENCE_CALL, ActivityType.CASE_STUDY}
    linked = [a for a in activities if a.type in supporting]
    referrals = [a for a in activities if a.type is ActivityType.REFERRAL]
    plain = 220
    drafts: list[tuple[list[Activity], OpportunitySource]] = []
    # Some deals used two reference calls; most one.
    index = 0
    while index < len(linked):
        take = 2 if rng.random() < 0.2 else 1
        drafts.append((linked[index : index + take], OpportunitySource.OUTBOUND))
        index += take
    drafts += [([a], OpportunitySource.REFERRAL) for a in referrals]
    drafts += [([], _pick(rng, PLAIN_SOURCES)) for _ in range(plain)]
    made = []
    for number, (touches, source) in enumerate(drafts, start=1):
        referenced = any(a.type is ActivityType.REFERENCE_CALL for a in touches)
        industry = _pick(rng, INDUSTRIES)
        employees = _employees(rng)
        base = _arr(rng, employees).amount
        amount = (
            base
            * (Decimal("1.2") if referenced else 1)
            * Decimal(rng.randint(80, 120))
            / 100
        )
        cycle = round(rng.uniform(45, 150) * (0.65 if referenced else 1.0))
        first = min((a.date for a in touches), default=None)
        created = (
            first.subtract(days=rng.randint(5, 40))
            if first
            else as_of.subtract(days=rng.randint(0, 365))
        )
        closes = created.add(days=cycle)
        win = 0.45 if referenced or source is OpportunitySource.REFERRAL else 0.30
        outcome = (
            DealOutcome.OPEN
            if closes > as_of
            else DealOutcome.WON
            if rng.random() < win
            else DealOutcome.LOST
        )
        expansion = rng.random() < 0.15
        made.append(
            Opportunity(
                id=f"opp-{number:04d}",
                prospect=ProspectProfile(
                    name=_company_name(rng, industry, set()),
                    account_id=rng.choice(accounts).id if expansion else None,
                    industry=industry,
                    employees=employees,
                    region=_pick(rng, REGIONS),
                ),
                amount=Money(amount.quantize(Decimal(100)), "USD"),
                created=created,
                outcome=outcome,
                closed=None if outcome is DealOutcome.OPEN else closes,
                source=source,
                kind=DealKind.EXPANSION if expansion else DealKind.NEW_BUSINESS,
                activity_ids={a.id for a in touches},
            )
        )
    return tuple(made)


def demo_program(
    *, as_of: pendulum.Date, seed: int = 7, accounts: int = 500
) -> DemoProgram:
    """Generate a realistic advocacy program in memory.

    Args:
        as_of: The date the program is seen from; customers signed before it
            and activities fall in the year up to it.
        seed: The seed; the same seed and date give the same program.
        accounts: How many customer accounts (at least 1).

    Returns:
        The program's accounts, advocates, signals and activities.

    Raises:
        InvalidTypeError: `as_of` is not a date.
        InvalidValueError: `accounts` is below 1.
    """
    day = as_date("demo_program", "as_of", as_of)
    require("demo_program", "seed", seed, integer())
    require("demo_program", "accounts", accounts, integer(1))
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    names: set[str] = set()
    made_accounts = tuple(_account(rng, n, day, names) for n in range(1, accounts + 1))
    keenness: dict[str, float] = {}
    advocates = []
    signals = {}
    for n, account in enumerate(made_accounts, start=1):
        keen = rng.gauss(0, 1)
        advocate = _advocate(rng, n, keen, account, day)
        keenness[advocate.id] = keen
        advocates.append(advocate)
        signals[advocate.id] = _signals(rng, keen, account)
    activities = _activities(rng, advocates, keenness, day)
    # Drawn last, so adding them left everything above unchanged. About 60%
    # of advocates were invited; the keen accept far more often.
    invitations = {
        advocate.id: rng.random() < _logistic(-1.0 + 1.4 * keenness[advocate.id])
        for advocate in advocates
        if rng.random() < 0.6
    }
    requests = _week_of_requests(rng, made_accounts, day)
    # Each advocate's tier, as the CRM would hold it: the library's own
    # assignment under the default model and policy.
    model = ScoringModel.default()
    ids = [a.id for a in advocates]
    totals = model.score_many([signals[i] for i in ids], as_of=day)
    tiers = assign_tiers(
        dict(zip(ids, totals, strict=True)), as_of=day, activities=activities
    )
    return DemoProgram(
        as_of=day,
        seed=seed,
        accounts=made_accounts,
        advocates=tuple(attrs.evolve(a, tier=tiers[a.id]) for a in advocates),
        signals=signals,
        activities=activities,
        invitations=invitations,
        requests=requests,
        opportunities=_opportunities(rng, made_accounts, activities, day),
    )
