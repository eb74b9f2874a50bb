"""Named checks normalise what other libraries hand over, and nothing else."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from advocacy._internal.checks import FRACTION, plain_bool, plain_int, plain_real

np = pytest.importorskip("numpy")


class TestPlainInt:
    def test_integers_of_any_width_become_ints(self) -> None:
        for kind in (np.int8, np.uint16, np.int64):
            assert type(plain_int(kind(7))) is int
        assert plain_int(np.int32(-3)) == -3

    def test_integral_floats_become_ints(self) -> None:
        assert plain_int(9.0) == 9
        assert type(plain_int(np.float32(9.0))) is int

    def test_everything_else_is_left_for_the_check(self) -> None:
        for value in (9.5, float("nan"), float("inf"), Fraction(9, 1), Decimal(9), "9"):
            assert plain_int(value) is value
        for value in (True, np.True_):
            assert plain_int(value) is value


class TestPlainReal:
    def test_ints_stay_ints_and_floats_floats(self) -> None:
        assert type(plain_real(88)) is int
        assert type(plain_real(np.int16(88))) is int
        assert type(plain_real(88.5)) is float

    def test_exact_and_numpy_floats_become_floats(self) -> None:
        assert plain_real(Decimal("0.7")) == 0.7
        assert plain_real(Fraction(1, 4)) == 0.25
        assert type(plain_real(np.float16(0.5))) is float

    def test_booleans_and_other_things_are_left_for_the_check(self) -> None:
        for value in (True, np.False_, "0.5", None):
            assert plain_real(value) is value


def test_numpy_bools_become_bools() -> None:
    assert plain_bool(np.True_) is True
    assert plain_bool(np.False_) is False
    assert plain_bool(1) == 1
    assert type(plain_bool(1)) is int


class TestPercentHint:
    @pytest.mark.parametrize(
        ("value", "hint"),
        [
            (2, "this looks like a percentage; did you mean 0.02?"),
            (73, "this looks like a percentage; did you mean 0.73?"),
            (100, "this looks like a percentage; did you mean 1?"),
            (1.5, None),  # a ratio just above 1, not 1.5%
            (1.99, None),
            (100.5, None),
            (-5, None),
        ],
    )
    def test_only_a_value_that_reads_as_a_percentage_gets_the_hint(
        self, value: float, hint: str | None
    ) -> None:
        refusal = FRACTION(value)
        assert refusal is not None
        assert refusal.hint == hint
