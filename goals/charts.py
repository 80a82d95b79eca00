"""A goal's check-in history as a small line chart, laid out here and drawn as inline SVG."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from core.formatting import format_amount
from goals.models import CheckIn, Goal


@dataclass(frozen=True, slots=True)
class ChartPoint:
    x: float
    y: float
    checkin: CheckIn


@dataclass(frozen=True, slots=True)
class ChartLine:
    y: float
    label: str


@dataclass
class CheckinChart:
    """Coordinates in a ``width`` x ``height`` SVG viewBox, ready for the template."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[ChartPoint] = field(default_factory=list)
    target: ChartLine | None = None
    baseline: ChartLine | None = None
    today_x: float | None = None
    start_label: str = ""
    end_label: str = ""

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def checkin_chart(
    goal: Goal, checkins: Sequence[CheckIn], today: date, width: int = 640, height: int = 220
) -> CheckinChart | None:
    """Check-in values over the goal's cycle, with the target and baseline as lines; None without check-ins."""
    if not checkins:
        return None
    history = sorted(checkins, key=lambda checkin: (checkin.created, checkin.pk))
    start = min(goal.cycle.start, _day(history[0].created))
    end = max(goal.cycle.end, _day(history[-1].created))
    span_days = max((end - start).days, 1)

    values = [float(checkin.value) for checkin in history]
    low = min([*values, float(goal.baseline), float(goal.target)])
    high = max([*values, float(goal.baseline), float(goal.target)])
    if high == low:
        high, low = high + 1, low - 1
    padding = (high - low) * 0.08
    low, high = low - padding, high + padding

    chart = CheckinChart(width=width, height=height, left=12, right=width - 12, top=14, bottom=height - 26)

    def x_of(day: date) -> float:
        return chart.left + (chart.right - chart.left) * (day - start).days / span_days

    def y_of(value: float) -> float:
        return chart.bottom - (chart.bottom - chart.top) * (value - low) / (high - low)

    chart.points = [
        ChartPoint(x=x_of(_day(checkin.created)), y=y_of(value), checkin=checkin)
        for checkin, value in zip(history, values, strict=True)
    ]
    chart.target = ChartLine(y=y_of(float(goal.target)), label=f"Target {format_amount(goal.target, goal.unit)}")
    if goal.baseline != goal.target:
        chart.baseline = ChartLine(
            y=y_of(float(goal.baseline)), label=f"Baseline {format_amount(goal.baseline, goal.unit)}"
        )
    if start <= today <= end:
        chart.today_x = x_of(today)
    chart.start_label = f"{start:%d %b %Y}"
    chart.end_label = f"{end:%d %b %Y}"
    return chart
