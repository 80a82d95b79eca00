"""The REST API at /api/ (API.md). Each app registers its own routes in ``<app>/api/urls.py``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts.api.tokens import TokenObtainView

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("docs/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # One line per app, each with a SimpleRouter in <app>/api/urls.py:
    path("", include("accounts.api.urls")),
    path("", include("goals.api.urls")),
    path("", include("assumptions.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("workshop.api")),
    path("", include("cabinet.api.urls")),
    path("", include("territories.api.urls")),
    path("", include("integrations.api.urls")),
]
