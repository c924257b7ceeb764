"""Money is Decimal in the core and whole cents in the database, never float."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
_SYMBOLS = "$€£¥"
_CODES = (r"(?:USD|EUR|GBP|CHF|CAD|AUD|BRL|MXN|ARS|CLP|COP|R\$|US\$|euros?|dollars?|pounds?|"
          r"reais|real|pesos?|francs?|Fr\.)")
_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_IN_TEXT = re.compile(
    rf"(?:(?:{_CODES}|[{_SYMBOLS}])\s?({_NUMBER})|({_NUMBER})\s?(?:{_CODES}|[{_SYMBOLS}]))(?!\w)",
    re.IGNORECASE,
)


def to_cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value())


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) * CENT).quantize(CENT)


def _plain_number(text: str) -> str:
    """"84,50" and "84.50" are 84.50; "1.234,50", "1,234.50" and "1 234,50" are 1234.50; a
    separator followed by exactly three digits at the end groups thousands ("1,250")."""
    digits = re.sub(r"[\s\u00a0\u202f']", "", text)
    last = max(digits.rfind(","), digits.rfind("."))
    if last == -1:
        return digits
    whole, fraction = digits[:last], digits[last + 1:]
    if len(fraction) == 3 and re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*", digits):
        return whole.replace(",", "").replace(".", "") + fraction
    return whole.replace(",", "").replace(".", "") + "." + fraction


def parse_amount(text: str) -> Decimal:
    """An amount as people type it in any of the locales we serve: 45, 45.50, 45,50 €,
    $1,234.50, 1.234,50 €, R$ 45,90, CHF 34.50."""
    cleaned = re.sub(rf"^(?:{_CODES}|[{_SYMBOLS}])|(?:{_CODES}|[{_SYMBOLS}])$", "",
                     text.strip(), flags=re.IGNORECASE).strip()
    try:
        amount = Decimal(_plain_number(cleaned))
    except InvalidOperation:
        raise ValueError(f"'{text}' is not an amount; write it like 45 or 45.50") from None
    if not amount.is_finite() or amount < 0 or amount > Decimal("1000000"):
        raise ValueError(f"'{text}' is not an amount between 0 and 1,000,000")
    return amount.quantize(CENT)


_BARE_CENTS = re.compile(
    r"(?<![\d.,:])(\d{1,6}[.,]\d{2})(?![\d.,:])(?!\s*(?:h\b|uhr|am\b|pm\b|hrs?\b|kg|km|%))",
    re.IGNORECASE)


def amount_in(text: str) -> Decimal | None:
    """The first amount with a currency written in a report ("charged $84.50 twice",
    "84,50 € en double"), else the first number with cents ("84.50 each"); whole numbers
    without a currency are rooms, tables and orders, not money."""
    head = text[:4000]
    for match in (*_IN_TEXT.finditer(head), *_BARE_CENTS.finditer(head)):
        try:
            return parse_amount(next(group for group in match.groups() if group))
        except ValueError:
            continue
    return None


def format_money(amount: Decimal, currency: str) -> str:
    symbols = {"USD": "$", "EUR": "€", "GBP": "£"}
    shown = f"{amount:,.2f}".removesuffix(".00")
    symbol = symbols.get(currency)
    return f"{symbol}{shown}" if symbol else f"{shown} {currency}"
