"""Reference impact reports refuse figures the rule never gives."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given

from advocacy import (
    CycleStats,
    DealOutcome,
    ImpactPolicy,
    Money,
    reference_impact,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidValueError,
)
from tests.checks import refused
from tests.impact.impact import (
    AS_OF,
    IMPACT,
    ROWS,
    C,
    S,
    W,
    book,
)


class TestResultValidation:
    @given(ROWS)
    def test_the_rules_results_pass_unchanged(
        self, rows: list[tuple[bool, DealOutcome, int, int]]
    ) -> None:
        impact = reference_impact(*book(rows), as_of=AS_OF)
        c = impact.sales_cycle
        for made in (
            impact,
            impact.win_rate,
            c,
            c.with_reference,
            c.without_reference,
            impact.deal_size,
        ):
            assert attrs.evolve(made) == made

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"with_won": -1}, "with_won"),
            ({"with_rate": 1.5}, "with_rate"),
            ({"insufficient": ""}, "insufficient"),
            # 12 of 20 won with a reference, 10 of 20 without.
            ({"with_won": 21}, "with_won"),
            ({"without_won": 21}, "without_won"),
            ({"with_rate": 0.61}, "with_rate"),
            ({"without_rate": None}, "without_rate"),
            ({"difference": 0.2}, "difference"),
            ({"relative_lift": 0.3}, "relative_lift"),
            ({"interval": None}, "interval"),
            ({"interval": (0.3, 0.2)}, "interval"),
            ({"interval": (0.15, 0.3)}, "interval"),
            ({"interval": (-1.5, 0.3)}, "interval"),
            ({"interval": (-0.2, 1.5)}, "interval"),
            (
                {
                    "without_won": 0,
                    "without_closed": 0,
                    "without_rate": None,
                    "difference": None,
                    "relative_lift": None,
                },
                "interval",
            ),
        ],
    )
    def test_win_rates_that_are_not_their_counts(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"WinRates\.{field}",
            lambda: attrs.evolve(W, **changes),
        )

    @pytest.mark.parametrize(
        ("stats", "field"),
        [
            ((-1, None, None), "deals"),
            ((3, -1.0, 2.0), "median_days"),
            ((3, None, 2.0), "median_days"),
            ((0, None, 2.0), "mean_days"),
        ],
    )
    def test_cycle_figures_exist_exactly_with_deals(
        self, stats: tuple[int, float | None, float | None], field: str
    ) -> None:
        refused(InvalidValueError, rf"CycleStats\.{field}", lambda: CycleStats(*stats))

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"insufficient": ""}, "insufficient"),
            # Medians 61 and 112.5 days, means 61 and 112.5.
            ({"median_reduction": 0.5}, "median_reduction"),
            ({"mean_reduction": None}, "mean_reduction"),
            ({"mean_reduction_interval": (0.5, 0.4)}, "mean_reduction_interval"),
            ({"mean_reduction_interval": (0.0, 0.1)}, "mean_reduction_interval"),
            ({"mean_reduction_interval": (0.0, 1.5)}, "mean_reduction_interval"),
            (
                {"with_reference": CycleStats(1, 61.0, 61.0)},
                "mean_reduction_interval",
            ),
        ],
    )
    def test_reductions_that_are_not_their_groups(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"SalesCycles\.{field}",
            lambda: attrs.evolve(C, **changes),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"with_deals": -1}, "with_deals"),
            ({"insufficient": ""}, "insufficient"),
            ({"with_mean": None}, "with_mean"),
            ({"without_deals": 0}, "without_mean"),
            # Means and medians 125,500 with and 100,000 without: +25.5%.
            ({"mean_uplift": Decimal("0.3")}, "mean_uplift"),
            ({"median_uplift": None}, "median_uplift"),
            ({"without_mean": Money(0, "USD")}, "mean_uplift"),
            ({"mean_uplift_interval": (0.3, 0.2)}, "mean_uplift_interval"),
            ({"mean_uplift_interval": (-1.5, 0.3)}, "mean_uplift_interval"),
            ({"without_deals": 1}, "mean_uplift_interval"),
        ],
    )
    def test_deal_sizes_that_are_not_their_groups(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"DealSizes\.{field}",
            lambda: attrs.evolve(S, **changes),
        )

    def test_deal_sizes_in_one_currency(self) -> None:
        refused(
            CurrencyMismatchError,
            "DealSizes",
            lambda: attrs.evolve(S, with_median=Money("125500", "EUR")),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"window_days": -1}, "window_days"),
            ({"with_reference": -1}, "with_reference"),
            # 21 deals a group, 20 of them closed, 12 and 10 won.
            ({"with_reference": 19}, r"win_rate\.with_closed"),
            ({"without_reference": 19}, r"win_rate\.without_closed"),
            (
                {"sales_cycle": attrs.evolve(C, with_reference=CycleStats(11, 61, 61))},
                r"sales_cycle\.with_reference\.deals",
            ),
            (
                {
                    "sales_cycle": attrs.evolve(
                        C, without_reference=CycleStats(9, 112.5, 112.5)
                    )
                },
                r"sales_cycle\.without_reference\.deals",
            ),
            ({"deal_size": attrs.evolve(S, with_deals=11)}, r"deal_size\.with_deals"),
            (
                {"deal_size": attrs.evolve(S, without_deals=9)},
                r"deal_size\.without_deals",
            ),
            # Flagged exactly when the policy's minimum samples are not met.
            ({"policy": ImpactPolicy(min_closed=21)}, r"win_rate\.insufficient"),
            ({"policy": ImpactPolicy(min_won=11)}, r"sales_cycle\.insufficient"),
            (
                {"deal_size": attrs.evolve(S, insufficient="too few")},
                r"deal_size\.insufficient",
            ),
        ],
    )
    def test_comparisons_that_count_different_deals(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"ReferenceImpact\.{field}",
            lambda: attrs.evolve(IMPACT, **changes),
        )
