"""Checks derived from annotations: what each kind of type accepts and refuses."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import pendulum
import pytest

from advocacy import Tier
from advocacy._internal.checks import Refusal
from advocacy._internal.typed import check_for


def refusal(hint: Any, value: object) -> Refusal | None:
    check = check_for(hint)
    return check(check.normalise(value))


class TestScalars:
    def test_decimals_must_be_finite(self) -> None:
        assert refusal(Decimal, Decimal("1.5")) is None
        found = refusal(Decimal, Decimal("NaN"))
        assert found is not None
        assert found.expected == "a finite Decimal; NaN and infinity are not accepted"
        assert not found.wrong_type
        wrong = refusal(Decimal, 1.5)
        assert wrong is not None
        assert wrong.wrong_type

    def test_dates_fractions_and_none(self) -> None:
        assert refusal(pendulum.Date, pendulum.date(2026, 1, 1)) is None
        assert refusal(Fraction, Fraction(1, 3)) is None
        assert refusal(type(None), None) is None
        none = refusal(type(None), 0)
        assert none is not None
        assert none.expected == "None"

    def test_anything_goes_for_any_object_and_callables(self) -> None:
        for hint in (Any, object, Callable[[int], int]):
            assert refusal(hint, object()) is None

    def test_literals(self) -> None:
        assert refusal(Literal["a", "b"], "a") is None
        found = refusal(Literal["a", "b"], "c")
        assert found is not None
        assert found.expected == "one of ['a', 'b']"

    def test_an_unknown_kind_of_hint_checks_nothing(self) -> None:
        assert refusal("not a type", 5) is None


class TestUnions:
    def test_a_value_a_member_takes_as_it_is_stays_as_it_is(self) -> None:
        check = check_for(int | float)
        assert check.normalise(88.0) == 88.0
        assert type(check.normalise(88.0)) is float

    def test_otherwise_the_first_member_that_takes_its_plain_form(self) -> None:
        check = check_for(int | str)
        assert type(check.normalise(9.0)) is int
        assert check(check.normalise(9.0)) is None
        assert check.normalise(object) is object
        found = check(object)
        assert found is not None
        assert found.expected == "an int or a str"


class TestContainers:
    def test_fixed_tuples_name_the_item(self) -> None:
        hint = tuple[int, str]
        assert refusal(hint, (1, "a")) is None
        found = refusal(hint, (1, 2))
        assert found is not None
        assert found.expected == "a tuple of 2 items; item 1 is not a string"
        assert refusal(hint, (1,)) is not None
        assert check_for(hint).normalise([1, "a"]) == [1, "a"]

    def test_item_tuples_normalise_their_items(self) -> None:
        check = check_for(tuple[int, ...])
        assert check.normalise((Decimal(2), 3.0)) == (2, 3)
        assert check.normalise("not a tuple") == "not a tuple"
        found = check((1, "x"))
        assert found is not None
        assert found.expected.startswith("a tuple of int; item 1 is not an integer")

    def test_frozensets_name_the_item(self) -> None:
        found = refusal(frozenset[Tier], frozenset({"gold"}))
        assert found is not None
        assert "'gold' is not a Tier" in found.expected

    def test_mappings_name_the_key_and_the_value(self) -> None:
        hint = Mapping[str, int]
        assert refusal(hint, {"a": 1}) is None
        key = refusal(hint, {1: 1})
        assert key is not None
        assert key.expected == "a mapping; key 1 is not a string"
        value = refusal(hint, {"a": "b"})
        assert value is not None
        assert value.expected == "a mapping; the value of 'a' is not an integer"
        assert refusal(dict[str, int], [("a", 1)]) is not None


@pytest.mark.parametrize(
    ("hint", "value"), [(int, True), (float, float("inf")), (str, 5), (Tier, "gold")]
)
def test_scalars_refuse_the_wrong_kind(hint: Any, value: object) -> None:
    assert refusal(hint, value) is not None


def test_a_union_of_containers_is_named_by_its_members() -> None:
    found = refusal(tuple[int, int] | str, 5)
    assert found is not None
    assert found.expected == "a tuple[int, int] or a str"


def test_item_containers_refuse_another_container() -> None:
    found = refusal(tuple[str, ...], ["a"])
    assert found is not None
    assert found.expected == "a tuple of str"
    assert found.wrong_type
    assert refusal(tuple[str, ...], ("a", "b")) is None
