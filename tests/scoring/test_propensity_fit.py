"""What a propensity fit holds: its checks, its explanation, repr and HTML table."""

from __future__ import annotations

import attrs

from advocacy import (
    Comparison,
    Criterion,
    LearnedWeight,
    PropensityFit,
    ScoringModel,
    Signal,
)
from advocacy.exceptions import InvalidValueError
from tests.checks import refused

PROMOTER = LearnedWeight(
    name="promoter",
    label="Promoter",
    original_points=25,
    coefficient=1.2,
    standard_error=0.5,
    odds_ratio=3.32,
    points=35,
    met=4,
    met_accepted=3,
    unmet=6,
    unmet_accepted=1,
)
WILLING = LearnedWeight(
    name="willing",
    label="",
    original_points=10,
    coefficient=-0.3,
    standard_error=0.6,
    odds_ratio=0.74,
    points=0,
    met=5,
    met_accepted=1,
    unmet=5,
    unmet_accepted=3,
)
FIT = PropensityFit(
    model=ScoringModel(
        (Criterion("promoter", Signal.NPS, Comparison.GE, 9, 35, "Promoter"),),
        qualify_above=5,
    ),
    weights=(PROMOTER, WILLING),
    intercept=-1.0,
    observations=10,
    accepted=4,
    log_loss=0.5,
    base_log_loss=0.673,
    auc=0.8,
    original_auc=0.75,
    cv_auc=0.7,
    original_cv_auc=0.75,
    warnings=("only 4 of the rarer outcome",),
    min_gain=0.01,
)
"""10 invited, 4 accepted; promoter kept with all 35 points, willing dropped."""

UNCHECKED = attrs.evolve(FIT, cv_auc=None, original_cv_auc=None, warnings=())
"""The same fit when there were too few people to cross-validate."""


class TestLearnedWeightChecks:
    def test_more_acceptances_than_people_counted_are_refused(self) -> None:
        refused(
            InvalidValueError,
            r"LearnedWeight\.met_accepted",
            lambda: attrs.evolve(PROMOTER, met_accepted=5),
            value=5,
            expected="an integer from 0 to met (4)",
        )


class TestPropensityFitChecks:
    def test_someone_must_have_declined(self) -> None:
        refused(
            InvalidValueError,
            r"PropensityFit\.accepted",
            lambda: attrs.evolve(FIT, accepted=10),
            value=10,
            expected=(
                "an integer from 1 to 9 (observations less one: someone must have "
                "declined)"
            ),
        )

    def test_cross_validated_figures_come_in_pairs(self) -> None:
        error = refused(
            InvalidValueError,
            r"PropensityFit\.original_cv_auc",
            lambda: attrs.evolve(FIT, cv_auc=None),
            value=0.75,
        )
        assert error.expected == "None exactly when cv_auc is None"

    def test_a_fit_has_weights(self) -> None:
        error = refused(
            InvalidValueError,
            r"PropensityFit\.weights",
            lambda: attrs.evolve(FIT, weights=()),
            value=(),
        )
        assert error.expected == "at least one LearnedWeight"

    def test_each_criterion_has_one_weight(self) -> None:
        error = refused(
            InvalidValueError,
            r"PropensityFit\.weights",
            lambda: attrs.evolve(FIT, weights=(PROMOTER, WILLING, PROMOTER)),
            value=("promoter", "willing", "promoter"),
            hint="repeated: promoter",
        )
        assert error.expected == "weights with unique criterion names"

    def test_a_weight_counts_everyone_invited(self) -> None:
        # 6 met and 5 not: 11 of 10 people; 10 less the 5 unmet is 5.
        refused(
            InvalidValueError,
            r"PropensityFit\.weights\[1\]\.met",
            lambda: attrs.evolve(FIT, weights=(PROMOTER, attrs.evolve(WILLING, met=6))),
            value=6,
            expected=(
                "observations less unmet (5): everyone invited met the criterion or "
                "did not"
            ),
        )

    def test_a_weight_counts_everyone_who_accepted(self) -> None:
        # 2 + 3 accepted of 4; 4 less the 3 who did not meet it is 1.
        weights = (PROMOTER, attrs.evolve(WILLING, met_accepted=2))
        refused(
            InvalidValueError,
            r"PropensityFit\.weights\[1\]\.met_accepted",
            lambda: attrs.evolve(FIT, weights=weights),
            value=2,
            expected=(
                "accepted less unmet_accepted (1): everyone who accepted met the "
                "criterion or did not"
            ),
        )

    def test_the_model_holds_the_weights_with_points(self) -> None:
        model = ScoringModel(
            (
                Criterion("promoter", Signal.NPS, Comparison.GE, 9, 30),
                Criterion(
                    "willing", Signal.RESPONDED_TO_REQUESTS, Comparison.IS_TRUE, None, 5
                ),
            ),
            qualify_above=5,
        )
        refused(
            InvalidValueError,
            r"PropensityFit\.model",
            lambda: attrs.evolve(FIT, model=model),
            value=(("promoter", 30), ("willing", 5)),
            expected=(
                "the weights with points, in order, as (name, points): "
                "(('promoter', 35),)"
            ),
        )

    def test_the_model_keeps_the_original_maximum(self) -> None:
        weights = (attrs.evolve(PROMOTER, original_points=26), WILLING)
        refused(
            InvalidValueError,
            r"PropensityFit\.model",
            lambda: attrs.evolve(FIT, weights=weights),
            value="maximum 35",
            expected="the original maximum, 36",
        )


