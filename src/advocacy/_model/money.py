"""Exact money: a `Decimal` amount in one ISO 4217 currency.

`Money` refuses floats (they cannot hold cents exactly) and never combines
currencies. Rule arguments that are amounts must be `Money` of zero or more
(`amount_check`: a bare number is refused with a hint naming the missing
currency, a float with the exact form to pass instead). `money_text` rounds
half to even for reports only and never changes the value it prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Context, Decimal, InvalidOperation
from typing import Final

import attrs

from advocacy._internal.checks import Refusal, instance_of, optional
from advocacy._internal.validation import check_fields, checked, require, require_each
from advocacy.exceptions import CurrencyMismatchError, InvalidValueError

__all__ = [
    "CURRENCIES",
    "MONEY",
    "OPTIONAL_AMOUNT",
    "Money",
    "amount_check",
    "money_text",
    "one_currency",
]


CURRENCIES: Final = frozenset(
    # A block of codes reads better than one code a line.
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB
    BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC
    CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF
    GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
    KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
    MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP
    PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD
    SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI
    UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF
    XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL
    """.split()  # noqa: SIM905
)
"""The ISO 4217 currency codes `Money` accepts (current and recently retired)."""


def _to_decimal(value: Decimal | int | str) -> Decimal | int | str:
    # Lenient: ints and numeric strings become Decimals; floats and anything
    # else are left for the check to refuse by name.
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", "").replace("_", ""))
        except InvalidOperation:
            pass
    return value


def _check_amount(value: object) -> Refusal | None:
    expected = "a Decimal, an int or a numeric string"
    if isinstance(value, float):
        return Refusal(
            expected,
            hint=(
                "floats cannot hold amounts exactly; "
                f"pass Decimal({str(value)!r}) or the string {str(value)!r}"
            ),
            wrong_type=True,
        )
    if not isinstance(value, Decimal):
        return Refusal(expected, wrong_type=not isinstance(value, str))
    if not value.is_finite():
        return Refusal(f"{expected}; NaN and infinity are not amounts")
    return None


def _to_code(value: str) -> str:
    try:
        return value.strip().upper()
    except AttributeError:  # not a string: _check_currency names it
        return value


def _check_currency(value: object) -> Refusal | None:
    if not isinstance(value, str):
        return Refusal("an ISO 4217 code such as 'USD'", wrong_type=True)
    if value not in CURRENCIES:
        return Refusal("an ISO 4217 code such as 'USD', 'EUR' or 'GBP'")
    return None


