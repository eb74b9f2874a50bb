"""Propensity: learned points from who accepted, and an honest fit report."""

from __future__ import annotations

import functools
import json
import math
import random
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from advocacy import (
    Comparison,
    Criterion,
    LearnedWeight,
    PropensityFit,
    ScoringModel,
    Signal,
    Signals,
    fit_propensity,
)
from advocacy._internal.logistic import inverse_diagonal, roc_auc, sigmoid
from advocacy._scoring.propensity import _learned_points, _warnings
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from advocacy.synthetic import demo_program
from tests.checks import refused

AS_OF = pendulum.date(2026, 9, 30)
MODEL = ScoringModel.default()


def history(
    rng: random.Random, people: int, odds: dict[str, float], base: float = -1.5
) -> tuple[dict[str, Signals], dict[str, bool]]:
    """People with random signals who accept with the given log-odds per criterion."""
    signals, accepted = {}, {}
    for n in range(people):
        person = Signals(
            nps=rng.randint(0, 10),
            feature_adoption=rng.random(),
            health_score=rng.randint(40, 100),
            customer_since=AS_OF.subtract(months=rng.randint(1, 40)),
            positive_mentions=rng.randint(0, 2),
            responded_to_requests=rng.random() < 0.5,
        )
        met = {r.name for r in MODEL.score(person, as_of=AS_OF).rows if r.awarded}
        z = base + sum(v for k, v in odds.items() if k in met)
        signals[f"p{n:05d}"] = person
        accepted[f"p{n:05d}"] = rng.random() < 1 / (1 + math.exp(-z))
    return signals, accepted


def grouped_history(
    groups: dict[tuple[int, int], tuple[int, int]],
) -> tuple[dict[str, Signals], dict[str, bool]]:
    """People by (promoter, willing) pattern: (how many, how many of them accepted)."""
    signals: dict[str, Signals] = {}
    accepted: dict[str, bool] = {}
    for (promoter, willing), (people, yes) in groups.items():
        for k in range(people):
            person = f"p{len(signals):03d}"
            signals[person] = Signals(
                nps=10 if promoter else 0, responded_to_requests=bool(willing)
            )
            accepted[person] = k < yes
    return signals, accepted


def gradient(
    fit: PropensityFit,
    signals: dict[str, Signals],
    accepted: dict[str, bool],
    penalty: float,
) -> list[float]:
    """The penalised log-likelihood's gradient at the fitted weights, recomputed."""
    beta = [fit.intercept, *(w.coefficient for w in fit.weights)]
    grad = [0.0] * len(beta)
    for person, outcome in accepted.items():
        rows = MODEL.score(signals[person], as_of=AS_OF).rows
        x = [1.0, *(float(r.awarded) for r in rows)]
        p = 1 / (1 + math.exp(-sum(b * v for b, v in zip(beta, x, strict=True))))
        for i, v in enumerate(x):
            grad[i] += (outcome - p) * v
    return [
        g - (penalty * b if i else 0.0)
        for i, (g, b) in enumerate(zip(grad, beta, strict=True))
    ]


MODEL_TWO = ScoringModel(
    (
        Criterion("promoter", Signal.NPS, Comparison.GE, 9, 25, "Promoter"),
        Criterion(
            "willing", Signal.RESPONDED_TO_REQUESTS, Comparison.IS_TRUE, None, 10
        ),
    ),
    qualify_above=5,
)
"""Two criteria (35 points, qualified above 5) read by `grouped_history`."""

MODEL_ONE = ScoringModel(
    (Criterion("promoter", Signal.NPS, Comparison.GE, 9, 10, "Promoter"),),
    qualify_above=0,
)


@functools.cache
def small_fit() -> PropensityFit:
    """Two promoters accepted, one detractor declined: too little to learn from."""
    signals = {"a": Signals(nps=10), "b": Signals(nps=2), "c": Signals(nps=9)}
    return fit_propensity(signals, {"a": True, "b": False, "c": True}, as_of=AS_OF)


