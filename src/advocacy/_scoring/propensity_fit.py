"""What `fit_propensity` returns: the learned points and the fit's quality.

A `LearnedWeight` says what history shows about one criterion (its
coefficient with a standard error, how often it was met, accepted or not,
and the points it earns); a `PropensityFit` holds them all, the learned
model, and the honest measures of the fit against the original model
(log-loss against the base rate, in-sample and cross-validated AUC), with
its warnings and verdict.

Keep the formulas here in step with docs/explanation/propensity.md.
"""

from __future__ import annotations

import html
from typing import Any, Final

import attrs

from advocacy._internal.checks import (
    FRACTION,
    integer,
    number,
    optional,
    repeated_hint,
    text,
)
from advocacy._internal.text import percent_text
from advocacy._internal.validation import check_fields, checked
from advocacy._scoring.model import ScoringModel
from advocacy.exceptions import InvalidValueError

__all__ = ["MIN_EVENTS_PER_CRITERION", "LearnedWeight", "PropensityFit"]


_COUNT: Final = checked(integer(0))
_AUC: Final = checked(FRACTION)
_CV_AUC: Final = checked(optional(FRACTION))

MIN_EVENTS_PER_CRITERION: Final = 10
"""Fewer accepted (or declined) invitations than this per criterion is flagged.

The usual rule of thumb for logistic regression: about ten events per
estimated weight, or the weights are mostly noise.
"""


