from goals.api.views.checkins import GoalCheckInViewSet
from goals.api.views.cycles import CycleViewSet
from goals.api.views.deletions import DeletionViewSet
from goals.api.views.flags import AlignmentFlagViewSet
from goals.api.views.goals import GoalViewSet
from goals.api.views.import_jobs import ImportJobViewSet

__all__ = [
    "AlignmentFlagViewSet",
    "CycleViewSet",
    "DeletionViewSet",
    "GoalCheckInViewSet",
    "GoalViewSet",
    "ImportJobViewSet",
]
