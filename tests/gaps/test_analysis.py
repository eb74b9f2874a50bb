"""Gap analysis: the worked example, the formulas' invariants, bad plans."""

from __future__ import annotations

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
    MarketingAsk,
    MatchPolicy,
    PlanLine,
    Policies,
    ScoringModel,
    Segment,
    Tier,
    TierPolicy,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.gaps.gaps import (
    APPROVED,
    AS_OF,
    CUSTOMERS,
    HOME,
    KEEN,
    MIXED,
    Q4,
    UNAPPROVED,
    _no_calls,
    customer,
    plan,
    reference,
    report,
    usd,
)
from tests.gaps.gaps import (
    candidate as listed,
)


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


class TestCountedCustomers:
    """What a count below the accounts given says, and where it points."""

    HINT = "count every customer of the segment, not only the advocates' accounts"

    def test_a_count_below_the_accounts_given(self) -> None:
        error = refused(
            InvalidValueError,
            r"reference_gaps\.customers\['Platform / Retail / EMEA'\]",
            lambda: report(accounts=CUSTOMERS[:50], customers={HOME: 49}),
            value=49,
        )
        assert error.expected == "at least 50, the accounts given in the segment"
        assert error.hint == self.HINT

    def test_a_segment_left_out_counts_0(self) -> None:
        # One given account in APAC, and no count for its segment.
        accounts = [*CUSTOMERS[:50], customer(200, region="APAC")]
        error = refused(
            InvalidValueError,
            r"reference_gaps\.customers\['Platform / Retail / APAC'\]",
            lambda: report(accounts=accounts, customers={HOME: 100}),
            value=0,
        )
        assert type(error.value) is int
        assert error.expected == "at least 1, the accounts given in the segment"
        assert error.hint == self.HINT

    def test_a_count_equal_to_the_accounts_given(self) -> None:
        (row,) = report(accounts=CUSTOMERS[:50], customers={HOME: 50}).rows
        assert (row.customers, row.approved) == (50, 40)


class TestRefusals:
    """What `reference_gaps` refuses: the field, the value and the words."""

    @pytest.mark.parametrize(
        ("arguments", "error", "field", "value", "expected"),
        [
            ({"plan": "Q4"}, InvalidTypeError, "plan", "Q4", "a DemandPlan"),
            ({"signals": [1]}, InvalidTypeError, "signals", [1], "a mapping, or None"),
            (
                {"redundancy": -1},
                InvalidValueError,
                "redundancy",
                -1,
                "an integer of at least 0",
            ),
            (
                {"candidates": -1},
                InvalidValueError,
                "candidates",
                -1,
                "an integer of at least 0",
            ),
            (
                {"model": "x"},
                InvalidTypeError,
                "model",
                "x",
                "a ScoringModel, or None",
            ),
            (
                {"customers": [(HOME, 100)]},
                InvalidTypeError,
                "customers",
                [(HOME, 100)],
                "a mapping",
            ),
            (
                {"customers": {"Platform": 100}},
                InvalidTypeError,
                "customers",
                "Platform",
                "Segment keys",
            ),
        ],
    )
    def test_bad_arguments(
        self,
        arguments: dict[str, Any],
        error: type[Exception],
        field: str,
        value: object,
        expected: str,
    ) -> None:
        refusal = refused(
            error, f"reference_gaps.{field}", lambda: report(**arguments), value=value
        )
        assert isinstance(refusal, (InvalidTypeError, InvalidValueError))
        assert refusal.expected == expected

    def test_as_of_must_be_a_date(self) -> None:
        refused(InvalidTypeError, r"reference_gaps\.as_of", lambda: report(as_of="x"))

    def test_redundancy_and_candidates_may_be_0(self) -> None:
        (row,) = report(
            advocates=APPROVED[:1], redundancy=0, candidates=0, plan=plan(marketing=())
        ).rows
        assert (row.shortfall, row.candidates) == (0, ())

    @pytest.mark.parametrize(
        ("segment", "value"),
        [
            (Segment(product="Platform"), "Platform"),
            (
                Segment(
                    product="Platform",
                    industry="Retail",
                    region="EMEA",
                    size="enterprise",
                ),
                "Platform / Retail / EMEA / enterprise",
            ),
        ],
    )
    def test_a_count_for_a_segment_not_cut_by_the_dimensions(
        self, segment: Segment, value: str
    ) -> None:
        error = refused(
            InvalidValueError,
            rf"reference_gaps\.customers\['{value}'\]",
            lambda: report(customers={segment: 100}),
            value=value,
        )
        assert error.expected == (
            "a segment naming exactly the report's dimensions "
            "['product', 'industry', 'region']"
        )

    @pytest.mark.parametrize("where", ["lines", "marketing"])
    def test_a_plan_cut_by_another_dimension(self, where: str) -> None:
        enterprise = Segment(product="Platform", size="enterprise")
        changes: dict[str, Any] = (
            {"lines": [PlanLine(enterprise, usd(1), usd(1))]}
            if where == "lines"
            else {"marketing": [MarketingAsk(enterprise, 2, Q4[0])]}
        )
        error = refused(
            InvalidValueError,
            rf"reference_gaps\.plan\.{where}",
            lambda: report(plan=plan(**changes)),
            value="Platform / enterprise",
        )
        assert error.expected == (
            "segments cut only by the report's dimensions "
            "['product', 'industry', 'region'], not by ['size']"
        )


