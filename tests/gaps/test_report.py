"""Gap rows and reports: their outputs, and the values they refuse."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import attrs
import pytest

from advocacy import (
    DemandPlan,
    GapReport,
    GapRow,
    Money,
    PlanLine,
    Segment,
    SegmentDimension,
    Signals,
    from_dict,
    to_dict,
)
from advocacy._gaps.plan import DEFAULT_DIMENSIONS
from advocacy._gaps.report import cents, exact, key_order
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.gaps.gaps import (
    APPROVED,
    AS_OF,
    HOME,
    KEEN,
    MIXED,
    candidate,
    plan,
    report,
    usd,
)


class TestOutputs:
    def test_records_html_text(self) -> None:
        result = report()
        (record,) = result.to_records()
        assert record["product"] == "Platform"
        assert record["goal"] == "6000000.00"
        assert (record["requests"], record["gap"], record["recruits"]) == (312, 192, 64)
        json.dumps(record)
        assert (
            repr(result) == "GapReport(1 segments: 312 requests, gap 192, 64 recruits)"
        )
        assert result._repr_html_().count("<tr>") == 2
        assert result.explain().startswith(
            "312 requests expected against capacity 120.0: gap 192, 64 recruits"
        )

    def test_explain_lists_only_rows_with_work_to_do(self) -> None:
        covered = report(
            accounts=MIXED, advocates=[], signals={}, plan=plan(lines=[], marketing=())
        )
        expected = (
            "0 requests expected against capacity 0.0: gap 0, 0 recruits needed "
            f"across {len(covered.rows)} segments"
        )
        assert covered.explain().splitlines() == [expected]

    def test_plan_round_trips(self) -> None:
        assert from_dict(DemandPlan, json.loads(json.dumps(to_dict(plan())))) == plan()


class TestResultValidation:
    def test_the_rules_results_pass_unchanged(self) -> None:
        for result in (
            report(),
            report(accounts=MIXED, advocates=APPROVED[:4], signals={}),
            report(accounts=MIXED, advocates=APPROVED[:1], signals={}),
        ):
            for made in (result, result.roll_up("industry"), result.roll_up()):
                assert attrs.evolve(made) == made
                for row in (*made.rows, made.totals):
                    assert attrs.evolve(row) == row
                    for found in row.candidates:
                        assert attrs.evolve(found) == found

    @pytest.mark.parametrize("field", ["advocate_id", "account_id"])
    def test_a_candidate_names_its_advocate_and_account(self, field: str) -> None:
        found = candidate(1, KEEN)
        changes: dict[str, Any] = {field: " "}
        refused(
            InvalidValueError,
            rf"RecruitCandidate\.{field}",
            lambda: attrs.evolve(found, **changes),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"customers": -1}, "customers"),
            ({"recruits": -1}, "recruits"),
            ({"goal": usd(-1)}, "goal"),
            ({"capacity": Fraction(-1, 3)}, "capacity"),
            # The gap is requests - capacity rounded up: 312 - 120 = 192.
            ({"gap": 191}, "gap"),
            ({"gap": 313, "capacity": Fraction(0), "approved": 0}, "gap"),
            ({"customers": 0}, "approved"),
            ({"approved": 0}, "capacity"),
            ({"marketing": 313}, "requests"),
            ({"recruits": 0}, "recruits"),
            ({"recruits": 193}, "recruits"),
        ],
    )
    def test_a_row_with_inconsistent_figures(
        self, changes: dict[str, Any], field: str
    ) -> None:
        (row,) = report().rows
        refused(
            InvalidValueError, rf"GapRow\.{field}", lambda: attrs.evolve(row, **changes)
        )

    def test_a_capacity_is_a_fraction(self) -> None:
        (row,) = report().rows
        refused(
            InvalidTypeError,
            r"GapRow\.capacity",
            lambda: attrs.evolve(row, capacity=1.5),  # type: ignore[arg-type]
        )

    @pytest.mark.parametrize(
        ("capacity", "error"),
        [(Fraction(-1, 3), InvalidValueError), (1.5, InvalidTypeError)],
    )
    def test_what_a_capacity_can_be(
        self, capacity: object, error: type[InvalidValueError | InvalidTypeError]
    ) -> None:
        refusal = refused(
            error,
            r"GapRow\.capacity",
            lambda: attrs.evolve(RETAIL, capacity=capacity),  # type: ignore[arg-type]
            value=capacity,
        )
        assert refusal.expected == "a Fraction of 0 or more"

    def test_no_shortfall_without_requests(self) -> None:
        (row,) = report(plan=plan(lines=[], marketing=())).rows
        assert (row.requests, row.shortfall) == (0, 0)
        refused(
            InvalidValueError,
            r"GapRow\.shortfall",
            lambda: attrs.evolve(row, shortfall=1, recruits=1),
        )

    def test_recruits_are_at_least_the_shortfall(self) -> None:
        (row,) = report(advocates=APPROVED[:1], plan=plan(lines=[
            PlanLine(Segment(product="Platform"), usd(120_000), usd(120_000))
        ], win_rate=None, references_per_opportunity=1, marketing=())).rows  # fmt: skip
        assert (row.gap, row.shortfall, row.recruits) == (0, 1, 1)
        refused(
            InvalidValueError,
            r"GapRow\.recruits",
            lambda: attrs.evolve(row, recruits=0),
        )

    def test_candidates_best_score_first(self) -> None:
        (row,) = report().rows
        lukewarm = Signals(nps=9, responded_to_requests=True)
        best, next_ = candidate(1, KEEN), candidate(2, lukewarm)
        assert best.score.total > next_.score.total
        assert attrs.evolve(row, candidates=(best, next_)).candidates == (best, next_)
        refused(
            InvalidValueError,
            r"GapRow\.candidates\[1\]",
            lambda: attrs.evolve(row, candidates=(next_, best)),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"per_recruit": 0}, "per_recruit"),
            ({"redundancy": -1}, "redundancy"),
            (
                {"dimensions": (SegmentDimension.PRODUCT, SegmentDimension.PRODUCT)},
                "dimensions",
            ),
            # The row is cut by product, industry and region.
            ({"dimensions": (SegmentDimension.PRODUCT,)}, r"rows\[0\]"),
            # 64 recruits at 3 each cover the gap of 192, at 1 each they do not.
            ({"per_recruit": 1}, r"rows\[0\]\.recruits"),
        ],
    )
    def test_a_report_that_does_not_fit_its_rows(
        self, changes: dict[str, Any], field: str
    ) -> None:
        result = report()
        refused(
            InvalidValueError,
            rf"GapReport\.{field}",
            lambda: attrs.evolve(result, **changes),
        )

    def test_each_segment_once(self) -> None:
        result = report()
        refused(
            InvalidValueError,
            r"GapReport\.rows\[1\]",
            lambda: attrs.evolve(result, rows=result.rows * 2),
        )

    def test_goals_in_the_plans_currency(self) -> None:
        result = report()
        (row,) = result.rows
        euros = attrs.evolve(row, goal=Money(6_000_000, "EUR"))
        refused(
            CurrencyMismatchError,
            r"GapReport\.rows",
            lambda: attrs.evolve(result, rows=(euros,)),
        )


# A hand-made report: four rows cut by product, industry and region, every
# figure different enough that each sum and each row is told apart.
WARM = Signals(nps=10, health_score=90, responded_to_requests=True)  # 55 points
COOL = Signals(nps=9, responded_to_requests=True)  # 35 points


def gap_row(segment: Segment, **figures: Any) -> GapRow:
    fields: dict[str, Any] = {
        "customers": 0,
        "approved": 0,
        "goal": None,
        "deals": 0,
        "opportunities": 0,
        "marketing": 0,
        "requests": 0,
        "capacity": Fraction(0),
        "shortfall": 0,
        "gap": 0,
        "recruits": 0,
        "candidates": (),
        "working": (),
    }
    return GapRow(segment=segment, **{**fields, **figures})


RETAIL = gap_row(
    HOME,
    customers=10,
    approved=5,
    goal=Money("1000.25", "USD"),
    deals=3,
    opportunities=7,
    marketing=2,
    requests=20,
    capacity=Fraction(13, 2),
    gap=14,
    recruits=7,
    candidates=(candidate(1, KEEN), candidate(3, COOL)),
    working=("gap 20 - 6.5 -> 14",),
)
BANKING = gap_row(
    Segment(product="Platform", industry="Banking", region="EMEA"),
    customers=5,
    marketing=1,
    requests=1,
    shortfall=5,
    gap=1,
    recruits=5,
    working=("no approved references",),
)
ANALYTICS = gap_row(
    Segment(product="Analytics", industry="Retail", region="EMEA"),
    customers=8,
    approved=3,
    goal=usd(500),
    deals=1,
    opportunities=2,
    requests=3,
    capacity=Fraction(9, 2),
    shortfall=2,
    recruits=2,
    candidates=(candidate(1, KEEN), candidate(2, WARM)),
    working=("3 approved references, 5 needed",),
)
# No industry: the row is any industry in APAC.
APAC = gap_row(
    Segment(product="Platform", region="APAC"),
    customers=1,
    approved=1,
    goal=Money("0.75", "USD"),
    capacity=Fraction(6, 5),
    candidates=(candidate(0, COOL),),
    working=("covered",),
)


def made(*rows: GapRow) -> GapReport:
    return GapReport(
        as_of=AS_OF,
        plan=plan(),
        dimensions=DEFAULT_DIMENSIONS,
        rows=rows,
        per_recruit=2,
        redundancy=5,
        demand=("sales: 20 requests", "marketing: 3 asks"),
    )


MADE = made(RETAIL, BANKING, ANALYTICS, APAC)


def ids(row: GapRow) -> list[str]:
    return [c.advocate_id for c in row.candidates]


def figures(row: GapRow) -> tuple[Any, ...]:
    return (
        row.customers,
        row.approved,
        row.goal,
        row.deals,
        row.opportunities,
        row.marketing,
        row.requests,
        row.capacity,
        row.shortfall,
        row.gap,
        row.recruits,
    )


class TestRecords:
    def test_a_row_with_a_goal(self) -> None:
        assert RETAIL.record() == {
            "product": "Platform",
            "industry": "Retail",
            "region": "EMEA",
            "size": None,
            "customers": 10,
            "approved": 5,
            "coverage": 0.5,
            "goal": "1000.25",
            "currency": "USD",
            "deals": 3,
            "opportunities": 7,
            "marketing": 2,
            "requests": 20,
            "capacity": 6.5,
            "shortfall": 0,
            "gap": 14,
            "recruits": 7,
            "candidates": ["adv-001", "adv-003"],
        }

    def test_a_row_without_a_goal(self) -> None:
        assert BANKING.record() == {
            "product": "Platform",
            "industry": "Banking",
            "region": "EMEA",
            "size": None,
            "customers": 5,
            "approved": 0,
            "coverage": 0.0,
            "goal": None,
            "currency": None,
            "deals": 0,
            "opportunities": 0,
            "marketing": 1,
            "requests": 1,
            "capacity": 0.0,
            "shortfall": 5,
            "gap": 1,
            "recruits": 5,
            "candidates": [],
        }

    def test_no_coverage_without_customers(self) -> None:
        empty = gap_row(Segment(size="smb"))
        assert empty.coverage is None
        record = empty.record()
        assert record["coverage"] is None
        assert record["size"] == "smb"
        assert record["product"] is None

    def test_the_report_has_one_record_per_row_in_order(self) -> None:
        records = MADE.to_records()
        assert [r["product"] for r in records] == [
            "Platform",
            "Platform",
            "Analytics",
            "Platform",
        ]
        assert [r["industry"] for r in records] == ["Retail", "Banking", "Retail", None]
        assert records[3]["capacity"] == 1.2
        assert records[3]["goal"] == "0.75"


class TestText:
    def test_repr(self) -> None:
        assert repr(MADE) == "GapReport(4 segments: 24 requests, gap 15, 14 recruits)"

    def test_explain_lists_rows_with_a_gap_or_a_shortfall(self) -> None:
        # The APAC row has neither; the Analytics row has a shortfall alone.
        assert MADE.explain().splitlines() == [
            (
                "24 requests expected against capacity 12.2: gap 15, 14 recruits "
                "needed across 4 segments"
            ),
            "  sales: 20 requests",
            "  marketing: 3 asks",
            "Platform / Retail / EMEA: gap 14, recruits 7",
            "  gap 20 - 6.5 -> 14",
            "Platform / Banking / EMEA: gap 1, recruits 5",
            "  no approved references",
            "Analytics / Retail / EMEA: gap 0, recruits 2",
            "  3 approved references, 5 needed",
        ]

    def test_explain_without_rows(self) -> None:
        assert made().explain() == (
            "0 requests expected against capacity 0.0: gap 0, 0 recruits needed "
            "across 0 segments\n  sales: 20 requests\n  marketing: 3 asks"
        )

    def test_html_table(self) -> None:
        head = (
            "<tr><th>product</th><th>industry</th><th>region</th>"
            "<th>customers</th><th>approved</th><th>requests</th>"
            "<th>capacity</th><th>gap</th><th>recruits</th></tr>"
        )
        retail = (
            "<tr><td>Platform</td><td>Retail</td><td>EMEA</td><td>10</td>"
            "<td>5</td><td>20</td><td>6.5</td><td>14</td><td>7</td></tr>"
        )
        apac = (
            "<tr><td>Platform</td><td>None</td><td>APAC</td><td>1</td>"
            "<td>1</td><td>0</td><td>1.2</td><td>0</td><td>0</td></tr>"
        )
        assert (
            made(RETAIL, APAC)._repr_html_() == f"<table>{head}{retail}{apac}</table>"
        )

    def test_html_escapes_segment_values(self) -> None:
        odd = attrs.evolve(APAC, segment=Segment(product="<b>", industry="R&D"))
        rolled = made(odd).roll_up("product", "industry")
        assert rolled._repr_html_() == (
            "<table><tr><th>product</th><th>industry</th><th>customers</th>"
            "<th>approved</th><th>requests</th><th>capacity</th><th>gap</th>"
            "<th>recruits</th></tr><tr><td>&lt;b&gt;</td><td>R&amp;D</td>"
            "<td>1</td><td>1</td><td>0</td><td>1.2</td><td>0</td><td>0</td></tr>"
            "</table>"
        )


class TestRollUp:
    def test_totals_sum_every_figure(self) -> None:
        totals = MADE.totals
        assert totals.segment == Segment()
        assert figures(totals) == (
            24,
            9,
            Money("1501.00", "USD"),
            4,
            9,
            3,
            24,
            Fraction(61, 5),
            7,
            15,
            14,
        )
        # Best score first, ties by advocate id; each advocate once.
        assert ids(totals) == ["adv-001", "adv-002", "adv-000", "adv-003"]
        assert totals.working == ("the sum of 4 segments",)

    def test_totals_without_rows(self) -> None:
        totals = made().totals
        assert figures(totals) == (0, 0, None, 0, 0, 0, 0, Fraction(0), 0, 0, 0)
        assert type(totals.capacity) is Fraction
        assert totals.candidates == ()

    def test_by_one_dimension(self) -> None:
        rolled = MADE.roll_up("industry")
        assert rolled.dimensions == (SegmentDimension.INDUSTRY,)
        # Named industries in order, then the row of any industry.
        assert [row.segment for row in rolled.rows] == [
            Segment(industry="Banking"),
            Segment(industry="Retail"),
            Segment(),
        ]
        banking, retail, anywhere = rolled.rows
        assert figures(banking) == figures(BANKING)
        assert banking.working == ("the sum of 1 segments",)
        assert figures(retail) == (
            18,
            8,
            Money("1500.25", "USD"),
            4,
            9,
            2,
            23,
            Fraction(11),
            2,
            14,
            9,
        )
        # As many candidates as the longest row's list: two.
        assert ids(retail) == ["adv-001", "adv-002"]
        assert retail.working == ("the sum of 2 segments",)
        assert figures(anywhere) == figures(APAC)
        assert ids(anywhere) == ["adv-000"]
        assert (rolled.per_recruit, rolled.redundancy, rolled.demand) == (
            MADE.per_recruit,
            MADE.redundancy,
            MADE.demand,
        )

    def test_by_two_dimensions_in_dimension_order(self) -> None:
        rolled = MADE.roll_up("region", SegmentDimension.PRODUCT)
        assert rolled.dimensions == (SegmentDimension.PRODUCT, SegmentDimension.REGION)
        # Sorted by the values in the order the dimensions were given.
        assert [(row.segment, row.requests) for row in rolled.rows] == [
            (Segment(product="Platform", region="APAC"), 0),
            (Segment(product="Analytics", region="EMEA"), 3),
            (Segment(product="Platform", region="EMEA"), 21),
        ]

    def test_to_the_totals(self) -> None:
        rolled = MADE.roll_up()
        assert rolled.dimensions == ()
        (row,) = rolled.rows
        assert figures(row) == figures(MADE.totals)
        # The longest row's list is two long.
        assert ids(row) == ["adv-001", "adv-002"]

    def test_without_rows(self) -> None:
        rolled = made().roll_up("industry")
        assert (rolled.dimensions, rolled.rows) == ((SegmentDimension.INDUSTRY,), ())

    @pytest.mark.parametrize("given", ["size", "colour"])
    def test_only_by_the_reports_dimensions(self, given: str) -> None:
        error = refused(
            InvalidValueError,
            r"GapReport\.roll_up\.dimensions",
            lambda: MADE.roll_up("industry", given),
            value=given,
        )
        assert error.owner == "GapReport.roll_up"
        assert error.field == "dimensions"
        assert error.expected == (
            "the report's dimensions: ['product', 'industry', 'region']"
        )


class TestAmounts:
    @pytest.mark.parametrize(
        ("amount", "shown"),
        [
            (Fraction(1, 160), "0.01"),  # 0.625 cents: rounds up
            (Fraction(1, 250), "0.00"),  # 0.4 cents: rounds down
            (Fraction(1, 200), "0.01"),  # half a cent: up
            (Fraction(123456, 100), "1234.56"),
            (Fraction(7), "7.00"),
        ],
    )
    def test_cents_round_half_up(self, amount: Fraction, shown: str) -> None:
        assert cents(amount, "EUR") == Money(shown, "EUR")
        assert str(cents(amount, "EUR").amount) == shown

    def test_exact_reads_a_float_as_written(self) -> None:
        assert exact(0.1) == Fraction(1, 10)
        assert exact(1.5) == Fraction(3, 2)

    def test_key_order_puts_any_value_last(self) -> None:
        keys = [("b", None), (None, "a"), ("a", "z"), ("b", "a")]
        assert sorted(keys, key=key_order) == [
            ("a", "z"),
            ("b", "a"),
            ("b", None),
            (None, "a"),
        ]


class TestRefusalWords:
    @pytest.mark.parametrize(
        ("base", "changes", "field", "value", "expected"),
        [
            (
                RETAIL,
                {"customers": 0},
                "approved",
                5,
                "0 in a segment without customers",
            ),
            (
                RETAIL,
                {"approved": 0},
                "capacity",
                Fraction(13, 2),
                "0 in a segment without approved references",
            ),
            (
                RETAIL,
                {"gap": 13},
                "gap",
                13,
                (
                    "an integer from 14 (requests - capacity, rounded up, "
                    "never below 0) to 20 (requests)"
                ),
            ),
            (
                RETAIL,
                {"gap": 21, "capacity": Fraction(25)},
                "gap",
                21,
                (
                    "an integer from 0 (requests - capacity, rounded up, "
                    "never below 0) to 20 (requests)"
                ),
            ),
            (
                APAC,
                {"shortfall": 1, "recruits": 1},
                "shortfall",
                1,
                "0 in a segment without requests",
            ),
            (
                RETAIL,
                {"recruits": 15},
                "recruits",
                15,
                (
                    "an integer from 1 to 14: at least the shortfall (0) and 1 with a "
                    "gap, at most gap + shortfall"
                ),
            ),
            (
                RETAIL,
                {"recruits": 0},
                "recruits",
                0,
                (
                    "an integer from 1 to 14: at least the shortfall (0) and 1 with a "
                    "gap, at most gap + shortfall"
                ),
            ),
            (
                ANALYTICS,
                {"recruits": 1},
                "recruits",
                1,
                (
                    "an integer from 2 to 2: at least the shortfall (2) and 1 with a "
                    "gap, at most gap + shortfall"
                ),
            ),
            (
                RETAIL,
                {"marketing": 21},
                "requests",
                20,
                "at least marketing's asks (21)",
            ),
            (
                RETAIL,
                {
                    "candidates": (
                        candidate(1, KEEN),
                        candidate(3, COOL),
                        candidate(2, WARM),
                    )
                },
                r"candidates\[2\]",
                "adv-002 scoring 55",
                "candidates best score first: at most 35 (adv-003)",
            ),
        ],
    )
    def test_a_row(
        self,
        base: GapRow,
        changes: dict[str, Any],
        field: str,
        value: object,
        expected: str,
    ) -> None:
        error = refused(
            InvalidValueError,
            rf"GapRow\.{field}",
            lambda: attrs.evolve(base, **changes),
            value=value,
        )
        assert error.expected == expected

    @pytest.mark.parametrize(
        "changes",
        [
            {"marketing": 20},
            {"gap": 20, "recruits": 10},
            {"recruits": 14},
            {"candidates": (candidate(3, KEEN), candidate(1, KEEN))},
        ],
    )
    def test_a_row_at_its_bounds(self, changes: dict[str, Any]) -> None:
        row = attrs.evolve(RETAIL, **changes)
        assert all(getattr(row, name) == v for name, v in changes.items())

    def test_a_row_at_its_lowest_recruits(self) -> None:
        assert attrs.evolve(RETAIL, recruits=1).recruits == 1
        assert attrs.evolve(ANALYTICS, recruits=2).recruits == 2

    @pytest.mark.parametrize(
        ("changes", "field", "value", "expected"),
        [
            (
                {"rows": (RETAIL, BANKING, RETAIL)},
                r"rows\[2\]",
                "Platform / Retail / EMEA",
                "a segment not in an earlier row",
            ),
            (
                {"dimensions": (SegmentDimension.PRODUCT, SegmentDimension.REGION)},
                r"rows\[0\]",
                "Platform / Retail / EMEA",
                (
                    "a segment cut only by the report's dimensions ['product', "
                    "'region'], not by ['industry']"
                ),
            ),
            (
                {"per_recruit": 1},
                r"rows\[0\]\.recruits",
                7,
                "at least gap / per_recruit, rounded up (14 / 1 -> 14)",
            ),
            (
                {"per_recruit": 3, "rows": (attrs.evolve(RETAIL, recruits=4),)},
                r"rows\[0\]\.recruits",
                4,
                "at least gap / per_recruit, rounded up (14 / 3 -> 5)",
            ),
        ],
    )
    def test_a_report(
        self, changes: dict[str, Any], field: str, value: object, expected: str
    ) -> None:
        error = refused(
            InvalidValueError,
            rf"GapReport\.{field}",
            lambda: attrs.evolve(MADE, **changes),
            value=value,
        )
        assert error.expected == expected

    def test_a_report_at_its_bounds(self) -> None:
        assert MADE.per_recruit == 2  # 14 / 2 -> 7: the Retail row's 7 recruits
        rounded = attrs.evolve(
            MADE, per_recruit=3, rows=(attrs.evolve(RETAIL, recruits=5),)
        )
        assert rounded.rows[0].recruits == 5
        # A row may be any value of a dimension the report is cut by.
        assert made(APAC).rows == (APAC,)
