"""Attributed deals and pipeline figures refuse values the rule never gives."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given

from advocacy import (
    Activity,
    AttributionKind,
    Money,
    Opportunity,
    OpportunitySource,
    PipelineFigures,
    Tier,
    attribute_pipeline,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.impact.attribution import (
    AS_OF,
    CASE,
    DEALS,
    REF,
    RESULT,
    TIER_MAPS,
    WINDOWS,
    usd,
    worlds,
)


class TestResultValidation:
    @given(worlds(), WINDOWS, TIER_MAPS)
    def test_the_rules_results_pass_unchanged(
        self,
        world: tuple[list[Opportunity], list[Activity]],
        window: int | None,
        tiers: dict[str, Tier | None] | None,
    ) -> None:
        result = attribute_pipeline(
            *world, as_of=AS_OF, window_days=window, tiers=tiers, currency="USD"
        )
        assert attrs.evolve(result) == result
        assert all(attrs.evolve(d) == d for d in result.deals)
        groups = [*result.headline, *result.by_type.values(), *result.by_tier.values()]
        assert all(attrs.evolve(f) == f for f in groups)

    @pytest.mark.parametrize(
        ("deal", "changes", "field"),
        [
            ("o-won", {"id": ""}, "id"),
            ("o-won", {"activity_ids": ("a-call", "a-call")}, "activity_ids"),
            ("o-won", {"activity_ids": ("a-call", " ")}, "activity_ids"),
            ("o-won", {"outside_window": ("a-x", "a-x")}, "outside_window"),
            # Sourced exactly when referred, else influenced when one counts.
            ("o-won", {"attribution": AttributionKind.SOURCED}, "attribution"),
            ("o-won", {"source": OpportunitySource.REFERRAL}, "attribution"),
            ("o-won", {"activity_ids": ()}, "attribution"),
            ("o-lost", {"attribution": AttributionKind.INFLUENCED}, "attribution"),
            ("o-won", {"outside_window": ("a-story",)}, "outside_window"),
            ("o-won", {"activity_types": (CASE, REF)}, "activity_types"),
            ("o-won", {"activity_types": (REF, REF)}, "activity_types"),
            ("o-won", {"activity_types": ()}, "activity_types"),
            ("o-won", {"tiers": (None, Tier.ADVOCATE)}, "tiers"),
            ("o-lost", {"activity_types": (REF,)}, "activity_types"),
            ("o-lost", {"tiers": (Tier.ADVOCATE,)}, "tiers"),
        ],
    )
    def test_a_deal_credited_against_its_source_and_activities(
        self, deal: str, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"AttributedDeal\.{field}",
            lambda: attrs.evolve(DEALS[deal], **changes),
        )

    def test_activity_ids_are_a_tuple(self) -> None:
        refused(
            InvalidTypeError,
            r"AttributedDeal\.activity_ids",
            lambda: attrs.evolve(DEALS["o-won"], activity_ids=["a-call"]),  # type: ignore[arg-type]
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"label": ""}, "label"),
            ({"won": -1}, "won"),
            # 3 influenced deals: 1 open, 2 won.
            ({"open": 2}, "opportunities"),
            ({"sourced": 4}, "sourced"),
            ({"sourced": 1}, "influenced"),
        ],
    )
    def test_figures_whose_counts_disagree(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"PipelineFigures\.{field}",
            lambda: attrs.evolve(RESULT.influenced, **changes),
        )

    @pytest.mark.parametrize(
        ("figures", "field"),
        [
            (attribute_pipeline([], as_of=AS_OF, currency="USD").total, "pipeline"),
            (RESULT.sourced, "open_pipeline"),
            (RESULT.unattributed, "won_revenue"),
        ],
    )
    def test_an_amount_summing_no_deal_is_zero(
        self, figures: PipelineFigures, field: str
    ) -> None:
        assert getattr(figures, field).is_zero()
        changes: dict[str, Any] = {field: usd(1)}
        refused(
            InvalidValueError,
            rf"PipelineFigures\.{field}",
            lambda: attrs.evolve(figures, **changes),
        )

    def test_figures_in_one_currency(self) -> None:
        refused(
            CurrencyMismatchError,
            "PipelineFigures",
            lambda: attrs.evolve(RESULT.influenced, won_revenue=Money(1, "EUR")),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"window_days": -1}, "window_days"),
            ({"after_as_of": -1}, "after_as_of"),
            ({"deals": RESULT.deals[::-1]}, r"deals\[1\]"),
            ({"deals": (*RESULT.deals, RESULT.deals[-1])}, r"deals\[6\]"),
            # The groups count the deals: 1 sourced, 3 influenced, 6 in all.
            ({"sourced": RESULT.influenced}, r"sourced\.opportunities"),
            ({"total": RESULT.attributed}, r"total\.opportunities"),
            ({"by_type": dict(list(RESULT.by_type.items())[:1])}, "by_type"),
            ({"by_type": dict(list(RESULT.by_type.items())[::-1])}, "by_type"),
            (
                {"by_type": {**RESULT.by_type, REF: RESULT.sourced}},
                r"by_type\[reference_call\]\.opportunities",
            ),
            ({"by_tier": {}}, "by_tier"),
            (
                {"by_tier": {**RESULT.by_tier, None: RESULT.sourced}},
                r"by_tier\[None\]\.opportunities",
            ),
        ],
    )
    def test_an_attribution_whose_groups_miscount_its_deals(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"PipelineAttribution\.{field}",
            lambda: attrs.evolve(RESULT, **changes),
        )

    def test_every_amount_in_the_currency(self) -> None:
        refused(
            CurrencyMismatchError,
            "PipelineAttribution",
            lambda: attrs.evolve(RESULT, currency="EUR"),
        )
