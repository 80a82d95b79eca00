from django.urls import path
from rest_framework.routers import SimpleRouter

from integrations.api.views import CrmConnectionViewSet, FeedWebhookView, MetricFeedViewSet

router = SimpleRouter()
router.register("feeds", MetricFeedViewSet, basename="feed")
router.register("crm-connections", CrmConnectionViewSet, basename="crm-connection")

urlpatterns = [
    path("feeds/<int:pk>/webhook/", FeedWebhookView.as_view(), name="feed-webhook"),
    *router.urls,
]
