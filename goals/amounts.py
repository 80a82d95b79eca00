"""Which numbers a goal or a check-in may hold: the range people could mean, one set of messages.

A goal's amounts are stored with 16 digits, two of them cents, so up to 10^14. No sales
target comes near that, and a figure that large is a typo (a pasted account number, an
extra row of zeros), so amounts stop at a trillion. Negative amounts are refused unless
the unit can go below zero: a growth rate or an NPS can, a count of deals or a sum of
money cannot.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError

MAX_AMOUNT = Decimal("1000000000000")
UNITS_THAT_GO_NEGATIVE = frozenset({"%", "points"})

AMOUNT_TOO_LARGE = "Enter an amount no larger than 1,000,000,000,000 (a trillion)."
# The messages Django's and DRF's decimal checks give for too many digits ("no more than 16 digits
# in total") say nothing a person can act on: the same words as the range check instead.
AMOUNT_ERROR_MESSAGES = {
    "max_digits": AMOUNT_TOO_LARGE,
    "max_whole_digits": AMOUNT_TOO_LARGE,
    "max_decimal_places": "Use at most two decimal places.",
}


def validate_amount_size(value: Decimal | None) -> None:
    """Refuse amounts beyond a trillion either way.

    Values past 14 whole digits are left to the field's digit check, which says the same.
    """
    if value is None or not value.is_finite():
        return
    if MAX_AMOUNT < abs(value) < Decimal(10) ** 14:
        raise ValidationError(AMOUNT_TOO_LARGE, code="amount_too_large")


def can_go_negative(unit: str) -> bool:
    return unit in UNITS_THAT_GO_NEGATIVE


def negative_amount_error(value: Decimal | None, unit: str, what: str) -> str | None:
    """The message for a negative ``what`` ("target", "check-in") in a unit that cannot go below zero."""
    if value is None or value >= 0 or can_go_negative(unit):
        return None
    return f"The {what} cannot be below zero for a goal measured in {unit}."
