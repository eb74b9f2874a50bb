"""Supply per segment: who counts where, and the capacity each brings."""

from __future__ import annotations

from fractions import Fraction

import pendulum
import pytest

from advocacy import (
    ActivityType,
    Commitment,
    Signals,
    Tier,
)
from advocacy.exceptions import (
    InvalidTypeError,
    UnknownKeyError,
)
from tests.checks import refused
from tests.gaps.gaps import (
    APPROVED,
    CUSTOMERS,
    KEEN,
    Q4,
    customer,
    plan,
    reference,
    report,
)
from tests.world import activity


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

    def test_cut_by_industry_and_size_band(self) -> None:
        accounts = [
            customer(0, employees=50),
            customer(1, employees=5_000),
            customer(2, employees=5_000, industry="Banking"),
        ]
        result = report(
            accounts=accounts,
            advocates=[reference(1)],
            signals={},
            dimensions=["industry", "size"],
            plan=plan(marketing=(), lines=[]),
        )
        counts = {
            (r.segment.industry, str(r.segment.size)): (r.customers, r.approved)
            for r in result.rows
        }
        assert counts == {
            ("Banking", "enterprise"): (1, 0),
            ("Retail", "enterprise"): (1, 1),
            ("Retail", "smb"): (1, 0),
        }

    def test_cut_by_product_alone(self) -> None:
        accounts = [
            customer(0, products={"Platform", "Analytics"}),
            customer(1, industry="Banking"),
        ]
        result = report(
            accounts=accounts,
            advocates=[reference(0)],
            signals={},
            dimensions=["product"],
            plan=plan(marketing=(), lines=[]),
        )
        counts = {r.segment.product: (r.customers, r.approved) for r in result.rows}
        assert counts == {"Analytics": (1, 1), "Platform": (2, 1)}

    def test_an_advocate_needs_a_known_account(self) -> None:
        with pytest.raises(UnknownKeyError, match="advocate 'adv-500'"):
            report(advocates=[reference(500)])

    def test_the_unknown_account_is_named(self) -> None:
        error = refused(
            UnknownKeyError,
            "reference_gaps.accounts",
            lambda: report(advocates=[*APPROVED, reference(500)]),
            value="acct-500",
        )
        assert error.expected == "an account for every advocate (advocate 'adv-500')"

    def test_an_advocate_without_products_does_not_stop_the_count(self) -> None:
        bare = customer(99, products=set())
        result = report(
            accounts=[*CUSTOMERS, bare], advocates=[reference(99), *APPROVED]
        )
        assert (result.totals.customers, result.totals.approved) == (100, 40)
        assert result.rows[0].capacity == 120


# Scores 65: qualified (above 60), below KEEN's 75.
WARM = Signals(
    nps=10, feature_adoption=0.9, health_score=90, responded_to_requests=False
)
COLD = Signals(nps=0, feature_adoption=0.0, health_score=0, responded_to_requests=False)


class TestCandidates:
    def test_only_qualified_advocates_still_in_the_program_best_first(self) -> None:
        advocates = [
            reference(0, tier=None),  # qualified, second best
            reference(1, tier=None),  # no signals: not scored
            reference(2, tier=None),  # not qualified
            reference(3, tier=None, opted_out=True),  # left the program
            reference(4, tier=None),  # the best
            reference(5),  # approved: counted, not a candidate
        ]
        signals = {"adv-000": WARM, "adv-002": COLD, "adv-003": KEEN, "adv-004": KEEN}
        result = report(
            accounts=[customer(n) for n in range(6)],
            advocates=advocates,
            signals=signals,
        )
        (row,) = result.rows
        assert [(c.advocate_id, c.account_id) for c in row.candidates] == [
            ("adv-004", "acct-004"),
            ("adv-000", "acct-000"),
        ]
        assert [c.score.total for c in row.candidates] == [75, 65]
        assert (row.customers, row.approved) == (6, 1)
        assert row.capacity == 3


class TestHistories:
    def test_records_are_checked_by_name(self) -> None:
        refused(
            InvalidTypeError,
            r"reference_gaps\.activities\[0\]",
            lambda: report(activities=["nope"]),
            value="nope",
        )
        refused(
            InvalidTypeError,
            r"reference_gaps\.commitments\[0\]",
            lambda: report(commitments=["nope"]),
            value="nope",
        )

    def test_records_of_others_are_ignored(self) -> None:
        stranger = "adv-999"
        result = report(
            activities=[activity("x", stranger, pendulum.date(2026, 10, 5))],
            commitments=[
                Commitment(stranger, "old", ActivityType.REFERENCE_CALL, Q4[0])
            ],
        )
        assert result.rows[0].capacity == 120
