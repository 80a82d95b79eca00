"""How numbers read in Cascade, on pages, in messages and in form fields: the one place that decides.

- ``format_amount``: 1200000 USD -> "$1,200,000", 180925.1 USD -> "$180,925.10", 8.5 % -> "8.5%",
  12 deals -> "12 deals". Money shows cents only when there are some, and then always two digits,
  so "$180,925.10" stands beside "$612,345", never "$180,925.1".
- ``format_amount_short``: the way a sales deck writes amounts, for sentences and titles:
  "$8.05M", "€850K", "12 accounts".
- ``format_number``: the number alone, as a form field shows it and reads it back ("180,925.10").
"""

from decimal import ROUND_HALF_UP, Decimal

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
CENT = Decimal("0.01")


def format_number(value, decimals: int | None = None) -> str:
    """Thousands separated; whole numbers without decimals; else ``decimals`` digits (None: up to two, trimmed)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    if decimals is not None:
        return f"{number:,.{decimals}f}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def format_amount(value, unit: str = "") -> str:
    number = format_number(value, decimals=2 if unit in CURRENCY_SYMBOLS else None)
    if not number:
        return ""
    if unit in CURRENCY_SYMBOLS:
        sign = "-" if number.startswith("-") else ""
        return f"{sign}{CURRENCY_SYMBOLS[unit]}{number.lstrip('-')}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


def format_amount_short(value, unit: str) -> str:
    """``$1.2M``, ``€850K``, ``12 accounts``, ``92%``, ``7``: amounts the way a sales deck writes them."""
    value = Decimal(value)
    symbol = CURRENCY_SYMBOLS.get(unit)
    if symbol is not None:
        return f"{'-' if value < 0 else ''}{symbol}{_short(abs(value))}"
    if unit == "%":
        return f"{format_number(value)}%"
    if unit == "count":
        return format_number(value)
    return f"{format_number(value)} {unit}"


def _short(value: Decimal) -> str:
    """Three significant figures with a K, M or B: $8.05M, $39.4M, $128M, $680K."""
    if value < 1000:
        return format_number(value)
    value = value.quantize(Decimal(1).scaleb(value.adjusted() - 2), rounding=ROUND_HALF_UP)
    for size, suffix in ((Decimal(1_000_000_000), "B"), (Decimal(1_000_000), "M"), (Decimal(1_000), "K")):
        if value >= size:
            return format_number(value / size) + suffix
    return format_number(value)
