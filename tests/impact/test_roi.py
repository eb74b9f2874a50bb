"""Program ROI: exact ratios of exact money, pipeline kept out of the multiple."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Money,
    ProgramRoi,
    RoiComponent,
    RoiCosts,
    RoiReturns,
    RoiRole,
    RoiRow,
    program_roi,
)
from advocacy._internal.text import decimal_text
from advocacy._model.money import money_text
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from tests.checks import refused
from tests.impact.roi_values import AMOUNT, inputs, usd

# SPEC §6: $2.4M referral pipeline, $1.2M influenced closed, $800K case-study
# pipeline, $250K of costs (staff, events, recognition).
SPEC_RETURNS = RoiReturns(
    influenced_closed=usd("1200000"),
    referral_pipeline=usd("2400000"),
    content_pipeline=usd("800000"),
)
SPEC_COSTS = RoiCosts(
    staff=usd("160000"), events=usd("60000"), recognition=usd("30000")
)


class TestWorkedExample:
    def test_spec_multiple_and_net_return_are_exact(self) -> None:
        roi = program_roi(SPEC_RETURNS, SPEC_COSTS)
        assert roi.return_multiple == Decimal("4.8")
        assert str(roi.return_multiple) == "4.8"
        assert roi.net_return == Decimal("3.8")
        assert str(roi.net_return) == "3.8"
        assert roi.attributed == usd("1200000")
        assert roi.pipeline == usd("3200000")
        assert roi.cost == usd("250000")
        assert roi.projection is None

    def test_projection_weights_pipeline_by_the_win_rate(self) -> None:
        roi = program_roi(SPEC_RETURNS, SPEC_COSTS, expected_win_rate="0.25")
        assert roi.expected_win_rate == Decimal("0.25")
        assert roi.projection == Decimal("3.2")
        # A float is read through its shortest repr: 0.25 exactly.
        same = program_roi(SPEC_RETURNS, SPEC_COSTS, expected_win_rate=0.25)
        assert same == roi

    def test_explain(self) -> None:
        roi = program_roi(SPEC_RETURNS, SPEC_COSTS, expected_win_rate=0.25)
        assert roi.explain() == "\n".join(
            [
                "return multiple 4.8x = attributed USD 1,200,000 / cost USD 250,000",
                (
                    "net return 3.8 = (attributed USD 1,200,000 - cost USD 250,000)"
                    " / cost USD 250,000"
                ),
                (
                    "projection 3.2x = pipeline USD 3,200,000 x win rate 0.25 / "
                    "cost USD 250,000"
                ),
                "returns (closed, in the multiple):",
                "  influenced closed-won revenue   USD 1,200,000",
                "  retained revenue (renewals)     not given",
                "  cost savings                    not given",
                "pipeline (projection only, not revenue):",
                "  referral (sourced) pipeline     USD 2,400,000",
                "  content (case study) pipeline   USD 800,000",
                "costs:",
                "  staff                           USD 160,000",
                "  events                          USD 60,000",
                "  recognition                     USD 30,000",
                "  tools                           not given",
            ]
        )
        assert "projection: n/a (no expected win rate given)" in (
            program_roi(SPEC_RETURNS, SPEC_COSTS).explain()
        )

    def test_outputs(self) -> None:
        roi = program_roi(SPEC_RETURNS, SPEC_COSTS, expected_win_rate="0.25")
        assert repr(roi) == (
            "ProgramRoi(4.8x, net 3.8, projection 3.2x, cost USD 250,000)"
        )
        assert repr(program_roi(SPEC_RETURNS, SPEC_COSTS)).startswith(
            "ProgramRoi(4.8x, net 3.8, no projection"
        )
        records = roi.to_records()
        assert [r["component"] for r in records] == [c.value for c in RoiComponent]
        assert records[0] == {
            "component": "influenced_closed",
            "role": "return",
            "amount": Decimal("1200000"),
            "currency": "USD",
        }
        assert records[-1]["amount"] is None
        json.dumps(records, default=str)
        assert roi._repr_html_().count("<tr>") == 10
        assert roi[RoiComponent.STAFF] == usd("160000")
        assert roi["tools"] is None
        with pytest.raises(UnknownKeyError, match=r"ProgramRoi\.component"):
            roi["travel"]

    def test_savings_and_retained_revenue_are_returns(self) -> None:
        returns = attrs.evolve(
            SPEC_RETURNS, cost_savings=usd("500000"), retained_revenue=usd("300000")
        )
        roi = program_roi(returns, SPEC_COSTS)
        assert roi.attributed == usd("2000000")
        assert roi.return_multiple == Decimal(8)
        assert roi.net_return == Decimal(7)

    def test_a_program_that_loses_money_has_a_negative_net_return(self) -> None:
        roi = program_roi(
            RoiReturns(influenced_closed=usd("100000")), RoiCosts(staff=usd("250000"))
        )
        assert roi.return_multiple == Decimal("0.4")
        assert roi.net_return == Decimal("-0.6")


def close(value: Decimal, exact: Fraction) -> bool:
    """Equal up to Decimal's 28 significant digits."""
    return abs(Fraction(value) - exact) <= abs(exact) * Fraction(1, 10**26) + Fraction(
        1, 10**26
    )


