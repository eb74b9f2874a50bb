"""Goal progress rows and reports: they refuse values the rule never gives."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from advocacy import (
    GoalMetric,
    GoalReport,
    GoalStatus,
    Money,
)
from advocacy.exceptions import (
    InvalidValueError,
)
from tests.checks import refused
from tests.program.goals import (
    AS_OF,
    G,
    goal,
    report,
    row,
)


class TestResultValidation:
    """Rows and reports refuse values the rule never gives, naming the field."""

    RESULT = report()
    NO_DATA = row(report(nps_responses=[]), G.NPS)

    def test_the_rules_own_report_passes_unchanged(self) -> None:
        assert attrs.evolve(self.RESULT) == self.RESULT
        assert [attrs.evolve(g) for g in self.RESULT] == list(self.RESULT)
        assert self.NO_DATA.status is GoalStatus.NO_DATA
        assert attrs.evolve(self.NO_DATA) == self.NO_DATA

    @pytest.mark.parametrize(
        ("metric", "changes", "message"),
        [
            (G.REFERENCES, {"elapsed_days": -1}, r"elapsed_days: got -1"),
            (
                G.REFERENCES,
                {"elapsed_days": 93},
                r"elapsed_days: got 93; expected at most the days of the .* \(92\)",
            ),
            (G.REFERENCES, {"records": -1}, r"records: got -1"),
            (G.REFERENCES, {"progress": -0.5}, r"progress: got -0\.5"),
            (
                G.REFERENCES,
                {"progress": None},
                r"progress: got None; expected a number with a value",
            ),
            (
                G.REFERENCES,
                {"status": GoalStatus.NO_DATA},
                r"status: got .*; expected on_track or behind with a value",
            ),
            (
                G.REFERENCES,
                {"actual": None, "progress": None, "status": GoalStatus.NO_DATA},
                r"actual: got None; expected a value: a references goal always",
            ),
            (
                G.REFERENCES,
                {"actual": -1},
                r"actual: got -1; expected an integer of at least 0 for a refer",
            ),
            (G.REFERENCES, {"actual": 2.5}, r"actual: got 2\.5; expected an integer"),
            (
                G.RETENTION,
                {"actual": 1.5},
                r"actual: got 1\.5; expected a number from 0 to 1 for a retention",
            ),
            (
                G.NPS,
                {"actual": -101.0},
                r"actual: got -101\.0; expected a number from -100 to 100 for a nps",
            ),
            (
                G.PIPELINE_SOURCED,
                {"actual": Money(100, "EUR")},
                r"actual: got .*EUR.*; expected a Money of zero or more in USD, the",
            ),
            (
                G.PIPELINE_SOURCED,
                {"actual": 100_000},
                r"actual: got 100000; expected a Money of zero or more in USD",
            ),
            (
                G.PIPELINE_INFLUENCED,
                {"actual": Money(-1, "USD")},
                r"actual: got .*; expected a Money of zero or more in USD",
            ),
        ],
    )
    def test_a_row_refuses_what_the_rule_never_gives(
        self, metric: GoalMetric, changes: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"GoalProgress\.{message}"):
            attrs.evolve(row(self.RESULT, metric), **changes)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"progress": 0.5}, r"progress: got 0\.5; expected None without a value"),
            (
                {"status": GoalStatus.BEHIND},
                r"status: got .*; expected no_data",
            ),
            ({"records": 2}, r"records: got 2; expected 0 without a value"),
        ],
    )
    def test_no_data_is_no_value_no_progress_and_no_records(
        self, changes: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"GoalProgress\.{message}"):
            attrs.evolve(self.NO_DATA, **changes)

    def test_a_status_refusal_names_the_status(self) -> None:
        measured = row(self.RESULT, G.REFERENCES)
        error = refused(
            InvalidValueError,
            "GoalProgress.status",
            lambda: attrs.evolve(measured, status=GoalStatus.NO_DATA),
            value=GoalStatus.NO_DATA,
        )
        assert error.expected == "on_track or behind with a value"
        error = refused(
            InvalidValueError,
            "GoalProgress.status",
            lambda: attrs.evolve(self.NO_DATA, status=GoalStatus.BEHIND),
            value=GoalStatus.BEHIND,
        )
        assert error.expected == "no_data"

    def test_every_row_is_measured_as_of_the_reports_date(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"GoalReport\.goals\[0\]\.elapsed_days: got 46; expected the "
            r"days of 2026-07-01 to 2026-09-30 gone by as_of \(2026-09-01\): 63",
        ):
            attrs.evolve(self.RESULT, as_of=pendulum.date(2026, 9, 1))
        before = attrs.evolve(self.NO_DATA, elapsed_days=0)
        assert GoalReport(pendulum.date(2026, 6, 30), (before,)).goals == (before,)


class TestReportViews:
    """What a notebook shows and what `explain` says, beyond the worked example."""

    HEAD = (
        "<table><tr><th>goal</th><th>period</th><th>actual</th><th>target</th>"
        "<th>progress</th><th>elapsed</th><th>status</th></tr>"
    )

    def test_html_has_a_header_and_a_row_per_goal(self) -> None:
        page = report()._repr_html_()
        assert page.startswith(self.HEAD)
        assert page.endswith("</table>")
        assert page.count("<tr>") == 1 + 9
        assert (
            "<tr><td>pipeline sourced</td><td>2026-07-01 to 2026-09-30</td>"
            "<td>USD 100,000</td><td>USD 400,000</td><td>25%</td><td>50%</td>"
            "<td>behind</td></tr>"
        ) in page
        assert (
            "<tr><td>retention</td><td>2026-07-01 to 2026-09-30</td><td>66.7%</td>"
            "<td>90.0%</td><td>74%</td><td>50%</td><td>behind</td></tr>"
        ) in page

    def test_html_without_data_and_escaped(self) -> None:
        named = goal(G.RETENTION, 0.9, name="R&D <team>")
        page = report(goals=[named], opportunities=[])._repr_html_()
        assert page.startswith(self.HEAD)
        assert (
            "<tr><td>R&amp;D &lt;team&gt;</td><td>2026-07-01 to 2026-09-30</td>"
            "<td>n/a</td><td>90.0%</td><td>n/a</td><td>50%</td><td>no_data</td></tr>"
        ) in page

    def test_an_empty_report(self) -> None:
        empty = report(goals=[])
        assert len(empty) == 0
        assert empty.explain() == f"0 goals as of {AS_OF}: none"
        assert empty._repr_html_() == f"{self.HEAD}</table>"