@functools.cache
def two_criteria() -> tuple[dict[str, Signals], dict[str, bool]]:
    """80 people; both criteria raise the acceptance rate, promoter the more."""
    return grouped_history(
        {(1, 1): (20, 14), (1, 0): (20, 9), (0, 1): (20, 7), (0, 0): (20, 3)}
    )


class TestRecovery:
    def test_the_criteria_that_drive_acceptance_get_the_points(self) -> None:
        signals, accepted = history(
            random.Random(1), 3000, {"promoter": 2.0, "willing": 1.5}
        )
        fit = fit_propensity(signals, accepted, as_of=AS_OF)
        points = {w.name: w.points for w in fit.weights}
        assert (
            points["promoter"]
            > points["willing"]
            > max(points[n] for n in ("power_user", "healthy", "established", "active"))
        )
        assert fit.model.maximum == MODEL.maximum
        assert fit.model.qualify_above == MODEL.qualify_above
        assert fit.cv_auc is not None
        assert fit.cv_auc > fit.original_cv_auc  # type: ignore[operator]
        assert fit.beats_original
        assert fit.verdict.endswith("adopt them")
        assert fit.reliable

    def test_weights_met_rates_are_counts(self) -> None:
        signals, accepted = history(random.Random(2), 400, {"promoter": 1.0})
        fit = fit_propensity(signals, accepted, as_of=AS_OF)
        promoter = fit.weights[0]
        assert promoter.met + promoter.unmet == 400
        assert promoter.met_accepted + promoter.unmet_accepted == fit.accepted
        assert promoter.met_rate is not None
        assert promoter.met_rate > promoter.unmet_rate  # type: ignore[operator]
        assert promoter.odds_ratio == pytest.approx(math.exp(promoter.coefficient))

    def test_the_demo_history_says_keep_the_original(self) -> None:
        program = demo_program(as_of=AS_OF)
        fit = fit_propensity(program.signals, program.invitations, as_of=AS_OF)
        assert (fit.observations, fit.accepted) == (297, 101)
        assert fit.beats_original is False
        assert fit.verdict.endswith("keep the original")
        text = fit.explain()
        assert text.startswith("101 of 297 accepted (base rate 34.0%)")
        assert "Promoter: 25 ->" in text


class TestProperties:
    @given(
        st.integers(0, 2**32 - 1),
        st.integers(30, 150),
        st.sampled_from([0.1, 1.0, 10.0]),
    )
    def test_fit_is_the_optimum(self, seed: int, people: int, penalty: float) -> None:
        signals, accepted = history(
            random.Random(seed), people, {"promoter": 1.0, "healthy": 0.5}
        )
        assume(0 < sum(accepted.values()) < people)
        try:
            fit = fit_propensity(signals, accepted, as_of=AS_OF, penalty=penalty)
        except InvalidValueError:  # no criterion with positive weight: nothing to learn
            return
        assert max(abs(g) for g in gradient(fit, signals, accepted, penalty)) < 1e-6
        assert fit.log_loss <= fit.base_log_loss + 1e-12
        assert 0 <= fit.auc <= 1
        assert 0 <= fit.original_auc <= 1
        points = [w.points for w in fit.weights]
        assert sum(points) == MODEL.maximum
        for w in fit.weights:
            assert (w.points > 0) == (w.coefficient > 0)
        assert [c.points for c in fit.model.criteria] == [p for p in points if p]

    @given(st.integers(0, 2**32 - 1), st.randoms())
    def test_independent_of_input_order(self, seed: int, rng: random.Random) -> None:
        signals, accepted = history(random.Random(seed), 80, {"willing": 1.5})
        assume(0 < sum(accepted.values()) < 80)
        keys = list(accepted)
        rng.shuffle(keys)
        try:
            one = fit_propensity(signals, accepted, as_of=AS_OF)
        except InvalidValueError:
            return
        other = fit_propensity(signals, {k: accepted[k] for k in keys}, as_of=AS_OF)
        assert one == other

    @given(st.lists(st.tuples(st.integers(0, 5), st.booleans()), min_size=2))
    def test_auc_is_the_share_of_correctly_ordered_pairs(
        self, scored: list[tuple[int, bool]]
    ) -> None:
        positives = [s for s, y in scored if y]
        negatives = [s for s, y in scored if not y]
        assume(positives and negatives)
        pairs = [(p > n) + 0.5 * (p == n) for p in positives for n in negatives]
        expected = sum(pairs) / len(pairs)
        assert roc_auc([(float(s), 1, int(y)) for s, y in scored]) == pytest.approx(
            expected
        )


