from rest_framework.routers import SimpleRouter

from goals.api.views import (
    AlignmentFlagViewSet,
    CycleViewSet,
    DeletionViewSet,
    GoalCheckInViewSet,
    GoalViewSet,
    ImportJobViewSet,
)
from goals.quotas.api import urlpatterns as quota_urlpatterns

router = SimpleRouter()
router.register("cycles", CycleViewSet, basename="cycle")
router.register("goals", GoalViewSet, basename="goal")
router.register(r"goals/(?P<goal_pk>\d+)/checkins", GoalCheckInViewSet, basename="goal-checkin")
router.register("flags", AlignmentFlagViewSet, basename="flag")
router.register("deletions", DeletionViewSet, basename="deletion")
router.register("import-jobs", ImportJobViewSet, basename="import-job")

urlpatterns = [*router.urls, *quota_urlpatterns]