class TestExplain:
    def test_every_line_of_a_cross_validated_fit(self) -> None:
        # Base rate 4/10; pseudo-R² 1 - 0.5/0.673 = 0.257; promoter accepted by
        # 3 of 4 who met it and 1 of 6 who did not; willing (no label) 1/5, 3/5.
        assert FIT.explain().split("\n") == [
            "4 of 10 accepted (base rate 40.0%)",
            "log-loss 0.5000 vs 0.6730 for the base rate alone (pseudo-R² 0.257)",
            "AUC 0.800 learned vs 0.750 original; cross-validated 0.700 vs 0.750",
            "  Promoter: 25 -> 35 points (odds x3.32; accepted 75% if met, 17% if not)",
            "  willing: 10 -> 0 points (odds x0.74; accepted 20% if met, 60% if not)",
            "  warning: only 4 of the rarer outcome",
            "verdict: the fit has warnings: treat the learned points as a hint only",
        ]

    def test_a_fit_without_cross_validation_shows_no_such_figure(self) -> None:
        lines = UNCHECKED.explain().split("\n")
        assert lines[2] == "AUC 0.800 learned vs 0.750 original"
        assert lines[-1] == (
            "verdict: too little history to cross-validate: keep the original points"
        )


class TestRepr:
    def test_the_counts_the_aucs_and_each_criterions_points(self) -> None:
        assert repr(FIT) == (
            "PropensityFit(n=10, accepted=4, AUC 0.800 vs 0.750 original; "
            "promoter 35, willing 0)"
        )


class TestHtml:
    def test_one_row_a_criterion_under_a_caption_of_the_aucs(self) -> None:
        assert FIT._repr_html_() == (
            "<table><caption>AUC 0.800 learned vs 0.750 original</caption>"
            "<tr><th>criterion</th><th>points</th><th>learned</th>"
            "<th>odds ratio</th><th>met</th><th>not met</th></tr>"
            "<tr><td>Promoter</td><td>25</td><td>35</td><td>3.32</td>"
            "<td>3/4</td><td>1/6</td></tr>"
            "<tr><td>willing</td><td>10</td><td>0</td><td>0.74</td>"
            "<td>1/5</td><td>3/5</td></tr>"
            "</table>"
        )

    def test_a_label_is_escaped(self) -> None:
        weights = (attrs.evolve(PROMOTER, label="A & B"), WILLING)
        fit = attrs.evolve(FIT, weights=weights)
        assert "<tr><td>A &amp; B</td><td>25</td>" in fit._repr_html_()
