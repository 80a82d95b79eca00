from goals.models.alignment_snapshot import AlignmentSnapshot
from goals.models.checkin import CheckIn, Confidence
from goals.models.comment import GoalComment
from goals.models.cycle import Cycle, Phase
from goals.models.deletion import ChildrenChoice, Deletion
from goals.models.flag import AlignmentFlag, FlagKind, Severity
from goals.models.goal import (
    FINAL_STATUSES,
    TIER_RANK,
    Direction,
    Goal,
    GoalQuerySet,
    Rollup,
    Status,
    Tier,
    Unit,
    Visibility,
)
from goals.models.import_job import ImportJob, ImportKind, ImportStatus
from goals.models.pending import PendingGoal
from goals.models.phasing import GoalPeriod, GoalPhasing, Granularity, PhasingMethod
from goals.models.score import GoalScore, Outcome

__all__ = [
    "FINAL_STATUSES",
    "TIER_RANK",
    "AlignmentFlag",
    "AlignmentSnapshot",
    "CheckIn",
    "ChildrenChoice",
    "Confidence",
    "Cycle",
    "Deletion",
    "Direction",
    "FlagKind",
    "Goal",
    "GoalComment",
    "GoalPeriod",
    "GoalPhasing",
    "GoalQuerySet",
    "GoalScore",
    "Granularity",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "Outcome",
    "PendingGoal",
    "Phase",
    "PhasingMethod",
    "Rollup",
    "Severity",
    "Status",
    "Tier",
    "Unit",
    "Visibility",
]