@attrs.frozen
class LearnedWeight:
    """What history says about one criterion.

    Attributes:
        name: The criterion's name.
        label: Its label.
        original_points: Its points in the model that was fitted (at least 1).
        coefficient: Change in the log-odds of accepting when the criterion
            is met, all else equal (penalised estimate).
        standard_error: Approximate standard error of the coefficient (0 or
            more).
        odds_ratio: `exp(coefficient)`: how many times the odds of accepting
            multiply when the criterion is met (0 or more).
        points: Its learned points (0: dropped, no evidence it helps).
        met: People invited who met the criterion.
        met_accepted: Of those, how many accepted (0 to `met`).
        unmet: People invited who did not meet it.
        unmet_accepted: Of those, how many accepted (0 to `unmet`).
    """

    name: str = attrs.field(metadata=checked(text))
    label: str
    original_points: int = attrs.field(metadata=checked(integer(1)))
    coefficient: float
    standard_error: float = attrs.field(metadata=checked(number(0)))
    # Not "above 0": exp() of a very negative coefficient underflows to 0.0.
    odds_ratio: float = attrs.field(metadata=checked(number(0)))
    points: int = attrs.field(metadata=_COUNT)
    met: int = attrs.field(metadata=_COUNT)
    met_accepted: int = attrs.field(metadata=_COUNT)
    unmet: int = attrs.field(metadata=_COUNT)
    unmet_accepted: int = attrs.field(metadata=_COUNT)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that acceptances are among those counted."""
        check_fields(self)
        for accepted, group in (("met_accepted", "met"), ("unmet_accepted", "unmet")):
            value, most = getattr(self, accepted), getattr(self, group)
            if value > most:
                raise InvalidValueError(
                    "LearnedWeight",
                    accepted,
                    value,
                    f"an integer from 0 to {group} ({most})",
                )

    @property
    def met_rate(self) -> float | None:
        """Acceptance rate of those who met the criterion (None if nobody did)."""
        return self.met_accepted / self.met if self.met else None

    @property
    def unmet_rate(self) -> float | None:
        """Acceptance rate of those who did not (None if everybody met it)."""
        return self.unmet_accepted / self.unmet if self.unmet else None


@attrs.frozen(repr=False)
class PropensityFit:
    """A fitted propensity model and how well it predicts acceptance.

    Attributes:
        model: The learned scoring model: the original criteria with learned
            points (criteria with no positive weight dropped), scaled to the
            original maximum, with the original threshold.
        weights: One row per original criterion, in model order (at least
            one; names are unique).
        intercept: Log-odds of accepting when no criterion is met.
        observations: People in the history (at least 2).
        accepted: How many of them accepted (at least 1, and at least one
            declined).
        log_loss: Mean negative log-likelihood of the fitted probabilities
            (0 or more).
        base_log_loss: The same for the base rate alone (no criteria; above
            0).
        auc: Area under the ROC curve of the fitted probabilities, in sample
            (0 to 1).
        original_auc: The same for the original model's score totals (0 to
            1).
        cv_auc: Cross-validated AUC of the learned weights (each person
            predicted by a fit that did not see them), 0 to 1, or `None`
            when there are too few people for the folds.
        original_cv_auc: The original model's AUC on the same people (it is
            not fitted, so it needs no folds), 0 to 1; `None` exactly when
            `cv_auc` is.
        warnings: Reasons to distrust the fit (too few events, a criterion
            met by everyone or no one).
        min_gain: The cross-validated AUC gain over the original model that
            counts as better (0 to 1).
    """

    model: ScoringModel
    weights: tuple[LearnedWeight, ...]
    intercept: float
    observations: int = attrs.field(metadata=checked(integer(2)))
    accepted: int = attrs.field(metadata=checked(integer(1)))
    log_loss: float = attrs.field(metadata=checked(number(0)))
    base_log_loss: float = attrs.field(metadata=checked(number(above=0)))
    auc: float = attrs.field(metadata=_AUC)
    original_auc: float = attrs.field(metadata=_AUC)
    cv_auc: float | None = attrs.field(metadata=_CV_AUC)
    original_cv_auc: float | None = attrs.field(metadata=_CV_AUC)
    warnings: tuple[str, ...]
    min_gain: float = attrs.field(metadata=checked(FRACTION))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the counts, weights and model agree."""
        check_fields(self)
        if self.accepted >= self.observations:
            raise InvalidValueError(
                "PropensityFit",
                "accepted",
                self.accepted,
                f"an integer from 1 to {self.observations - 1} (observations "
                "less one: someone must have declined)",
            )
        if (self.cv_auc is None) is not (self.original_cv_auc is None):
            raise InvalidValueError(
                "PropensityFit",
                "original_cv_auc",
                self.original_cv_auc,
                "None exactly when cv_auc is None",
            )
        self._check_weights()

    def _check_weights(self) -> None:
        """Each weight counts everyone; the model holds the weights with points."""
        if not self.weights:
            raise InvalidValueError(
                "PropensityFit", "weights", self.weights, "at least one LearnedWeight"
            )
        names = tuple(w.name for w in self.weights)
        twice = repeated_hint(names)
        if twice is not None:
            raise InvalidValueError(
                "PropensityFit",
                "weights",
                names,
                "weights with unique criterion names",
                twice,
            )
        for index, w in enumerate(self.weights):
            if w.met + w.unmet != self.observations:
                raise InvalidValueError(
                    "PropensityFit",
                    f"weights[{index}].met",
                    w.met,
                    f"observations less unmet ({self.observations - w.unmet}): "
                    "everyone invited met the criterion or did not",
                )
            if w.met_accepted + w.unmet_accepted != self.accepted:
                raise InvalidValueError(
                    "PropensityFit",
                    f"weights[{index}].met_accepted",
                    w.met_accepted,
                    f"accepted less unmet_accepted "
                    f"({self.accepted - w.unmet_accepted}): everyone who "
                    "accepted met the criterion or did not",
                )
        kept = tuple((w.name, w.points) for w in self.weights if w.points)
        learned = tuple((c.name, c.points) for c in self.model.criteria)
        if learned != kept:
            raise InvalidValueError(
                "PropensityFit",
                "model",
                learned,
                f"the weights with points, in order, as (name, points): {kept}",
            )
        original = sum(w.original_points for w in self.weights)
        if self.model.maximum != original:
            raise InvalidValueError(
                "PropensityFit",
                "model",
                f"maximum {self.model.maximum}",
                f"the original maximum, {original}",
            )

    @property
    def base_rate(self) -> float:
        """Share of the people invited who accepted."""
        return self.accepted / self.observations

    @property
    def pseudo_r2(self) -> float:
        """McFadden's pseudo-R²: 1 - log_loss / base_log_loss (0 = no better)."""
        return 1 - self.log_loss / self.base_log_loss

    @property
    def reliable(self) -> bool:
        """Whether the fit raised no warnings."""
        return not self.warnings

    @property
    def beats_original(self) -> bool | None:
        """Whether the learned weights rank people better out of sample.

        True when the cross-validated AUC of the learned weights beats the
        original model's AUC on the same people by at least `min_gain`;
        `None` when there was too little data for cross-validation. In-sample
        AUC always flatters the fitted weights, so only the cross-validated
        figure decides, and a gain too small to matter keeps the points people
        already understand.
        """
        if self.cv_auc is None or self.original_cv_auc is None:
            return None
        return self.cv_auc >= self.original_cv_auc + self.min_gain

    @property
    def verdict(self) -> str:
        """What to do with the fit, in one sentence."""
        if self.beats_original is None:
            return "too little history to cross-validate: keep the original points"
        if not self.reliable:
            return "the fit has warnings: treat the learned points as a hint only"
        if self.beats_original:
            return "the learned points rank people better out of sample: adopt them"
        return (
            "the learned points do not beat the original out of sample by "
            f"{self.min_gain:g} AUC: keep the original"
        )

    def explain(self) -> str:
        """The fit in words: quality first, then one line per criterion."""
        lines = [
            (
                f"{self.accepted} of {self.observations} accepted "
                f"(base rate {self.base_rate:.1%})"
            ),
            (
                f"log-loss {self.log_loss:.4f} vs {self.base_log_loss:.4f} for the "
                f"base rate alone (pseudo-R² {self.pseudo_r2:.3f})"
            ),
            f"AUC {self.auc:.3f} learned vs {self.original_auc:.3f} original"
            + (
                ""
                if self.cv_auc is None
                else f"; cross-validated {self.cv_auc:.3f} vs "
                f"{self.original_cv_auc:.3f}"
            ),
        ]
        for w in self.weights:
            met, unmet = percent_text(w.met_rate), percent_text(w.unmet_rate)
            lines.append(
                f"  {w.label or w.name}: {w.original_points} -> {w.points} points "
                f"(odds x{w.odds_ratio:.2f}; accepted {met} if met, {unmet} if not)"
            )
        lines += [f"  warning: {warning}" for warning in self.warnings]
        lines.append(f"verdict: {self.verdict}")
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per criterion, ready for `pandas.DataFrame`."""
        return [attrs.asdict(w) for w in self.weights]

    def __repr__(self) -> str:
        """`PropensityFit(n=300, accepted=96, AUC 0.71 vs 0.66 original, ...)`."""
        points = ", ".join(f"{w.name} {w.points}" for w in self.weights)
        return (
            f"PropensityFit(n={self.observations}, accepted={self.accepted}, "
            f"AUC {self.auc:.3f} vs {self.original_auc:.3f} original; {points})"
        )

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{h}</th>"
            for h in ("criterion", "points", "learned", "odds ratio", "met", "not met")
        )
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (
                    w.label or w.name,
                    w.original_points,
                    w.points,
                    f"{w.odds_ratio:.2f}",
                    f"{w.met_accepted}/{w.met}",
                    f"{w.unmet_accepted}/{w.unmet}",
                )
            )
            + "</tr>"
            for w in self.weights
        )
        return (
            f"<table><caption>AUC {self.auc:.3f} learned vs "
            f"{self.original_auc:.3f} original</caption><tr>{head}</tr>{rows}</table>"
        )
