"""Pace and forecast: where a goal should be by now, where it is, and where it is heading.

The method (the README's "Quotas: phasing, pace and forecast" says the same for users):

- **Expected share** S(d): the share of the goal's planned change (target - baseline) due
  by the end of day d, from its phasing: the periods before d whole, the period holding d
  pro rata by days. A goal without phasing is due along a straight line through its cycle.
- **Progress** p: (current - baseline) / (target - baseline), not clamped, so a goal past
  its target shows more than 100% and one going the wrong way less than 0. Decreasing
  goals (target below baseline) read the same way. A goal that holds its baseline
  (target = baseline) has no pace.
- **Pace and forecast** f = p / S(a), where a is the day of the last check-in (the day
  the current value is from; today without one): progress against the share the phasing
  expected by then. It is the run rate adjusted by the seasonality of the phasing, and it
  is also the forecast: at the same pace through the rest of the cycle the goal ends at f
  of its planned change. Measured at the last check-in, a goal's pace does not decay
  while nobody reports (``stale_progress`` asks for a fresh number), and the alignment
  scan's messages stay the same between check-ins. No forecast before a tenth of the plan
  is due (too little to go on).
- **Should be by today**: baseline + (target - baseline) x S(today), shown beside the current value.
- **Band**: how uncertain that is, from the check-ins. Between consecutive check-ins (the
  first from the cycle's start at the baseline) the pace was (gain) / (share of the plan
  due in between); their spread (standard deviation, weighted by the share of the plan
  each covers) applied to the rest of the plan gives p + (1 - S(a)) x (f -/+ spread),
  never below where the goal stands. Fewer than two such stretches give no band.

``with_pace`` computes these in SQL for any queryset of goals (the explorer, the alignment
scan, the cycle's pace list) without a query per goal; ``goal_pace`` computes the same
figures, and the band, for one goal.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    DateField,
    F,
    FilteredRelation,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from goals.models import Cycle, Direction, Goal, Status
from goals.quotas.periods import CENT, share_expected_by

MIN_EXPECTED_SHARE = 0.1  # no forecast before a tenth of the plan is due
ON_PACE = 0.85  # a forecast below 85% of the planned change is behind pace (a warning flag)
FAR_BEHIND = 0.6  # below 60%, far behind (a critical flag)
MIN_STRETCH_SHARE = 0.01  # stretches between check-ins covering less of the plan say nothing about pace

EPOCH = datetime.date(1970, 1, 1)


class PaceStatus:
    ON_PACE = "on_pace"
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"
    choices = [(ON_PACE, "On pace"), (BEHIND, "Behind pace"), (FAR_BEHIND, "Far behind pace")]
    labels = dict(choices)


def pace_status(forecast: float | None) -> str:
    """``on_pace``, ``behind`` or ``far_behind`` for a forecast; "" when there is none."""
    if forecast is None:
        return ""
    if forecast >= ON_PACE:
        return PaceStatus.ON_PACE
    return PaceStatus.BEHIND if forecast >= FAR_BEHIND else PaceStatus.FAR_BEHIND


# --- SQL: a whole cycle (or any queryset of goals) at once ---------------------------------


class DayNumber(Func):
    """Days from 1 January 1970 to a date column, as an integer, on PostgreSQL and SQLite."""

    arity = 1
    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="(%(expressions)s - DATE '1970-01-01')", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)"
        return super().as_sql(compiler, connection, template=template, **extra_context)


def day_number(day: datetime.date) -> int:
    return (day - EPOCH).days


def phased_share_due(day_number_expr, period: str):
    """SQL for the share of the plan a phased goal has due by the end of a day in ``period``.

    ``period`` names the FilteredRelation holding the goal's period that contains the day;
    ``day_number_expr`` is the day as a ``DayNumber`` (or a ``Value`` of one).
    """
    days_gone = day_number_expr + Value(1) - DayNumber(F(f"{period}__start"))
    days = DayNumber(F(f"{period}__end")) - DayNumber(F(f"{period}__start")) + Value(1)
    return F(f"{period}__share_before") + F(f"{period}__share") * (
        Cast(days_gone, FloatField()) / Cast(days, FloatField())
    )


def progress_expression() -> Case:
    """SQL for (current - baseline) / (target - baseline), null for goals without a pace."""
    return Case(
        When(
            pace_applies(),
            then=Cast(F("current") - F("baseline"), FloatField()) / Cast(F("target") - F("baseline"), FloatField()),
        ),
        default=None,
        output_field=FloatField(),
    )


def _share_due(day, day_number_expr, period: str) -> Case:
    """SQL for the share of the plan due by the end of ``day`` (a date, or an expression for one):
    by the phased period holding it, else along the cycle's straight line."""
    cycle_days_gone = day_number_expr + Value(1) - DayNumber(F("cycle__start"))
    cycle_days = DayNumber(F("cycle__end")) - DayNumber(F("cycle__start")) + Value(1)
    return Case(
        When(cycle__start__gt=day, then=Value(0.0)),
        When(cycle__end__lt=day, then=Value(1.0)),
        When(**{f"{period}__isnull": False}, then=phased_share_due(day_number_expr, period)),
        default=Cast(cycle_days_gone, FloatField()) / Cast(cycle_days, FloatField()),
        output_field=FloatField(),
    )


