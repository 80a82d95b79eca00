"""How numbers read on pages: 1200000 USD -> "$1,200,000", 8.5 % -> "8.5%", 12 deals -> "12 deals"."""

from decimal import Decimal

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_number(value) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def format_amount(value, unit: str = "") -> str:
    number = format_number(value)
    if not number:
        return ""
    if unit in CURRENCY_SYMBOLS:
        sign = "-" if number.startswith("-") else ""
        return f"{sign}{CURRENCY_SYMBOLS[unit]}{number.lstrip('-')}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()
