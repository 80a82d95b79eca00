from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Cascade administration"
admin.site.site_title = "Cascade"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("config.api_urls")),
    path("", include("dashboard.urls")),
    path("", include("goals.urls")),
    path("", include("goals.alignment.urls")),
    path("", include("goals.quotas.urls")),
    path("", include("assumptions.urls")),
    path("", include("notifications.urls")),
    path("", include("workshop.urls")),
    path("", include("cabinet.urls")),
    path("", include("territories.urls")),
    path("", include("integrations.urls")),
    path("", include("audit.urls")),
]