def _tiers(**minutes: int) -> TierPolicy:
    """The default tiers, with some tiers' quarterly minutes changed."""
    return TierPolicy(
        tuple(
            attrs.evolve(
                rule,
                quarterly_minutes=minutes.get(rule.tier.value, rule.quarterly_minutes),
            )
            for rule in TierPolicy.default().rules
        )
    )


class TestPerRecruit:
    """One recruit's capacity: the least engaged tier allowed, per quarter."""

    def test_the_least_engaged_tier_allowed_sets_it(self) -> None:
        # Online reviews: supporters may be asked; 30 minutes / 15 = 2 a quarter.
        result = report(plan=plan(activity=ActivityType.ONLINE_REVIEW))
        assert result.per_recruit == 2

    def test_calls_are_capped_per_quarter(self) -> None:
        # Advocates have 120 minutes: 4 calls, capped at 3 a quarter.
        assert report().per_recruit == 3
        calls = Policies(match=MatchPolicy(reference_calls_per_quarter=2))
        assert report(policies=calls).per_recruit == 2

    def test_it_is_per_quarter_of_the_period(self) -> None:
        result = report(plan=plan(end=pendulum.date(2027, 3, 31)))
        assert result.per_recruit == 6
        assert result.rows[0].working[4:] == (
            "capacity 240 asks from 40 approved references over 2 quarters",
            "gap 312 - 240 -> 72",
            "recruits: 72 / 6 per recruit -> 12",
        )

    def test_an_activity_no_tier_may_be_asked_for(self) -> None:
        error = refused(
            InvalidValueError,
            r"reference_gaps\.plan\.activity",
            lambda: report(policies=Policies(tiers=_no_calls())),
            value=ActivityType.REFERENCE_CALL,
        )
        assert error.expected == "an activity some tier may be asked for"

    @pytest.mark.parametrize(
        ("activity", "minutes", "calls", "binding"),
        [
            (ActivityType.REFERENCE_CALL, 120, 0, "0 reference calls a quarter"),
            (
                ActivityType.REFERENCE_CALL,
                20,
                1,
                "advocate budget 20 min; reference_call takes 30",
            ),
            (
                ActivityType.CASE_STUDY,
                60,
                0,
                "advocate budget 60 min; case_study takes 120",
            ),
        ],
    )
    def test_policies_that_leave_a_recruit_no_room(
        self, activity: ActivityType, minutes: int, calls: int, binding: str
    ) -> None:
        policies = Policies(
            tiers=_tiers(advocate=minutes),
            match=MatchPolicy(reference_calls_per_quarter=calls),
        )
        error = refused(
            InvalidValueError,
            r"reference_gaps\.policies",
            lambda: report(plan=plan(activity=activity), policies=policies),
            value=binding,
        )
        assert error.expected == (
            f"policies that leave a new advocate room for one {activity.value} "
            "a quarter"
        )
        assert error.hint == "a recruit with no capacity could never close a gap"


