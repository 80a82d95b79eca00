"""The demo company's past: the daily alignment trend a company running Cascade since its workshop would have.

The scan writes one snapshot per cycle and day; a freshly seeded company has only today's,
so the trend would be a single point. This writes one per day from the day the workshop
closed to yesterday, ending at today's scan: many flags right after the workshop (goals not
yet linked, team targets not yet split), fewer as people fix them, and stale check-ins
building up between the quarterly business reviews and clearing after each.
"""

import datetime
import math
import random

from goals.models import AlignmentSnapshot, Cycle, FlagKind

# How many times today's count each kind had the day the workshop closed.
AFTER_WORKSHOP = {
    FlagKind.ORPHAN: 4.0,
    FlagKind.CROSS_CYCLE: 3.0,
    FlagKind.TIER_SKIP: 2.0,
    FlagKind.TIER_INVERTED: 2.0,
    FlagKind.OUTSIDE_CHAIN: 2.5,
    FlagKind.TARGET_SHORTFALL: 3.0,
    FlagKind.ASSUMPTION_AT_RISK: 0.3,  # the challenges came later in the year
}
# Kinds fixed since the workshop: none open today, some then.
FIXED_SINCE = {FlagKind.TARGET_SHORTFALL: 6, FlagKind.ORPHAN: 5}
QUARTER_DAYS = 91


def seed_alignment_history(cycle: Cycle, *, since: datetime.date, today: datetime.date, rng: random.Random) -> int:
    """Write the cycle's daily snapshots from ``since`` to the day before ``today``; returns how many."""
    latest = AlignmentSnapshot.objects.filter(cycle=cycle, day=today).first()
    days = (today - since).days
    if latest is None or days <= 0:
        return 0
    stale_today = latest.open_by_kind.get(FlagKind.STALE_PROGRESS, 0)
    snapshots = []
    for offset in range(days, 0, -1):
        day = today - datetime.timedelta(days=offset)
        left = offset / days  # 1 the day the workshop closed, 0 today
        by_kind = {}
        for kind, _label in FlagKind.choices:
            now_open = latest.open_by_kind.get(kind, 0) or 0
            if kind == FlagKind.STALE_PROGRESS:
                count = _stale(now_open or stale_today, (day - since).days, rng)
            else:
                start = max(now_open * AFTER_WORKSHOP.get(kind, 1.5), FIXED_SINCE.get(kind, 0))
                count = now_open + (start - now_open) * left**1.5 + rng.gauss(0, 0.5)
            if round(count) > 0:
                by_kind[kind] = round(count)
        snapshots.append(
            AlignmentSnapshot(
                cycle=cycle,
                day=day,
                goals=latest.goals,
                open_flags=sum(by_kind.values()),
                open_by_kind=by_kind,
                taken_at=datetime.datetime.combine(day, datetime.time(6, 0), tzinfo=datetime.UTC),
            )
        )
    AlignmentSnapshot.objects.bulk_create(snapshots, ignore_conflicts=True)
    return len(snapshots)


def _stale(level: int, days_in: int, rng: random.Random) -> float:
    """Stale check-ins build up over a quarter and mostly clear at each quarterly business review."""
    into_quarter = (days_in % QUARTER_DAYS) / QUARTER_DAYS
    return max(level, 3) * (0.4 + 1.2 * into_quarter) * (1 + 0.15 * math.sin(days_in / 5)) + rng.gauss(0, 0.7)
