"""Gap rows and reports: their outputs, and the values they refuse."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import attrs
import pytest

from advocacy import (
    DemandPlan,
    Money,
    PlanLine,
    Segment,
    SegmentDimension,
    Signals,
    from_dict,
    to_dict,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.gaps.gaps import (
    APPROVED,
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
