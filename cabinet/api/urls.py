from django.urls import path
from rest_framework.routers import SimpleRouter

from cabinet.api.views import (
    ActionItemViewSet,
    CabinetMeetingViewSet,
    CandidateList,
    CommitteeQuestionViewSet,
    CommitteeRoleViewSet,
    HighPerformerMarkViewSet,
    ShadowSeatViewSet,
    StrategyRoomView,
    TrackRecordView,
)

router = SimpleRouter()
router.register("cabinet/committee-roles", CommitteeRoleViewSet, basename="cabinet-committee-role")
router.register("cabinet/high-performer-marks", HighPerformerMarkViewSet, basename="cabinet-high-performer-mark")
router.register("cabinet/seats", ShadowSeatViewSet, basename="cabinet-seat")
router.register("cabinet/questions", CommitteeQuestionViewSet, basename="cabinet-question")
router.register("cabinet/meetings", CabinetMeetingViewSet, basename="cabinet-meeting")
router.register("cabinet/action-items", ActionItemViewSet, basename="cabinet-action-item")

urlpatterns = [
    *router.urls,
    path("cabinet/candidates/", CandidateList.as_view(), name="cabinet-candidates"),
    path("cabinet/strategy-room/", StrategyRoomView.as_view(), name="cabinet-strategy-room"),
    path("cabinet/track-record/", TrackRecordView.as_view(), name="cabinet-track-record"),
]