class TestRows:
    """Each row's figures and working, as a user reads them."""

    def test_the_working_in_full(self) -> None:
        (row,) = report().rows
        assert row.working == (
            "customers 100, approved references 40 (coverage 40%)",
            (
                "100 of 100 customers of Platform's plan: 50 of 50 deals, "
                "200 of 200 opportunities, 300 of 300 requests"
            ),
            "12 of 12 asks for Conference",
            "requests: 300 from sales + 12 from marketing = 312",
            "capacity 120 asks from 40 approved references over 1 quarter",
            "gap 312 - 120 -> 192",
            "recruits: 192 / 3 per recruit -> 64",
        )

    def test_rows_in_segment_order_with_their_goals(self) -> None:
        result = report(accounts=MIXED, advocates=APPROVED[:4], signals={})
        assert [
            (str(r.segment), r.goal, r.requests, r.capacity, r.gap, r.recruits)
            for r in result.rows
        ] == [
            ("Analytics / Retail / APAC", None, 0, Fraction(3, 2), 0, 0),
            ("Platform / Banking / EMEA", usd(3_000_000), 150, 6, 144, 48),
            ("Platform / Retail / APAC", usd(1_500_000), 75, Fraction(3, 2), 74, 25),
            ("Platform / Retail / EMEA", usd(1_500_000), 87, 3, 84, 28),
        ]
        first, *_, last = result.rows
        assert first.working == (
            "customers 1, approved references 1 (coverage 100%)",
            "requests: 0 from sales + 0 from marketing = 0",
            "capacity 1.5 asks from 1 approved references over 1 quarter",
            "gap 0 - 1.5 -> 0",
            "recruits: 0 / 3 per recruit -> 0",
        )
        assert last.working[-1] == (
            "recruits: 84 / 3 per recruit -> 28; at least 1 for 2 references"
        )

    def test_a_segment_without_customers(self) -> None:
        new_market = Segment(product="Platform", industry="Health", region="LATAM")
        result = report(plan=plan(
            lines=[PlanLine(Segment(product="Platform"), usd(240_000), usd(120_000))],
            marketing=[MarketingAsk(new_market, 2, Q4[0])],
        ))  # fmt: skip
        row, home = result.rows
        assert (home.segment, home.goal, home.requests) == (HOME, usd(240_000), 12)
        assert row.segment == new_market
        assert (row.customers, row.approved, row.goal) == (0, 0, None)
        assert row.capacity == 0
        assert (row.requests, row.gap, row.shortfall, row.recruits) == (2, 2, 2, 2)
        assert row.working == (
            "customers 0, approved references 0",
            "2 of 2 asks for marketing",
            "requests: 0 from sales + 2 from marketing = 2",
            "capacity 0 asks from 0 approved references over 1 quarter",
            "gap 2 - 0 -> 2",
            "recruits: 2 / 3 per recruit -> 1; at least 2 for 2 references",
        )

    def test_no_goal_without_plan_lines(self) -> None:
        (row,) = report(plan=plan(lines=[])).rows
        assert (row.goal, row.deals, row.requests, row.gap) == (None, 0, 12, 0)
        assert row.working[1:3] == (
            "12 of 12 asks for Conference",
            "requests: 0 from sales + 12 from marketing = 12",
        )

    def test_a_larger_redundancy(self) -> None:
        result = report(advocates=APPROVED[:1], redundancy=3)
        (row,) = result.rows
        assert result.redundancy == 3
        assert (row.approved, row.gap) == (1, 309)
        assert row.capacity == 3
        assert (row.shortfall, row.recruits) == (2, 103)
        assert row.working[0] == "customers 100, approved references 1 (coverage 1%)"
        assert row.working[-1] == (
            "recruits: 309 / 3 per recruit -> 103; at least 2 for 3 references"
        )

    def test_shortfall_beats_a_small_gap(self) -> None:
        (row,) = report(advocates=APPROVED[:1], redundancy=5, plan=plan(lines=[])).rows
        assert (row.requests, row.gap) == (12, 9)
        assert row.capacity == 3
        assert (row.shortfall, row.recruits) == (4, 4)


