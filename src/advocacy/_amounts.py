"""Money and rate helpers shared by the ROI rules: checks, conversions, text.

Rule arguments that are amounts must be `Money` of zero or more (a bare
number is refused with a hint naming the missing currency, a float with the
exact form to pass instead); rates are exact `Decimal` values from 0 to 1.
Reports round for display only: `decimal_text` and `money_text` round half
to even and never change the values they print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Context, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Final

from advocacy._money import Money
from advocacy._serde import structure
from advocacy._validation import Refusal, optional
from advocacy.exceptions import CurrencyMismatchError

__all__ = [
    "OPTIONAL_AMOUNT",
    "amount_check",
    "decimal_text",
    "money_text",
    "one_currency",
    "rate_check",
    "to_optional_money",
    "to_rate",
]


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


def to_optional_money(value: Money | Mapping[str, Any] | None) -> Money | None:
    """A `Money` from a `Money` or its plain dict; `None` passes through."""
    return None if value is None else structure(Money, value)


def one_currency(owner: str, amounts: Sequence[Money | None]) -> str | None:
    """The currency every given amount shares, or `None` if none is given.

    Raises:
        CurrencyMismatchError: Two amounts are in different currencies.
    """
    codes = list(dict.fromkeys(m.currency for m in amounts if m is not None))
    if len(codes) > 1:
        raise CurrencyMismatchError(owner, tuple(codes))
    return codes[0] if codes else None


def decimal_text(value: Decimal | Fraction, places: int = 2) -> str:
    """`value` rounded half-even to `places` decimals, trailing zeros dropped.

    Exact: 4.8 prints as `4.8`, 10 as `10`, 1/3 as `0.33`.
    """
    exact = value if isinstance(value, Decimal) else _fraction_decimal(value)
    digits = max(exact.adjusted(), 0) + places + 2
    rounded = exact.quantize(Decimal(1).scaleb(-places), context=Context(prec=digits))
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent_text(value: float | None, places: int = 0) -> str:
    """A share as a percentage (`0.575` -> `"57%"`), or `"n/a"` for `None`."""
    return "n/a" if value is None else f"{value:.{places}%}"


def _fraction_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


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


def to_rate(value: Decimal | float | str | int) -> Decimal:
    """An exact rate: floats through their shortest repr, `0.25` -> `Decimal('0.25')`.

    Anything unreadable is returned as it is for the rate check to refuse.
    """
    if isinstance(value, bool):
        return value  # type: ignore[return-value]  # refused by the check
    if isinstance(value, float | int | str):
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            pass
    return value  # type: ignore[return-value]  # refused by the check


def rate_check(value: object) -> Refusal | None:
    """Accept a finite `Decimal` from 0 to 1 (a percentage gets a hint)."""
    expected = "a rate from 0 to 1 (a Decimal, a float or a numeric string)"
    if not isinstance(value, Decimal):
        return Refusal(expected, wrong_type=True)
    if not value.is_finite():
        return Refusal(f"{expected}; NaN and infinity are not accepted")
    if value < 0 or value > 1:
        hint = None
        if 1 < value <= 100:
            hint = (
                "this looks like a percentage; did you mean "
                f"{decimal_text(value / 100, 4)}?"
            )
        return Refusal(expected, hint)
    return None
