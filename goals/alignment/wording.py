"""How flag messages write amounts, dates, tiers and goals, so that a sales leader reads them at a glance."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from goals.models import Tier, Visibility

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_amount(value: Decimal | float | int, unit: str) -> str:
    """``$1.2M``, ``€850K``, ``12 accounts``, ``92%``: amounts the way a sales deck writes them."""
    value = Decimal(value)
    symbol = CURRENCY_SYMBOLS.get(unit)
    if symbol is not None:
        return f"{'-' if value < 0 else ''}{symbol}{_short(abs(value))}"
    if unit == "%":
        return f"{_plain(value)}%"
    return f"{_plain(value)} {unit}"


def _short(value: Decimal) -> str:
    """Three significant figures with a K, M or B: $8.05M, $39.4M, $128M, $680K."""
    if value < 1000:
        return _plain(value)
    value = value.quantize(Decimal(1).scaleb(value.adjusted() - 2), rounding=ROUND_HALF_UP)
    for size, suffix in ((Decimal(1_000_000_000), "B"), (Decimal(1_000_000), "M"), (Decimal(1_000), "K")):
        if value >= size:
            return _plain(value / size) + suffix
    return _plain(value)


def _plain(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_day(moment: datetime.datetime | datetime.date, tz: datetime.tzinfo | None = None) -> str:
    """``3 Oct 2026`` in ``tz`` (the current time zone unless given: looking it up costs, in a loop)."""
    if isinstance(moment, datetime.datetime):
        moment = moment.astimezone(tz or timezone.get_current_timezone()).date()
    return f"{moment.day} {moment:%b %Y}"


def tier_noun(tier: str) -> str:
    """``a corporate objective``, ``an executive goal``, ``a manager goal``, ``a rep goal``."""
    if tier == Tier.CORPORATE:
        return "a corporate objective"
    label = Tier(tier).label.lower()
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label} goal"


def goal_reference(title: str, visibility: str, tier: str) -> str:
    """A goal named in someone else's flag: its title only when everyone may see it.

    A flag is read by everyone who can see the flagged goal, and some of them may not
    see a private parent: a private goal is named by its tier alone, without title.
    """
    if visibility == Visibility.COMPANY:
        return f'{tier_noun(tier)} ("{title}")'
    return f"a private {Tier(tier).label.lower()} goal" if tier != Tier.CORPORATE else "a private corporate objective"


def person_name(first_name: str, last_name: str, username: str) -> str:
    return f"{first_name} {last_name}".strip() or username


def join_words(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
