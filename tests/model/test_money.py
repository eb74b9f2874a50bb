"""Money: exact amounts, one currency, floats refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import Money, from_dict, to_dict
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    ValidationError,
)
from tests.strategies import amounts, currencies, money


class TestConstruction:
    @pytest.mark.parametrize(
        "amount", [Decimal("2400000"), 2400000, "2400000", "2,400,000", " 2_400_000 "]
    )
    def test_exact_amounts(self, amount: object) -> None:
        assert Money(amount, "USD").amount == Decimal(2400000)  # type: ignore[arg-type]

    def test_currency_is_upper_cased(self) -> None:
        assert Money(1, " usd ").currency == "USD"

    def test_float_is_refused_with_a_hint(self) -> None:
        with pytest.raises(InvalidTypeError) as caught:
            Money(0.1, "USD")  # type: ignore[arg-type]
        assert caught.value.field == "amount"
        assert "Money.amount: got 0.1" in str(caught.value)
        assert "Decimal('0.1')" in str(caught.value)
        assert isinstance(caught.value, TypeError)

    @pytest.mark.parametrize(
        ("amount", "error"),
        [
            ("NaN", InvalidValueError),
            (Decimal("Infinity"), InvalidValueError),
            ("lots", InvalidValueError),
            (True, InvalidTypeError),
            (None, InvalidTypeError),
        ],
    )
    def test_bad_amounts(self, amount: object, error: type[Exception]) -> None:
        with pytest.raises(error, match=r"Money\.amount"):
            Money(amount, "USD")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("currency", "error"),
        [
            ("US", InvalidValueError),
            ("XYZ", InvalidValueError),
            (840, InvalidTypeError),
        ],
    )
    def test_bad_currency(self, currency: object, error: type[Exception]) -> None:
        with pytest.raises(error, match=r"Money\.currency.*ISO 4217"):
            Money(1, currency)  # type: ignore[arg-type]

    def test_zero(self) -> None:
        assert Money.zero("EUR") == Money(0, "EUR")
        assert Money.zero("EUR").is_zero()


class TestArithmetic:
    def test_add_and_subtract(self) -> None:
        a, b = Money("1200000", "USD"), Money("800000.50", "USD")
        assert a.add(b) == Money("2000000.50", "USD")
        assert a.subtract(b) == Money("399999.50", "USD")

    def test_usd_plus_eur_is_refused(self) -> None:
        with pytest.raises(CurrencyMismatchError, match="USD and EUR") as caught:
            Money(1, "USD").add(Money(1, "EUR"))
        assert caught.value.currencies == ("USD", "EUR")
        assert isinstance(caught.value, ValidationError)

    def test_multiply_and_divide(self) -> None:
        assert Money("250000", "USD").multiply(Decimal("4.8")) == Money(
            "1200000", "USD"
        )
        assert Money("10", "USD").divide(4) == Money("2.5", "USD")
        with pytest.raises(InvalidTypeError, match="multiply"):
            Money(1, "USD").multiply(1.5)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="non-zero divisor"):
            Money(1, "USD").divide(0)

    def test_ratio(self) -> None:
        assert Money("1200000", "USD").ratio(Money("250000", "USD")) == Decimal("4.8")
        with pytest.raises(InvalidValueError, match="non-zero amount"):
            Money(1, "USD").ratio(Money.zero("USD"))
        with pytest.raises(CurrencyMismatchError):
            Money(1, "USD").ratio(Money(1, "GBP"))

    def test_comparison_within_one_currency(self) -> None:
        small, large = Money(1, "USD"), Money(2, "USD")
        assert small < large
        assert small <= large
        assert large > small
        assert large >= small
        with pytest.raises(CurrencyMismatchError):
            assert small < Money(2, "EUR")
        with pytest.raises(InvalidTypeError, match="a Money"):
            assert small < 2  # type: ignore[operator]

    def test_total(self) -> None:
        items = [Money(1, "USD"), Money("2.5", "USD")]
        assert Money.total(items, currency="USD") == Money("3.5", "USD")
        assert Money.total([], currency="usd") == Money(0, "USD")
        assert Money.total([Money(1, "USD")], currency="usd") == Money(1, "USD")
        with pytest.raises(CurrencyMismatchError, match="USD and EUR"):
            Money.total([Money(1, "EUR")], currency="usd")
        with pytest.raises(InvalidTypeError, match=r"Money\.total\.amounts"):
            Money.total([Decimal(1)], currency="USD")  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match=r"Money\.total\.currency"):
            Money.total([], currency="dollars")

    def test_text(self) -> None:
        amount = Money("2400000.00", "USD")
        assert repr(amount) == "Money('2400000.00', 'USD')"
        assert str(amount) == "USD 2,400,000.00"


class TestProperties:
    @given(amounts, amounts, currencies)
    def test_add_then_subtract_is_identity(
        self, x: Decimal, y: Decimal, currency: str
    ) -> None:
        a, b = Money(x, currency), Money(y, currency)
        assert a.add(b).subtract(b) == a
        assert a.add(b) == b.add(a)

    @given(st.lists(amounts, max_size=20), currencies)
    def test_total_is_the_exact_sum(self, values: list[Decimal], currency: str) -> None:
        total = Money.total((Money(v, currency) for v in values), currency=currency)
        assert total.amount == sum(values, Decimal(0))

    @given(money)
    def test_round_trip(self, amount: Money) -> None:
        assert from_dict(Money, to_dict(amount)) == amount
        assert to_dict(amount) == {
            "amount": str(amount.amount),
            "currency": amount.currency,
        }