class TestReport:
    def test_outputs(self) -> None:
        signals, accepted = history(random.Random(3), 300, {"promoter": 1.5})
        fit = fit_propensity(signals, accepted, as_of=AS_OF)
        records = fit.to_records()
        assert [r["name"] for r in records] == [c.name for c in MODEL.criteria]
        assert records[0]["points"] == fit.weights[0].points
        json.dumps(records)
        assert repr(fit).startswith(f"PropensityFit(n=300, accepted={fit.accepted}")
        assert fit._repr_html_().count("<tr>") == 7
        assert fit.pseudo_r2 == pytest.approx(1 - fit.log_loss / fit.base_log_loss)
        assert fit.base_rate == fit.accepted / 300

    def test_small_history_is_flagged_and_not_cross_validated(self) -> None:
        fit = small_fit()
        assert fit.cv_auc is None
        assert fit.beats_original is None
        assert "too little history" in fit.verdict
        assert not fit.reliable
        assert any("only 1 of the rarer outcome" in w for w in fit.warnings)
        assert any("power_user: met by no one" in w for w in fit.warnings)
        assert (
            "Healthy: 20 -> 0 points (odds x1.00; accepted n/a if met" in fit.explain()
        )

    def test_a_criterion_met_by_everyone(self) -> None:
        signals, accepted = history(random.Random(4), 200, {"promoter": 1.5})
        everyone = {
            k: Signals(nps=v.nps, responded_to_requests=True)
            for k, v in signals.items()
        }
        fit = fit_propensity(everyone, accepted, as_of=AS_OF)
        assert any("willing: met by everyone" in w for w in fit.warnings)
        assert "if met, n/a if not" in fit.explain()
        assert "treat the learned points as a hint" in fit.verdict

    def test_folds_with_one_outcome_are_skipped_honestly(self) -> None:
        signals = {f"p{i}": Signals(nps=10 if i == 0 else 3) for i in range(6)}
        accepted = {f"p{i}": i == 0 for i in range(6)}
        fit = fit_propensity(signals, accepted, as_of=AS_OF, folds=2)
        assert fit.cv_auc is None


class TestSeparation:
    """A criterion whose holders all accepted has no finite best weight."""

    @staticmethod
    def separated() -> tuple[dict[str, Signals], dict[str, bool]]:
        return grouped_history(
            {(1, 1): (7, 7), (0, 0): (6, 0), (0, 1): (9, 1), (1, 0): (8, 8)}
        )

    def test_is_flagged_and_the_fit_stays_finite(self) -> None:
        signals, accepted = self.separated()
        fit = fit_propensity(signals, accepted, as_of=AS_OF, penalty=1e-8)
        assert any("promoter: everyone who met it accepted" in w for w in fit.warnings)
        assert all(math.isfinite(w.coefficient) for w in fit.weights)
        assert all(math.isfinite(w.standard_error) for w in fit.weights)
        assert max(abs(g) for g in gradient(fit, signals, accepted, 1e-8)) < 1e-6

    def test_a_fit_cut_short_says_so(self) -> None:
        signals, accepted = self.separated()
        fit = fit_propensity(signals, accepted, as_of=AS_OF, penalty=1e-12)
        assert "the fit did not converge in 100 steps" in fit.warnings

    def test_all_declined_when_met_is_flagged(self) -> None:
        signals = {
            f"p{i}": Signals(nps=10 if i < 4 else 0, health_score=90 if i % 2 else 50)
            for i in range(40)
        }
        # Healthy (odd i) predicts acceptance; the four promoters all declined.
        accepted = {f"p{i}": i >= 4 and i % 2 == 1 and i % 10 != 5 for i in range(40)}
        fit = fit_propensity(signals, accepted, as_of=AS_OF)
        assert any("promoter: everyone who met it declined" in w for w in fit.warnings)


