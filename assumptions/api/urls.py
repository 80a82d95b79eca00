from rest_framework.routers import SimpleRouter

from assumptions.api.views import AssumptionViewSet, ChallengeViewSet, ChangeRequestViewSet, CommentViewSet

router = SimpleRouter()
router.register("assumptions", AssumptionViewSet, basename="assumption")
router.register("challenges", ChallengeViewSet, basename="challenge")
router.register("comments", CommentViewSet, basename="comment")
router.register("change-requests", ChangeRequestViewSet, basename="change-request")

urlpatterns = router.urls
