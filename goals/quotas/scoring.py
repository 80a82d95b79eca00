"""How a goal is scored when its cycle closes: plain functions of its numbers.

- **Attainment**: (final - baseline) / (target - baseline), at least 0 and not capped, so
  overachievement shows (a $1.1M result on a $1M quota is 110%). Goals that bring a number
  down read the same way; a goal that holds its baseline attains 1 while it holds, else 0.
- **Score**: attainment capped at 1.2, as quota plans cap accelerators: a goal cannot make
  up for another by more than a fifth.
- **Outcome**: achieved or missed, as the cycle's close decided it (progress reached 100% or not).
- **Month actuals**: what the goal gained in each month of the cycle, read from its check-ins
  (the value at each month's end, the final value at the last); these give the next
  cycle's seasonality profiles.
"""

import datetime
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from goals.progress import INCREASE, STAY_WITHIN, progress_ratio

SCORE_CAP = Decimal("1.2")
RATIO = Decimal("0.0001")


def attainment_of(baseline: Decimal, target: Decimal, final: Decimal, direction: str = INCREASE) -> Decimal:
    if direction == STAY_WITHIN or target == baseline:
        return Decimal(1) if progress_ratio(baseline, target, final, direction) >= 1 else Decimal(0)
    ratio = ((final - baseline) / (target - baseline)).quantize(RATIO, rounding=ROUND_HALF_UP)
    return max(Decimal(0), ratio)


def score_of(attainment: Decimal) -> Decimal:
    return min(attainment, SCORE_CAP)


def month_actuals(
    baseline: Decimal,
    final: Decimal,
    month_ends: Sequence[datetime.date],
    checkins: Iterable[tuple[datetime.date, Decimal]],
) -> list[Decimal]:
    """The gain in each month: value at the month's end minus value at the previous one's.

    ``checkins`` are (day, value) in the order they were made; the value at a month's end
    is the last check-in on or before it (the baseline before any), and at the cycle's end
    the final value. Without check-ins the months are unknown: an empty list.
    """
    checkins = list(checkins)
    if not checkins or not month_ends:
        return []
    values, position, value = [], 0, baseline
    for end in month_ends[:-1]:
        while position < len(checkins) and checkins[position][0] <= end:
            value = checkins[position][1]
            position += 1
        values.append(value)
    values.append(final)
    gains, before = [], baseline
    for value in values:
        gains.append(value - before)
        before = value
    return gains
