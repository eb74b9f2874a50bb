"""The lenient converters: what each recognises it converts, the rest it returns."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

import pendulum
import pytest

from advocacy import Tier
from advocacy._internal.convert import (
    member,
    members,
    to_count_pair,
    to_date,
    to_datetime,
    to_float,
    to_frozenset,
    to_optional_date,
    to_optional_float,
    to_rate,
    to_tuple,
)

UNCHANGED: list[object] = [None, "soon", 3, ["a"], object()]


class TestNumbers:
    def test_exact_numbers_become_floats(self) -> None:
        assert to_float(Decimal("1.5")) == 1.5
        assert type(to_float(Fraction(1, 4))) is float
        assert to_optional_float(None) is None
        assert to_optional_float(Fraction(1, 2)) == 0.5

    @pytest.mark.parametrize(
        ("given", "rate"),
        [(0.25, Decimal("0.25")), (" 0.1 ", Decimal("0.1")), (2, Decimal(2))],
    )
    def test_rates_are_exact(self, given: float | str, rate: Decimal) -> None:
        converted = to_rate(given)
        assert (converted, type(converted)) == (rate, Decimal)

    @pytest.mark.parametrize("given", [True, "a quarter", None])
    def test_unreadable_rates_are_returned(self, given: object) -> None:
        assert to_rate(given) is given  # type: ignore[arg-type]


class TestDates:
    def test_dates_and_iso_strings(self) -> None:
        expected = pendulum.date(2026, 1, 31)
        for given in (datetime.date(2026, 1, 31), "2026-01-31", expected):
            converted = to_date(given)
            assert (converted, type(converted)) == (expected, pendulum.Date)
        assert to_optional_date(None) is None
        assert to_optional_date("2026-01-31") == expected

    @pytest.mark.parametrize(
        "given",
        ["31/01/2026", datetime.datetime(2026, 1, 31, 9), None, 20260131],  # noqa: DTZ001
    )
    def test_the_rest_is_returned_for_the_check(self, given: object) -> None:
        assert to_date(given) is given  # type: ignore[arg-type]

    def test_aware_datetimes(self) -> None:
        converted = to_datetime("2026-03-02T09:00:00+01:00")
        assert isinstance(converted, pendulum.DateTime)
        assert converted == pendulum.datetime(2026, 3, 2, 8, tz="UTC")
        utc = datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)
        assert isinstance(to_datetime(utc), pendulum.DateTime)
        already = pendulum.datetime(2026, 3, 2, 8)
        assert to_datetime(already) is already

    @pytest.mark.parametrize(
        "given",
        ["2026-03-02T09:00:00", "not a time", datetime.datetime(2026, 3, 2, 9), 7],  # noqa: DTZ001
    )
    def test_naive_or_unreadable_datetimes_are_returned(self, given: object) -> None:
        assert to_datetime(given) is given  # type: ignore[arg-type]


class TestCollections:
    def test_iterables_become_frozensets_and_tuples(self) -> None:
        assert to_frozenset(["b", "a", "b"]) == frozenset({"a", "b"})
        assert to_tuple(iter([2, 1])) == (2, 1)
        assert to_count_pair([1, 3]) == (1, 3)
        assert to_count_pair(None) is None

    def test_an_unhashable_item_keeps_the_items_in_order(self) -> None:
        assert to_frozenset([["a"], "b"]) == (["a"], "b")

    @pytest.mark.parametrize("given", ["abc", 5, None, frozenset({"a"})])
    def test_strings_and_non_iterables_are_returned(self, given: object) -> None:
        assert to_frozenset(given) is given  # type: ignore[arg-type]

    @pytest.mark.parametrize("given", ["abc", {"a": 1}, 5, (1, 2)])
    def test_tuples_strings_and_mappings_are_returned(self, given: object) -> None:
        assert to_tuple(given) is given  # type: ignore[arg-type]


class TestMembers:
    def test_values_become_members_exactly(self) -> None:
        assert member(Tier, "champion") is Tier.CHAMPION
        assert member(Tier, Tier.ADVOCATE) is Tier.ADVOCATE
        assert member(Tier, "Champion") == "Champion"
        assert member(Tier, ["champion"]) == ["champion"]

    def test_collections_of_members(self) -> None:
        assert members(Tier, ["champion", "gold"]) == frozenset({Tier.CHAMPION, "gold"})
        assert members(Tier, "champion") == "champion"
