"""How the workshop board writes targets: "2 regions launched", not "2 count"."""

from django import template

from core.formatting import format_amount, format_number
from goals.models.goal import CURRENCY_UNITS, Unit

register = template.Library()


@register.filter
def target_phrase(goal) -> str:
    """A goal's target as a person says it: money and percentages with their sign, counts with what is counted.

    ``$48,000,000 new ARR``, ``110% net revenue retention``, ``2 regions launched``, ``100 new logos``.
    """
    metric = (goal.metric or "").strip()
    if goal.unit in CURRENCY_UNITS or goal.unit == Unit.PERCENT:
        return f"{format_amount(goal.target, goal.unit)} {metric}".strip()
    return f"{format_number(goal.target)} {metric or goal.unit}".strip()


@register.filter
def measure_name(goal) -> str:
    """What an objective is measured in, for a sentence: its currency, or what it counts."""
    if goal.unit in CURRENCY_UNITS:
        return goal.unit
    return (goal.metric or "").strip() or goal.get_unit_display()