@attrs.frozen(repr=False)
class Money:
    """An exact amount of money in one currency.

    Amounts are `decimal.Decimal`; ints and numeric strings (`"2400000"`,
    `"2,400,000.00"`) are converted, floats are refused because they cannot
    hold cents exactly. Currencies are ISO 4217 codes, upper-cased. Amounts
    in different currencies are never combined: arithmetic and comparison
    across currencies raise
    [`CurrencyMismatchError`][advocacy.exceptions.CurrencyMismatchError].

    Arithmetic uses named methods (`add`, `subtract`, `multiply`, `divide`,
    `ratio`) and keeps full `Decimal` precision; rounding for display is the
    caller's choice.

    Attributes:
        amount: The amount, exact.
        currency: The ISO 4217 currency code.

    Example:
        >>> Money("1200000", "USD").add(Money("800000", "USD"))
        Money('2000000', 'USD')
    """

    amount: Decimal = attrs.field(
        converter=_to_decimal, metadata=checked(_check_amount)
    )
    currency: str = attrs.field(converter=_to_code, metadata=checked(_check_currency))

    def __attrs_post_init__(self) -> None:
        """Check the amount and the currency together."""
        check_fields(self)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """No money in `currency`."""
        return cls(Decimal(0), currency)

    @classmethod
    def total(cls, amounts: Iterable[Money], *, currency: str) -> Money:
        """The sum of `amounts`, all in `currency` (zero when there are none).

        Raises:
            CurrencyMismatchError: An amount is in another currency.
        """
        code = require("Money.total", "currency", _to_code(currency), _check_currency)
        result = Decimal(0)
        for money in require_each("Money.total", "amounts", amounts, MONEY):
            if money.currency != code:
                raise CurrencyMismatchError("Money.total", (code, money.currency))
            result += money.amount
        return cls(result, code)

    def _same_currency(self, other: Money, operation: str) -> None:
        require("Money", operation, other, MONEY)
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"Money.{operation}", (self.currency, other.currency)
            )

    def add(self, other: Money) -> Money:
        """This amount plus `other`, in the same currency."""
        self._same_currency(other, "add")
        return Money(self.amount + other.amount, self.currency)

    def subtract(self, other: Money) -> Money:
        """This amount minus `other`, in the same currency."""
        self._same_currency(other, "subtract")
        return Money(self.amount - other.amount, self.currency)

    def multiply(self, factor: Decimal | int) -> Money:
        """This amount times an exact `factor` (a `Decimal` or an int)."""
        require("Money", "multiply", _to_decimal(factor), _check_amount)
        return Money(self.amount * Decimal(factor), self.currency)

    def divide(self, divisor: Decimal | int) -> Money:
        """This amount divided by a non-zero exact `divisor`."""
        value = Decimal(require("Money", "divide", _to_decimal(divisor), _check_amount))
        if value == 0:
            raise InvalidValueError("Money", "divide", divisor, "a non-zero divisor")
        return Money(self.amount / value, self.currency)

    def ratio(self, other: Money) -> Decimal:
        """This amount divided by `other` (same currency, non-zero), a Decimal.

        Raises:
            CurrencyMismatchError: `other` is in another currency.
            InvalidValueError: `other` is zero.
        """
        self._same_currency(other, "ratio")
        if other.amount == 0:
            raise InvalidValueError("Money", "ratio", other, "a non-zero amount")
        return self.amount / other.amount

    def is_zero(self) -> bool:
        """Whether the amount is exactly zero."""
        return self.amount == 0

    def __lt__(self, other: Money) -> bool:
        """Order amounts of one currency."""
        self._same_currency(other, "compare")
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        """Order amounts of one currency."""
        self._same_currency(other, "compare")
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        """Order amounts of one currency."""
        self._same_currency(other, "compare")
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        """Order amounts of one currency."""
        self._same_currency(other, "compare")
        return self.amount >= other.amount

    def __repr__(self) -> str:
        """`Money('2400000', 'USD')`: evaluable, exact."""
        return f"Money({str(self.amount)!r}, {self.currency!r})"

    def __str__(self) -> str:
        """`USD 2,400,000`: the exact amount with thousands separators."""
        return f"{self.currency} {self.amount:,}"


MONEY: Final = instance_of(Money, "a Money")
"""Accept a `Money` (of any sign)."""


def amount_check(value: object) -> Refusal | None:
    """Accept a `Money` of zero or more; name the slip for a bare number."""
    if isinstance(value, Money):
        if value.amount < 0:
            return Refusal("a Money of zero or more")
        return None
    if isinstance(value, float):
        hint = (
            "floats cannot hold amounts exactly; pass Money with a string or "
            f"Decimal amount, e.g. Money({str(value)!r}, 'USD')"
        )
    elif isinstance(value, int | Decimal | str) and not isinstance(value, bool):
        hint = f"give the currency too, e.g. Money({str(value)!r}, 'USD')"
    else:
        hint = None
    return Refusal("a Money of zero or more", hint, wrong_type=True)


OPTIONAL_AMOUNT: Final = optional(amount_check)


def one_currency(owner: str, amounts: Sequence[Money | None]) -> str | None:
    """The currency every given amount shares, or `None` if none is given.

    Raises:
        CurrencyMismatchError: Two amounts are in different currencies.
    """
    codes = list(dict.fromkeys(m.currency for m in amounts if m is not None))
    if len(codes) > 1:
        raise CurrencyMismatchError(owner, tuple(codes))
    return codes[0] if codes else None


def money_text(value: Money, places: int = 0) -> str:
    """`USD 1,234,568`: an amount rounded half-even for reports.

    Args:
        value: The amount.
        places: Decimals to keep (0 for whole units, 2 for cents).
    """
    exact = value.amount
    digits = max(exact.adjusted(), 0) + places + 2
    rounded = exact.quantize(Decimal(1).scaleb(-places), context=Context(prec=digits))
    return f"{value.currency} {rounded:,}"