class TestBadInput:
    """Each refusal of `fit_propensity` names the argument, the value and the rule."""

    def test_signals_must_be_a_mapping(self) -> None:
        refused(
            InvalidTypeError,
            r"fit_propensity\.signals",
            lambda: fit_propensity([("a", Signals())], {"a": True}, as_of=AS_OF),  # type: ignore[arg-type]
            value=[("a", Signals())],
            expected="a mapping of id to value",
        )

    def test_accepted_must_be_a_mapping(self) -> None:
        refused(
            InvalidTypeError,
            r"fit_propensity\.accepted",
            lambda: fit_propensity({}, [("a", True)], as_of=AS_OF),  # type: ignore[arg-type]
            value=[("a", True)],
            expected="a mapping of id to value",
        )

    def test_an_outcome_must_be_a_bool(self) -> None:
        error = refused(
            InvalidTypeError,
            r"fit_propensity\.accepted\['a'\]",
            lambda: fit_propensity(
                {"a": Signals(), "b": Signals()},
                {"a": 1, "b": False},  # type: ignore[dict-item]
                as_of=AS_OF,
            ),
            value=1,
        )
        assert error.expected == "True or False"

    def test_an_id_without_signals_is_unknown(self) -> None:
        error = refused(
            UnknownKeyError,
            r"fit_propensity\.accepted",
            lambda: fit_propensity(
                {"a": Signals()}, {"a": True, "b": False}, as_of=AS_OF
            ),
            value="b",
        )
        assert error.expected == "ids that have signals in `signals`"

    def test_a_signal_must_be_a_signals(self) -> None:
        error = refused(
            InvalidTypeError,
            r"fit_propensity\.signals\['a'\]",
            lambda: fit_propensity(
                {"a": {"nps": 9}, "b": Signals()},  # type: ignore[dict-item]
                {"a": True, "b": False},
                as_of=AS_OF,
            ),
            value={"nps": 9},
        )
        assert error.expected == "a Signals"

    @pytest.mark.parametrize(
        ("accepted", "counted"),
        [
            ({"a": True, "b": True}, "2 accepted, 0 declined"),
            ({"a": False, "b": False, "c": False}, "0 accepted, 3 declined"),
        ],
    )
    def test_both_outcomes_are_needed(
        self, accepted: dict[str, bool], counted: str
    ) -> None:
        signals = {"a": Signals(nps=10), "b": Signals(nps=0), "c": Signals()}
        error = refused(
            InvalidValueError,
            r"fit_propensity\.accepted",
            lambda: fit_propensity(signals, accepted, as_of=AS_OF),
            value=counted,
        )
        assert error.expected == "at least one acceptance and one refusal to learn from"

    def test_as_of_must_be_a_date(self) -> None:
        moment = pendulum.datetime(2026, 9, 30)
        refused(
            InvalidTypeError,
            r"fit_propensity\.as_of",
            lambda: fit_propensity({}, {}, as_of=moment),
            value=moment,
            expected="a date without a time of day",
        )

    @pytest.mark.parametrize(
        ("option", "value", "expected"),
        [
            ("penalty", 0, "a number above 0"),
            ("folds", 1, "an integer of at least 2"),
            ("min_gain", 2, "a number from 0 to 1"),
            ("min_gain", -0.01, "a number from 0 to 1"),
        ],
    )
    def test_an_option_out_of_range_is_named(
        self, option: str, value: float, expected: str
    ) -> None:
        refused(
            InvalidValueError,
            rf"fit_propensity\.{option}",
            lambda: fit_propensity({}, {}, as_of=AS_OF, **{option: value}),  # type: ignore[arg-type]
            value=value,
            expected=expected,
        )

    def test_nothing_predicts_acceptance(self) -> None:
        signals = {f"p{i}": Signals(nps=10 if i < 10 else 0) for i in range(20)}
        accepted = {f"p{i}": i >= 10 for i in range(20)}  # promoters all declined
        error = refused(
            InvalidValueError,
            r"fit_propensity\.accepted",
            lambda: fit_propensity(signals, accepted, as_of=AS_OF),
            value="no criterion met more often by those who accepted",
        )
        assert error.expected == (
            "a history in which at least one criterion predicts acceptance"
        )