class TestProperties:
    @given(inputs())
    def test_components_add_up_to_the_totals(
        self, pair: tuple[RoiReturns, RoiCosts]
    ) -> None:
        roi = program_roi(*pair)
        for role, total in (
            (RoiRole.RETURN, roi.attributed),
            (RoiRole.PIPELINE, roi.pipeline),
            (RoiRole.COST, roi.cost),
        ):
            given_ = [r.amount.amount for r in roi.rows if r.role is role and r.amount]
            assert total.amount == sum(given_, Decimal(0))
        assert len(roi.rows) == len(RoiComponent)

    @given(inputs(), st.decimals(min_value=0, max_value=1, places=3))
    def test_ratios_are_the_formulas(
        self, pair: tuple[RoiReturns, RoiCosts], rate: Decimal
    ) -> None:
        roi = program_roi(*pair, expected_win_rate=rate)
        a, p, c = (Fraction(m.amount) for m in (roi.attributed, roi.pipeline, roi.cost))
        assert close(roi.return_multiple, a / c)
        assert close(roi.net_return, (a - c) / c)
        assert roi.projection is not None
        assert close(roi.projection, p * Fraction(rate) / c)

    @given(inputs(), st.integers(2, 1000))
    def test_the_multiple_scales_inversely_with_cost(
        self, pair: tuple[RoiReturns, RoiCosts], factor: int
    ) -> None:
        returns, costs = pair
        scaled = RoiCosts(
            *(
                None if m is None else m.multiply(factor)
                for m in attrs.astuple(costs, recurse=False)
            )
        )
        one, more = program_roi(returns, costs), program_roi(returns, scaled)
        assert close(more.return_multiple, Fraction(one.return_multiple) / factor)

    @given(inputs(), AMOUNT, AMOUNT)
    def test_pipeline_is_not_revenue(
        self, pair: tuple[RoiReturns, RoiCosts], referral: Money, content: Money
    ) -> None:
        returns, costs = pair
        more = attrs.evolve(
            returns, referral_pipeline=referral, content_pipeline=content
        )
        one, other = program_roi(returns, costs), program_roi(more, costs)
        assert one.return_multiple == other.return_multiple
        assert one.net_return == other.net_return


