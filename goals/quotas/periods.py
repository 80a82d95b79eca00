"""The periods of a cycle (its quarters or months) and how a goal's target splits into them.

Periods are counted from the cycle's first day, so a fiscal year starting 1 February has
Q1 = February to April; the last period ends on the cycle's last day. A goal's phasing
stores weights (the shape); amounts always come from the goal's target, in cents, with the
rounding remainder in the period of largest weight, so they add up to the target exactly.
"""

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from goals.models import Granularity

CENT = Decimal("0.01")
MAX_PERIODS = 36  # three years of months; longer cycles are phased by quarter
MONTHS_PER_PERIOD = {Granularity.QUARTER: 3, Granularity.MONTH: 1}


@dataclass(frozen=True, slots=True)
class Period:
    """One quarter or month of a cycle."""

    index: int
    granularity: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        """``Q1`` (quarters of the cycle, counted from its start) or ``Feb 2027``."""
        if self.granularity == Granularity.QUARTER:
            return f"Q{self.index + 1}"
        return f"{self.start:%b %Y}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, on the same day of the month or the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cycle_periods(start: datetime.date, end: datetime.date, granularity: str) -> list[Period]:
    """The quarters or months of a cycle running from ``start`` to ``end`` (both included).

    Raises ValueError for an unknown granularity or more than ``MAX_PERIODS`` periods.
    """
    if granularity not in MONTHS_PER_PERIOD:
        raise ValueError(f"Unknown granularity {granularity!r}.")
    step = MONTHS_PER_PERIOD[granularity]
    periods: list[Period] = []
    while (period_start := add_months(start, len(periods) * step)) <= end:
        if len(periods) == MAX_PERIODS:
            raise ValueError(f"A cycle this long has more than {MAX_PERIODS} {Granularity(granularity).label.lower()}.")
        next_start = add_months(start, (len(periods) + 1) * step)
        periods.append(Period(len(periods), granularity, period_start, min(next_start - datetime.timedelta(1), end)))
    return periods


def period_amounts(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split ``total`` by ``weights`` in cents; the rounding remainder goes to the period of largest weight.

    The amounts add up to ``total`` exactly. Weights are not negative and not all zero.
    """
    weight_total = sum(weights, Decimal(0))
    if weight_total <= 0:
        raise ValueError("Weights must add up to more than zero.")
    amounts = [(total * weight / weight_total).quantize(CENT, rounding=ROUND_HALF_UP) for weight in weights]
    largest = max(range(len(weights)), key=lambda index: (weights[index], -index))
    amounts[largest] += total - sum(amounts, Decimal(0))
    return amounts


def shares(weights: Sequence[Decimal]) -> list[tuple[float, float]]:
    """(share before, share) of each period: what the pace computation reads."""
    weight_total = sum(weights, Decimal(0))
    result, before = [], Decimal(0)
    for weight in weights:
        result.append((float(before / weight_total), float(weight / weight_total)))
        before += weight
    return result


def straight_line_weights(periods: Sequence[Period]) -> list[Decimal]:
    """The weights of a goal without phasing: each period in proportion to its days."""
    return [Decimal(period.days) for period in periods]


def share_expected_by(
    day: datetime.date,
    cycle_start: datetime.date,
    cycle_end: datetime.date,
    periods: Sequence[tuple[datetime.date, datetime.date, float, float]] = (),
) -> float:
    """The share of the target due by the end of ``day``: earlier periods whole, the current one pro rata by days.

    ``periods`` are a phased goal's (start, end, share before, share). Without phasing, or
    on a day no stored period covers (the cycle's dates changed after phasing), the goal
    is due along a straight line through the cycle. The SQL in goals.quotas.pace computes
    the same figure for a whole cycle at once.
    """
    if day < cycle_start:
        return 0.0
    if day > cycle_end:
        return 1.0
    for start, end, share_before, share in periods:
        if start <= day <= end:
            return share_before + share * ((day - start).days + 1) / ((end - start).days + 1)
    return ((day - cycle_start).days + 1) / ((cycle_end - cycle_start).days + 1)