def period_holding(day) -> FilteredRelation:
    return FilteredRelation("periods", condition=Q(periods__start__lte=day, periods__end__gte=day))


def pace_applies() -> Q:
    """Goals with a pace: pursued, with somewhere to go (target differs from baseline), not a band to stay in."""
    return ~Q(status=Status.DROPPED) & ~Q(target=F("baseline")) & ~Q(direction=Direction.STAY_WITHIN)


def with_pace(goals: QuerySet, today: datetime.date, *, expected_today: bool = True) -> QuerySet:
    """``goals`` annotated with their pace, in the same query whatever their number:

    - ``pace_as_of``: the day of the last check-in (today without one);
    - ``pace_as_of_share``: the share of the plan due by then;
    - ``pace_progress``, ``pace_forecast`` (progress / that share) and ``pace_status``;
    - ``pace_expected_share``: the share due by today (unless ``expected_today`` is False).

    One LEFT JOIN to the period holding each date (for phased goals) and one to the cycle.
    Filter and sort on the annotations (``pace_forecast__lt=0.85``,
    ``F("pace_forecast").asc(nulls_last=True)``).
    """
    goals = goals.annotate(
        pace_as_of=Coalesce(TruncDate("last_checkin_at"), Value(today), output_field=DateField())
    ).annotate(pace_as_of_period=period_holding(F("pace_as_of")))
    as_of_share = _share_due(F("pace_as_of"), DayNumber(F("pace_as_of")), "pace_as_of_period")
    if expected_today:
        goals = goals.annotate(pace_today_period=period_holding(today))
        goals = goals.annotate(pace_expected_share=_share_due(today, Value(day_number(today)), "pace_today_period"))
    goals = goals.annotate(pace_as_of_share=as_of_share, pace_progress=progress_expression())
    forecast = Case(
        When(
            pace_progress__isnull=False,
            pace_as_of_share__gte=MIN_EXPECTED_SHARE,
            then=F("pace_progress") / F("pace_as_of_share"),
        ),
        default=None,
        output_field=FloatField(),
    )
    goals = goals.annotate(pace_forecast=forecast)
    return goals.annotate(
        pace_status=Case(
            When(pace_forecast__gte=ON_PACE, then=Value(PaceStatus.ON_PACE)),
            When(pace_forecast__gte=FAR_BEHIND, then=Value(PaceStatus.BEHIND)),
            When(pace_forecast__isnull=False, then=Value(PaceStatus.FAR_BEHIND)),
            default=Value(""),
        )
    )


def filter_pace(goals: QuerySet, status: str) -> QuerySet:
    """Goals (annotated by ``with_pace``) of one pace status; ``behind`` includes far behind."""
    if status == PaceStatus.BEHIND:
        return goals.filter(pace_forecast__lt=ON_PACE)
    return goals.filter(pace_status=status)


