"""The penalised logistic regression behind propensity: its solver, fit and scores."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy._internal.logistic import (
    Groups,
    fit_logistic,
    inverse_diagonal,
    log_loss,
    objective,
    roc_auc,
    sigmoid,
    softplus,
    solve_linear,
)


class TestSigmoidAndSoftplus:
    def test_values(self) -> None:
        assert sigmoid(0.0) == 0.5
        assert sigmoid(math.log(3)) == pytest.approx(0.75)
        assert sigmoid(-math.log(3)) == pytest.approx(0.25)
        assert softplus(0.0) == pytest.approx(math.log(2))
        assert softplus(math.log(3)) == pytest.approx(math.log(4))

    def test_extremes_do_not_overflow(self) -> None:
        assert (sigmoid(-1000.0), sigmoid(1000.0)) == (0.0, 1.0)
        assert softplus(1000.0) == 1000.0
        assert softplus(-1000.0) == 0.0

    @given(st.floats(-700, 700))
    def test_symmetry(self, x: float) -> None:
        assert sigmoid(x) + sigmoid(-x) == pytest.approx(1.0)
        assert softplus(x) - softplus(-x) == pytest.approx(x, abs=1e-9)


class TestLinearAlgebra:
    def test_solve(self) -> None:
        # 2(0.8) + 1.4 = 3 and 0.8 + 3(1.4) = 5.
        assert solve_linear([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0]) == pytest.approx(
            [0.8, 1.4]
        )

    def test_solve_pivots_on_a_zero(self) -> None:
        assert solve_linear([[0.0, 1.0], [1.0, 0.0]], [2.0, 3.0]) == [3.0, 2.0]

    def test_inverse_diagonal(self) -> None:
        # The inverse of [[2, 1], [1, 3]] is [[3, -1], [-1, 2]] / 5.
        assert inverse_diagonal([[2.0, 1.0], [1.0, 3.0]]) == pytest.approx([0.6, 0.4])


class TestFit:
    def test_intercept_only_is_the_log_odds(self) -> None:
        beta, hessian, converged = fit_logistic({(): (4, 1)}, 0, 0.0)
        assert converged
        assert beta == pytest.approx([math.log(1 / 3)])
        # The information n p (1 - p) at p = 1/4.
        assert hessian[0] == pytest.approx([4 * 0.25 * 0.75])

    def test_one_criterion_unpenalised(self) -> None:
        # 2 of 10 without the criterion accept, 8 of 10 with it.
        beta, _, converged = fit_logistic({(0,): (10, 2), (1,): (10, 8)}, 1, 0.0)
        assert converged
        assert beta == pytest.approx([math.log(2 / 8), 2 * math.log(4)])

    def test_the_penalty_shrinks_the_weight_not_the_intercept(self) -> None:
        groups: Groups = {(0,): (10, 2), (1,): (10, 8)}
        free, _, _ = fit_logistic(groups, 1, 0.0)
        shrunk, _, _ = fit_logistic(groups, 1, 5.0)
        assert 0 < shrunk[1] < free[1]

    def test_objective_and_log_loss(self) -> None:
        assert objective({(1,): (2, 1)}, [0.0, 1.0], 2.0) == pytest.approx(
            -(softplus(-1.0) + softplus(1.0)) - 1.0
        )
        loss = log_loss({(): (4, 1)}, [math.log(1 / 3)])
        assert loss == pytest.approx(-(math.log(0.25) + 3 * math.log(0.75)) / 4)


class TestRocAuc:
    @pytest.mark.parametrize(
        ("scored", "auc"),
        [
            ([(0.2, 2, 0), (0.8, 2, 2)], 1.0),
            ([(0.1, 1, 1), (0.9, 1, 0)], 0.0),
            ([(0.5, 4, 2)], 0.5),
            # Accepters at 0.9 (1) and 0.5 (1), decliners at 0.5 (1) and 0.1 (1):
            # the pairs win 1 + 1 + 0.5 + 1 of 4.
            ([(0.9, 1, 1), (0.5, 2, 1), (0.1, 1, 0)], 0.875),
        ],
    )
    def test_worked_examples(
        self, scored: list[tuple[float, int, int]], auc: float
    ) -> None:
        assert roc_auc(scored) == auc
