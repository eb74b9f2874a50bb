"""Attribution: each deal credited once, sourced or influenced, inside its window."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    AttributionKind,
    DealOutcome,
    Money,
    Opportunity,
    PipelineAttribution,
    RoiCosts,
    Tier,
    attribute_pipeline,
    program_roi,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from advocacy.synthetic import demo_program
from tests.checks import refused
from tests.impact.attribution import (
    ACTIVITIES,
    AS_OF,
    CASE,
    OPPORTUNITIES,
    REF,
    TIERS,
    WINDOWS,
    act,
    opp,
    usd,
    worlds,
)


class TestWorkedExample:
    def test_each_deal_is_credited_once(self) -> None:
        result = attribute_pipeline(OPPORTUNITIES, ACTIVITIES, as_of=AS_OF)
        credit = {d.id: d.attribution for d in result.deals}
        assert credit == {
            "o-referred": AttributionKind.SOURCED,
            "o-won": AttributionKind.INFLUENCED,
            "o-lost": AttributionKind.UNATTRIBUTED,
            "o-open": AttributionKind.INFLUENCED,
            "o-renewal": AttributionKind.INFLUENCED,
            "o-later": AttributionKind.UNATTRIBUTED,
        }
        assert result.after_as_of == 1
        won = {d.id: d for d in result.deals}["o-won"]
        assert won.activity_ids == ("a-call", "a-story")
        assert won.activity_types == (REF, CASE)
        lost = {d.id: d for d in result.deals}["o-lost"]
        assert (lost.activity_ids, lost.outside_window) == ((), ("a-late",))
        later = {d.id: d for d in result.deals}["o-later"]
        assert later.outcome is DealOutcome.OPEN

    def test_figures(self) -> None:
        result = attribute_pipeline(OPPORTUNITIES, ACTIVITIES, as_of=AS_OF)
        assert (result.sourced.pipeline, result.sourced.won_revenue) == (
            usd(200_000),
            usd(200_000),
        )
        assert result.influenced.opportunities == 3
        assert result.influenced.pipeline == usd(480_000)
        assert result.influenced.open_pipeline == usd(300_000)
        assert result.influenced.won_revenue == usd(180_000)
        assert result.influenced.win_rate == 1.0
        assert result.attributed.pipeline == usd(680_000)
        assert result.unattributed.pipeline == usd(120_000)
        assert result.total.pipeline == usd(800_000)
        assert (result.total.won, result.total.lost, result.total.open) == (3, 1, 2)
        assert result.total.win_rate == 0.75
        assert result.currency == "USD"

    def test_per_type_rows_count_a_deal_once_in_every_type(self) -> None:
        result = attribute_pipeline(OPPORTUNITIES, ACTIVITIES, as_of=AS_OF)
        assert list(result.by_type) == [REF, CASE, ActivityType.REFERRAL]
        calls, stories = result.by_type[REF], result.by_type[CASE]
        assert (calls.opportunities, calls.pipeline) == (2, usd(400_000))
        assert (stories.opportunities, stories.pipeline) == (2, usd(180_000))
        # o-won is in both rows, so the rows add up to more than the total.
        rows = sum(f.opportunities for f in result.by_type.values())
        assert rows == 5 > result.attributed.opportunities == 4

    def test_per_tier_rows(self) -> None:
        result = attribute_pipeline(OPPORTUNITIES, ACTIVITIES, as_of=AS_OF, tiers=TIERS)
        assert {t: f.opportunities for t, f in result.by_tier.items()} == {
            Tier.CHAMPION: 2,  # the referral and the renewal's case study
            Tier.ADVOCATE: 1,  # v-ben's call on o-won (his late call does not count)
            None: 2,  # v-cy (mapped to None) and v-dee (not in the mapping)
        }
        assert {t: f.label for t, f in result.by_tier.items()} == {
            Tier.CHAMPION: "champion",
            Tier.ADVOCATE: "advocate",
            None: "no tier",
        }
        assert [f.label for f in result.headline] == [
            "sourced",
            "influenced",
            "attributed",
            "unattributed",
            "all",
        ]
        won = {d.id: d for d in result.deals}["o-won"]
        assert won.tiers == (Tier.ADVOCATE, None)
        assert attribute_pipeline(OPPORTUNITIES, ACTIVITIES, as_of=AS_OF).by_tier == {}

    def test_returns_for_program_roi(self) -> None:
        result = attribute_pipeline(OPPORTUNITIES, ACTIVITIES, as_of=AS_OF)
        returns = result.returns()
        assert returns.influenced_closed == usd(300_000)  # o-referred + o-won
        assert returns.retained_revenue == usd(80_000)  # o-renewal
        assert returns.referral_pipeline == usd(200_000)
        assert returns.content_pipeline == usd(180_000)  # o-won + o-renewal
        assert returns.cost_savings is None
        calls_too = result.returns(content_types=[CASE, "reference_call"])
        assert calls_too.content_pipeline == usd(480_000)
        roi = program_roi(returns, RoiCosts(staff=usd(95_000)))
        assert roi.return_multiple == Decimal(4)

    def test_explain(self) -> None:
        result = attribute_pipeline(
            OPPORTUNITIES, ACTIVITIES, as_of=AS_OF, tiers=TIERS, window_days=90
        )
        lines = result.explain().splitlines()
        assert lines[0] == (
            "attribution as of 2026-09-30 (linked activities within 90 days before "
            "the close count)"
        )
        assert lines[1].split() == ["deals", "pipeline", "won", "revenue", "win"]
        assert lines[2].split() == [
            "sourced", "1", "USD", "200,000", "USD", "200,000", "100.0%",
        ]  # fmt: skip
        assert "  (1 created after 2026-09-30 left out)" in lines
        assert "by activity type (a deal counts once in every type):" in lines
        assert "by advocate tier (a deal counts once in every tier):" in lines
        plain = attribute_pipeline(OPPORTUNITIES[:2], ACTIVITIES, as_of=AS_OF)
        assert "every linked activity up to the close counts" in plain.explain()
        assert "left out" not in plain.explain()
        untouched = attribute_pipeline([opp("o-1")], as_of=AS_OF, tiers=TIERS)
        assert len(untouched.explain().splitlines()) == 7  # no per-type rows

    def test_outputs(self) -> None:
        result = attribute_pipeline(OPPORTUNITIES, ACTIVITIES, as_of=AS_OF, tiers=TIERS)
        records = result.to_records()
        assert [r["dimension"] for r in records].count("attribution") == 5
        assert len(records) == 5 + len(result.by_type) + len(result.by_tier)
        assert records[0]["pipeline"] == Decimal(200_000)
        assert records[0]["win_rate"] == 1.0
        json.dumps(records, default=str)
        assert repr(result) == (
            "PipelineAttribution(6 deals: 1 sourced (USD 200,000), 3 influenced "
            "(USD 480,000))"
        )
        assert result._repr_html_().count("<tr>") == len(records) + 1
        assert "n/a" in attribute_pipeline([opp("o-1")], as_of=AS_OF)._repr_html_()


class TestProperties:
    @given(worlds(), WINDOWS)
    def test_no_deal_is_counted_twice(
        self, world: tuple[list[Opportunity], list[Activity]], window: int | None
    ) -> None:
        opportunities, activities = world
        result = attribute_pipeline(
            opportunities, activities, as_of=AS_OF, window_days=window, currency="USD"
        )
        ids = [d.id for d in result.deals]
        assert len(ids) == len(set(ids)) == result.total.opportunities
        assert result.total.opportunities + result.after_as_of == len(opportunities)
        parts = (result.sourced, result.influenced, result.unattributed)
        assert sum(p.opportunities for p in parts) == result.total.opportunities
        assert sum(p.pipeline.amount for p in parts) == result.total.pipeline.amount
        assert (
            result.sourced.pipeline.amount + result.influenced.pipeline.amount
            <= result.total.pipeline.amount
        )
        for row in result.by_type.values():
            assert row.opportunities <= result.attributed.opportunities
            assert row.pipeline <= result.attributed.pipeline

    @given(worlds(), WINDOWS, st.randoms())
    def test_order_does_not_matter(
        self,
        world: tuple[list[Opportunity], list[Activity]],
        window: int | None,
        rng: random.Random,
    ) -> None:
        opportunities, activities = world
        one = attribute_pipeline(
            opportunities, activities, as_of=AS_OF, window_days=window, currency="USD"
        )
        rng.shuffle(opportunities)
        rng.shuffle(activities)
        other = attribute_pipeline(
            opportunities, activities, as_of=AS_OF, window_days=window, currency="USD"
        )
        assert one == other

    @given(worlds(), st.integers(0, 200), st.integers(0, 200))
    def test_a_wider_window_never_credits_less(
        self, world: tuple[list[Opportunity], list[Activity]], a: int, b: int
    ) -> None:
        narrow, wide = sorted((a, b))
        results = [
            attribute_pipeline(*world, as_of=AS_OF, window_days=w, currency="USD")
            for w in (narrow, wide, None)
        ]
        counts = [r.attributed.opportunities for r in results]
        assert counts == sorted(counts)

    @given(worlds())
    def test_counted_activities_are_inside_the_window(
        self, world: tuple[list[Opportunity], list[Activity]]
    ) -> None:
        opportunities, activities = world
        result = attribute_pipeline(
            opportunities, activities, as_of=AS_OF, window_days=30, currency="USD"
        )
        dated = {a.id: a.date for a in activities}
        ends = {
            o.id: o.closed if o.closed and o.closed <= AS_OF else AS_OF
            for o in opportunities
        }
        for deal in result.deals:
            for activity_id in deal.activity_ids:
                assert 0 <= (ends[deal.id] - dated[activity_id]).days <= 30


class TestDemo:
    def test_demo_program(self) -> None:
        program = demo_program(as_of=AS_OF)
        tiers = {a.id: a.tier for a in program.advocates}
        result = attribute_pipeline(
            program.opportunities, program.activities, as_of=AS_OF, tiers=tiers
        )
        assert isinstance(result, PipelineAttribution)
        assert result.total.opportunities == 277
        assert (result.sourced.opportunities, result.influenced.opportunities) == (
            15,
            42,
        )
        assert result.sourced.pipeline == Money(4_733_604, "USD")
        assert result.by_type[REF].opportunities == 35


class TestBadInput:
    def test_an_unknown_linked_activity_is_named(self) -> None:
        deal = opp("o-1", activity_ids=("a-missing",))
        with pytest.raises(UnknownKeyError, match=r"attribute_pipeline\.activities"):
            attribute_pipeline([deal], as_of=AS_OF)
        with pytest.raises(UnknownKeyError, match="a-missing") as caught:
            attribute_pipeline([deal], as_of=AS_OF)
        assert "o-1" in str(caught.value)

    def test_duplicate_ids(self) -> None:
        with pytest.raises(InvalidValueError, match=r"\.opportunities: got 'o-1'"):
            attribute_pipeline([opp("o-1"), opp("o-1")], as_of=AS_OF)
        twice = [act("a-1", REF, "2026-01-01")] * 2
        with pytest.raises(InvalidValueError, match=r"\.activities: got 'a-1'"):
            attribute_pipeline([opp("o-1")], twice, as_of=AS_OF)

    def test_wrong_kinds_are_named_by_index(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"opportunities\[1\]"):
            attribute_pipeline([opp("o-1"), "o-2"], as_of=AS_OF)  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match=r"activities\[0\]"):
            attribute_pipeline([], [None], as_of=AS_OF, currency="USD")  # type: ignore[list-item]

    @pytest.mark.parametrize("window", [-1, 1.5, True])
    def test_bad_windows(self, window: object) -> None:
        with pytest.raises((InvalidValueError, InvalidTypeError), match="window_days"):
            attribute_pipeline([opp("o-1")], as_of=AS_OF, window_days=window)  # type: ignore[arg-type]

    def test_mixed_currencies(self) -> None:
        deals = [opp("o-1"), opp("o-2", currency="EUR")]
        with pytest.raises(CurrencyMismatchError, match="attribute_pipeline"):
            attribute_pipeline(deals, as_of=AS_OF)
        with pytest.raises(CurrencyMismatchError) as caught:
            attribute_pipeline([opp("o-1")], as_of=AS_OF, currency="eur")
        assert caught.value.currencies == ("EUR", "USD")

    def test_no_deals_needs_a_currency(self) -> None:
        with pytest.raises(InvalidValueError, match=r"attribute_pipeline\.currency"):
            attribute_pipeline([], as_of=AS_OF)
        empty = attribute_pipeline([], as_of=AS_OF, currency="GBP")
        assert empty.total.pipeline == Money(0, "GBP")
        assert empty.total.win_rate is None

    def test_bad_tiers(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"tiers\['v-ana'\]"):
            attribute_pipeline([opp("o-1")], as_of=AS_OF, tiers={"v-ana": "gold"})
        with pytest.raises(InvalidTypeError, match=r"attribute_pipeline\.tiers"):
            attribute_pipeline([opp("o-1")], as_of=AS_OF, tiers=["v-ana"])  # type: ignore[arg-type]

    def test_bad_tiers_name_what_is_accepted(self) -> None:
        error = refused(
            InvalidTypeError,
            r"attribute_pipeline\.tiers\['v-ana'\]",
            lambda: attribute_pipeline(
                [opp("o-1")], as_of=AS_OF, tiers={"v-ana": "gold"}
            ),
            value="gold",
        )
        assert error.expected == "a Tier, its value or None"
        error = refused(
            InvalidTypeError,
            r"attribute_pipeline\.tiers",
            lambda: attribute_pipeline([opp("o-1")], as_of=AS_OF, tiers=["v-ana"]),  # type: ignore[arg-type]
            value=["v-ana"],
        )
        assert error.expected == "a mapping of advocate id to Tier"

    def test_bad_as_of(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"attribute_pipeline\.as_of"):
            attribute_pipeline([opp("o-1")], as_of=pendulum.datetime(2026, 9, 30))

    def test_bad_content_types(self) -> None:
        result = attribute_pipeline([opp("o-1")], as_of=AS_OF)
        with pytest.raises(InvalidTypeError, match=r"returns\.content_types"):
            result.returns(content_types=["brochure"])
