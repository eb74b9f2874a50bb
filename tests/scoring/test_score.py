"""Scores, their rows and the tenure rule: refusals, explanation, repr and HTML."""

from __future__ import annotations

import attrs
import pendulum

from advocacy import (
    Comparison,
    Criterion,
    ScoringModel,
    Signal,
    Signals,
    tenure_months,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused
from tests.scoring.values import AS_OF, MISSING_ROW, MODEL, PERFECT, ROW, SCORE

NOBODY_QUALIFIES = (
    "an integer from 0 to 99 (the maximum is 100, so nobody could qualify)"
)

# A labelled criterion and an unlabelled one, qualified above 10 of 45.
SMALL = ScoringModel(
    (
        Criterion("promoter", Signal.NPS, Comparison.GE, 9, 25, "Promoter"),
        Criterion("healthy", Signal.HEALTH_SCORE, Comparison.GT, 80, 20),
    ),
    qualify_above=10,
)


class TestTenureMonths:
    """`tenure_months` names its own arguments and the date that is too late."""

    def test_a_datetime_start_is_refused_by_name(self) -> None:
        start = pendulum.datetime(2020, 1, 1)
        refused(
            InvalidTypeError,
            r"tenure_months\.customer_since",
            lambda: tenure_months(start, AS_OF),
            value=start,
        )

    def test_a_datetime_as_of_is_refused_by_name(self) -> None:
        end = pendulum.datetime(2026, 1, 1)
        refused(
            InvalidTypeError,
            r"tenure_months\.as_of",
            lambda: tenure_months(pendulum.date(2020, 1, 1), end),
            value=end,
        )

    def test_a_start_after_as_of_names_the_signal_and_the_scoring_date(
        self,
    ) -> None:
        start = AS_OF.add(days=1)
        error = refused(
            InvalidValueError,
            r"Signals\.customer_since",
            lambda: tenure_months(start, AS_OF),
            value=start,
            expected="a date on or before as_of (2026-11-22)",
        )
        assert error.hint == "a customer cannot start after the scoring date"


class TestCriterionScore:
    """A row's `missing` and `awarded` must fit what was observed."""

    def test_missing_with_an_observed_value_is_refused(self) -> None:
        refused(
            InvalidValueError,
            r"CriterionScore\.missing",
            lambda: attrs.evolve(ROW, missing=True),
            value=True,
            expected="False, since a value was observed (9)",
        )

    def test_awarded_with_a_missing_signal_is_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"CriterionScore\.awarded",
            lambda: attrs.evolve(MISSING_ROW, awarded=True),
            value=True,
        )
        assert error.expected == "False, since a missing signal never meets a criterion"


class TestScore:
    """A score's figures are its rows' sums; each refusal names value and rule."""

    def test_no_rows_are_refused(self) -> None:
        error = refused(
            InvalidValueError,
            r"Score\.rows",
            lambda: attrs.evolve(SCORE, rows=()),
            value=(),
        )
        assert error.expected == "at least one CriterionScore"

    def test_repeated_row_names_are_refused_with_the_names(self) -> None:
        names = (*(row.name for row in SCORE.rows), "promoter")
        error = refused(
            InvalidValueError,
            r"Score\.rows",
            lambda: attrs.evolve(SCORE, rows=(*SCORE.rows, ROW)),
            value=names,
            hint="repeated: promoter",
        )
        assert error.expected == "rows with unique criterion names"

    def test_a_maximum_that_is_not_the_rows_sum_is_refused(self) -> None:
        refused(
            InvalidValueError,
            r"Score\.maximum",
            lambda: attrs.evolve(SCORE, maximum=99),
            value=99,
            expected="(100)",
        )

    def test_a_total_that_is_not_the_awarded_sum_is_refused(self) -> None:
        refused(
            InvalidValueError,
            r"Score\.total",
            lambda: attrs.evolve(SCORE, total=36),
            value=36,
            expected="(35)",
        )

    def test_a_threshold_at_the_maximum_is_refused_with_the_highest_allowed(
        self,
    ) -> None:
        refused(
            InvalidValueError,
            r"Score\.qualify_above",
            lambda: attrs.evolve(SCORE, qualify_above=100),
            value=100,
            expected=NOBODY_QUALIFIES,
        )


class TestScoreText:
    """What a user reads of a qualified and an unqualified score."""

    def test_a_qualified_headline(self) -> None:
        score = MODEL.score(PERFECT, as_of=AS_OF)
        assert score.explain().splitlines()[0] == (
            "100/100, qualified (qualified above 60)"
        )

    def test_a_qualified_repr(self) -> None:
        assert repr(MODEL.score(PERFECT, as_of=AS_OF)) == (
            "Score(100/100, qualified; Promoter +25, Power User +20, Healthy +20, "
            "Established +15, Active +10, Willing +10)"
        )

    def test_the_html_table_has_a_cell_per_figure(self) -> None:
        # Promoter met (observed 10, 25 of 25); healthy unlabelled and missing.
        html = SMALL.score(Signals(nps=10), as_of=AS_OF)._repr_html_()
        assert html == (
            "<table><caption>Score 25/45 (qualified)</caption>"
            "<tr><th>criterion</th><th>rule</th><th>observed</th>"
            "<th>earned</th><th>of</th></tr>"
            "<tr><td>Promoter</td><td>nps &gt;= 9</td><td>10</td>"
            "<td>25</td><td>25</td></tr>"
            "<tr><td>healthy</td><td>health_score &gt; 80</td><td>missing</td>"
            "<td>0</td><td>20</td></tr>"
            "</table>"
        )

    def test_the_html_caption_of_an_unqualified_score(self) -> None:
        html = SMALL.score(Signals(), as_of=AS_OF)._repr_html_()
        assert html.startswith(
            "<table><caption>Score 0/45 (not qualified)</caption><tr><th>"
        )
