from rest_framework.routers import SimpleRouter

from accounts.api.tokens import ApiTokenViewSet
from accounts.api.views import PersonViewSet

router = SimpleRouter()
router.register("people", PersonViewSet, basename="person")
router.register("auth/tokens", ApiTokenViewSet, basename="api-token-mine")

urlpatterns = router.urls
