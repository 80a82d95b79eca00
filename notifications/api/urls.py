from rest_framework.routers import SimpleRouter

from notifications.api.views import ChatChannelViewSet, NotificationViewSet

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")
router.register("chat-channels", ChatChannelViewSet, basename="chat-channel")

urlpatterns = router.urls
