"""How flag messages write amounts, dates, tiers and goals, so that a sales leader reads them at a glance."""

import datetime

from django.utils import timezone

from core.formatting import format_amount_short
from goals.models import Tier, Visibility

# Flag messages write amounts the way a sales deck does; core/formatting.py decides how.
format_amount = format_amount_short


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
        return f"{tier_noun(tier)} ({quoted(title)})"
    return f"a private {Tier(tier).label.lower()} goal" if tier != Tier.CORPORATE else "a private corporate objective"


def quoted(text: str, limit: int = 80) -> str:
    """``"text"``, shortened with an ellipsis past ``limit`` characters so a message stays readable."""
    text = " ".join(text.split())
    return f'"{text if len(text) <= limit else text[: limit - 1].rstrip() + "…"}"'


def fit(message: str, limit: int) -> str:
    """``message`` cut to ``limit`` characters (the flag's column), ending with an ellipsis when cut."""
    return message if len(message) <= limit else message[: limit - 1].rstrip() + "…"


def person_name(first_name: str, last_name: str, username: str) -> str:
    return f"{first_name} {last_name}".strip() or username


def join_words(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
