"""Gap analysis: the worked example, the formulas' invariants, bad plans."""

from __future__ import annotations

import json
import random
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Account,
    ActivityType,
    Advocate,
    Commitment,
    DemandPlan,
    GapReport,
    MarketingAsk,
    MatchPolicy,
    Money,
    PlanLine,
    Policies,
    RecruitCandidate,
    ScoringModel,
    Segment,
    SegmentDimension,
    Signals,
    Tier,
    TierPolicy,
    from_dict,
    reference_gaps,
    to_dict,
)
from advocacy._gaps.demand import apportion  # a private helper, tested on its own
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from tests.checks import refused
from tests.world import activity

AS_OF = pendulum.date(2026, 9, 30)
Q4 = (pendulum.date(2026, 10, 1), pendulum.date(2026, 12, 31))
HOME = Segment(product="Platform", industry="Retail", region="EMEA")
KEEN = Signals(
    nps=10, feature_adoption=0.9, health_score=90, responded_to_requests=True
)


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def customer(n: int, **changes: Any) -> Account:
    fields: dict[str, Any] = {
        "id": f"acct-{n:03d}",
        "name": f"Customer {n}",
        "industry": "Retail",
        "employees": 500,
        "region": "EMEA",
        "customer_since": pendulum.date(2020, 1, 1),
        "products": {"Platform"},
    }
    return Account(**{**fields, **changes})


def reference(n: int, **changes: Any) -> Advocate:
    """An approved reference: an Advocate-tier member opted in to calls."""
    fields: dict[str, Any] = {
        "id": f"adv-{n:03d}",
        "account_id": f"acct-{n:03d}",
        "name": f"Advocate {n}",
        "activities": {ActivityType.REFERENCE_CALL},
        "tier": Tier.ADVOCATE,
    }
    return Advocate(**{**fields, **changes})


def plan(**changes: Any) -> DemandPlan:
    fields: dict[str, Any] = {
        "start": Q4[0],
        "end": Q4[1],
        "lines": [PlanLine(Segment(product="Platform"), usd(6_000_000), usd(120_000))],
        "references_per_opportunity": 1.5,
        "win_rate": 0.25,
        "marketing": [MarketingAsk(HOME, 12, pendulum.date(2026, 11, 1), "Conference")],
    }
    return DemandPlan(**{**fields, **changes})


# 100 customers in one segment; the first 40 have an approved reference; the
# next 10 have a keen advocate with no tier yet (a recruitment candidate).
CUSTOMERS = [customer(n) for n in range(100)]
APPROVED = [reference(n) for n in range(40)]
UNAPPROVED = [reference(n, tier=None) for n in range(40, 50)]
SIGNALS = {a.id: KEEN for a in UNAPPROVED}


def report(**changes: Any) -> GapReport:
    arguments: dict[str, Any] = {
        "accounts": CUSTOMERS,
        "advocates": [*APPROVED, *UNAPPROVED],
        "plan": plan(),
        "as_of": AS_OF,
        "signals": SIGNALS,
    } | changes
    return reference_gaps(**arguments)


class TestWorkedExample:
    def test_the_issue_figures(self) -> None:
        # $6M / $120K = 50 deals; / 25% = 200 opportunities; x 1.5 = 300
        # requests; + 12 marketing = 312. 40 approved x 3 a quarter = 120.
        # Gap 312 - 120 = 192; 192 / 3 per recruit = 64 recruits.
        (row,) = report().rows
        assert row.segment == HOME
        assert (row.customers, row.approved, row.coverage) == (100, 40, 0.4)
        assert row.goal == usd(6_000_000)
        assert (row.deals, row.opportunities, row.marketing) == (50, 200, 12)
        assert row.requests == 312
        assert row.capacity == 120
        assert (row.gap, row.shortfall, row.recruits) == (192, 0, 64)

    def test_the_working_says_how(self) -> None:
        result = report()
        assert result.demand[0] == (
            "Platform: goal USD 6,000,000 / deal size USD 120,000 = 50.00 -> 50 "
            "deals; / win rate 0.25 -> 200 opportunities; x 1.5 references per "
            "opportunity -> 300 requests"
        )
        working = result.rows[0].working
        assert working[0] == "customers 100, approved references 40 (coverage 40%)"
        assert "requests: 300 from sales + 12 from marketing = 312" in working
        assert "gap 312 - 120 -> 192" in working
        assert "recruits: 192 / 3 per recruit -> 64" in working

    def test_candidates_are_qualified_and_not_yet_approved(self) -> None:
        candidates = report().rows[0].candidates
        assert [c.advocate_id for c in candidates] == [
            f"adv-{n:03d}" for n in range(40, 45)
        ]
        assert all(c.score.qualified for c in candidates)
        # Promoter 25, Power User 20, Healthy 20, Willing 10; no tenure known.
        assert candidates[0].score.total == 75

    def test_no_win_rate_plans_for_deals_only(self) -> None:
        (row,) = report(plan=plan(win_rate=None, marketing=())).rows
        assert (row.deals, row.opportunities, row.requests) == (50, 50, 75)


