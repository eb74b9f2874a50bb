"""Attributed deals and pipeline figures refuse values the rule never gives."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given

from advocacy import (
    Activity,
    ActivityType,
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
    act,
    opp,
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


class TestAttributedDealRefusals:
    def test_a_wrong_credit_names_the_expected_one(self) -> None:
        error = refused(
            InvalidValueError,
            r"AttributedDeal\.attribution",
            lambda: attrs.evolve(DEALS["o-won"], attribution=AttributionKind.SOURCED),
            value="sourced",
        )
        assert error.expected == (
            "'influenced': sourced for a referral, else influenced when an "
            "activity counts, else unattributed"
        )

    def test_an_activity_both_counted_and_outside_is_named(self) -> None:
        outside = ("a-story", "a-call")
        error = refused(
            InvalidValueError,
            r"AttributedDeal\.outside_window",
            lambda: attrs.evolve(DEALS["o-won"], outside_window=outside),
            value=outside,
        )
        assert error.expected == (
            "activities that do not count, none of them in activity_ids"
        )
        assert error.hint == "in both: a-call, a-story"

    @pytest.mark.parametrize(
        ("changes", "field", "words"),
        [
            ({"activity_types": (CASE, REF)}, "activity_types", "ActivityType"),
            ({"tiers": (None, Tier.ADVOCATE)}, "tiers", "Tier"),
        ],
    )
    def test_values_out_of_order_name_the_order(
        self, changes: dict[str, Any], field: str, words: str
    ) -> None:
        error = refused(
            InvalidValueError,
            rf"AttributedDeal\.{field}",
            lambda: attrs.evolve(DEALS["o-won"], **changes),
            value=changes[field],
        )
        assert error.expected == f"distinct values, in {words} order"

    def test_types_without_a_counting_activity(self) -> None:
        error = refused(
            InvalidValueError,
            r"AttributedDeal\.activity_types",
            lambda: attrs.evolve(DEALS["o-lost"], activity_types=(REF,)),
            value=(REF,),
        )
        assert error.expected == (
            "the types of the counting activities: at least one when an "
            "activity counts, none otherwise"
        )

    def test_tiers_without_a_counting_activity(self) -> None:
        error = refused(
            InvalidValueError,
            r"AttributedDeal\.tiers",
            lambda: attrs.evolve(DEALS["o-lost"], tiers=(Tier.ADVOCATE,)),
            value=(Tier.ADVOCATE,),
        )
        assert error.expected == "none when no activity counts"


IDS = "a tuple of distinct ids (non-empty strings)"


class TestRefusalWording:
    @pytest.mark.parametrize(
        ("ids", "error", "hint"),
        [
            (["a-call"], InvalidTypeError, None),
            (("a-call", " "), InvalidValueError, None),
            (("a-call", "a-call"), InvalidValueError, "repeated: a-call"),
        ],
    )
    def test_activity_ids_name_what_is_accepted(
        self, ids: object, error: type[InvalidValueError], hint: str | None
    ) -> None:
        refusal = refused(
            error,
            r"AttributedDeal\.activity_ids",
            lambda: attrs.evolve(DEALS["o-won"], activity_ids=ids),  # type: ignore[arg-type]
            value=ids,
        )
        assert (refusal.expected, refusal.hint) == (IDS, hint)

    @pytest.mark.parametrize(
        ("changes", "field", "value", "expected"),
        [
            # 3 influenced deals: 1 open, 2 won.
            ({"open": 2}, "opportunities", 3, "open + won + lost (4)"),
            (
                {"sourced": 4},
                "sourced",
                4,
                "at most the opportunities not otherwise credited (3)",
            ),
            (
                {"sourced": 1},
                "influenced",
                3,
                "at most the opportunities not otherwise credited (2)",
            ),
        ],
    )
    def test_figures_name_the_count_they_disagree_with(
        self, changes: dict[str, Any], field: str, value: int, expected: str
    ) -> None:
        refusal = refused(
            InvalidValueError,
            rf"PipelineFigures\.{field}",
            lambda: attrs.evolve(RESULT.influenced, **changes),
            value=value,
        )
        assert refusal.expected == expected

    def test_an_amount_summing_no_deal(self) -> None:
        refusal = refused(
            InvalidValueError,
            r"PipelineFigures\.won_revenue",
            lambda: attrs.evolve(RESULT.unattributed, won_revenue=usd(1)),
            value=usd(1),
        )
        assert refusal.expected == "zero: it sums no deal"

    def test_deals_out_of_id_order(self) -> None:
        # In id order: o-later, o-lost, o-open, o-referred, o-renewal, o-won.
        swapped = (RESULT.deals[1], RESULT.deals[0], *RESULT.deals[2:])
        refusal = refused(
            InvalidValueError,
            r"PipelineAttribution\.deals\[1\]",
            lambda: attrs.evolve(RESULT, deals=swapped),
            value="o-later",
        )
        assert refusal.expected == (
            "an id after 'o-lost': deals in id order, each once"
        )

    def test_a_group_miscounting_its_deals(self) -> None:
        refusal = refused(
            InvalidValueError,
            r"PipelineAttribution\.sourced\.opportunities",
            lambda: attrs.evolve(RESULT, sourced=RESULT.influenced),
            value=3,
        )
        assert refusal.expected == "the number of its deals (1)"

    def test_breakdown_groups_out_of_order(self) -> None:
        refusal = refused(
            InvalidValueError,
            r"PipelineAttribution\.by_type",
            lambda: attrs.evolve(
                RESULT, by_type=dict(list(RESULT.by_type.items())[::-1])
            ),
            value=["referral", "case_study", "reference_call"],
        )
        assert refusal.expected == (
            "one group per key touching a deal, in order: "
            "['reference_call', 'case_study', 'referral']"
        )

    @pytest.mark.parametrize(
        ("currency", "currencies"),
        [
            # The deals disagree with the currency, the groups agree with it.
            ("USD", ("USD", "EUR")),
            # The deals agree with the currency, the groups do not.
            ("EUR", ("EUR", "USD")),
        ],
    )
    def test_deals_and_groups_each_in_the_currency(
        self, currency: str, currencies: tuple[str, str]
    ) -> None:
        deals = tuple(
            attrs.evolve(d, amount=Money(d.amount.amount, "EUR")) for d in RESULT.deals
        )
        error = refused(
            CurrencyMismatchError,
            "PipelineAttribution",
            lambda: attrs.evolve(RESULT, deals=deals, currency=currency),
        )
        assert error.currencies == currencies

    def test_unknown_content_types(self) -> None:
        refusal = refused(
            InvalidTypeError,
            r"PipelineAttribution\.returns\.content_types",
            lambda: RESULT.returns(content_types=["brochure"]),
            value="brochure",
        )
        assert refusal.expected == "ActivityType values"


SMALL = attribute_pipeline(
    [
        opp(
            "o-1",
            1000,
            outcome="won",
            closed="2026-03-01",
            source="referral",
            activity_ids=("a-1",),
        ),
        opp("o-2", 500, outcome="lost", closed="2026-04-01", source="outbound"),
    ],
    [act("a-1", ActivityType.REFERRAL, "2026-02-01")],
    as_of=AS_OF,
    tiers={"v-ana": Tier.CHAMPION},
)
"""A referred deal won and an untouched deal lost, one type and one tier."""


class TestSmallAttributionOutputs:
    def test_explain_headline_without_a_window(self) -> None:
        assert SMALL.explain().splitlines()[0] == (
            "attribution as of 2026-09-30 (every linked activity up to the close "
            "counts)"
        )

    def test_records(self) -> None:
        referred = {
            "opportunities": 1,
            "sourced": 1,
            "influenced": 0,
            "open": 0,
            "won": 1,
            "lost": 0,
            "pipeline": Decimal(1000),
            "open_pipeline": Decimal(0),
            "won_revenue": Decimal(1000),
            "currency": "USD",
            "win_rate": 1.0,
        }
        lost = {
            "opportunities": 1,
            "sourced": 0,
            "influenced": 0,
            "open": 0,
            "won": 0,
            "lost": 1,
            "pipeline": Decimal(500),
            "open_pipeline": Decimal(0),
            "won_revenue": Decimal(0),
            "currency": "USD",
            "win_rate": 0.0,
        }
        none = {
            "opportunities": 0,
            "sourced": 0,
            "influenced": 0,
            "open": 0,
            "won": 0,
            "lost": 0,
            "pipeline": Decimal(0),
            "open_pipeline": Decimal(0),
            "won_revenue": Decimal(0),
            "currency": "USD",
            "win_rate": None,
        }
        every = {
            "opportunities": 2,
            "sourced": 1,
            "influenced": 0,
            "open": 0,
            "won": 1,
            "lost": 1,
            "pipeline": Decimal(1500),
            "open_pipeline": Decimal(0),
            "won_revenue": Decimal(1000),
            "currency": "USD",
            "win_rate": 0.5,
        }
        assert SMALL.to_records() == [
            {"dimension": "attribution", "label": "sourced", **referred},
            {"dimension": "attribution", "label": "influenced", **none},
            {"dimension": "attribution", "label": "attributed", **referred},
            {"dimension": "attribution", "label": "unattributed", **lost},
            {"dimension": "attribution", "label": "all", **every},
            {"dimension": "activity_type", "label": "referral", **referred},
            {"dimension": "tier", "label": "champion", **referred},
        ]

    def test_html(self) -> None:
        html = SMALL._repr_html_()
        head = (
            "<table><tr><th>dimension</th><th>group</th><th>deals</th>"
            "<th>pipeline</th><th>won revenue</th><th>win rate</th></tr>"
        )
        assert html.startswith(head)
        body = html.removeprefix(head).removesuffix("</table>")
        assert body.startswith("<tr><td>")
        assert body.endswith("</td></tr>")
        rows = body.removeprefix("<tr><td>").removesuffix("</td></tr>")
        cells = [row.split("</td><td>") for row in rows.split("</td></tr><tr><td>")]
        assert cells == [
            ["attribution", "sourced", "1", "USD 1,000", "USD 1,000", "100.0%"],
            ["attribution", "influenced", "0", "USD 0", "USD 0", "n/a"],
            ["attribution", "attributed", "1", "USD 1,000", "USD 1,000", "100.0%"],
            ["attribution", "unattributed", "1", "USD 500", "USD 0", "0.0%"],
            ["attribution", "all", "2", "USD 1,500", "USD 1,000", "50.0%"],
            ["activity_type", "referral", "1", "USD 1,000", "USD 1,000", "100.0%"],
            ["tier", "champion", "1", "USD 1,000", "USD 1,000", "100.0%"],
        ]

    def test_html_escapes_cells(self) -> None:
        champion = attrs.evolve(SMALL.by_tier[Tier.CHAMPION], label="A&B <i>")
        shown = attrs.evolve(SMALL, by_tier={Tier.CHAMPION: champion})
        assert "<td>A&amp;B &lt;i&gt;</td>" in shown._repr_html_()
        assert "<i>" not in shown._repr_html_()
