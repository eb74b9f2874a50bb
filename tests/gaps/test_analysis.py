"""Gap analysis: the worked example, the formulas' invariants, bad plans."""

from __future__ import annotations

import random
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Account,
    MarketingAsk,
    PlanLine,
    ScoringModel,
    Segment,
    Tier,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.gaps.gaps import (
    APPROVED,
    CUSTOMERS,
    HOME,
    KEEN,
    Q4,
    customer,
    plan,
    reference,
    report,
    usd,
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