class TestBadInput:
    def test_zero_cost_is_an_error_not_infinity(self) -> None:
        with pytest.raises(InvalidValueError, match=r"program_roi\.costs") as caught:
            program_roi(SPEC_RETURNS, RoiCosts(staff=usd(0)))
        assert caught.value.field == "costs"
        assert "above zero" in str(caught.value)

    def test_no_costs_at_all_is_an_error(self) -> None:
        with pytest.raises(InvalidValueError, match=r"program_roi\.costs"):
            program_roi(RoiReturns(), RoiCosts())

    def test_float_money_is_refused_with_a_hint(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"RoiCosts\.staff") as caught:
            RoiCosts(staff=250000.0)  # type: ignore[arg-type]
        assert caught.value.field == "staff"
        assert "floats cannot hold amounts exactly" in str(caught.value)
        assert "Money('250000.0', 'USD')" in str(caught.value)

    def test_a_bare_number_asks_for_the_currency(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"RoiReturns\.cost_savings") as e:
            RoiReturns(cost_savings=500000)  # type: ignore[arg-type]
        assert "give the currency too" in str(e.value)

    def test_a_wrong_kind_gets_no_hint(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"RoiCosts\.tools") as caught:
            RoiCosts(tools=[1])  # type: ignore[arg-type]
        assert caught.value.hint is None

    def test_negative_costs_are_refused(self) -> None:
        with pytest.raises(InvalidValueError, match=r"RoiCosts\.events") as caught:
            RoiCosts(events=usd(-1))
        assert caught.value.field == "events"
        assert "zero or more" in str(caught.value)

    def test_mixed_currencies_within_a_value(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="RoiReturns") as caught:
            RoiReturns(influenced_closed=usd(1), referral_pipeline=Money(1, "EUR"))
        assert caught.value.currencies == ("USD", "EUR")

    def test_mixed_currencies_between_returns_and_costs(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="program_roi"):
            program_roi(SPEC_RETURNS, RoiCosts(staff=Money(250000, "EUR")))

    @pytest.mark.parametrize(
        ("rate", "error", "hint"),
        [
            (25, InvalidValueError, "did you mean 0.25?"),
            ("-0.1", InvalidValueError, None),
            ("NaN", InvalidValueError, None),
            ("lots", InvalidTypeError, None),
            (True, InvalidTypeError, None),
        ],
    )
    def test_bad_win_rates(
        self, rate: object, error: type[Exception], hint: str | None
    ) -> None:
        with pytest.raises(error, match=r"program_roi\.expected_win_rate") as caught:
            program_roi(SPEC_RETURNS, SPEC_COSTS, expected_win_rate=rate)  # type: ignore[arg-type]
        if hint:
            assert hint in str(caught.value)

    def test_zero_cost_names_the_costs_what_is_accepted_and_why(self) -> None:
        free = RoiCosts(staff=usd(0), tools=usd(0))
        error = refused(
            InvalidValueError,
            r"program_roi\.costs",
            lambda: program_roi(SPEC_RETURNS, free),
            value=free,
            expected="a total cost above zero (staff + events + recognition + tools)",
            hint="every ratio divides by cost; a free program has no finite multiple",
        )
        # The whole words, not just a part: they are what the user reads.
        assert error.expected == (
            "a total cost above zero (staff + events + recognition + tools)"
        )
        assert error.hint == (
            "every ratio divides by cost; a free program has no finite multiple"
        )

    def test_one_cent_of_cost_is_enough(self) -> None:
        roi = program_roi(RoiReturns(), RoiCosts(events=usd("0.01")))
        assert roi.cost == usd("0.01")
        assert roi.return_multiple == 0
        assert roi.net_return == -1

    def test_inputs_of_the_wrong_kind(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"program_roi\.returns"):
            program_roi(SPEC_COSTS, SPEC_COSTS)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"program_roi\.costs"):
            program_roi(SPEC_RETURNS, SPEC_RETURNS)  # type: ignore[arg-type]


