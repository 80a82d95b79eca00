"""Reading whole numbers people and scripts type: query parameters, form fields, CSV cells.

``str.isdigit()`` is the wrong test: it accepts "²" and "٣", which ``int()`` refuses (a
500), and it lets a 30-digit number through to PostgreSQL, whose ``bigint`` overflows (a
500 again). Every place that turns text into an integer goes through ``parse_int``: ASCII
digits only, an optional minus sign where negatives make sense, and a range that defaults
to what a database id can hold.
"""

import re

from django.core.exceptions import ValidationError

# PostgreSQL's bigint (Django's BigAutoField, our ids); SQLite's INTEGER holds the same.
BIGINT_MAX = 2**63 - 1
# Offsets and page numbers never need more; a larger one is refused before it reaches SQL.
OFFSET_MAX = 10**9

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,19}")


def parse_int(raw, *, minimum: int = 0, maximum: int = BIGINT_MAX) -> int | None:
    """``raw`` as an int in ``minimum..maximum``, or None when it is not one.

    Accepts ASCII digits with an optional leading minus (surrounding spaces are ignored) and
    Python ints; refuses "²", "1e3", "1.0", "+1", "", None, booleans and anything out of range.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip()
        if not _WHOLE_NUMBER.fullmatch(text):
            return None
        value = int(text)
    else:
        return None
    return value if minimum <= value <= maximum else None


def parse_id(raw) -> int | None:
    """A database id (1 up to bigint's maximum) from ``raw``, or None when it cannot be one."""
    return parse_int(raw, minimum=1)


def int_param(
    params,
    name: str,
    *,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = BIGINT_MAX,
    required: bool = False,
    message: str = "",
) -> int | None:
    """The integer query parameter (or form value) ``name`` of ``params``, for the API.

    Missing or blank gives ``default`` (or, when ``required``, an error); anything else
    that is not a whole number in range raises ``ValidationError({name: message})``, which
    the API answers as a 400 naming the parameter.
    """
    raw = params.get(name) if params is not None else None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise ValidationError({name: message or f"Give {name} as a whole number."})
        return default
    value = parse_int(raw, minimum=minimum, maximum=maximum)
    if value is None:
        raise ValidationError({name: message or range_message(minimum, maximum)})
    return value


def range_message(minimum: int, maximum: int) -> str:
    if maximum >= BIGINT_MAX:
        return f"Give a whole number of at least {minimum}." if minimum > 0 else "Give a whole number (digits only)."
    return f"Give a whole number from {minimum} to {maximum}."
