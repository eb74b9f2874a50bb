"""Reference impact reports refuse figures the rule never gives."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given

from advocacy import (
    ActivityType,
    CycleStats,
    DealKind,
    DealOutcome,
    ImpactPolicy,
    Money,
    ReferenceImpact,
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
    LOST,
    ROWS,
    WON,
    C,
    S,
    W,
    book,
    deal,
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

    @pytest.mark.parametrize(
        ("changes", "field", "value", "expected"),
        [
            (
                {"with_reference": 19},
                "win_rate.with_closed",
                20,
                "at most with_reference (19)",
            ),
            (
                {"without_reference": 18},
                "win_rate.without_closed",
                20,
                "at most without_reference (18)",
            ),
            (
                {"sales_cycle": attrs.evolve(C, with_reference=CycleStats(11, 61, 61))},
                "sales_cycle.with_reference.deals",
                11,
                "the won deals of the win rate (12)",
            ),
            (
                {"deal_size": attrs.evolve(S, without_deals=9)},
                "deal_size.without_deals",
                9,
                "the won deals of the win rate (10)",
            ),
            (
                {"policy": ImpactPolicy(min_closed=21)},
                "win_rate.insufficient",
                None,
                "None exactly when the policy's minimum samples are met (not met here)",
            ),
            (
                {"deal_size": attrs.evolve(S, insufficient="too few")},
                "deal_size.insufficient",
                "too few",
                "None exactly when the policy's minimum samples are met (met here)",
            ),
        ],
    )
    def test_what_a_refusal_says(
        self, changes: dict[str, Any], field: str, value: object, expected: str
    ) -> None:
        error = refused(
            InvalidValueError,
            "ReferenceImpact." + field.replace(".", r"\."),
            lambda: attrs.evolve(IMPACT, **changes),
            value=value,
        )
        assert error.expected == expected


# 4 closed a group: 3 won with a reference (40, 60, 80 days at 100, 200,
# 300), 1 lost; 2 won without (80, 120 days at 100 each), 2 lost.
SMALL = [
    (True, WON, 40, 100),
    (True, WON, 60, 200),
    (True, WON, 80, 300),
    (True, LOST, 30, 50),
    (False, WON, 80, 100),
    (False, WON, 120, 100),
    (False, LOST, 30, 50),
    (False, LOST, 30, 50),
]
SMALL_POLICY = ImpactPolicy(min_closed=4, min_each_outcome=1, min_won=3)


def _small() -> ReferenceImpact:
    return reference_impact(*book(SMALL), as_of=AS_OF, policy=SMALL_POLICY)


class TestOutputs:
    def test_records_keep_every_figure(self) -> None:
        short = "2 won without a reference, 3 needed"
        cycles = {"n_with": 3, "n_without": 2, "sufficient": False}
        assert _small().to_records() == [
            {
                "measure": "win_rate",
                "with_reference": 0.75,
                "without_reference": 0.5,
                "change": 0.25,
                "low": pytest.approx(-0.3195572515133033),
                "high": pytest.approx(0.6552866603491049),
                "n_with": 4,
                "n_without": 4,
                "sufficient": True,
                "insufficient": None,
            },
            {
                "measure": "median_sales_cycle_days",
                "with_reference": 60.0,
                "without_reference": 100.0,
                "change": pytest.approx(0.4),
                "low": None,
                "high": None,
                **cycles,
                "insufficient": short,
            },
            {
                "measure": "mean_sales_cycle_days",
                "with_reference": 60.0,
                "without_reference": 100.0,
                "change": pytest.approx(0.4),
                "low": pytest.approx(-0.03372945661195281),
                "high": pytest.approx(0.6517464045380891),
                **cycles,
                "insufficient": short,
            },
            {
                "measure": "mean_deal_size",
                "with_reference": Decimal(200),
                "without_reference": Decimal(100),
                "change": Decimal(1),
                "low": pytest.approx(0.13581938266128524),
                "high": pytest.approx(2.521686688096295),
                **cycles,
                "insufficient": short,
            },
            {
                "measure": "median_deal_size",
                "with_reference": Decimal(200),
                "without_reference": Decimal(100),
                "change": Decimal(1),
                "low": None,
                "high": None,
                **cycles,
                "insufficient": short,
            },
        ]

    @pytest.mark.parametrize("referenced", [True, False])
    def test_records_of_a_group_with_no_deals(self, referenced: bool) -> None:
        impact = reference_impact(*book([(referenced, WON, 90, 100_000)]), as_of=AS_OF)
        amount, nothing = Decimal(100_000), None
        both = (amount, nothing) if referenced else (nothing, amount)
        counts = (1, 0) if referenced else (0, 1)
        for record in impact.to_records()[3:]:
            assert (record["with_reference"], record["without_reference"]) == both
            assert (record["n_with"], record["n_without"]) == counts
            assert record["change"] is None
            assert (record["low"], record["high"]) == (None, None)
            assert record["sufficient"] is False

    def test_html_is_a_table_of_the_headlines(self) -> None:
        impact = _small()
        cells = "".join(
            f"<tr><td>{name}</td><td>{part.explain()}</td></tr>"
            for name, part in (
                ("win rate", impact.win_rate),
                ("sales cycle", impact.sales_cycle),
                ("deal size", impact.deal_size),
            )
        )
        assert impact._repr_html_() == (
            f"<table><tr><th>comparison</th><th>result</th></tr>{cells}</table>"
        )
        assert "<td>win rate</td><td>win rate: 75.0% with vs 50.0% without" in cells

    def test_html_escapes_the_text(self) -> None:
        impact = reference_impact(*book([(True, LOST, 9, 1)]), as_of=AS_OF)
        note = "<1 closed> & 'few'"
        odd = attrs.evolve(
            impact, win_rate=attrs.evolve(impact.win_rate, insufficient=note)
        )
        escaped = html.escape(odd.win_rate.explain())
        assert "&lt;1 closed&gt; &amp; &#x27;few&#x27;" in escaped
        assert f"<td>win rate</td><td>{escaped}</td></tr>" in odd._repr_html_()

    def test_explain_names_every_reference_type_and_kind(self) -> None:
        made, calls = deal(1, referenced=True, outcome=WON)
        policy = ImpactPolicy(
            reference_types=[ActivityType.CASE_STUDY, ActivityType.REFERENCE_CALL],
            deal_kinds=[DealKind.EXPANSION, DealKind.NEW_BUSINESS],
        )
        impact = reference_impact([made], calls, as_of=AS_OF, policy=policy)
        assert impact.explain().splitlines()[0] == (
            "reference impact as of 2026-09-30: 1 new business and expansion "
            "deals with a reference call or case study, 0 without"
        )
