"""Reads of phasing, pace and scores, each in a fixed number of queries and filtered to what the viewer may see."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import Person
from goals.models import CheckIn, Cycle, Goal, GoalPeriod, GoalPhasing, GoalScore, Granularity, PhasingMethod
from goals.models.goal import visible_goal_q
from goals.quotas.pace import CheckInPoint, Pace, filter_pace, goal_pace, with_pace
from goals.quotas.periods import Period, cycle_periods, period_amounts, straight_line_weights

SUBGOALS_SHOWN = 50
CHECKINS_FOR_BAND = 120


@dataclass(frozen=True, slots=True)
class PhasedPeriod:
    """One period of a goal's phasing, with the amount its target puts there."""

    period: Period
    amount: Decimal  # this period's part of the planned change
    due_by_end: Decimal  # where the goal should stand when the period ends
    share: float
    is_current: bool
    is_past: bool

    @property
    def label(self) -> str:
        return self.period.label


@dataclass
class GoalPhasingView:
    """A goal's phasing as pages and the API show it; a goal without phasing shows its straight line."""

    goal: Goal
    is_phased: bool
    granularity: str
    method: str
    source: str
    periods: list[PhasedPeriod]
    weights: list[Decimal] = field(default_factory=list)  # as stored (empty when not phased)
    phased_total: Decimal | None = None
    set_by: Person | None = None
    updated: datetime.datetime | None = None
    # (start, end, share before, share) as stored, for the pace computation
    shape: list[tuple[datetime.date, datetime.date, float, float]] = field(default_factory=list)

    @property
    def set_by_id(self) -> int | None:
        return self.set_by.pk if self.set_by else None

    @property
    def planned_change(self) -> Decimal:
        return self.goal.target - self.goal.baseline

    @property
    def rescaled(self) -> bool:
        """The target (or baseline) changed since the goal was phased: the periods kept their shape."""
        return self.is_phased and self.phased_total != self.planned_change

    @property
    def method_label(self) -> str:
        if not self.is_phased:
            return "Not phased: due along a straight line through the cycle"
        return PhasingMethod(self.method).label


def goal_phasing(goal: Goal, today: datetime.date | None = None) -> GoalPhasingView:
    """``goal``'s periods with their amounts (one query; ``goal.cycle`` should be loaded)."""
    today = today or timezone.localdate()
    # Periods and their phasing are written together: the periods bring the phasing along.
    rows = list(
        GoalPeriod.objects.filter(goal=goal)
        .select_related("goal__phasing__set_by")
        .only(
            *(field.name for field in GoalPeriod._meta.concrete_fields),
            "goal__id",
            *(f"goal__phasing__{field.name}" for field in GoalPhasing._meta.concrete_fields),
            "goal__phasing__set_by__first_name",
            "goal__phasing__set_by__last_name",
            "goal__phasing__set_by__username",
        )
        .order_by("index")
    )
    phasing = rows[0].goal.phasing if rows else None
    cycle = goal.cycle
    if rows:
        periods = [Period(row.index, phasing.granularity, row.start, row.end) for row in rows]
        weights = [row.weight for row in rows]
        shape = [(row.start, row.end, row.share_before, row.share) for row in rows]
        shares = [row.share for row in rows]
    else:
        phasing = None
        periods = cycle_periods(cycle.start, cycle.end, Granularity.QUARTER)
        weights = straight_line_weights(periods)
        weight_total = sum(weights)
        shares = [float(weight / weight_total) for weight in weights]
        shape = []
    change = goal.target - goal.baseline
    amounts = period_amounts(change, weights) if change else [Decimal(0)] * len(periods)
    phased, due = [], goal.baseline
    for period, amount, share in zip(periods, amounts, shares, strict=True):
        due += amount
        phased.append(PhasedPeriod(period, amount, due, share, period.contains(today), period.end < today))
    return GoalPhasingView(
        goal=goal,
        is_phased=phasing is not None,
        granularity=phasing.granularity if phasing else Granularity.QUARTER,
        method=phasing.method if phasing else "",
        source=phasing.source if phasing else "",
        periods=phased,
        weights=weights if phasing else [],
        phased_total=phasing.phased_total if phasing else None,
        set_by=phasing.set_by if phasing else None,
        updated=phasing.updated if phasing else None,
        shape=shape,
    )