class TestOptions:
    def test_the_defaults_are_penalty_1_and_5_folds(self) -> None:
        signals, accepted = history(random.Random(3), 100, {"promoter": 1.5})
        fit = fit_propensity(signals, accepted, as_of=AS_OF)
        assert fit == fit_propensity(signals, accepted, as_of=AS_OF, penalty=1.0)
        assert fit == fit_propensity(signals, accepted, as_of=AS_OF, folds=5)
        # Other values give other fits, so the two equalities pin the defaults.
        other = fit_propensity(signals, accepted, as_of=AS_OF, penalty=2.0, folds=6)
        assert other.intercept != fit.intercept
        assert other.cv_auc != fit.cv_auc

    def test_the_given_models_criteria_and_threshold_are_kept(self) -> None:
        fit = fit_propensity(*two_criteria(), as_of=AS_OF, model=MODEL_TWO)
        assert [w.name for w in fit.weights] == ["promoter", "willing"]
        assert [w.original_points for w in fit.weights] == [25, 10]
        assert [c.name for c in fit.model.criteria] == ["promoter", "willing"]
        assert fit.model.maximum == 35
        assert fit.model.qualify_above == 5


class TestLearnedPoints:
    def test_the_points_left_go_to_the_largest_remainder(self) -> None:
        # 10 points, one each kept, 8 shared 2:1: 16/3 and 8/3, so 1+5 and
        # 1+2; the one point left goes to the larger remainder, 2/3 (the second).
        assert _learned_points([2.0, 1.0], 10) == [6, 4]

    def test_equal_remainders_favour_the_first_criterion(self) -> None:
        # 7 spare points in thirds: 2 each and 1/3 over; 1 + 2 each, 1 left.
        assert _learned_points([1.0, 1.0, 1.0], 10) == [4, 3, 3]

    def test_criteria_without_a_positive_weight_get_none(self) -> None:
        assert _learned_points([1.0, -1.0, 0.0], 5) == [5, 0, 0]


