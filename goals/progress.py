"""How progress is measured and rolled up the cascade: one definition, in Python and SQL."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

INCREASE, DECREASE, STAY_WITHIN = "increase", "decrease", "stay_within"


def progress_ratio(baseline: Decimal, target: Decimal, current: Decimal, direction: str = INCREASE) -> float:
    """How far a goal has come, 0..1, by its direction (docs/domain.md, Progress).

    - increase: (current - baseline) / (target - baseline); a goal whose target equals its
      baseline ("hold 92% retention") is done while current is at least the target;
    - decrease: (baseline - current) / (baseline - target) (churn from 10% down to 8%); with
      target equal to baseline, done while current is at most the target;
    - stay within: the band runs between baseline and target, either way round; 1 while
      current is inside it, 0 outside.
    """
    if direction == STAY_WITHIN:
        low, high = min(baseline, target), max(baseline, target)
        return 1.0 if low <= current <= high else 0.0
    if target == baseline:
        if direction == DECREASE:
            return 1.0 if current <= target else 0.0
        return 1.0 if current >= target else 0.0
    ratio = float((current - baseline) / (target - baseline))
    return min(1.0, max(0.0, ratio))


@dataclass(slots=True)
class RollupNode:
    """What rolling up needs to know about one goal."""

    id: int
    parent_id: int | None
    level: int
    own_progress: float
    weight: float
    manual: bool
    counted: bool  # counts toward its parent's roll-up (company-visible, not dropped)


def rolled_up_progress(nodes: Iterable[RollupNode]) -> dict[int, float]:
    """Rolled-up progress of every node: the weighted mean of its counted children's.

    A node with roll-up ``manual``, without counted children, or whose children all
    weigh 0, reports its own progress. Nodes whose children are missing from
    ``nodes`` are treated as leaves, so pass whole subtrees.
    """
    nodes = sorted(nodes, key=lambda node: node.level, reverse=True)
    weighted_sum: dict[int, float] = {}
    weight_total: dict[int, float] = {}
    result: dict[int, float] = {}
    for node in nodes:
        total = weight_total.get(node.id, 0.0)
        value = node.own_progress if node.manual or total <= 0 else weighted_sum[node.id] / total
        result[node.id] = value
        if node.parent_id is not None and node.counted and node.weight > 0:
            weighted_sum[node.parent_id] = weighted_sum.get(node.parent_id, 0.0) + node.weight * value
            weight_total[node.parent_id] = weight_total.get(node.parent_id, 0.0) + node.weight
    return result