class TestCapacity:
    def test_calls_done_this_quarter_use_capacity(self) -> None:
        busy = [
            activity(f"x{n}", f"adv-{n:03d}", pendulum.date(2026, 10, 5))
            for n in range(10)
        ]
        (row,) = report(activities=busy).rows
        assert row.capacity == 120 - 10

    def test_commitments_use_capacity(self) -> None:
        promised = [
            Commitment(f"adv-{n:03d}", "old", ActivityType.REFERENCE_CALL, Q4[0])
            for n in range(4)
        ]
        assert report(commitments=promised).rows[0].capacity == 116

    def test_a_period_of_two_quarters_doubles_it(self) -> None:
        longer = plan(end=pendulum.date(2027, 3, 31))
        result = report(plan=longer)
        assert result.rows[0].capacity == 240
        assert result.per_recruit == 6

    def test_a_champion_is_capped_by_calls_not_time(self) -> None:
        champions = [reference(n, tier=Tier.CHAMPION) for n in range(40)]
        (row,) = report(advocates=champions).rows
        assert row.capacity == 120  # 3 calls each, though 300 minutes allow 10

    def test_capacity_is_shared_across_an_accounts_products(self) -> None:
        both = [customer(0, products={"Platform", "Analytics"})]
        result = report(
            accounts=both,
            advocates=[reference(0)],
            signals={},
            plan=plan(marketing=()),
        )
        capacities = {r.segment.product: r.capacity for r in result.rows}
        assert capacities == {"Analytics": Fraction(3, 2), "Platform": Fraction(3, 2)}
        assert result.totals.capacity == 3

    def test_time_budget_limits_long_asks(self) -> None:
        case_studies = plan(activity=ActivityType.CASE_STUDY, marketing=())
        writers = [
            reference(n, activities={ActivityType.CASE_STUDY}) for n in range(40)
        ]
        result = report(plan=case_studies, advocates=writers)
        assert result.rows[0].capacity == 40  # 120 minutes: one 120-minute ask
        assert result.per_recruit == 1


class TestMembership:
    def test_an_account_without_products_is_in_no_product_segment(self) -> None:
        bare = customer(99, products=set())
        result = report(
            accounts=[*CUSTOMERS, bare], advocates=[*APPROVED, reference(99)]
        )
        assert result.totals.customers == 100
        assert result.totals.approved == 40

    def test_an_advocate_needs_a_known_account(self) -> None:
        with pytest.raises(UnknownKeyError, match="advocate 'adv-500'"):
            report(advocates=[reference(500)])


class TestRedundancy:
    def test_a_segment_with_demand_needs_two_references(self) -> None:
        (row,) = report(advocates=APPROVED[:1], plan=plan(lines=[
            PlanLine(Segment(product="Platform"), usd(120_000), usd(120_000))
        ], win_rate=None, references_per_opportunity=1, marketing=())).rows  # fmt: skip
        assert (row.requests, row.gap) == (1, 0)
        assert row.capacity == 3
        assert (row.shortfall, row.recruits) == (1, 1)
        assert "at least 1 for 2 references" in row.working[-1]

    def test_no_demand_no_shortfall(self) -> None:
        (row,) = report(plan=plan(lines=[], marketing=())).rows
        assert (row.requests, row.shortfall, row.recruits) == (0, 0, 0)


MIXED = (
    customer(0),
    customer(1, industry="Banking"),
    customer(2, region="APAC", products={"Platform", "Analytics"}),
    customer(3, industry="Banking"),
)