class TestWarnings:
    def test_a_small_history_gets_each_warning_in_full(self) -> None:
        nothing = "met by no one invited, so the history says nothing about it"
        unmet = ("power_user", "healthy", "established", "active", "willing")
        assert small_fit().warnings == (
            (
                "only 1 of the rarer outcome for 6 criteria; "
                "about 60 are needed for stable weights"
            ),
            *(f"{name}: {nothing}" for name in unmet),
            (
                "promoter: everyone who met it accepted, so its weight is set by "
                "the penalty, not the data"
            ),
        )

    @pytest.mark.parametrize(
        ("groups", "warnings"),
        [
            # 9 declined: fewer than the 10 events a criterion needs.
            (
                {(1, 0): (10, 8), (0, 0): (9, 2)},
                (
                    (
                        "only 9 of the rarer outcome for 1 criteria; "
                        "about 10 are needed for stable weights"
                    ),
                ),
            ),
            ({(1, 0): (10, 7), (0, 0): (10, 3)}, ()),  # 10 of each: enough
            ({(1, 0): (11, 8), (0, 0): (11, 3)}, ()),
        ],
    )
    def test_ten_events_a_criterion_are_enough(
        self,
        groups: dict[tuple[int, int], tuple[int, int]],
        warnings: tuple[str, ...],
    ) -> None:
        fit = fit_propensity(*grouped_history(groups), as_of=AS_OF, model=MODEL_ONE)
        assert fit.warnings == warnings

    def test_one_person_who_met_it_and_accepted_is_a_separation(self) -> None:
        signals, accepted = grouped_history(
            {(1, 0): (1, 1), (0, 1): (10, 6), (0, 0): (10, 2)}
        )
        fit = fit_propensity(signals, accepted, as_of=AS_OF, model=MODEL_TWO)
        assert (
            "promoter: everyone who met it accepted, so its weight is set by the "
            "penalty, not the data"
        ) in fit.warnings

    def test_a_criterion_met_by_everyone_is_not_called_a_separation(self) -> None:
        everyone = LearnedWeight(
            name="willing",
            label="Willing",
            original_points=10,
            coefficient=0.0,
            standard_error=1.0,
            odds_ratio=1.0,
            points=10,
            met=4,
            met_accepted=4,
            unmet=0,
            unmet_accepted=0,
        )
        assert _warnings((everyone,), 4, 4, converged=False) == (
            "the fit did not converge in 100 steps",
            (
                "only 0 of the rarer outcome for 1 criteria; "
                "about 10 are needed for stable weights"
            ),
            "willing: met by everyone invited, so the history says nothing about it",
        )


class TestQuality:
    def test_a_small_historys_measures(self) -> None:
        fit = small_fit()
        # Both who accepted score 25, the one who declined 0.
        assert fit.original_auc == 1.0
        # The base rate 2/3 alone: -(2/3 ln 2/3 + 1/3 ln 1/3).
        base = -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3))
        assert fit.base_log_loss == pytest.approx(base)

    def test_the_standard_errors_are_the_inverse_hessians_diagonal(self) -> None:
        signals, accepted = two_criteria()
        fit = fit_propensity(signals, accepted, as_of=AS_OF, model=MODEL_TWO)
        beta = [fit.intercept, *(w.coefficient for w in fit.weights)]
        hessian = [[0.0] * 3 for _ in range(3)]
        for person in accepted:
            rows = MODEL_TWO.score(signals[person], as_of=AS_OF).rows
            x = [1.0, *(float(r.awarded) for r in rows)]
            p = sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
            for i in range(3):
                for j in range(3):
                    hessian[i][j] += p * (1 - p) * x[i] * x[j]
        for i in (1, 2):
            hessian[i][i] += 1.0  # the default penalty
        errors = [math.sqrt(v) for v in inverse_diagonal(hessian)[1:]]
        assert errors[0] != pytest.approx(errors[1])
        assert [w.standard_error for w in fit.weights] == pytest.approx(errors)

    def test_cross_validation_predicts_each_person_by_a_fit_without_them(
        self,
    ) -> None:
        signals, accepted = two_criteria()
        fit = fit_propensity(signals, accepted, as_of=AS_OF, model=MODEL_TWO, folds=3)
        people = sorted(accepted)
        held_out = []
        for fold in range(3):
            train = [p for i, p in enumerate(people) if i % 3 != fold]
            trained = fit_propensity(
                {p: signals[p] for p in train},
                {p: accepted[p] for p in train},
                as_of=AS_OF,
                model=MODEL_TWO,
            )
            for person in people[fold::3]:
                rows = MODEL_TWO.score(signals[person], as_of=AS_OF).rows
                z = trained.intercept + sum(
                    w.coefficient * r.awarded
                    for w, r in zip(trained.weights, rows, strict=True)
                )
                held_out.append((sigmoid(z), 1, int(accepted[person])))
        assert fit.cv_auc == pytest.approx(roc_auc(held_out))
        assert fit.original_cv_auc == fit.original_auc


@functools.cache
def learned() -> PropensityFit:
    """A fit with cross-validation, some criteria kept and some dropped."""
    signals, accepted = history(random.Random(3), 300, {"promoter": 1.5})
    return fit_propensity(signals, accepted, as_of=AS_OF)


