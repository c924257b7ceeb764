"""Money is Decimal in the core and whole cents in the database, never float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value())


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) * CENT).quantize(CENT)


def parse_amount(text: str) -> Decimal:
    cleaned = text.strip().lstrip("$€£").replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not an amount; write it like 45 or 45.50") from None
    if not amount.is_finite() or amount < 0 or amount > Decimal("1000000"):
        raise ValueError(f"'{text}' is not an amount between 0 and 1,000,000")
    return amount.quantize(CENT)


def format_money(amount: Decimal, currency: str) -> str:
    symbols = {"USD": "$", "EUR": "€", "GBP": "£"}
    shown = f"{amount:,.2f}".removesuffix(".00")
    symbol = symbols.get(currency)
    return f"{symbol}{shown}" if symbol else f"{shown} {currency}"
