"""Propensity: learn a scoring model's points from who accepted an invitation.

The hand-picked points of the default model are a start. Once a program has invited
people and seen who accepted, `fit_propensity` learns how much each
criterion really predicts acceptance and turns that into a new model with
the same criteria, the same maximum and the same threshold, and new points.

The fit is an L2-penalised logistic regression of acceptance on the
criteria's met/not-met indicators, solved exactly by Newton's method. Rows
are grouped by their pattern of met criteria (at most 2^k patterns for k
criteria), so the cost does not grow with the number of people once they are
scored. Quality is reported honestly: log-loss against the base rate alone,
and the area under the ROC curve in sample and by k-fold cross-validation,
for the learned weights and for the original model's score.

Keep the formulas here in step with docs/explanation/propensity.md.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Final

import attrs
import pendulum

from advocacy._internal.checks import (
    instance_of,
    integer,
    number,
)
from advocacy._internal.logistic import (
    MAX_STEPS,
    Groups,
    Pattern,
    fit_logistic,
    inverse_diagonal,
    log_loss,
    roc_auc,
    sigmoid,
)
from advocacy._internal.validation import as_date, require
from advocacy._model.customers import Signals
from advocacy._scoring.model import ScoringModel
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError

__all__ = ["fit_propensity"]
from advocacy._scoring.propensity_fit import (
    MIN_EVENTS_PER_CRITERION,
    LearnedWeight,
    PropensityFit,
)


def _learned_points(coefficients: Sequence[float], maximum: int) -> list[int]:
    """Positive coefficients scaled to `maximum` points, largest remainders first.

    Every positive coefficient gets at least one point, so a criterion with
    real (if small) evidence is kept.
    """
    positive = [max(c, 0.0) for c in coefficients]
    kept = [i for i, c in enumerate(positive) if c > 0]
    floor_each = dict.fromkeys(kept, 1)
    spare = maximum - len(kept)
    total = sum(positive)
    shares = {i: spare * positive[i] / total for i in kept}
    points = {i: floor_each[i] + math.floor(shares[i]) for i in kept}
    left = maximum - sum(points.values())
    for i in sorted(kept, key=lambda i: (-(shares[i] - math.floor(shares[i])), i))[
        :left
    ]:
        points[i] += 1
    return [points.get(i, 0) for i in range(len(coefficients))]


def _check_history(
    signals: Mapping[str, Signals], accepted: Mapping[str, bool]
) -> None:
    owner = "fit_propensity"
    require(owner, "signals", signals, _MAPPING)
    require(owner, "accepted", accepted, _MAPPING)
    for person, outcome in accepted.items():
        if type(outcome) is not bool:
            raise InvalidTypeError(
                owner, f"accepted[{person!r}]", outcome, "True or False"
            )
        if person not in signals:
            raise UnknownKeyError(
                owner, "accepted", person, "ids that have signals in `signals`"
            )
        if not isinstance(signals[person], Signals):
            raise InvalidTypeError(
                owner, f"signals[{person!r}]", signals[person], "a Signals"
            )
    outcomes = Counter(accepted.values())
    if not outcomes[True] or not outcomes[False]:
        raise InvalidValueError(
            owner,
            "accepted",
            f"{outcomes[True]} accepted, {outcomes[False]} declined",
            "at least one acceptance and one refusal to learn from",
        )


_MAPPING: Final = instance_of(Mapping, "a mapping of id to value")


def fit_propensity(
    signals: Mapping[str, Signals],
    accepted: Mapping[str, bool],
    *,
    as_of: pendulum.Date,
    model: ScoringModel | None = None,
    penalty: float = 1.0,
    folds: int = 5,
    min_gain: float = 0.01,
) -> PropensityFit:
    """Learn a model's points from who accepted an advocacy invitation.

    Each person invited is scored under `model` on `as_of`; the indicators of
    which criteria they met are regressed on whether they accepted (logistic
    regression, L2 penalty `penalty` on the weights, not the intercept).
    Positive weights become points, scaled to the model's maximum; criteria
    with no positive weight are dropped from the learned model.

    Args:
        signals: Person id to signals (may hold people never invited).
        accepted: For each person invited, whether they accepted.
        as_of: The date their signals describe (tenure is measured to it).
        model: The model whose criteria are reweighted;
            `ScoringModel.default()` if `None`.
        penalty: L2 penalty; larger shrinks the weights towards 0 (more
            caution with little data). Must be positive, which also keeps the
            fit finite when a criterion separates the outcomes perfectly.
        folds: Folds for the cross-validated AUC (2 or more); people are
            assigned to folds by their id's position in sorted order.
        min_gain: How much higher the cross-validated AUC must be than the
            original model's for the fit to recommend the learned points
            (0 to 1).

    Returns:
        The learned model, one `LearnedWeight` per criterion and the fit's
        quality.

    Raises:
        InvalidValueError: Nobody accepted, or nobody declined, or
            `penalty` or `folds` is out of range.
        UnknownKeyError: An id in `accepted` has no signals.
        InvalidTypeError: An outcome is not a bool or a signal not a
            `Signals`.
    """
    day = as_date("fit_propensity", "as_of", as_of)
    require("fit_propensity", "penalty", penalty, number(above=0))
    require("fit_propensity", "folds", folds, integer(2))
    require("fit_propensity", "min_gain", min_gain, number(0, 1))
    scorer = ScoringModel.default() if model is None else model
    _check_history(signals, accepted)
    people = sorted(accepted)
    size = len(scorer.criteria)

    patterns: dict[str, Pattern] = {}
    totals: dict[str, int] = {}
    for person in people:
        score = scorer.score(signals[person], as_of=day)
        patterns[person] = tuple(int(row.awarded) for row in score.rows)
        totals[person] = score.total

    def grouped(subset: Sequence[str]) -> Groups:
        counts: dict[Pattern, list[int]] = {}
        for person in subset:
            tally = counts.setdefault(patterns[person], [0, 0])
            tally[0] += 1
            tally[1] += accepted[person]
        return {k: (v[0], v[1]) for k, v in counts.items()}

    groups = grouped(people)
    beta, hessian, converged = fit_logistic(groups, size, penalty)
    covariance_diagonal = inverse_diagonal(hessian)

    def probability(coefficients: Sequence[float], pattern: Pattern) -> float:
        return sigmoid(
            coefficients[0]
            + sum(b * v for b, v in zip(coefficients[1:], pattern, strict=True))
        )

    auc = roc_auc([(probability(beta, k), n, y) for k, (n, y) in groups.items()])
    original = roc_auc([(float(totals[p]), 1, int(accepted[p])) for p in people])

    cv_auc = original_cv = None
    held_out: list[tuple[float, int, int]] = []
    fold_of = {person: index % folds for index, person in enumerate(people)}
    for fold in range(folds):
        train = [p for p in people if fold_of[p] != fold]
        test = [p for p in people if fold_of[p] == fold]
        if not test or len({accepted[p] for p in train}) < 2:
            break
        fold_beta, _, _ = fit_logistic(grouped(train), size, penalty)
        held_out += [
            (probability(fold_beta, patterns[p]), 1, int(accepted[p])) for p in test
        ]
    else:
        # Every person was held out once, so both outcomes are present.
        cv_auc, original_cv = roc_auc(held_out), original

    rates = _rates(people, patterns, accepted, size)
    points = _learned_points(beta[1:], scorer.maximum)
    weights = tuple(
        LearnedWeight(
            name=c.name,
            label=c.label,
            original_points=c.points,
            coefficient=beta[i + 1],
            standard_error=math.sqrt(covariance_diagonal[i + 1]),
            odds_ratio=math.exp(beta[i + 1]),
            points=points[i],
            met=rates[i][0],
            met_accepted=rates[i][1],
            unmet=rates[i][2],
            unmet_accepted=rates[i][3],
        )
        for i, c in enumerate(scorer.criteria)
    )
    if not any(points):
        raise InvalidValueError(
            "fit_propensity",
            "accepted",
            "no criterion met more often by those who accepted",
            "a history in which at least one criterion predicts acceptance",
        )
    learned = ScoringModel(
        tuple(
            attrs.evolve(c, points=p)
            for c, p in zip(scorer.criteria, points, strict=True)
            if p
        ),
        qualify_above=scorer.qualify_above,
    )
    base = sum(accepted.values()) / len(people)
    return PropensityFit(
        model=learned,
        weights=weights,
        intercept=beta[0],
        observations=len(people),
        accepted=sum(accepted.values()),
        log_loss=log_loss(groups, beta),
        base_log_loss=log_loss(groups, [math.log(base / (1 - base))] + [0.0] * size),
        auc=auc,
        original_auc=original,
        cv_auc=cv_auc,
        original_cv_auc=original_cv,
        warnings=_warnings(
            weights, len(people), sum(accepted.values()), converged=converged
        ),
        min_gain=min_gain,
    )


def _rates(
    people: Sequence[str],
    patterns: Mapping[str, Pattern],
    accepted: Mapping[str, bool],
    size: int,
) -> list[tuple[int, int, int, int]]:
    rows = []
    for i in range(size):
        met = [p for p in people if patterns[p][i]]
        unmet = [p for p in people if not patterns[p][i]]
        rows.append(
            (
                len(met),
                sum(accepted[p] for p in met),
                len(unmet),
                sum(accepted[p] for p in unmet),
            )
        )
    return rows


def _warnings(
    weights: Sequence[LearnedWeight], people: int, accepted: int, *, converged: bool
) -> tuple[str, ...]:
    found = [] if converged else [f"the fit did not converge in {MAX_STEPS} steps"]
    events = min(accepted, people - accepted)
    needed = MIN_EVENTS_PER_CRITERION * len(weights)
    if events < needed:
        found.append(
            f"only {events} of the rarer outcome for {len(weights)} criteria; "
            f"about {needed} are needed for stable weights"
        )
    found += [
        f"{w.name}: met by {'everyone' if w.unmet == 0 else 'no one'} invited, "
        "so the history says nothing about it"
        for w in weights
        if w.met == 0 or w.unmet == 0
    ]
    found += [
        f"{w.name}: everyone who met it {'accepted' if w.met_accepted else 'declined'}"
        ", so its weight is set by the penalty, not the data"
        for w in weights
        if 0 < w.met < people and w.met_accepted in (0, w.met)
    ]
    return tuple(found)