class TestFitValidation:
    """A `PropensityFit` and its weights hold only what a fit can produce."""

    def test_a_fits_own_result_passes_unchanged(self) -> None:
        for fit in (
            learned(),
            fit_propensity(*TestSeparation.separated(), as_of=AS_OF, penalty=1e-12),
        ):
            rebuilt = attrs.evolve(
                fit, weights=tuple(attrs.evolve(w) for w in fit.weights)
            )
            assert rebuilt == fit

    def test_the_fit_used_here_has_every_kind_of_weight(self) -> None:
        fit = learned()
        assert fit.cv_auc is not None
        assert 0 in [w.points for w in fit.weights]
        assert len(fit.model.criteria) > 1

    def test_an_odds_ratio_may_underflow_to_zero(self) -> None:
        weight = attrs.evolve(learned().weights[0], odds_ratio=0.0)
        assert weight.odds_ratio == 0.0

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"name": ""}, "name"),
            ({"original_points": 0}, "original_points"),
            ({"standard_error": -0.1}, "standard_error"),
            ({"odds_ratio": -1.0}, "odds_ratio"),
            ({"points": -1}, "points"),
            ({"met": -1}, "met"),
            ({"unmet": -1}, "unmet"),
            ({"met_accepted": 10**6}, "met_accepted"),
            ({"unmet_accepted": 10**6}, "unmet_accepted"),
        ],
    )
    def test_a_weight_is_refused_by_name(
        self, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^LearnedWeight\.{field}: got"):
            attrs.evolve(learned().weights[0], **changes)

    def test_acceptances_are_among_those_counted(self) -> None:
        weight = learned().weights[0]
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(weight, met_accepted=weight.met + 1)
        assert caught.value.expected == f"an integer from 0 to met ({weight.met})"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"observations": 1}, "observations"),
            ({"accepted": 0}, "accepted"),
            ({"accepted": 300}, "accepted"),
            ({"log_loss": -0.1}, "log_loss"),
            ({"base_log_loss": 0.0}, "base_log_loss"),
            ({"auc": 1.5}, "auc"),
            ({"original_auc": -0.1}, "original_auc"),
            ({"cv_auc": 71.0}, "cv_auc"),
            ({"cv_auc": None}, "original_cv_auc"),
            ({"original_cv_auc": None}, "original_cv_auc"),
            ({"min_gain": 2.0}, "min_gain"),
            ({"weights": ()}, "weights"),
            ({"model": ScoringModel.default()}, "model"),
        ],
    )
    def test_a_fit_is_refused_by_name(
        self, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^PropensityFit\.{field}: got"):
            attrs.evolve(learned(), **changes)

    def test_weights_name_each_criterion_once(self) -> None:
        fit = learned()
        with pytest.raises(
            InvalidValueError, match=r"^PropensityFit\.weights: got"
        ) as caught:
            attrs.evolve(fit, weights=(*fit.weights, fit.weights[0]))
        assert caught.value.hint == "repeated: promoter"

    def test_every_weight_counts_everyone(self) -> None:
        fit = learned()
        first = fit.weights[0]
        for weight, field in (
            (attrs.evolve(first, met=first.met + 1), "met"),
            (attrs.evolve(first, met_accepted=first.met_accepted - 1), "met_accepted"),
        ):
            weights = (weight, *fit.weights[1:])
            with pytest.raises(
                InvalidValueError, match=rf"^PropensityFit\.weights\[0\]\.{field}: got"
            ):
                attrs.evolve(fit, weights=weights)

    def test_the_model_keeps_the_original_maximum(self) -> None:
        fit = learned()
        first = fit.weights[0]
        weights = (
            attrs.evolve(first, original_points=first.original_points + 1),
            *fit.weights[1:],
        )
        with pytest.raises(
            InvalidValueError, match=r"^PropensityFit\.model: got"
        ) as caught:
            attrs.evolve(fit, weights=weights)
        assert caught.value.expected == "the original maximum, 101"