class TestReportText:
    def test_without_a_win_rate_the_projection_line_says_so(self) -> None:
        lines = program_roi(SPEC_RETURNS, SPEC_COSTS).explain().splitlines()
        assert lines[2] == "projection: n/a (no expected win rate given)"
        assert lines[3] == "returns (closed, in the multiple):"

    def test_the_win_rate_is_shown_to_four_places(self) -> None:
        # 3,200,000 x 0.12346 / 250,000 = 1.580288, shown as 1.58; the rate
        # 0.12346 rounds to 0.1235 at four places (0.12 at two, itself at five).
        roi = program_roi(SPEC_RETURNS, SPEC_COSTS, expected_win_rate="0.12346")
        assert roi.explain().splitlines()[2] == (
            "projection 1.58x = pipeline USD 3,200,000 x win rate 0.1235"
            " / cost USD 250,000"
        )

    def test_html_is_a_table_of_every_component_under_the_repr(self) -> None:
        cells = [
            ("influenced closed-won revenue", "return", "USD 1,200,000"),
            ("retained revenue (renewals)", "return", "not given"),
            ("cost savings", "return", "not given"),
            ("referral (sourced) pipeline", "pipeline", "USD 2,400,000"),
            ("content (case study) pipeline", "pipeline", "USD 800,000"),
            ("staff", "cost", "USD 160,000"),
            ("events", "cost", "USD 60,000"),
            ("recognition", "cost", "USD 30,000"),
            ("tools", "cost", "not given"),
        ]
        rows = "".join(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
            for row in cells
        )
        assert SPEC_ROI._repr_html_() == (
            "<table><caption>"
            "ProgramRoi(4.8x, net 3.8, projection 3.2x, cost USD 250,000)"
            "</caption><tr><th>component</th><th>role</th><th>amount</th></tr>"
            f"{rows}</table>"
        )


class TestLookup:
    def test_an_unknown_component_is_refused(self) -> None:
        error = refused(
            UnknownKeyError,
            r"ProgramRoi\.component",
            lambda: SPEC_ROI["travel"],
            value="travel",
            expected="a RoiComponent or its value",
        )
        assert error.expected == "a RoiComponent or its value"


class TestFormatting:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (Decimal("4.8"), "4.8"),
            (Decimal("3.20"), "3.2"),
            (Decimal("10"), "10"),
            (Decimal("1E+1"), "10"),
            (Decimal(1) / 3, "0.33"),
            (Fraction(2, 3), "0.67"),
            (Decimal("-0.001"), "0"),
            (Decimal("-0.6"), "-0.6"),
            (
                Decimal("123456789012345678901234567890"),
                "123456789012345678901234567890",
            ),
        ],
    )
    def test_decimal_text(self, value: Decimal | Fraction, text: str) -> None:
        assert decimal_text(value) == text

    def test_decimal_text_to_whole_numbers(self) -> None:
        assert decimal_text(Decimal("4.6"), 0) == "5"
        assert decimal_text(Decimal("0.25"), 4) == "0.25"

    def test_money_text_rounds_for_reports(self) -> None:
        assert money_text(Money("83333.3333", "USD")) == "USD 83,333"
        assert money_text(Money("39.705882", "USD"), 2) == "USD 39.71"
        assert money_text(Money("1E+6", "USD")) == "USD 1,000,000"

    def test_the_report_types(self) -> None:
        roi = program_roi(SPEC_RETURNS, SPEC_COSTS)
        assert isinstance(roi, ProgramRoi)
        assert all(isinstance(r.amount, Money | None) for r in roi.rows)
        assert RoiComponent.TOOLS.role is RoiRole.COST
        assert RoiComponent.CONTENT_PIPELINE.label == "content (case study) pipeline"


SPEC_ROI = program_roi(SPEC_RETURNS, SPEC_COSTS, expected_win_rate="0.25")


