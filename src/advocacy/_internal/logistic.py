"""An L2-penalised logistic regression on grouped 0/1 features, and its measures.

Rows are grouped by their pattern of features (`Groups`: pattern to people
and accepted), so every step costs the number of patterns, not of people.
`fit_logistic` is damped Newton's method; `roc_auc` the Mann-Whitney area
under the ROC curve; `log_loss` the mean negative log-likelihood. Propensity
(`advocacy._scoring.propensity`) is the one user; the formulas are in
docs/explanation/propensity.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

__all__ = [
    "MAX_STEPS",
    "TOLERANCE",
    "Groups",
    "Pattern",
    "fit_logistic",
    "inverse_diagonal",
    "log_loss",
    "objective",
    "roc_auc",
    "sigmoid",
    "softplus",
    "solve_linear",
]

MAX_STEPS: Final = 100
TOLERANCE: Final = 1e-10

Pattern = tuple[int, ...]
Groups = dict[Pattern, tuple[int, int]]  # pattern -> (people, accepted)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


def solve_linear(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve `matrix @ x = vector` by Gaussian elimination with partial pivoting.

    The matrix is the penalised Hessian of a logistic regression: symmetric
    positive definite, so the pivots never vanish.
    """
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def objective(groups: Groups, beta: Sequence[float], penalty: float) -> float:
    """The penalised log-likelihood the fit maximises."""
    total = 0.0
    for pattern, (people, accepted) in groups.items():
        z = beta[0] + sum(b * v for b, v in zip(beta[1:], pattern, strict=True))
        # log p = -log(1 + e^-z) and log(1 - p) = -log(1 + e^z), computed stably.
        total -= accepted * softplus(-z) + (people - accepted) * softplus(z)
    return total - penalty / 2 * sum(b * b for b in beta[1:])


def softplus(z: float) -> float:
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def fit_logistic(
    groups: Groups, size: int, penalty: float
) -> tuple[list[float], list[list[float]], bool]:
    """Damped Newton's method for the penalised logistic regression.

    Maximises the sum over patterns of [y log p + (n - y) log(1 - p)] less
    penalty/2 times the squared weights (the intercept, index 0, is not
    penalised). The objective is strictly concave, so Newton's direction
    always climbs; the step is halved until the objective does not fall,
    which makes the method converge from any start, though with a tiny
    penalty and outcomes a criterion separates perfectly the optimum lies so
    far out that the step cap may come first. Returns the coefficients, the
    Hessian at them and whether the steps converged.
    """
    beta = [0.0] * (size + 1)
    hessian: list[list[float]] = []
    step = [math.inf]
    steps = 0
    while max(abs(s) for s in step) >= TOLERANCE and steps < MAX_STEPS:
        steps += 1
        gradient = [0.0] * (size + 1)
        hessian = [[0.0] * (size + 1) for _ in range(size + 1)]
        for pattern, (people, accepted) in sorted(groups.items()):
            x = (1, *pattern)
            p = sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
            residual = accepted - people * p
            weight = people * p * (1 - p)
            for i in range(size + 1):
                if x[i]:
                    gradient[i] += residual
                    for j in range(size + 1):
                        if x[j]:
                            hessian[i][j] += weight
        for i in range(1, size + 1):
            gradient[i] -= penalty * beta[i]
            hessian[i][i] += penalty
        step = solve_linear(hessian, gradient)
        current = objective(groups, beta, penalty)
        while (
            objective(groups, [b + s for b, s in zip(beta, step, strict=True)], penalty)
            < current
            and max(abs(s) for s in step) >= TOLERANCE
        ):
            step = [s / 2 for s in step]
        beta = [b + s for b, s in zip(beta, step, strict=True)]
    return beta, hessian, max(abs(s) for s in step) < TOLERANCE


def roc_auc(scored: Sequence[tuple[float, int, int]]) -> float:
    """Area under the ROC curve from (score, people, accepted) groups.

    The probability that a random accepter scores above a random decliner,
    ties counting half (the Mann-Whitney statistic).
    """
    positives = sum(accepted for _, _, accepted in scored)
    negatives = sum(people - accepted for _, people, accepted in scored)
    by_score: dict[float, list[int]] = {}
    for score, people, accepted in scored:
        tally = by_score.setdefault(score, [0, 0])
        tally[0] += accepted
        tally[1] += people - accepted
    wins = 0.0
    negatives_below = 0
    for score in sorted(by_score):
        pos, neg = by_score[score]
        wins += pos * (negatives_below + neg / 2)
        negatives_below += neg
    return wins / (positives * negatives)


def log_loss(groups: Groups, beta: Sequence[float]) -> float:
    total = 0.0
    people_total = 0
    for pattern, (people, accepted) in groups.items():
        p = sigmoid(
            beta[0] + sum(b * v for b, v in zip(beta[1:], pattern, strict=True))
        )
        p = min(max(p, 1e-15), 1 - 1e-15)
        total -= accepted * math.log(p) + (people - accepted) * math.log(1 - p)
        people_total += people
    return total / people_total


def inverse_diagonal(matrix: list[list[float]]) -> list[float]:
    n = len(matrix)
    return [
        solve_linear(matrix, [float(i == j) for j in range(n)])[i] for i in range(n)
    ]
