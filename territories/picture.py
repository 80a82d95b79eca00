"""The funnel picture: geometry for an SVG drawn on the server (no JavaScript; prints and exports as it shows).

Each stage is a band of the funnel whose width stands for the pipeline that must reach it, narrowing
to the deals to win at the bottom; inside each band a darker bar stands for the pipeline open in it
now, on the same scale, so a short bar is the gap you can see.
"""

from dataclasses import dataclass
from decimal import Decimal

from core.formatting import format_amount
from territories.funnel import Funnel

WIDTH = 720  # the drawing's width: labels left, the funnel, labels right
FUNNEL_WIDTH = 300  # the widest band
CENTRE = 330
BAND = 58  # height of a band
TOP = 8
MIN_SHARE = Decimal("0.06")  # the narrowest band still shows


@dataclass(frozen=True)
class Band:
    name: str
    points: str  # the trapezoid's polygon
    now_x: float
    now_width: float
    now_y: float
    label_y: float
    rate: str
    needed: str
    open_now: str
    is_won: bool = False


def _share(value: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0:
        return Decimal(1)
    return max(min(value / whole, Decimal(1)), MIN_SHARE)


def _compact(amount: Decimal, unit: str) -> str:
    """$4,285,714.29 -> "$4.29M"; small amounts as they are."""
    for size, suffix in ((Decimal(1_000_000), "M"), (Decimal(1_000), "k")):
        if abs(amount) >= size:
            return format_amount((amount / size).quantize(Decimal("0.01")), unit) + suffix
    return format_amount(amount.quantize(Decimal("0.01")), unit)


def funnel_picture(funnel: Funnel, currency: str) -> dict:
    """Bands from the first stage down to the deals won; sizes relative to the first stage's pipeline needed."""
    whole = funnel.pipeline_needed
    widths = [float(_share(stage.pipeline_needed, whole)) * FUNNEL_WIDTH for stage in funnel.stages]
    widths.append(float(_share(funnel.remaining, whole)) * FUNNEL_WIDTH)
    bands = []
    for index, stage in enumerate(funnel.stages):
        top, bottom = widths[index], widths[index + 1]
        y = TOP + index * BAND
        points = (
            f"{CENTRE - top / 2:.1f},{y} {CENTRE + top / 2:.1f},{y} "
            f"{CENTRE + bottom / 2:.1f},{y + BAND - 4} {CENTRE - bottom / 2:.1f},{y + BAND - 4}"
        )
        now = float(_share(stage.open_pipeline, whole)) * FUNNEL_WIDTH if stage.open_pipeline > 0 else 0.0
        now = min(now, bottom)  # the bar stays inside its band
        bands.append(
            Band(
                name=stage.name,
                points=points,
                now_x=CENTRE - now / 2,
                now_width=now,
                now_y=y + BAND / 2 - 7,
                label_y=y + BAND / 2,
                rate=f"{stage.conversion_rate.normalize():f}% move on",
                needed=f"{stage.opportunities_needed} opportunities · {_compact(stage.pipeline_needed, currency)}",
                open_now=f"{_compact(stage.open_pipeline, currency)} open now",
            )
        )
    y = TOP + len(funnel.stages) * BAND
    won = widths[-1]
    bands.append(
        Band(
            name="Won",
            points=f"{CENTRE - won / 2:.1f},{y} {CENTRE + won / 2:.1f},{y} "
            f"{CENTRE + won / 2:.1f},{y + BAND - 4} {CENTRE - won / 2:.1f},{y + BAND - 4}",
            now_x=0,
            now_width=0,
            now_y=0,
            label_y=y + BAND / 2,
            rate="",
            needed=f"{funnel.deals_needed} deals · {_compact(funnel.remaining, currency)}",
            open_now="",
            is_won=True,
        )
    )
    return {
        "bands": bands,
        "width": WIDTH,
        "height": TOP + len(bands) * BAND + 4,
        "left": CENTRE - FUNNEL_WIDTH / 2 - 12,
        "right": CENTRE + FUNNEL_WIDTH / 2 + 12,
    }
