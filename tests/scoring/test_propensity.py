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

from advocacy import PropensityFit, ScoringModel, Signals, fit_propensity
from advocacy._internal.logistic import roc_auc
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from advocacy.synthetic import demo_program

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
        signals = {"a": Signals(nps=10), "b": Signals(nps=2), "c": Signals(nps=9)}
        fit = fit_propensity(signals, {"a": True, "b": False, "c": True}, as_of=AS_OF)
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
        groups = {(1, 1): (7, 7), (0, 0): (6, 0), (0, 1): (9, 1), (1, 0): (8, 8)}
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
    def test_needs_both_outcomes(self) -> None:
        with pytest.raises(
            InvalidValueError, match="at least one acceptance and one refusal"
        ):
            fit_propensity({"a": Signals()}, {"a": True}, as_of=AS_OF)

    def test_unknown_person(self) -> None:
        with pytest.raises(UnknownKeyError, match="ids that have signals"):
            fit_propensity({"a": Signals()}, {"a": True, "b": False}, as_of=AS_OF)

    @pytest.mark.parametrize(
        ("signals", "accepted", "match"),
        [
            (
                {"a": Signals(), "b": Signals()},
                {"a": 1, "b": False},
                r"accepted\['a'\]",
            ),
            (
                {"a": {"nps": 9}, "b": Signals()},
                {"a": True, "b": False},
                r"signals\['a'\]",
            ),
            ([("a", Signals())], {"a": True}, r"fit_propensity\.signals"),
        ],
    )
    def test_wrong_kinds(self, signals: object, accepted: object, match: str) -> None:
        with pytest.raises(InvalidTypeError, match=match):
            fit_propensity(signals, accepted, as_of=AS_OF)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("option", "value"), [("penalty", 0), ("folds", 1), ("min_gain", 2)]
    )
    def test_options_out_of_range(self, option: str, value: float) -> None:
        with pytest.raises(InvalidValueError, match=option):
            fit_propensity({}, {}, as_of=AS_OF, **{option: value})  # type: ignore[arg-type]

    def test_nothing_predicts_acceptance(self) -> None:
        signals = {f"p{i}": Signals(nps=10 if i < 10 else 0) for i in range(20)}
        accepted = {f"p{i}": i >= 10 for i in range(20)}  # promoters all declined
        with pytest.raises(InvalidValueError, match="predicts acceptance"):
            fit_propensity(signals, accepted, as_of=AS_OF)


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