# --- Python: one goal, with its band --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pace:
    """Where a goal should be by today, where it is, and where it is heading."""

    today: datetime.date
    applies: bool
    expected_share: float  # due by today
    expected_value: Decimal  # where it should stand today
    current: Decimal
    as_of: datetime.date  # the day of the last check-in, the day the current value is from (today without one)
    as_of_share: float  # due by then
    as_of_value: Decimal  # where it should have stood then
    progress: float | None = None
    forecast: float | None = None
    forecast_value: Decimal | None = None
    band: tuple[float, float] | None = None
    stretches: int = 0  # stretches between check-ins the band was read from

    @property
    def status(self) -> str:
        return pace_status(self.forecast)

    @property
    def status_label(self) -> str:
        return PaceStatus.labels.get(self.status, "")

    @property
    def gap(self) -> Decimal:
        """How far the goal stood from its plan at its last check-in (positive: ahead)."""
        return self.current - self.as_of_value


@dataclass(frozen=True, slots=True)
class CheckInPoint:
    """A check-in as the band reads it: the day (in the current time zone) and the value."""

    at: datetime.datetime
    day: datetime.date
    value: Decimal

    @classmethod
    def of(cls, checkin) -> "CheckInPoint":
        return cls(checkin.created, timezone.localdate(checkin.created), checkin.value)


def goal_pace(
    goal: Goal,
    cycle: Cycle,
    periods: Sequence[tuple[datetime.date, datetime.date, float, float]],
    checkins: Sequence[CheckInPoint],
    today: datetime.date | None = None,
) -> Pace:
    """The pace of one goal: ``periods`` are its phasing's (start, end, share before, share),
    ``checkins`` its check-ins in any order (for the band)."""
    today = today or timezone.localdate()
    change = goal.target - goal.baseline
    as_of = timezone.localdate(goal.last_checkin_at) if goal.last_checkin_at else today
    expected_share = share_expected_by(today, cycle.start, cycle.end, periods)
    as_of_share = share_expected_by(as_of, cycle.start, cycle.end, periods)
    applies = goal.status != Status.DROPPED and change != 0
    base = {
        "today": today,
        "applies": applies,
        "expected_share": expected_share,
        "expected_value": _value_at(goal, expected_share),
        "current": goal.current,
        "as_of": as_of,
        "as_of_share": as_of_share,
        "as_of_value": _value_at(goal, as_of_share),
    }
    if not applies:
        return Pace(**base)
    progress = float((goal.current - goal.baseline) / change)
    if as_of_share < MIN_EXPECTED_SHARE:
        return Pace(**base, progress=progress)
    forecast = progress / as_of_share
    stretches = _stretch_paces(goal, cycle, periods, checkins, as_of)
    band = None
    if len(stretches) >= 2:
        spread = _weighted_spread(stretches)
        rest = 1 - as_of_share
        band = (progress + rest * max(0.0, forecast - spread), progress + rest * max(0.0, forecast + spread))
    return Pace(
        **base,
        progress=progress,
        forecast=forecast,
        forecast_value=_value_at(goal, forecast),
        band=band,
        stretches=len(stretches),
    )


def _value_at(goal: Goal, share: float) -> Decimal:
    return (goal.baseline + (goal.target - goal.baseline) * Decimal(repr(share))).quantize(CENT)


def _stretch_paces(goal, cycle, periods, checkins, last_day) -> list[tuple[float, float]]:
    """(pace, share of the plan covered) of each stretch between check-ins up to ``last_day``.

    A stretch runs from one check-in to the first later one at least ``MIN_STRETCH_SHARE``
    of the plan further on, so check-ins close together are read as one stretch.
    """
    change = goal.target - goal.baseline
    anchor_share, anchor_value = 0.0, goal.baseline  # the cycle's start, at the baseline
    stretches = []
    for point in sorted((point for point in checkins if point.day <= last_day), key=lambda point: point.at):
        share = share_expected_by(point.day, cycle.start, cycle.end, periods)
        covered = share - anchor_share
        if covered >= MIN_STRETCH_SHARE:
            stretches.append((float((point.value - anchor_value) / change) / covered, covered))
            anchor_share, anchor_value = share, point.value
        elif not stretches and covered <= 0:
            anchor_value = point.value  # checked in before the plan began: the pace starts from there
    return stretches


def _weighted_spread(stretches: list[tuple[float, float]]) -> float:
    total = sum(weight for _, weight in stretches)
    mean = sum(pace * weight for pace, weight in stretches) / total
    return math.sqrt(sum(weight * (pace - mean) ** 2 for pace, weight in stretches) / total)
