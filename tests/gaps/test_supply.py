"""Supply per segment: who counts where, and the capacity each brings."""

from __future__ import annotations

from fractions import Fraction

import pendulum
import pytest

from advocacy import (
    ActivityType,
    Commitment,
    Tier,
)
from advocacy.exceptions import (
    UnknownKeyError,
)
from tests.gaps.gaps import (
    APPROVED,
    CUSTOMERS,
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

    def test_an_advocate_needs_a_known_account(self) -> None:
        with pytest.raises(UnknownKeyError, match="advocate 'adv-500'"):
            report(advocates=[reference(500)])