def goal_pace_of(
    goal: Goal,
    phasing: GoalPhasingView | None = None,
    checkins: list[CheckIn] | None = None,
    today: datetime.date | None = None,
) -> Pace:
    """``goal``'s pace, forecast and band: reuses a loaded phasing and check-ins, else reads them (one query each)."""
    today = today or timezone.localdate()
    phasing = phasing or goal_phasing(goal, today)
    if checkins is None:
        checkins = list(goal.checkins.order_by("-created", "-id")[:CHECKINS_FOR_BAND])
    points = [CheckInPoint.of(checkin) for checkin in checkins]
    return goal_pace(goal, goal.cycle, phasing.shape, points, today)


@dataclass(frozen=True, slots=True)
class SubgoalQuarter:
    """A sub-goal in the current quarter: its part of the target there, where it should be, its pace."""

    goal: Goal
    quarter_amount: Decimal | None
    expected_value: Decimal | None
    forecast: float | None
    status: str


def subgoals_this_quarter(goal: Goal, viewer: Person, today: datetime.date | None = None) -> tuple[Period | None, list]:
    """The quarter holding ``today`` and the visible sub-goals' figures in it (two queries).

    A sub-goal's quarter target is the sum of its periods starting in that quarter
    (quarters or months), or its straight line's share for one not phased.
    """
    today = today or timezone.localdate()
    cycle = goal.cycle
    quarter = next((q for q in cycle_periods(cycle.start, cycle.end, Granularity.QUARTER) if q.contains(today)), None)
    if quarter is None:
        return None, []
    children = list(
        with_pace(Goal.objects.filter(parent=goal, cycle=cycle).visible_to(viewer), today)
        .select_related("owner", "cycle")
        .order_by("tree_id", "lft")[:SUBGOALS_SHOWN]
    )
    periods_by_goal: dict[int, list[GoalPeriod]] = {}
    for period in GoalPeriod.objects.filter(goal__in=children).order_by("goal_id", "index"):
        periods_by_goal.setdefault(period.goal_id, []).append(period)
    quarters_of_straight_line = cycle_periods(cycle.start, cycle.end, Granularity.QUARTER)
    rows = []
    for child in children:
        change = child.target - child.baseline
        stored = periods_by_goal.get(child.pk)
        if stored:
            starts = [period.start for period in stored]
            weights = [period.weight for period in stored]
        else:
            starts = [period.start for period in quarters_of_straight_line]
            weights = straight_line_weights(quarters_of_straight_line)
        amounts = period_amounts(change, weights) if change else [Decimal(0)] * len(weights)
        in_quarter = sum((a for a, start in zip(amounts, starts, strict=True) if quarter.contains(start)), Decimal(0))
        expected = child.baseline + change * Decimal(repr(child.pace_expected_share))
        rows.append(
            SubgoalQuarter(
                goal=child,
                quarter_amount=in_quarter,
                expected_value=expected.quantize(Decimal("0.01")),
                forecast=child.pace_forecast,
                status=child.pace_status,
            )
        )
    return quarter, rows


def cycle_pace(cycle: Cycle, viewer: Person, today: datetime.date | None = None, *, status: str = "") -> QuerySet:
    """The cycle's goals ``viewer`` may see with their pace annotations (``goals.quotas.pace.with_pace``).

    One query for any number of goals; ``status`` keeps one pace status (``behind`` includes far behind).
    Ordered by forecast, lowest first, goals without one last.
    """
    goals = with_pace(Goal.objects.filter(cycle=cycle).visible_to(viewer), today or timezone.localdate())
    if status:
        goals = filter_pace(goals, status)
    return goals.select_related("owner", "cycle").order_by(F("pace_forecast").asc(nulls_last=True), "tree_id", "lft")


def cycle_scores(cycle: Cycle, viewer: Person) -> QuerySet:
    """The scores of a closed cycle's goals ``viewer`` may see, best first."""
    return (
        GoalScore.objects.filter(visible_goal_q(viewer, prefix="goal__"), goal__cycle=cycle)
        .select_related("goal__owner", "goal__cycle")
        .order_by("-attainment", "goal__tree_id", "goal__lft")
    )


def goal_score(goal: Goal) -> GoalScore | None:
    return GoalScore.objects.filter(goal=goal).first()
