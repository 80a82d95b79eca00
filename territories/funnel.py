"""Funnel math: from a target, an average deal size and stage conversion rates, what pipeline a rep needs.

Pure arithmetic on ``Decimal`` (no database): ``territories.selectors.plan_funnel`` gathers the
inputs from a plan, its team's defaults and the rep's goal in the cascade, and this module
computes. Nothing here is ever typed by a person: the page, the printout and the API all show
what ``compute_funnel`` returns.

The formulas
------------
Inputs: the target ``T`` and what is closed so far ``C`` (the goal's target and current value),
the average deal size ``D > 0``, and the funnel's stages in order, each with a conversion rate
``r_i`` in (0, 100] (the share of opportunities in stage *i* that move on to the next stage;
for the last stage, the share that is won) and the pipeline open in it now ``p_i >= 0``.

1. remaining ``R = max(T - C, 0)``
2. win rate from stage *i*: ``w_i = r_i x r_i+1 x ... x r_k`` (as fractions); the funnel's win
   rate is ``w = w_1``
3. deals to win ``= ceil(R / D)``
4. opportunities that must reach stage *i* ``= ceil(R / (D x w_i))``
5. pipeline needed ``= R / w``
6. expected bookings from the pipeline now ``E = sum(p_i x w_i)``: a late-stage dollar is worth more
7. funnel gap ``= max(R - E, 0) / w``: new first-stage pipeline still to find
8. opportunities to add ``= ceil(max(R - E, 0) / (D x w))``
9. coverage ``= sum(p_i) / pipeline needed`` (none when nothing is needed)

Rounding: counts of opportunities and deals are rounded **up** (half an opportunity is a whole
one to find), each from the exact ratio rather than from an already rounded count; money is
rounded to cents, half up, only when shown, never between steps.

Worked example (tests/territories/test_funnel_math.py)
------------------------------------------------------
Target $1,000,000 with $100,000 closed; average deal $45,000; stages Qualified 50%,
Proposal 60%, Negotiation 70%; pipeline now $600,000 qualified, $300,000 in proposal,
$200,000 in negotiation.

- R = 900,000; w = 0.5 x 0.6 x 0.7 = 0.21 (w_2 = 0.42, w_3 = 0.7)
- deals to win = ceil(900,000 / 45,000) = 20
- opportunities through Qualified = ceil(900,000 / 9,450) = ceil(95.24) = 96, Proposal 48, Negotiation 29
- pipeline needed = 900,000 / 0.21 = $4,285,714.29
- expected bookings E = 600,000 x 0.21 + 300,000 x 0.42 + 200,000 x 0.7 = $392,000
- funnel gap = (900,000 - 392,000) / 0.21 = $2,419,047.62
- opportunities to add = ceil(508,000 / 9,450) = ceil(53.76) = 54
- coverage = 1,100,000 / 4,285,714.29 = 0.26

With no pipeline at all the gap is the whole pipeline needed and the opportunities to add are
those that must reach the first stage (96 above); with the target already met, every figure is 0.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_STAGES = 8


class FunnelInputError(ValueError):
    """The inputs cannot make a funnel; ``errors`` maps each input to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage of the funnel as the rep (or the team) set it."""

    name: str
    conversion_rate: Decimal  # percent, in (0, 100]
    open_pipeline: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class StageResult:
    """One stage of the computed funnel."""

    name: str
    conversion_rate: Decimal  # percent
    win_rate: Decimal  # fraction: the chance an opportunity in this stage is won
    opportunities_needed: int  # opportunities that must reach this stage
    pipeline_needed: Decimal  # their value, in cents
    open_pipeline: Decimal
    expected_bookings: Decimal  # what the pipeline open now should bring in, in cents


@dataclass(frozen=True, slots=True)
class Funnel:
    """The computed funnel: what the rep needs, what they have, and the gap."""

    target: Decimal
    closed: Decimal
    remaining: Decimal
    average_deal_size: Decimal
    win_rate: Decimal  # fraction, from the first stage
    deals_needed: int
    pipeline_needed: Decimal
    open_pipeline: Decimal
    expected_bookings: Decimal
    gap: Decimal
    opportunities_to_add: int
    coverage: Decimal | None  # open pipeline / pipeline needed, two decimals; None when nothing is needed
    stages: tuple[StageResult, ...]

    @property
    def has_gap(self) -> bool:
        return self.gap > 0


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _round_up(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def rate_error(rate) -> str | None:
    """Why ``rate`` (percent) cannot be a conversion rate, or None when it can."""
    if rate is None:
        return "Give a conversion rate in percent, above 0 and at most 100."
    try:
        rate = Decimal(rate)
    except (InvalidOperation, TypeError, ValueError):
        return "A conversion rate is a number of percent, above 0 and at most 100."
    if not rate.is_finite() or rate <= 0 or rate > HUNDRED:
        return f"A conversion rate is a percentage above 0 and at most 100; {rate}% is not."
    return None


def deal_size_error(deal_size) -> str | None:
    """Why ``deal_size`` cannot be an average deal size, or None when it can."""
    if deal_size is None:
        return "Give the average deal size, an amount above 0."
    try:
        deal_size = Decimal(deal_size)
    except (InvalidOperation, TypeError, ValueError):
        return "The average deal size is an amount of money."
    if not deal_size.is_finite() or deal_size <= 0:
        return "The average deal size must be more than 0: a funnel of deals worth nothing never reaches a target."
    return None


def pipeline_error(amount) -> str | None:
    if amount is None:
        return None
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return "Open pipeline is an amount of money."
    if not amount.is_finite() or amount < 0:
        return "Open pipeline cannot be negative."
    return None


def _validate(average_deal_size, stages: Sequence[Stage]) -> None:
    errors: dict[str, str] = {}
    if message := deal_size_error(average_deal_size):
        errors["average_deal_size"] = message
    if not stages:
        errors["stages"] = "A funnel needs at least one stage with its conversion rate."
    elif len(stages) > MAX_STAGES:
        errors["stages"] = f"A funnel has at most {MAX_STAGES} stages."
    for stage in stages:
        message = rate_error(stage.conversion_rate) or pipeline_error(stage.open_pipeline)
        if message:
            errors.setdefault("stages", f"{stage.name or 'A stage'}: {message}")
    if errors:
        raise FunnelInputError(errors)


def compute_funnel(*, target: Decimal, closed: Decimal, average_deal_size: Decimal, stages: Sequence[Stage]) -> Funnel:
    """The funnel for reaching ``target`` from ``closed`` (see the module's formulas)."""
    _validate(average_deal_size, stages)
    with localcontext() as context:
        context.prec = 40  # exact for any product of a handful of two-decimal percentages
        deal = Decimal(average_deal_size)
        remaining = max(Decimal(target) - Decimal(closed), Decimal(0))
        rates = [Decimal(stage.conversion_rate) / HUNDRED for stage in stages]
        win_rates = []
        running = Decimal(1)
        for rate in reversed(rates):
            running *= rate
            win_rates.append(running)
        win_rates.reverse()
        win_rate = win_rates[0]

        results = []
        for stage, stage_win_rate in zip(stages, win_rates, strict=True):
            open_pipeline = Decimal(stage.open_pipeline or 0)
            results.append(
                StageResult(
                    name=stage.name,
                    conversion_rate=Decimal(stage.conversion_rate),
                    win_rate=stage_win_rate,
                    opportunities_needed=_round_up(remaining / (deal * stage_win_rate)),
                    pipeline_needed=_cents(remaining / stage_win_rate),
                    open_pipeline=open_pipeline,
                    expected_bookings=_cents(open_pipeline * stage_win_rate),
                )
            )
        open_total = sum((Decimal(stage.open_pipeline or 0) for stage in stages), Decimal(0))
        expected = sum(
            (Decimal(stage.open_pipeline or 0) * rate for stage, rate in zip(stages, win_rates, strict=True)),
            Decimal(0),
        )
        shortfall = max(remaining - expected, Decimal(0))
        pipeline_needed = remaining / win_rate
        coverage = (open_total / pipeline_needed).quantize(CENT, rounding=ROUND_HALF_UP) if pipeline_needed else None
        return Funnel(
            target=Decimal(target),
            closed=Decimal(closed),
            remaining=remaining,
            average_deal_size=deal,
            win_rate=win_rate,
            deals_needed=_round_up(remaining / deal),
            pipeline_needed=_cents(pipeline_needed),
            open_pipeline=open_total,
            expected_bookings=_cents(expected),
            gap=_cents(shortfall / win_rate),
            opportunities_to_add=_round_up(shortfall / (deal * win_rate)),
            coverage=coverage,
            stages=tuple(results),
        )