class TestResultValidation:
    @given(inputs(), st.none() | st.decimals(min_value=0, max_value=1, places=3))
    def test_the_rules_results_pass_unchanged(
        self, pair: tuple[RoiReturns, RoiCosts], rate: Decimal | None
    ) -> None:
        roi = program_roi(*pair, expected_win_rate=rate)
        assert attrs.evolve(roi) == roi
        assert all(attrs.evolve(row) == row for row in roi.rows)

    def test_a_row_amount_is_zero_or_more(self) -> None:
        refused(
            InvalidValueError,
            r"RoiRow\.amount",
            lambda: RoiRow(RoiComponent.STAFF, usd(-1)),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"attributed": usd(-1)}, "attributed"),
            ({"cost": usd(0)}, "cost"),
            ({"expected_win_rate": Decimal("1.5")}, "expected_win_rate"),
            ({"rows": SPEC_ROI.rows[::-1]}, "rows"),
            ({"rows": SPEC_ROI.rows[:-1]}, "rows"),
            # Totals are the sums of their rows.
            ({"attributed": usd(1_300_000)}, "attributed"),
            ({"pipeline": usd(3_100_000)}, "pipeline"),
            ({"cost": usd(240_000)}, "cost"),
            # Ratios are their formulas: 4.8x, 3.8 and 3.2x.
            ({"return_multiple": Decimal("4.9")}, "return_multiple"),
            ({"net_return": Decimal("4.8")}, "net_return"),
            ({"projection": Decimal("3.3")}, "projection"),
            ({"projection": None}, "projection"),
            ({"expected_win_rate": None}, "projection"),
        ],
    )
    def test_figures_that_do_not_follow_from_the_rows(
        self, changes: dict[str, Any], field: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"ProgramRoi\.{field}",
            lambda: attrs.evolve(SPEC_ROI, **changes),
        )

    def test_a_zero_cost_is_refused_as_not_above_zero(self) -> None:
        error = refused(
            InvalidValueError,
            r"ProgramRoi\.cost",
            lambda: attrs.evolve(SPEC_ROI, cost=usd(0)),
            value=usd(0),
            expected="a Money above zero",
        )
        assert error.expected == "a Money above zero"

    def test_a_cost_that_is_not_money_is_of_the_wrong_type(self) -> None:
        refused(
            InvalidTypeError,
            r"ProgramRoi\.cost",
            lambda: attrs.evolve(SPEC_ROI, cost=250_000),  # type: ignore[arg-type]
            value=250_000,
            expected="a Money above zero",
        )

    def test_rows_out_of_order_name_the_order(self) -> None:
        refused(
            InvalidValueError,
            r"ProgramRoi\.rows",
            lambda: attrs.evolve(SPEC_ROI, rows=SPEC_ROI.rows[::-1]),
            value=[c.value for c in reversed(RoiComponent)],
            expected=(
                "one row per component, in order: influenced_closed, "
                "retained_revenue, cost_savings, referral_pipeline, "
                "content_pipeline, staff, events, recognition, tools"
            ),
        )

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            (
                "attributed",
                usd(1_300_000),
                "the sum of the return rows (USD 1,200,000)",
            ),
            (
                "pipeline",
                usd(3_100_000),
                "the sum of the pipeline rows (USD 3,200,000)",
            ),
            ("cost", usd(240_000), "the sum of the cost rows (USD 250,000)"),
        ],
    )
    def test_a_total_off_its_rows_names_the_sum(
        self, field: str, value: Money, expected: str
    ) -> None:
        changes: dict[str, Any] = {field: value}
        refused(
            InvalidValueError,
            rf"ProgramRoi\.{field}",
            lambda: attrs.evolve(SPEC_ROI, **changes),
            value=value,
            expected=expected,
        )

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("return_multiple", Decimal("4.9"), "attributed / cost (4.8)"),
            ("net_return", Decimal("4.8"), "(attributed - cost) / cost (3.8)"),
            (
                "projection",
                Decimal("3.3"),
                "pipeline x expected_win_rate / cost, or None without a rate (3.20)",
            ),
        ],
    )
    def test_a_ratio_off_its_formula_names_the_formula_and_its_value(
        self, field: str, value: Decimal, expected: str
    ) -> None:
        changes: dict[str, Any] = {field: value}
        refused(
            InvalidValueError,
            rf"ProgramRoi\.{field}",
            lambda: attrs.evolve(SPEC_ROI, **changes),
            value=value,
            expected=expected,
        )

    def test_a_currency_of_no_amount_names_both(self) -> None:
        error = refused(
            CurrencyMismatchError,
            "ProgramRoi",
            lambda: attrs.evolve(SPEC_ROI, currency="EUR"),
        )
        assert error.currencies == ("EUR", "USD")

    def test_the_currency_is_every_amounts(self) -> None:
        refused(
            CurrencyMismatchError,
            "ProgramRoi",
            lambda: attrs.evolve(SPEC_ROI, currency="EUR"),
        )
        euros = RoiRow(RoiComponent.TOOLS, Money(1, "EUR"))
        refused(
            CurrencyMismatchError,
            "ProgramRoi",
            lambda: attrs.evolve(SPEC_ROI, rows=(*SPEC_ROI.rows[:-1], euros)),
        )
