"""Demand plans and segments: their dimensions and what a plan refuses."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from advocacy import (
    ActivityType,
    DemandPlan,
    MarketingAsk,
    MatchPolicy,
    Money,
    PlanLine,
    Policies,
    Segment,
    SegmentDimension,
    SizeBand,
)
from advocacy._gaps.plan import DEFAULT_DIMENSIONS, segment_dimensions
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.gaps.gaps import (
    APPROVED,
    HOME,
    MIXED,
    Q4,
    _no_calls,
    plan,
    report,
    usd,
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


class TestSegmentParts:
    def test_dimensions_in_their_own_order(self) -> None:
        assert segment_dimensions("x", ["size", SegmentDimension.PRODUCT]) == (
            SegmentDimension.PRODUCT,
            SegmentDimension.SIZE,
        )
        assert DEFAULT_DIMENSIONS == (
            SegmentDimension.PRODUCT,
            SegmentDimension.INDUSTRY,
            SegmentDimension.REGION,
        )

    def test_an_unknown_dimension(self) -> None:
        error = refused(
            InvalidValueError,
            "owner.dimensions",
            lambda: segment_dimensions("owner", ["region", "colour"]),
            value="colour",
        )
        assert error.expected == (
            "dimensions among ['product', 'industry', 'region', 'size']"
        )

    @pytest.mark.parametrize("given", [[], ["size", "size"]])
    def test_no_or_repeated_dimensions(self, given: list[str]) -> None:
        error = refused(
            InvalidValueError,
            "owner.dimensions",
            lambda: segment_dimensions("owner", given),
            value=given,
        )
        assert error.expected == "one or more distinct dimensions"

    def test_values_named_and_contained(self) -> None:
        segment = Segment(product="Platform", size="enterprise")
        assert segment.size is SizeBand.ENTERPRISE
        assert Segment().size is None
        assert segment.named == (SegmentDimension.PRODUCT, SegmentDimension.SIZE)
        assert segment.value(SegmentDimension.SIZE) is SizeBand.ENTERPRISE
        assert segment.value(SegmentDimension.REGION) is None
        row = Segment("Platform", "Retail", "EMEA", SizeBand.ENTERPRISE)
        assert segment.contains(row)
        assert not segment.contains(attrs.evolve(row, size=SizeBand.SMB))
        assert not segment.contains(Segment(size="enterprise"))
        assert Segment().contains(row)
        assert Segment().named == ()

    def test_names(self) -> None:
        assert str(Segment()) == "all customers"
        assert str(HOME) == "Platform / Retail / EMEA"
        assert str(Segment(region="EMEA", size="smb")) == "EMEA / smb"

    def test_bad_segments(self) -> None:
        refused(
            InvalidTypeError,
            "Segment.size",
            lambda: Segment(size="huge"),
            value="huge",
            expected="a SizeBand",
        )
        refused(InvalidValueError, "Segment.product", lambda: Segment(product=""))
        refused(InvalidTypeError, "Segment.industry", lambda: Segment(industry=1))  # type: ignore[arg-type]
        refused(InvalidTypeError, "Segment.region", lambda: Segment(region=1))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("one", "other", "overlap"),
        [
            (Segment(product="P"), Segment(product="Q"), False),
            (Segment(product="P"), Segment(industry="R"), True),
            (Segment(product="P"), Segment(), True),
            (Segment(), Segment(region="E"), True),
            (Segment("P", "R"), Segment("P", "B"), False),
            (Segment("P", "R"), Segment("P", "R", "E"), True),
        ],
    )
    def test_which_lines_overlap(
        self, one: Segment, other: Segment, overlap: bool
    ) -> None:
        lines = [PlanLine(one, usd(1), usd(1)), PlanLine(other, usd(1), usd(1))]
        if not overlap:
            assert plan(lines=lines).lines == tuple(lines)
            return
        error = refused(
            InvalidValueError,
            "DemandPlan.lines",
            lambda: plan(lines=lines),
            value=f"{one} and {other}",
        )
        assert error.expected == "lines for segments that do not overlap"
        assert error.hint == "a customer in both would be counted twice"

    def test_lines_apart_may_overlap_too(self) -> None:
        lines = [
            PlanLine(Segment(product="P"), usd(1), usd(1)),
            PlanLine(Segment(product="Q"), usd(1), usd(1)),
            PlanLine(Segment(industry="R"), usd(1), usd(1)),
        ]
        refused(
            InvalidValueError,
            "DemandPlan.lines",
            lambda: plan(lines=lines),
            value="P and R",
        )


class TestPlanParts:
    def test_plan_line_fields(self) -> None:
        error = refused(
            InvalidTypeError,
            "PlanLine.segment",
            lambda: PlanLine("Platform", usd(1), usd(1)),  # type: ignore[arg-type]
            value="Platform",
        )
        assert error.expected == "a Segment"
        refused(
            InvalidTypeError,
            "PlanLine.deal_size",
            lambda: PlanLine(HOME, usd(1), 1),  # type: ignore[arg-type]
        )
        refused(
            InvalidValueError,
            "PlanLine.deal_size",
            lambda: PlanLine(HOME, usd(1), usd(0)),
            value=usd(0),
            expected="an amount above 0",
        )
        # Any amount above 0 will do, a cent included; a goal may be 0.
        line = PlanLine(HOME, usd(0), Money("0.01", "USD"))
        assert (line.goal, line.deal_size) == (usd(0), Money("0.01", "USD"))

    def test_plan_line_currencies(self) -> None:
        with pytest.raises(CurrencyMismatchError, match=r"^PlanLine: ") as caught:
            PlanLine(HOME, usd(1), Money(1, "EUR"))
        assert caught.value.currencies == ("USD", "EUR")

    def test_marketing_ask_fields(self) -> None:
        ask = MarketingAsk(HOME, 0, "2026-10-01")
        assert (ask.count, ask.on, ask.description) == (0, Q4[0], "")
        refused(
            InvalidValueError,
            "MarketingAsk.count",
            lambda: MarketingAsk(HOME, -1, Q4[0]),
            value=-1,
            expected="at least 0",
        )
        refused(
            InvalidTypeError,
            "MarketingAsk.segment",
            lambda: MarketingAsk("Platform", 1, Q4[0]),  # type: ignore[arg-type]
            expected="a Segment",
        )
        refused(
            InvalidTypeError,
            "MarketingAsk.description",
            lambda: MarketingAsk(HOME, 1, Q4[0], 5),  # type: ignore[arg-type]
        )

    def test_plan_defaults_and_conversions(self) -> None:
        line = PlanLine(HOME, usd(1), usd(1))
        made = DemandPlan("2026-10-01", "2026-12-31", [line])
        assert (made.start, made.end, made.lines) == (Q4[0], Q4[1], (line,))
        assert made.references_per_opportunity == 1.0
        assert made.win_rate is None
        assert made.marketing == ()
        assert made.activity is ActivityType.REFERENCE_CALL
        ask = MarketingAsk(HOME, 1, Q4[0])
        again = plan(
            marketing=[ask], activity="case_study", references_per_opportunity=0
        )
        assert again.marketing == (ask,)
        assert again.activity is ActivityType.CASE_STUDY
        assert plan(win_rate=1).win_rate == 1

    @pytest.mark.parametrize(
        ("field", "value", "words"),
        [
            ("lines", 5, "a tuple of PlanLine"),
            ("lines", [HOME], "a tuple of PlanLine"),
            ("marketing", 5, "a tuple of MarketingAsk"),
            ("marketing", ["x"], "a tuple of MarketingAsk"),
        ],
    )
    def test_lines_and_asks_of_their_kind(
        self, field: str, value: object, words: str
    ) -> None:
        error = refused(
            InvalidTypeError,
            f"DemandPlan.{field}",
            lambda: plan(**{field: value}),
        )
        assert error.expected == words

    def test_bad_numbers(self) -> None:
        refused(
            InvalidValueError,
            "DemandPlan.references_per_opportunity",
            lambda: plan(references_per_opportunity=-0.5),
            value=-0.5,
            expected="at least 0",
        )
        refused(
            InvalidValueError,
            "DemandPlan.win_rate",
            lambda: plan(win_rate=0),
            value=0,
            expected="above 0",
        )

    def test_currencies_of_the_lines(self) -> None:
        lines = [
            PlanLine(Segment(product="P"), usd(1), usd(1)),
            PlanLine(Segment(product="Q"), Money(1, "EUR"), Money(1, "EUR")),
            PlanLine(Segment(product="R"), usd(2), usd(1)),
        ]
        with pytest.raises(
            CurrencyMismatchError, match=r"^DemandPlan\.lines: "
        ) as caught:
            plan(lines=lines)
        assert caught.value.currencies == ("EUR", "USD")

    def test_asks_on_the_first_and_last_day(self) -> None:
        asks = [MarketingAsk(HOME, 1, Q4[0]), MarketingAsk(HOME, 1, Q4[1])]
        assert plan(marketing=asks).marketing == tuple(asks)

    @pytest.mark.parametrize(
        ("ask", "shown"),
        [
            (MarketingAsk(HOME, 1, pendulum.date(2026, 9, 30)), "an ask on 2026-09-30"),
            (
                MarketingAsk(HOME, 1, pendulum.date(2027, 1, 1), "Dinner"),
                "Dinner on 2027-01-01",
            ),
        ],
    )
    def test_asks_outside_the_period(self, ask: MarketingAsk, shown: str) -> None:
        error = refused(
            InvalidValueError,
            "DemandPlan.marketing",
            lambda: plan(marketing=[MarketingAsk(HOME, 1, Q4[0]), ask]),
            value=shown,
        )
        assert error.expected == "asks dated within the period 2026-10-01 to 2026-12-31"


class TestMoreSegmentParts:
    def test_dimensions_must_be_a_collection(self) -> None:
        refused(
            InvalidTypeError,
            "owner.dimensions",
            lambda: segment_dimensions("owner", 5),  # type: ignore[arg-type]
            value=5,
        )

    def test_segments_sort_by_their_values(self) -> None:
        first, second = Segment(product="A"), Segment(product="B")
        assert sorted([second, first]) == [first, second]
        assert first < second