class TestSegments:
    def test_a_product_goal_is_shared_by_customers(self) -> None:
        line = PlanLine(Segment(product="Platform"), usd(1_200_000), usd(100_000))
        result = report(
            accounts=MIXED,
            advocates=[],
            signals={},
            plan=plan(
                marketing=(), lines=[line], win_rate=None, references_per_opportunity=1
            ),
        )
        platform = {
            (r.segment.industry, r.segment.region): r.deals
            for r in result.rows
            if r.segment.product == "Platform"
        }
        # 12 deals over 1, 2 and 1 customers: 3, 6 and 3.
        assert platform == {
            ("Retail", "EMEA"): 3,
            ("Banking", "EMEA"): 6,
            ("Retail", "APAC"): 3,
        }
        assert result.totals.deals == 12

    def test_a_full_segment_without_customers_gets_its_own_row(self) -> None:
        new_market = Segment(product="Platform", industry="Health", region="LATAM")
        result = report(plan=plan(marketing=(), lines=[
            PlanLine(new_market, usd(240_000), usd(120_000))
        ]))  # fmt: skip
        row = next(r for r in result.rows if r.segment == new_market)
        assert (row.customers, row.approved, row.coverage) == (0, 0, None)
        assert row.deals == 2
        assert row.recruits == max(row.shortfall, row.gap // 3 + (row.gap % 3 > 0))

    def test_other_dimensions(self) -> None:
        by_industry = plan(
            lines=[PlanLine(Segment(industry="Retail"), usd(240_000), usd(120_000))],
            marketing=(),
        )
        result = report(dimensions=["industry", "size"], plan=by_industry)
        assert result.dimensions == (SegmentDimension.INDUSTRY, SegmentDimension.SIZE)
        (row,) = result.rows
        assert row.segment.size is not None
        assert (row.segment.industry, row.segment.size.value) == (
            "Retail",
            "mid_market",
        )

    def test_cut_by_product_or_size_alone(self) -> None:
        # Neither reads an account attribute by name: the keys must still be
        # one value long, and agree with the full report rolled up.
        arguments = {
            "accounts": MIXED,
            "advocates": APPROVED[:4],
            "signals": {},
            "plan": plan(
                marketing=(), lines=[PlanLine(Segment(), usd(240_000), usd(120_000))]
            ),
        }
        full = report(**arguments)
        for dimension in ("product", "size"):
            alone = report(**arguments, dimensions=[dimension])
            rolled = full.roll_up(dimension) if dimension == "product" else None
            assert alone.dimensions == (SegmentDimension(dimension),)
            assert sum(r.customers for r in alone.rows) >= len(alone.rows) > 0
            if rolled is not None:
                assert [(r.segment, r.customers, r.approved) for r in alone.rows] == [
                    (r.segment, r.customers, r.approved) for r in rolled.rows
                ]

    def test_roll_up_sums_rows(self) -> None:
        result = report(accounts=MIXED, advocates=APPROVED[:4], signals={})
        by_industry = result.roll_up("industry")
        assert [r.segment.industry for r in by_industry.rows] == ["Banking", "Retail"]
        for field in ("customers", "approved", "requests", "gap", "recruits"):
            assert sum(getattr(r, field) for r in by_industry.rows) == getattr(
                result.totals, field
            )
        assert result.roll_up().rows[0].requests == result.totals.requests
        with pytest.raises(InvalidValueError, match="the report's dimensions"):
            result.roll_up("size")


class TestProperties:
    @staticmethod
    @st.composite
    def worlds(draw: st.DrawFn) -> dict[str, Any]:
        industries, regions, products = (
            ["Retail", "Banking"],
            ["EMEA", "APAC"],
            ["P", "Q"],
        )
        accounts = [
            customer(
                n,
                industry=draw(st.sampled_from(industries)),
                region=draw(st.sampled_from(regions)),
                products=draw(st.sets(st.sampled_from(products), min_size=1)),
            )
            for n in range(draw(st.integers(1, 12)))
        ]
        advocates = [
            reference(
                n, tier=draw(st.sampled_from([Tier.CHAMPION, Tier.ADVOCATE, None]))
            )
            for n in range(len(accounts))
            if draw(st.booleans())
        ]
        goals, sizes = st.integers(0, 2_000_000), st.integers(10_000, 500_000)
        lines = [
            PlanLine(Segment(product=p), usd(draw(goals)), usd(draw(sizes)))
            for p in products
            if any(p in a.products for a in accounts) and draw(st.booleans())
        ]
        asks = [
            MarketingAsk(Segment(industry=a.industry), draw(st.integers(0, 5)), Q4[0])
            for a in accounts[: draw(st.integers(0, 2))]
        ]
        return {
            "accounts": accounts,
            "advocates": advocates,
            "signals": {a.id: KEEN for a in advocates},
            "plan": plan(
                lines=lines,
                marketing=asks,
                win_rate=draw(st.none() | st.sampled_from([0.1, 0.25, 1.0])),
                references_per_opportunity=draw(st.sampled_from([0, 0.5, 1.5, 3])),
            ),
        }

    @given(worlds())
    def test_gaps_and_recruits_are_never_negative(self, world: dict[str, Any]) -> None:
        for row in report(**world).rows:
            assert row.gap >= 0
            assert row.recruits >= row.shortfall >= 0
            assert row.recruits * report(**world).per_recruit >= row.gap

    @given(worlds())
    def test_totals_are_the_sums_of_rows(self, world: dict[str, Any]) -> None:
        result = report(**world)
        total = result.totals
        fields = (
            "customers", "approved", "deals", "opportunities", "marketing",
            "requests", "capacity", "shortfall", "gap", "recruits",
        )  # fmt: skip
        for field in fields:
            assert getattr(total, field) == sum(getattr(r, field) for r in result.rows)

    @given(worlds(), st.data())
    def test_an_approved_advocate_never_raises_a_gap(
        self, world: dict[str, Any], data: st.DataObject
    ) -> None:
        before = {r.segment: r.gap for r in report(**world).rows}
        account = data.draw(st.sampled_from(world["accounts"]))
        extra = reference(999, account_id=account.id, tier=Tier.ADVOCATE)
        after = report(**world | {"advocates": [*world["advocates"], extra]})
        for row in after.rows:
            assert row.gap <= before[row.segment]

    @given(worlds(), st.integers(1, 5_000_000))
    def test_raising_a_goal_never_lowers_demand(
        self, world: dict[str, Any], more: int
    ) -> None:
        before = report(**world)
        raised = attrs.evolve(
            world["plan"],
            lines=[
                attrs.evolve(line, goal=line.goal.add(usd(more)))
                for line in world["plan"].lines
            ],
        )
        after = report(**world | {"plan": raised})
        assert after.totals.requests >= before.totals.requests
        old = {r.segment: r.requests for r in before.rows}
        assert all(r.requests >= old[r.segment] for r in after.rows)

    @given(worlds(), st.randoms())
    def test_independent_of_input_order(
        self, world: dict[str, Any], rng: random.Random
    ) -> None:
        shuffled = dict(world)
        for key in ("accounts", "advocates"):
            shuffled[key] = list(world[key])
            rng.shuffle(shuffled[key])
        assert report(**shuffled) == report(**world)

    @given(worlds())
    def test_candidates_are_qualified_unapproved_and_in_the_segment(
        self, world: dict[str, Any]
    ) -> None:
        accounts = {a.id: a for a in world["accounts"]}
        model = ScoringModel.default()
        for row in report(**world).rows:
            for candidate in row.candidates:
                advocate = next(
                    a for a in world["advocates"] if a.id == candidate.advocate_id
                )
                assert advocate.tier is None  # not approved: no tier here
                assert model.qualifies(candidate.score.total)
                account = accounts[candidate.account_id]
                assert row.segment.product in account.products
                assert row.segment.industry == account.industry


class TestGivenCustomers:
    """Customers per segment given as counts: only advocates' accounts as values."""

    @staticmethod
    def counted(world: dict[str, Any]) -> dict[Segment, int]:
        return {r.segment: r.customers for r in report(**world).rows if r.customers}

    @staticmethod
    def homes(world: dict[str, Any]) -> list[Account]:
        wanted = {a.account_id for a in world["advocates"]}
        return [a for a in world["accounts"] if a.id in wanted]

    @given(TestProperties.worlds())
    def test_the_report_is_the_one_every_account_gives(
        self, world: dict[str, Any]
    ) -> None:
        given_counts = report(
            **world | {"accounts": self.homes(world)}, customers=self.counted(world)
        )
        assert given_counts == report(**world)

    @given(TestProperties.worlds(), st.data())
    def test_more_accounts_than_the_advocates_change_nothing(
        self, world: dict[str, Any], data: st.DataObject
    ) -> None:
        some = data.draw(st.lists(st.sampled_from(world["accounts"]), unique=True))
        extra = {a.id for a in self.homes(world)} | {a.id for a in some}
        accounts = [a for a in world["accounts"] if a.id in extra]
        counts = self.counted(world)
        assert report(**world | {"accounts": accounts}, customers=counts) == report(
            **world
        )

    def test_a_segment_counted_0_has_no_customers(self) -> None:
        empty = Segment(product="Platform", industry="Retail", region="APAC")
        counts = {HOME: 100, empty: np.int64(0)}
        result = report(accounts=CUSTOMERS[:50], customers=counts)
        assert result == report()
        assert [row.segment for row in result.rows] == [HOME]

    @pytest.mark.parametrize(
        ("customers", "error", "field"),
        [
            ([(HOME, 100)], InvalidTypeError, "customers"),
            ({"Platform": 100}, InvalidTypeError, "customers"),
            (
                {Segment(product="Platform"): 100},
                InvalidValueError,
                r"customers\['Platform'\]",
            ),
            ({HOME: -1}, InvalidValueError, r"customers\['Platform / Retail / EMEA'\]"),
            (
                {HOME: 99.5},
                InvalidValueError,
                r"customers\['Platform / Retail / EMEA'\]",
            ),
            (
                {HOME: "100"},
                InvalidTypeError,
                r"customers\['Platform / Retail / EMEA'\]",
            ),
            # 50 given accounts are in HOME: a count below that is no count.
            ({HOME: 49}, InvalidValueError, r"customers\['Platform / Retail / EMEA'\]"),
        ],
    )
    def test_bad_counts(
        self, customers: Any, error: type[Exception], field: str
    ) -> None:
        refused(
            error,
            f"reference_gaps.{field}",
            lambda: report(accounts=CUSTOMERS[:50], customers=customers),
        )


class TestApportion:
    @given(
        st.integers(0, 1000),
        st.lists(st.integers(1, 50), min_size=1, max_size=8),
    )
    def test_parts_sum_to_the_total_and_stay_near_their_share(
        self, total: int, weights: list[int]
    ) -> None:
        segments = {Segment(product=f"p{n}"): w for n, w in enumerate(weights)}
        parts = apportion(total, segments)
        assert sum(parts.values()) == total
        whole = sum(weights)
        for segment, weight in segments.items():
            assert abs(parts[segment] - Fraction(total * weight, whole)) < 1


class TestOutputs:
    def test_records_html_text(self) -> None:
        result = report()
        (record,) = result.to_records()
        assert record["product"] == "Platform"
        assert record["goal"] == "6000000.00"
        assert (record["requests"], record["gap"], record["recruits"]) == (312, 192, 64)
        json.dumps(record)
        assert (
            repr(result) == "GapReport(1 segments: 312 requests, gap 192, 64 recruits)"
        )
        assert result._repr_html_().count("<tr>") == 2
        assert result.explain().startswith(
            "312 requests expected against capacity 120.0: gap 192, 64 recruits"
        )

    def test_explain_lists_only_rows_with_work_to_do(self) -> None:
        covered = report(
            accounts=MIXED, advocates=[], signals={}, plan=plan(lines=[], marketing=())
        )
        expected = (
            "0 requests expected against capacity 0.0: gap 0, 0 recruits needed "
            f"across {len(covered.rows)} segments"
        )
        assert covered.explain().splitlines() == [expected]

    def test_plan_round_trips(self) -> None:
        assert from_dict(DemandPlan, json.loads(json.dumps(to_dict(plan())))) == plan()


class TestBadPlans:
    @pytest.mark.parametrize("size", [0, -5])
    def test_deal_size_must_be_positive(self, size: int) -> None:
        with pytest.raises(InvalidValueError, match=r"PlanLine\.deal_size"):
            PlanLine(HOME, usd(1), usd(size))

    def test_negative_goal(self) -> None:
        with pytest.raises(InvalidValueError, match=r"PlanLine\.goal"):
            PlanLine(HOME, usd(-1), usd(1))

    def test_goal_and_deal_size_in_one_currency(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="USD and EUR"):
            PlanLine(HOME, usd(1), Money(1, "EUR"))

    @pytest.mark.parametrize(("rate", "hint"), [(0, None), (1.5, None), (25, "0.25")])
    def test_win_rate_in_zero_to_one(self, rate: float, hint: str | None) -> None:
        with pytest.raises(InvalidValueError, match=r"DemandPlan\.win_rate") as caught:
            plan(win_rate=rate)
        assert (hint or "") in (caught.value.hint or "")

    def test_period_in_order(self) -> None:
        with pytest.raises(InvalidValueError, match="on or after start"):
            plan(end=Q4[0].subtract(days=1))

    def test_marketing_inside_the_period(self) -> None:
        with pytest.raises(InvalidValueError, match="within the period"):
            plan(marketing=[MarketingAsk(HOME, 1, pendulum.date(2027, 1, 5))])

    def test_overlapping_lines(self) -> None:
        lines = [
            PlanLine(Segment(product="Platform"), usd(1), usd(1)),
            PlanLine(Segment(industry="Retail"), usd(1), usd(1)),
        ]
        with pytest.raises(InvalidValueError, match="do not overlap"):
            plan(lines=lines)

    def test_lines_must_be_plan_lines(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"DemandPlan\.lines"):
            plan(lines=["Platform: $6M"])

    def test_lines_in_one_currency(self) -> None:
        lines = [
            PlanLine(Segment(product="Platform"), usd(1), usd(1)),
            PlanLine(Segment(product="Other"), Money(1, "EUR"), Money(1, "EUR")),
        ]
        with pytest.raises(CurrencyMismatchError):
            plan(lines=lines)

    def test_a_dimension_the_report_does_not_cut_by(self) -> None:
        by_size = plan(marketing=[MarketingAsk(Segment(size="enterprise"), 2, Q4[0])])
        with pytest.raises(InvalidValueError, match=r"not by \['size'\]"):
            report(plan=by_size)

    def test_a_partial_segment_without_customers(self) -> None:
        nowhere = plan(lines=[PlanLine(Segment(product="Nothing"), usd(1), usd(1))])
        with pytest.raises(InvalidValueError, match="customers to spread it over"):
            report(plan=nowhere)

    def test_an_activity_no_tier_may_be_asked_for(self) -> None:
        with pytest.raises(InvalidValueError, match="some tier may be asked for"):
            report(
                plan=plan(activity=ActivityType.REFERENCE_CALL),
                policies=Policies(tiers=_no_calls()),
            )

    def test_policies_that_leave_a_recruit_no_room(self) -> None:
        refused(
            InvalidValueError,
            "reference_gaps.policies",
            lambda: report(
                policies=Policies(match=MatchPolicy(reference_calls_per_quarter=0))
            ),
        )

    @pytest.mark.parametrize(
        ("arguments", "error", "match"),
        [
            ({"dimensions": []}, InvalidValueError, "one or more distinct"),
            ({"dimensions": ["product", "product"]}, InvalidValueError, "distinct"),
            ({"dimensions": ["colour"]}, InvalidValueError, "dimensions among"),
            ({"plan": "Q4"}, InvalidTypeError, r"reference_gaps\.plan"),
            ({"accounts": ["acct"]}, InvalidTypeError, r"reference_gaps\.accounts"),
            ({"advocates": ["adv"]}, InvalidTypeError, r"reference_gaps\.advocates"),
            ({"activities": ["x"]}, InvalidTypeError, r"reference_gaps\.activities"),
            ({"commitments": ["x"]}, InvalidTypeError, r"reference_gaps\.commitments"),
            ({"redundancy": -1}, InvalidValueError, "redundancy"),
            ({"model": "default"}, InvalidTypeError, "model"),
        ],
    )
    def test_bad_arguments(
        self, arguments: dict[str, Any], error: type[Exception], match: str
    ) -> None:
        with pytest.raises(error, match=match):
            report(**arguments)


def _no_calls() -> TierPolicy:
    default = TierPolicy.default()
    return TierPolicy(
        tuple(
            attrs.evolve(
                rule, activities=rule.activities - {ActivityType.REFERENCE_CALL}
            )
            for rule in default.rules
        )
    )


def candidate(n: int, signals: Signals) -> RecruitCandidate:
    score = ScoringModel.default().score(signals, as_of=AS_OF)
    return RecruitCandidate(f"adv-{n:03d}", f"acct-{n:03d}", score)


class TestResultValidation:
    def test_the_rules_results_pass_unchanged(self) -> None:
        for result in (
            report(),
            report(accounts=MIXED, advocates=APPROVED[:4], signals={}),
            report(accounts=MIXED, advocates=APPROVED[:1], signals={}),
        ):
            for made in (result, result.roll_up("industry"), result.roll_up()):
                assert attrs.evolve(made) == made
                for row in (*made.rows, made.totals):
                    assert attrs.evolve(row) == row
                    for found in row.candidates:
                        assert attrs.evolve(found) == found

    @pytest.mark.parametrize("field", ["advocate_id", "account_id"])
    def test_a_candidate_names_its_advocate_and_account(self, field: str) -> None:
        found = candidate(1, KEEN)
        changes: dict[str, Any] = {field: " "}
        refused(
            InvalidValueError,
            rf"RecruitCandidate\.{field}",
            lambda: attrs.evolve(found, **changes),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"customers": -1}, "customers"),
            ({"recruits": -1}, "recruits"),
            ({"goal": usd(-1)}, "goal"),
            ({"capacity": Fraction(-1, 3)}, "capacity"),
            # The gap is requests - capacity rounded up: 312 - 120 = 192.
            ({"gap": 191}, "gap"),
            ({"gap": 313, "capacity": Fraction(0), "approved": 0}, "gap"),
            ({"customers": 0}, "approved"),
            ({"approved": 0}, "capacity"),
            ({"marketing": 313}, "requests"),
            ({"recruits": 0}, "recruits"),
            ({"recruits": 193}, "recruits"),
        ],
    )
    def test_a_row_with_inconsistent_figures(
        self, changes: dict[str, Any], field: str
    ) -> None:
        (row,) = report().rows
        refused(
            InvalidValueError, rf"GapRow\.{field}", lambda: attrs.evolve(row, **changes)
        )

    def test_a_capacity_is_a_fraction(self) -> None:
        (row,) = report().rows
        refused(
            InvalidTypeError,
            r"GapRow\.capacity",
            lambda: attrs.evolve(row, capacity=1.5),  # type: ignore[arg-type]
        )

    def test_no_shortfall_without_requests(self) -> None:
        (row,) = report(plan=plan(lines=[], marketing=())).rows
        assert (row.requests, row.shortfall) == (0, 0)
        refused(
            InvalidValueError,
            r"GapRow\.shortfall",
            lambda: attrs.evolve(row, shortfall=1, recruits=1),
        )

    def test_recruits_are_at_least_the_shortfall(self) -> None:
        (row,) = report(advocates=APPROVED[:1], plan=plan(lines=[
            PlanLine(Segment(product="Platform"), usd(120_000), usd(120_000))
        ], win_rate=None, references_per_opportunity=1, marketing=())).rows  # fmt: skip
        assert (row.gap, row.shortfall, row.recruits) == (0, 1, 1)
        refused(
            InvalidValueError,
            r"GapRow\.recruits",
            lambda: attrs.evolve(row, recruits=0),
        )

    def test_candidates_best_score_first(self) -> None:
        (row,) = report().rows
        lukewarm = Signals(nps=9, responded_to_requests=True)
        best, next_ = candidate(1, KEEN), candidate(2, lukewarm)
        assert best.score.total > next_.score.total
        assert attrs.evolve(row, candidates=(best, next_)).candidates == (best, next_)
        refused(
            InvalidValueError,
            r"GapRow\.candidates\[1\]",
            lambda: attrs.evolve(row, candidates=(next_, best)),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"per_recruit": 0}, "per_recruit"),
            ({"redundancy": -1}, "redundancy"),
            (
                {"dimensions": (SegmentDimension.PRODUCT, SegmentDimension.PRODUCT)},
                "dimensions",
            ),
            # The row is cut by product, industry and region.
            ({"dimensions": (SegmentDimension.PRODUCT,)}, r"rows\[0\]"),
            # 64 recruits at 3 each cover the gap of 192, at 1 each they do not.
            ({"per_recruit": 1}, r"rows\[0\]\.recruits"),
        ],
    )
    def test_a_report_that_does_not_fit_its_rows(
        self, changes: dict[str, Any], field: str
    ) -> None:
        result = report()
        refused(
            InvalidValueError,
            rf"GapReport\.{field}",
            lambda: attrs.evolve(result, **changes),
        )

    def test_each_segment_once(self) -> None:
        result = report()
        refused(
            InvalidValueError,
            r"GapReport\.rows\[1\]",
            lambda: attrs.evolve(result, rows=result.rows * 2),
        )

    def test_goals_in_the_plans_currency(self) -> None:
        result = report()
        (row,) = result.rows
        euros = attrs.evolve(row, goal=Money(6_000_000, "EUR"))
        refused(
            CurrencyMismatchError,
            r"GapReport\.rows",
            lambda: attrs.evolve(result, rows=(euros,)),
        )