class TestReport:
    def test_the_report_keeps_its_inputs(self) -> None:
        the_plan = plan()
        result = report(plan=the_plan, as_of="2026-09-30")
        assert result.as_of == AS_OF
        assert result.plan == the_plan
        assert [d.value for d in result.dimensions] == ["product", "industry", "region"]
        assert (result.per_recruit, result.redundancy) == (3, 2)
        assert result.demand == (
            (
                "Platform: goal USD 6,000,000 / deal size USD 120,000 = 50.00 -> 50 "
                "deals; / win rate 0.25 -> 200 opportunities; x 1.5 references per "
                "opportunity -> 300 requests"
            ),
            "Platform / Retail / EMEA: Conference, 12 asks on 2026-11-01",
        )

    def test_as_many_candidates_as_asked(self) -> None:
        (row,) = report(candidates=2).rows
        assert row.candidates == (listed(40, KEEN), listed(41, KEEN))

    def test_only_advocates_with_signals_are_candidates(self) -> None:
        signals = {a.id: KEEN for a in UNAPPROVED[3:5]}
        (row,) = report(signals=signals).rows
        assert row.candidates == (listed(43, KEEN), listed(44, KEEN))
        (row,) = report(signals=None).rows
        assert row.candidates == ()

    def test_the_model_given_ranks_the_candidates(self) -> None:
        # The keen advocates score 75: above 60, not above 80.
        strict = attrs.evolve(ScoringModel.default(), qualify_above=80)
        (row,) = report(model=strict).rows
        assert row.candidates == ()
        lenient = attrs.evolve(ScoringModel.default(), qualify_above=70)
        (row,) = report(model=lenient).rows
        assert [c.advocate_id for c in row.candidates] == [
            f"adv-{n:03d}" for n in range(40, 45)
        ]


class TestCountsAndDimensions:
    def test_a_negative_count(self) -> None:
        error = refused(
            InvalidValueError,
            r"reference_gaps\.customers\['Platform / Retail / EMEA'\]",
            lambda: report(customers={HOME: -1}),
            value=-1,
        )
        assert error.expected == "an integer of at least 0"

    def test_a_negative_count_for_a_segment_without_accounts(self) -> None:
        apac = Segment(product="Platform", industry="Retail", region="APAC")
        refused(
            InvalidValueError,
            r"reference_gaps\.customers\['Platform / Retail / APAC'\]",
            lambda: report(customers={HOME: 100, apac: -1}),
            value=-1,
            expected="an integer of at least 0",
        )

    def test_bad_dimensions_are_the_reports(self) -> None:
        refused(
            InvalidValueError,
            r"reference_gaps\.dimensions",
            lambda: report(dimensions=["colour"]),
        )

    def test_bad_policies_are_the_reports(self) -> None:
        refused(
            InvalidTypeError,
            r"reference_gaps\.policies",
            lambda: report(policies="x"),
            value="x",
            expected="a Policies",
        )

    @pytest.mark.parametrize(
        ("field", "expected"),
        [
            ("accounts", "an Account"),
            ("advocates", "an Advocate"),
            ("activities", "an Activity"),
            ("commitments", "a Commitment"),
        ],
    )
    def test_records_of_the_wrong_kind(self, field: str, expected: str) -> None:
        refused(
            InvalidTypeError,
            rf"reference_gaps\.{field}\[0\]",
            lambda: report(**{field: ["x"]}),
            value="x",
            expected=expected,
        )
